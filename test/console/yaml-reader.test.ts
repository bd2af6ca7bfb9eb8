/**
 * kubectl's YAML reader, case by case (the differential suite in test/oracle compares the whole
 * reader with the real kubectl; these name the cases a learner meets).
 */
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_BYTES, readManifest } from '../../src/console/manifest/read.ts';
import { decodeUtf16WithBom } from '../../src/console/manifest/encoding.ts';
import { float32KeyString } from '../../src/console/manifest/yaml11.ts';
import { loadFiles } from '../../src/console/files.ts';
import { runScript } from '../../src/console/index.ts';

const configMap = (rest: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n${rest}`;

/** kubectl's stderr lines for reading one file. */
function errors(text: string, name = 'f.yaml'): string[] {
  const loaded = loadFiles({ read: () => text, list: () => [] }, [name]);
  if ('missing' in loaded) throw new Error(loaded.missing);
  return loaded.items.flatMap((i) => (i.type === 'error' ? [i.message] : []));
}

describe("kubectl's YAML reader", () => {
  it("reads the article's filebeat args, whose closing bracket sits under args", () => {
    const text = configMap(
      'spec:\n  args: [\n    "-c", "/etc/filebeat.yml",\n    "-e",\n  ]\n  next: 1\n',
    );
    const result = readManifest(text, 'f.yaml');
    expect(result.fatal).toBeUndefined();
    const object = result.entries[0].type === 'object' ? result.entries[0].object : undefined;
    expect(object?.value.spec).toEqual({ args: ['-c', '/etc/filebeat.yml', '-e'], next: 1 });
    // Spans still point into the text as written (a quoted value starts after its quote).
    expect(object?.spans.get('spec.args[2]')?.value).toMatchObject({ line: 8, column: 6 });
    expect(object?.spans.get('spec.next')?.key).toMatchObject({ line: 10, column: 3 });
  });

  it('reads a number starting with a dot as Go ParseFloat does, underscores only between digits', () => {
    // What kubectl v1.32 decoded: its resolver passes such text to ParseFloat unchanged.
    const result = readManifest(
      configMap('a: ._9\nb: .5_\nc: .5_5\nd: .5_5e1_0\ne: ._9e1\nf: 0._9\ng: .1e400\n'),
      'f.yaml',
    );
    const value = result.entries[0].type === 'object' && result.entries[0].object.value;
    expect(value).toMatchObject({
      a: '._9',
      b: '.5_',
      c: 0.55,
      d: 5500000000,
      e: '._9e1',
      f: 0.9,
      g: '.1e400',
    });
  });

  it('reads a lone dash in a flow collection as the string "-", as go-yaml does', () => {
    const result = readManifest(configMap('list: [a, -]\nmap: {k: -}\n'), 'f.yaml');
    const value = result.entries[0].type === 'object' && result.entries[0].object.value;
    expect(value).toMatchObject({ list: ['a', '-'], map: { k: '-' } });
  });

  it('refuses .nan and .inf as sigs.k8s.io/yaml does when it turns them into JSON', () => {
    expect(errors(configMap('data:\n  ratio: .nan\n'))).toEqual([
      'error: error parsing f.yaml: error converting YAML to JSON: json: unsupported value: NaN',
    ]);
    expect(errors(configMap('data: {b: .inf, a: -.Inf}\n'))).toEqual([
      'error: error parsing f.yaml: error converting YAML to JSON: json: unsupported value: -Inf',
    ]);
  });

  it('keeps .nan and .inf as map keys, spelled as kubectl spells them', () => {
    const result = readManifest(
      configMap('data: {.nan: a, -.inf: b, 1e6: c, 3.14159265358979: d}\n'),
      'f.yaml',
    );
    const value = result.entries[0].type === 'object' && result.entries[0].object.value;
    expect(Object.keys((value as { data: object }).data)).toEqual([
      '.nan',
      '-.inf',
      '1e+06',
      '3.1415927',
    ]);
    expect(float32KeyString(0.000001)).toBe('1e-06');
  });

  it('refuses a null key in the words of sigs.k8s.io/yaml, with the value in Go syntax', () => {
    expect(errors(configMap('data:\n  ~: [a, 1e6, {b: 1}]\n'))).toEqual([
      'error: error parsing f.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: []interface {}{"a", 1e+06, map[interface {}]interface {}{"b":1}}',
    ]);
  });

  it('refuses a 100 KB string repeated by 20,000 aliases at once, as a playground limit', () => {
    const lines = [configMap(`big: &big "${'x'.repeat(100_000)}"\ncopies:\n`)];
    for (let i = 0; i < 20_000; i++) lines.push('- *big\n');
    // How long the refusal takes is printed by `npm run bench` (console.bench.ts), not asserted.
    const [message] = errors(lines.join(''));
    expect(message).toBe(
      `error: error parsing f.yaml: aliases expand this file past ${MAX_ALIAS_BYTES / 1024 / 1024} MiB, more than the playground expands (a playground limit: kubectl would go on expanding, for minutes)`,
    );
  });

  it("refuses the nested billion-laughs shape in go-yaml's words", () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(errors(configMap(levels.join('\n') + '\n'))).toEqual([
      'error: error parsing f.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
    ]);
  });

  it('accepts the aliases a real manifest uses', () => {
    const text = configMap('base: &env [{name: A, value: "1"}]\none: *env\ntwo: *env\n');
    expect(errors(text)).toEqual([]);
  });

  it('decodes UTF-16 with a byte order mark, both byte orders, as kubectl does', () => {
    const text = configMap('data:\n  note: "café"\n');
    const little = new Uint8Array(2 + text.length * 2);
    const big = new Uint8Array(2 + text.length * 2);
    little.set([0xff, 0xfe]);
    big.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      little.set([unit & 0xff, unit >> 8], 2 + i * 2);
      big.set([unit >> 8, unit & 0xff], 2 + i * 2);
    }
    expect(decodeUtf16WithBom(little)).toBe(text);
    expect(decodeUtf16WithBom(big)).toBe(text);
    expect(decodeUtf16WithBom(new Uint8Array([0x61, 0x3a]))).toBeUndefined();
    // A UTF-8 byte order mark is dropped.
    expect(errors(`\uFEFF${text}`)).toEqual([]);
  });

  it("counts an error's line from the start of its document in a multi-document file", () => {
    const text = `${configMap('a: 1\n')}---\n${configMap('data:\n  b: "2"\n   c: "3"\n')}`;
    expect(errors(text)).toEqual([
      'error: error parsing f.yaml: error converting YAML to JSON: yaml: line 6: did not find expected key',
    ]);
  });

  it('reads __proto__, constructor and prototype as ordinary keys of prototype-free maps', () => {
    const result = readManifest(
      configMap(
        'data:\n  __proto__: a\n  constructor: b\n  prototype: c\nlist: [{__proto__: {polluted: yes}}]\n',
      ),
      'f.yaml',
    );
    const value = (result.entries[0].type === 'object' && result.entries[0].object.value) as {
      data: object;
      list: object[];
    };
    expect(Object.keys(value.data)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getPrototypeOf(value.data)).toBeNull();
    expect(Object.keys(value.list[0])).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hands a __proto__ label key to the API server, which refuses it as an invalid label name', () => {
    const node =
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n    __proto__: "yes"\n';
    const [record] = runScript('kubectl apply -f node.yaml\n', {
      seed: 1,
      files: { read: (name) => (name === 'node.yaml' ? node : undefined), list: () => [] },
    });
    expect(record.exit).toBe(1);
    expect(record.err).toMatch(
      /^The Node "n1" is invalid: metadata\.labels: Invalid value: "__proto__": name part must consist of alphanumeric characters/,
    );
  });
});
