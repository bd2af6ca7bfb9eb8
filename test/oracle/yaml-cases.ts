/**
 * Generated YAML files for the differential reader suite: ConfigMap documents (kubectl's
 * `create --dry-run=client` carries any top-level field of one through) whose extra fields hold
 * YAML 1.1 scalars of every flavour, block and flow collections, anchors and aliases, several
 * documents per file, and, for the syntax property, one random damage to the text.
 */
import fc from 'fast-check';
import { readManifest } from '../../src/console/manifest/read.ts';
import { resolveKey } from '../../src/console/manifest/yaml11.ts';
import { fatalMessage } from '../../src/console/files.ts';
import type { KubectlRead } from '../support/kubectl-oracle.ts';

/** A YAML node before rendering. */
export type Node =
  | { t: 'scalar'; text: string }
  | { t: 'seq'; items: Node[]; flow: boolean; anchor: boolean }
  | { t: 'map'; entries: [string, Node][]; flow: boolean; anchor: boolean }
  | { t: 'alias'; pick: number };

/**
 * Keys of one mapping that differ as written but meet as JSON keys (`"true"` and `y`) are two Go
 * map keys that sigs.k8s.io/yaml turns into one JSON key in random map order, so kubectl's
 * result is not deterministic: such later keys are dropped. Plain duplicates stay (last wins).
 */
function distinctKeys<T>(entries: [string, T][]): [string, T][] {
  const seen = new Map<string | null, string>();
  return entries.filter(([k]) => {
    const quoted = k.startsWith('"');
    const key = resolveKey(quoted ? k.slice(1, -1) : k, undefined, !quoted);
    const first = seen.get(key);
    // NaN is never equal to itself, so two `.nan` keys are two Go map keys as well.
    if (first !== undefined && (first !== k || key === '.nan')) return false;
    seen.set(key, k);
    return true;
  });
}

/** Plain scalars whose YAML 1.1 reading differs from YAML 1.2's or from a string. */
const FLAVOURS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'N',
  'Yes',
  'NO',
  'On',
  'OFF',
  'true',
  'False',
  'TRUE',
  'null',
  'Null',
  'NULL',
  '~',
  '0600',
  '0777',
  '08',
  '0x1F',
  '0X1f',
  '0o17',
  '0b101',
  '-0b11',
  '1_000',
  '+12',
  '-3',
  '0',
  '-0',
  '1.5',
  '.5',
  '-.5',
  '1.',
  '1e3',
  '1E+3',
  '-1.2e-3',
  '0.1',
  '1_0.5',
  '6.02e23',
  '1e400',
  '9007199254740991',
  '-9007199254740991',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43',
  '1:20',
  '190:20:30',
  '.nan',
  '.NaN',
  '.inf',
  '-.Inf',
  '+.INF',
  '=',
  'a b',
  'x-y',
  'foo.bar',
  '~a',
  'nil',
  'none',
  '0.',
  '.',
  '-',
  '0x',
  '1__2',
  '_1',
  '1_',
  '+',
  '+.5',
  '0o',
  '12e',
];

const KEY_FLAVOURS = [
  'a',
  'b',
  'name',
  'yes',
  'on',
  'y',
  'n',
  'true',
  'null',
  '~',
  '1',
  '0600',
  '1.5',
  '1e6',
  '0.000001',
  '3.14159265358979',
  '-0',
  '.inf',
  '.nan',
  '2001-12-14',
  'x y',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'data',
  '<<',
];

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);

/** Characters that make quoted scalars interesting (escapes, colons, hashes, unicode). */
const quotedText = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', ':', '#', '\\', '"', "'", '\n', '\t', 'é', '€', '-', '['),
  maxLength: 8,
});

function doubleQuote(text: string): string {
  let out = '"';
  for (const c of text) {
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === 'é') out += '\\u00e9';
    else out += c;
  }
  return `${out}"`;
}

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", "''").replaceAll('\n', ' ')}'`;
}

/** A scalar as written: a flavour or word plain, or any of them quoted. */
export const scalarText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FLAVOURS) },
  { weight: 2, arbitrary: word },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom(...FLAVOURS), quotedText), fc.boolean())
      .map(([t, dq]) => (dq ? doubleQuote(t) : singleQuote(t))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '!!str 5',
      '!!int "7"',
      '!!float 1',
      '!!bool yes',
      '!!null ""',
      '!!str yes',
    ),
  },
);

const keyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEY_FLAVOURS) },
  { weight: 2, arbitrary: word },
  { weight: 1, arbitrary: fc.constantFrom(...KEY_FLAVOURS).map((k) => `"${k}"`) },
);

const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'yaml' },
    { weight: 4, arbitrary: scalarText.map((text): Node => ({ t: 'scalar', text })) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          items: fc.array(tie('node'), { maxLength: 4 }),
          flow: fc.boolean(),
          anchor: fc.boolean(),
        })
        .map((r): Node => ({ t: 'seq', ...r })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          entries: fc.array(fc.tuple(keyText, tie('node')), { maxLength: 4 }),
          flow: fc.boolean(),
          anchor: fc.boolean(),
        })
        .map((r): Node => ({ t: 'map', ...r, entries: distinctKeys(r.entries) })),
    },
    { weight: 1, arbitrary: fc.nat(20).map((pick): Node => ({ t: 'alias', pick })) },
  ),
}));

/** Renders nodes, numbering anchors in document order so aliases refer to earlier ones. */
class Renderer {
  private anchors = 0;

