import { describe, expect, it } from 'vitest';
import { findSpan, readManifest } from '../../src/console/manifest/read.ts';
import { parseGoInt, resolvePlainScalar } from '../../src/console/manifest/yaml11.ts';

function objects(text: string): Record<string, unknown>[] {
  return readManifest(text, 'f.yaml')
    .entries.filter((e) => e.type === 'object')
    .map((e) => (e.type === 'object' ? JSON.parse(JSON.stringify(e.object.value)) : undefined));
}

describe('YAML 1.1 scalars as kubectl reads them', () => {
  it('reads a leading zero as octal, as Go ParseInt with base 0 does', () => {
    expect(resolvePlainScalar('0600')).toBe(384);
    expect(resolvePlainScalar('0o600')).toBe(384);
    expect(resolvePlainScalar('0x1F')).toBe(31);
    expect(resolvePlainScalar('0b101')).toBe(5);
    expect(resolvePlainScalar('1_000')).toBe(1000);
  });

  it('reads yes/no/on/off in their three spellings as booleans, and nothing else', () => {
    for (const t of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'])
      expect(resolvePlainScalar(t)).toBe(true);
    for (const f of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'])
      expect(resolvePlainScalar(f)).toBe(false);
    expect(resolvePlainScalar('yEs')).toBe('yEs');
  });

  it('keeps an unquoted date as its text, as go-yaml hands timestamps to kubectl', () => {
    expect(resolvePlainScalar('2024-01-01')).toBe('2024-01-01');
  });

  it('reads nulls and floats', () => {
    expect(resolvePlainScalar('~')).toBe(null);
    expect(resolvePlainScalar('')).toBe(null);
    expect(resolvePlainScalar('0.5')).toBe(0.5);
    expect(resolvePlainScalar('1e3')).toBe(1000);
  });

  it('refuses malformed octal as Go does', () => {
    expect(parseGoInt('0800')).toBeUndefined();
    expect(resolvePlainScalar('0800')).toBe(800);
  });

  it('applies the readings inside a manifest, and keeps quoted values as strings', () => {
    const [cm] = objects(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: "0600"\n  b: yes\n  c: 0600\n',
    );
    expect(cm.data).toEqual({ a: '0600', b: true, c: 384 });
  });
});

describe('readManifest', () => {
  it('reads multi-document files and List items in order', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n- {apiVersion: v1, kind: Node, metadata: {name: c}}\n';
    const read = objects(`apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\n${list}`);
    expect(read.map((o) => (o.metadata as { name: string }).name)).toEqual(['a', 'b', 'c']);
  });

  it('skips empty and comment-only documents', () => {
    expect(
      objects('---\n# nothing\n---\n\n---\napiVersion: v1\nkind: Node\nmetadata: {name: a}\n'),
    ).toHaveLength(1);
  });

  it('keeps the documents before a syntax error and reports the line within the broken document', () => {
    const result = readManifest(
      'apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n   labels: x\n---\napiVersion: v1\nkind: Node\nmetadata: {name: c}\n',
      'f.yaml',
    );
    expect(result.entries).toHaveLength(1);
    expect(result.fatal?.documentLine).toBe(5);
    expect(result.fatal?.span.line).toBe(9);
    expect(result.fatal?.problem).toBe('mapping values are not allowed in this context');
  });

  it('keeps the last of two duplicate keys and warns with both lines', () => {
    const result = readManifest(
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  name: b\n',
      'f.yaml',
    );
    const [entry] = result.entries;
    expect(entry.type === 'object' && (entry.object.value.metadata as { name: string }).name).toBe(
      'b',
    );
    expect(result.warnings[0].span.line).toBe(5);
    expect(result.warnings[0].message).toContain('line 4');
  });

  it('maps a field path to the line of its key', () => {
    const text =
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: busybox\n';
    const [entry] = readManifest(text, 'f.yaml').entries;
    if (entry.type !== 'object') throw new Error('expected an object');
    expect(findSpan(entry.object.spans, 'spec.template.spec.containers[0].image')?.key?.line).toBe(
      10,
    );
    expect(
      findSpan(entry.object.spans, 'spec.template.spec.containers[0].resources.requests[cpu]')
        ?.value.line,
    ).toBe(9);
  });

  it('refuses a billion-laughs alias bomb before expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = readManifest(levels.join('\n') + '\n', 'bomb.yaml');
    expect(result.fatal?.problem).toBe('document contains excessive aliasing');
  });

  it('refuses nesting deeper than any object', () => {
    const deep = 'a: ' + '['.repeat(200) + ']'.repeat(200) + '\n';
    expect(readManifest(deep, 'deep.yaml').fatal?.problem).toMatch(/max depth/);
  });

  it('expands anchors and merge keys', () => {
    const [o] = objects(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbase: &b {p: 1, q: 2}\ndata:\n  <<: *b\n  q: 3\n',
    );
    expect(o.data).toEqual({ p: 1, q: 3 });
  });

  it("without validation (delete -f), reports a document without kind in the decoder's words and goes on", () => {
    const result = readManifest(
      'apiVersion: v1\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: y}\n',
      'f.yaml',
    );
    expect(result.entries[0].type === 'problem' && result.entries[0].problem.message).toBe(
      `error: unable to decode "f.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`,
    );
    expect(result.entries[1].type).toBe('object');
  });

  it('with validation (apply), stops the file at a document without kind or apiVersion', () => {
    const text =
      'apiVersion: v1\nkind: Node\nmetadata: {name: w}\n---\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: y}\n';
    const result = readManifest(text, 'f.yaml', { validate: true });
    expect(result.entries.map((e) => e.type)).toEqual(['object']);
    expect(result.fatal).toMatchObject({
      kind: 'validation',
      problem: '[apiVersion not set, kind not set]',
      span: { line: 5, endLine: 5 },
    });
  });

  it('with validation, refuses a document that is not a mapping and checks List items', () => {
    expect(readManifest('- a\n- b\n', 'f.yaml', { validate: true }).fatal?.problem).toBe(
      'invalid object to validate',
    );
    const list =
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, metadata: {name: a}}\n- {kind: 5}\n';
    expect(readManifest(list, 'f.yaml', { validate: true }).fatal?.problem).toBe(
      "[kind not set, apiVersion not set, kind isn't string type]",
    );
  });

  it('leaves an empty kind to the decoder even with validation, as kubectl does', () => {
    const result = readManifest('apiVersion: v1\nkind: ""\nmetadata: {name: x}\n', 'f.yaml', {
      validate: true,
    });
    expect(result.fatal).toBeUndefined();
    expect(result.entries[0].type === 'problem' && result.entries[0].problem.message).toMatch(
      /Object 'Kind' is missing/,
    );
  });

  it('refuses text after a document separator', () => {
    expect(readManifest('a: 1\n--- b\n', 'f.yaml').fatal?.problem).toBe(
      'invalid Yaml document separator: b',
    );
  });

  it('treats __proto__ as an ordinary key', () => {
    const [o] = objects(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  __proto__: polluted\n',
    );
    expect(Object.keys(o.data as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
