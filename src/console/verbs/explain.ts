/**
 * `kubectl explain RESOURCE[.field.path]`: a kind's or field's documentation in kubectl v1.32's
 * plaintext layout. The field list and types come from the API server's own schema
 * (engine/api/schema.ts, the k8s.io/api v1.32 fields), the descriptions from the editor's
 * schema (kube/openapi-schema.ts), so the console and the editor's hover say the same thing.
 */
import type { Verb } from './verb.ts';
import { STRUCTS, type FieldSchema } from '../../engine/api/schema.ts';
import { KIND_TABLE } from '../../engine/kinds.ts';
import { MANIFEST_SCHEMA, type JSONSchema } from '../../kube/openapi-schema.ts';
import { resolveType } from '../targets.ts';
import {
  explainFieldMissing,
  explainNeedsResource,
  explainOneResource,
  unknownResourceType,
} from '../messages.ts';

/** The line width sprig's `wrap` gets in the template (76 for descriptions at level 1). */
const WRAP = 76;

/** The explain type hint of a field (upstream: the template's "typeGuess"). */
export function typeGuess(field: FieldSchema): string {
  switch (field.type) {
    case 'string':
    case 'time':
    case 'bytes':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'quantity':
      return 'Quantity';
    case 'intOrString':
      return 'IntOrString';
    case 'struct':
      return lastDotted(STRUCTS[field.ref].go);
    case 'opaque':
      return lastDotted(field.go);
    case 'array':
      return `[]${typeGuess(field.items)}`;
    case 'map':
      return `map[string]${typeGuess(field.values)}`;
    case 'any':
      return 'Object';
  }
}

function lastDotted(go: string): string {
  return go.slice(go.lastIndexOf('.') + 1);
}

/** Markdown emphasis dropped: the terminal shows plain text. */
function plain(markdown: string | undefined): string | undefined {
  return markdown?.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\*([^*]+)\*/g, '$1');
}

/** Greedy word wrap at `width` columns, as sprig's `wrap` does for one paragraph. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ').filter((w) => w !== '')) {
        if (line !== '' && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

/** sprig's `indent`: every line, the empty last one included, gets the padding. */
function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

/** One step down: a struct's fields, through arrays and maps to the struct they hold. */
function fieldsOf(field: FieldSchema | undefined): Record<string, FieldSchema> | undefined {
  if (field === undefined) return undefined;
  if (field.type === 'array') return fieldsOf(field.items);
  if (field.type === 'map') return fieldsOf(field.values);
  if (field.type === 'struct') return STRUCTS[field.ref].fields;
  return undefined;
}

/** The same step in the editor schema: through `items` and `additionalProperties`. */
function describedOf(node: JSONSchema | undefined): JSONSchema | undefined {
  if (node === undefined) return undefined;
  if (node.properties) return node;
  if (node.items) return describedOf(node.items);
  if (node.additionalProperties) return describedOf(node.additionalProperties);
  return undefined;
}

/** The editor schema's alternative for a kind (its descriptions), if it describes the kind. */
function kindNode(kind: string): JSONSchema | undefined {
  return MANIFEST_SCHEMA.anyOf?.find((alt) => alt.title === kind);
}

/** kubectl's enum hint: sorted values, at most `limit` before `, ....` (-1: all). */
function enumValues(node: JSONSchema | undefined): string[] {
  return [...(node?.enum ?? [])].sort().map((v) => (v === '' ? '""' : v));
}

/** From a path like `ds.spec.updateStrategy`, the explain text, or kubectl's error. */
export function explain(path: string): { text: string } | { error: string } {
  const [resource, ...fieldPath] = path.split('.');
  const type = resolveType(resource);
  if ('error' in type) return type;
  const info = KIND_TABLE.find((k) => k.kind === type.kind);
  if (!info) return { error: unknownResourceType(resource) };
  const [group, version] = info.apiVersion.includes('/')
    ? info.apiVersion.split('/')
    : ['', info.apiVersion];
  let fields: Record<string, FieldSchema> | undefined = STRUCTS[type.kind]?.fields;
  let node = kindNode(type.kind);
  let header = '';
  let description = node?.markdownDescription;
  // The kind's own required list is the editor's (apiVersion, kind, metadata), not the API's.
  let required: string[] = [];
  for (const [i, name] of fieldPath.entries()) {
    const field = fields?.[name];
    if (field === undefined) return { error: explainFieldMissing(name) };
    const fieldNode = describedOf(node)?.properties?.[name];
    if (i === fieldPath.length - 1) {
      const values = enumValues(fieldNode);
      const enumText = values.length ? `ENUM:${values.map((v) => `\n    ${v}`).join('')}` : '';
      header = `FIELD: ${name} <${typeGuess(field)}>\n${enumText}\n\n`;
    }
    description = fieldNode?.markdownDescription;
    fields = fieldsOf(field);
    node = fieldNode;
    required = describedOf(fieldNode)?.required ?? [];
  }
  const about = plain(description);
  const lines = [
    group ? `GROUP:      ${group}\n` : '',
    `KIND:       ${type.kind}\n`,
    `VERSION:    ${version}\n\n`,
    header,
    'DESCRIPTION:\n',
    about ? `${indent(wrapText(`${about}\n`, WRAP), 4)}\n` : `${indent('<empty>', 4)}\n`,
  ];
  const names = Object.keys(fields ?? {}).sort();
  if (fields && names.length > 0) {
    lines.push('FIELDS:\n');
    const described = describedOf(node);
    for (const name of names) {
      const fieldNode = described?.properties?.[name];
      const values = enumValues(fieldNode);
      const shown = values.length > 4 ? [...values.slice(0, 4), '....'] : values;
      const enumText = values.length ? `\n  enum: ${shown.join(', ')}` : '';
      const mark = required.includes(name) ? ' -required-' : '';
      lines.push(`  ${name}\t<${typeGuess(fields[name])}>${mark}${enumText}\n`);
      const text = plain(fieldNode?.markdownDescription) ?? '<no description>';
      lines.push(`${indent(wrapText(text, WRAP), 4)}\n\n`);
    }
  }
  lines.push('\n');
  return { text: lines.join('') };
}

export const explainVerb: Verb = {
  name: 'explain',
  short: 'Get documentation for a resource',
  usage: 'kubectl explain TYPE[.FIELD.FIELD...] [options]',
  flags: [],
  mutates: false,
  run(args, context) {
    const [path, ...extra] = args.positionals;
    if (path === undefined) return context.output.fail(explainNeedsResource());
    if (extra.length > 0) return context.output.fail(explainOneResource());
    const result = explain(path);
    if ('error' in result) return context.output.fail(result.error);
    context.output.write(result.text);
    return 0;
  },
  completeArgs: (args) => (args.length === 0 ? KIND_TABLE.map((k) => k.plural) : []),
};