  private anchorOf(n: Node): string {
    if ((n.t === 'seq' || n.t === 'map') && n.anchor) return `&a${this.anchors++} `;
    return '';
  }

  private alias(pick: number): string {
    return this.anchors === 0 ? '~' : `*a${pick % this.anchors}`;
  }

  /** A node in flow context. */
  flow(n: Node): string {
    switch (n.t) {
      case 'scalar':
        return n.text;
      case 'alias':
        return this.alias(n.pick);
      case 'seq': {
        const a = this.anchorOf(n);
        return `${a}[${n.items.map((i) => this.flow(i)).join(', ')}]`;
      }
      case 'map': {
        const a = this.anchorOf(n);
        return `${a}{${n.entries.map(([k, v]) => `${k}: ${this.flow(v)}`).join(', ')}}`;
      }
    }
  }

  /** The value after `key:` or `- ` at indent `indent`: inline text or a newline and a block. */
  value(n: Node, indent: number, inSeq: boolean): string {
    if (n.t === 'scalar') return ` ${n.text}\n`;
    if (n.t === 'alias') return ` ${this.alias(n.pick)}\n`;
    const empty = n.t === 'seq' ? n.items.length === 0 : n.entries.length === 0;
    if (n.flow || empty) return ` ${this.flow(n)}\n`;
    const a = this.anchorOf(n).trimEnd();
    // A block sequence under a mapping key may sit at the key's own indentation.
    const inner = n.t === 'seq' && !inSeq ? indent : indent + 2;
    return `${a === '' ? '' : ` ${a}`}\n${this.block(n, inner)}`;
  }

  /** A block collection at indent `indent`. */
  block(n: Node & { t: 'seq' | 'map' }, indent: number): string {
    const pad = ' '.repeat(indent);
    if (n.t === 'seq') return n.items.map((i) => `${pad}-${this.value(i, indent, true)}`).join('');
    return n.entries.map(([k, v]) => `${pad}${k}:${this.value(v, indent, false)}`).join('');
  }
}

/** One ConfigMap document with generated top-level fields after its envelope. */
function renderDocument(fields: [string, Node][], name: string): string {
  const r = new Renderer();
  const head = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;
  return head + fields.map(([k, v]) => `f${k}:${r.value(v, 0, false)}`).join('');
}

const fields = fc.array(fc.tuple(word, node), { minLength: 1, maxLength: 4 });

/**
 * Whether every document has at most one null key: of several, kubectl reports the one Go's
 * random map order meets first, so such files have no single right answer.
 */
function atMostOneNullKey(text: string): boolean {
  return text
    .split(/^---$/m)
    .every((doc) => (doc.match(/(^|[\s{,])(~|null|Null|NULL):(\s|$)/gm) ?? []).length <= 1);
}

/** Files of one to three valid-looking documents (case numbers make the names unique). */
export const yamlFile: fc.Arbitrary<string> = fc
  .array(fields, { minLength: 1, maxLength: 3 })
  .map((docs) => docs.map((d, i) => renderDocument(d, `c${i}`)).join('---\n'))
  .filter(atMostOneNullKey);

/** Files whose only generated part is one top-level field with a scalar of some flavour. */
export const scalarFile: fc.Arbitrary<string> = fc
  .array(fc.tuple(keyText, scalarText), { minLength: 1, maxLength: 6 })
  .map(distinctKeys)
  .map(
    (pairs) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c0\n  namespace: default\n` +
      `data:\n${pairs.map(([k, v]) => `  ${k}: ${v}\n`).join('')}` +
      `flow: {${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}\n` +
      `list: [${pairs.map(([, v]) => v).join(', ')}]\n`,
  );

/** Damage done to a text at a position (chosen as a fraction of its length). */
const DAMAGE: ((text: string, at: number) => string)[] = [
  (t, at) => `${t.slice(0, at)}\t${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}: ${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}[${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}]${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}{${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}"${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}'${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}\n  - x\n${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}\n x: 1\n${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}*nope ${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}&${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}- ${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}#${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}\n---\n${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}%${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}? ${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}|${t.slice(at)}`,
  (t, at) => t.slice(0, at) + t.slice(at + 1),
];

/** Generated files with one random damage after the envelope (which stays intact). */
export const damagedFile: fc.Arbitrary<string> = fc
  .tuple(yamlFile, fc.nat(DAMAGE.length - 1), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([text, which, where]) => {
    const envelope = text.indexOf('namespace: default\n') + 'namespace: default\n'.length;
    const at = envelope + Math.floor(where * (text.length - envelope));
    return DAMAGE[which](text, at);
  })
  // kubectl looks kinds up in the stub's discovery, so damage to a kind's name is a mapping
  // error of the stub (`no matches for kind`), not a matter of reading YAML.
  .filter((text) => !/^kind: (?!ConfigMap$)/m.test(text));

/** Our reading of a file in the oracle's terms: objects as JSON, errors without the prefixes. */
export function ourRead(text: string): KubectlRead {
  const result = readManifest(text, 'FILE');
  const objects: unknown[] = [];
  const errors: string[] = [];
  for (const entry of result.entries) {
    if (entry.type === 'object') objects.push(JSON.parse(JSON.stringify(entry.object.value)));
    else errors.push(entry.problem.message);
  }
  if (result.fatal) errors.push(fatalMessage('FILE', result.fatal));
  const cleaned = errors.map((e) => e.replace(/^error: /, '').replace(/^error parsing FILE: /, ''));
  return { objects, ...(cleaned.length > 0 ? { error: cleaned.join('\n') } : {}) };
}
