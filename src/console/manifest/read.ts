/**
 * Reading a manifest file the way kubectl does (apimachinery's YAMLReader + sigs.k8s.io/yaml):
 * split the stream at `---` lines, convert each document with YAML 1.1 readings, expand
 * `kind: List`, and stop at the first document that is not valid YAML (documents before it are
 * still applied). Unlike kubectl we keep where every field came from, so API errors and the
 * advisor can point at a line, and we budget alias expansion and nesting so a hostile file is
 * refused in milliseconds.
 */
import { fragmentHint } from './fragment.ts';
import { EVENT_ID, parseEvents, type Event as YamlEvent, getScalarValue } from 'js-yaml';
import {
  goMapSyntax,
  goScalar,
  goSliceSyntax,
  keyToString,
  resolveKey,
  resolvePlainScalar,
  resolveTaggedScalar,
  TagError,
  unsupportedFloatText,
} from './yaml11.ts';
import { firstEmptyKey, relaxIndentation, type Relaxed } from './relax.ts';
import { objectKindErrors, renderObjectKindErrors } from '../../engine/api/kind-check.ts';
import {
  duplicateKeyWarning,
  aliasBudgetProblem,
  excessiveAliasingProblem,
  excessiveNestingProblem,
  missingKind,
  notAnObject,
  unknownAnchorProblem,
} from '../messages.ts';

/** A 1-based range in the file, end exclusive (Monaco's convention). */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where one field of an object sits in the file. */
export interface FieldSpan {
  /** The key of a mapping entry (absent for sequence items and the document root). */
  key?: Span;
  /** The value node (its first token to its last scalar). */
  value: Span;
  /** Column (1-based) at which the entry starts: the key, or the item after `- `. */
  indent: number;
}

/** One object read from a file, with the spans of its fields keyed by field path. */
export interface ManifestObject {
  value: Record<string, unknown>;
  /** Index of the YAML document in the file (0-based). */
  document: number;
  /** Field path (`spec.template.spec.containers[0].image`) to where it is written. */
  spans: Map<string, FieldSpan>;
  /** Span of the whole object (its document, or its item of a List). */
  span: Span;
}

/** A document that parsed but cannot be an object (no kind, not a mapping). */
export interface ManifestProblem {
  message: string;
  span: Span;
}

export type ManifestEntry =
  { type: 'object'; object: ManifestObject } | { type: 'problem'; problem: ManifestProblem };

/**
 * An error that ends the file's stream: a syntax error (`line` is within its document, as go-yaml
 * counts) or, when validating, a document kubectl's client-side check refuses.
 */
export interface ManifestFatal {
  /**
   * yaml: go-yaml's error, the text after `error converting YAML to JSON: yaml: `; convert: a
   * value sigs.k8s.io/yaml cannot turn into JSON, the text after `error converting YAML to JSON: `
   * (`json: unsupported value: NaN`); limit: the playground's alias budget (kubectl has none);
   * stream: the stream error as kubectl prints it; validation: the text after
   * `error validating data: ` (getObjectKind's errors).
   */
  kind: 'yaml' | 'convert' | 'limit' | 'stream' | 'validation';
  problem: string;
  /** Line within the document (kubectl's number), or undefined when go-yaml gives none. */
  documentLine?: number;
  span: Span;
  /** For a validation error of a pasted fragment, where it belongs (the playground's hint). */
  hint?: string;
}

export interface ManifestReadResult {
  entries: ManifestEntry[];
  fatal?: ManifestFatal;
  /** Duplicate keys: kubectl keeps the last value; we say so. */
  warnings: ManifestProblem[];
}

/** Nesting deeper than this is no Kubernetes object (go-yaml v3 stops at 10000; we are stricter). */
export const MAX_DEPTH = 100;
/**
 * Bytes (of JSON, roughly) that aliases may add to a file. kubectl has no such limit and takes
 * minutes over a long string repeated by many aliases; the playground refuses at once instead.
 */
export const MAX_ALIAS_BYTES = 4 * 1024 * 1024;

/** go-yaml v2's alias ratio bounds (decode.go): nodes decoded before the ratio tightens. */
const ALIAS_RATIO_LOW = 400_000;
const ALIAS_RATIO_HIGH = 4_000_000;

/** The share of decoded nodes go-yaml v2 lets come from aliases, after `decoded` nodes. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= ALIAS_RATIO_LOW) return 0.99;
  if (decoded >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decoded - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

class ReadError extends Error {
  constructor(
    readonly problem: string,
    /** Where to mark the problem in the editor, if known. */
    readonly offset: number | undefined,
    readonly kind: 'yaml' | 'convert' | 'limit' = 'yaml',
    /** Whether kubectl's message names the line (go-yaml's decoder errors do not). */
    readonly withLine = offset !== undefined,
  ) {
    super(problem);
  }
}

/** Line starts of a text, for offset → line/column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A document of the stream: its text and where it starts in the file. */
interface Chunk {
  text: string;
  offset: number;
}

/**
 * Splits a stream at `---` lines as apimachinery's YAMLReader does: the separator line is not
 * part of either document and anything but a comment after `---` is an error.
 */
function splitDocuments(text: string): {
  chunks: Chunk[];
  error?: { problem: string; offset: number };
} {
  const chunks: Chunk[] = [];
  let start = 0;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end);
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') {
        return {
          chunks,
          error: { problem: `invalid Yaml document separator: ${trimmed}`, offset: pos },
        };
      }
      if (pos > start) chunks.push({ text: text.slice(start, pos), offset: start });
      start = end;
    }
    if (nl < 0) break;
    pos = end;
  }
  if (start < text.length) chunks.push({ text: text.slice(start), offset: start });
  return { chunks };
}

/** go-yaml's wording for the syntax errors learners make most, from js-yaml's reason. */
function toGoYamlProblem(reason: string, text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const atLineStart = /^[ \t]*$/.test(before);
  if (text[offset] === '\t' || reason.startsWith('tab characters')) {
    // A tab in the indentation after a plain value is met while go-yaml scans that value on.
    const previous = text.slice(0, lineStart).replace(/\n+$/, '');
    const lastLine = previous.slice(previous.lastIndexOf('\n') + 1);
    const endsInPlainValue =
      /(:|^\s*-)\s+[^\s'"[{|>#&*!][^#]*$/.test(lastLine) && !/[:\]}'"]\s*$/.test(lastLine);
    return atLineStart && endsInPlainValue
      ? 'found a tab character that violates indentation'
      : 'found character that cannot start any token';
  }
  if (/^-(\s|$)/.test(text.slice(offset, offset + 2))) {
    // A dash first on its line is a token the parser refuses; after a key, the scanner does.
    if (atLineStart) return 'did not find expected key';
    if (reason === 'bad indentation of a mapping entry') {
      return 'block sequence entries are not allowed in this context';
    }
  }
  if (/^[|>]/.test(text.slice(offset)) && /^[|>][-+0-9]*[ \t]*[^\s#]/.test(text.slice(offset))) {
    return 'did not find expected comment or line break';
  }
  if (
    text[offset] === '%' &&
    offset === lineStart &&
    /^%[A-Za-z0-9_-]*[^\sA-Za-z0-9_-]/.test(text.slice(offset))
  ) {
    return 'found unexpected non-alphabetical character';
  }
  switch (reason) {
    case 'bad indentation of a mapping entry':
      return text[offset] === ':' || /\S:(\s|$)/.test(before)
        ? 'mapping values are not allowed in this context'
        : 'did not find expected key';
    case 'bad indentation of a sequence entry':
      return "did not find expected '-' indicator";
    case 'end of the stream or a document separator is expected':
      return 'did not find expected key';
    case 'deficient indentation':
    case 'unexpected end of the stream within a double quoted scalar':
    case 'unexpected end of the stream within a single quoted scalar':
    case 'unexpected end of the document within a double quoted scalar':
    case 'unexpected end of the document within a single quoted scalar':
      return 'found unexpected end of stream';
    case 'unexpected end of the stream within a flow collection':
    case 'missed comma between flow collection entries':
      return "did not find expected ',' or ']'";
    case "expected ':' after a mapping key":
    case 'can not read a block mapping entry; a multiline key may not be an implicit key':
      return "could not find expected ':'";
    case 'unknown escape sequence':
      return 'found unknown escape character';
    case 'a whitespace character is expected after the key-value separator within a block mapping':
      return 'mapping values are not allowed in this context';
    default:
      return reason;
  }
}

/** A node as built: its value, go-yaml's decode count for it, its JSON size and offsets. */
interface Built {
  value: unknown;
  /** Nodes go-yaml's decoder visits for it, aliases expanded (its alias-ratio weight). */
  size: number;
  /** About how many bytes of JSON it becomes, aliases expanded. */
  bytes: number;
  start: number;
  end: number;
}

/** Builds values from one document's events, recording spans and enforcing the budgets. */
class Constructor {
  private i = 0;
  /** Event index of each anchored node, for printing it in Go syntax. */
  private anchorEvents = new Map<string, number>();
  /** Anchored nodes by name; `open` while the anchored collection is still being built. */
  private anchors = new Map<string, Built | 'open'>();
  /** go-yaml's counters: nodes decoded (the document node first) and those inside aliases. */
  private decoded = 1;
  private fromAliases = 0;
  private usedAliases = false;
  /** The first null key, which sigs.k8s.io/yaml refuses once the whole document is decoded. */
  private nullKey: { problem: string; offset: number; depth: number } | undefined;
  readonly spans = new Map<string, FieldSpan>();
  readonly warnings: ManifestProblem[] = [];

  constructor(
    private readonly events: YamlEvent[],
    private readonly source: string,
    private readonly toSpan: (start: number, end: number) => Span,
    private readonly budget: { aliasBytes: number },
  ) {}

  /** The document's root value, or undefined for an empty document. */
  document(): { value: unknown; start: number; end: number } | undefined {
    // events[0] is the DOCUMENT event; an empty document is followed directly by POP.
    this.i = 1;
    if (this.events[this.i]?.type === EVENT_ID.POP) return undefined;
    this.checkAliases();
    const node = this.node('', 0);
    // sigs.k8s.io/yaml converts the decoded document to JSON: null keys fail first, then
    // json.Marshal meets NaN or an infinity (keys in sorted order, as Go marshals a map).
    if (this.nullKey) throw new ReadError(this.nullKey.problem, this.nullKey.offset, 'convert');
    const unsupported = firstNonFinite(node.value);
    if (unsupported !== undefined) {
      throw new ReadError(
        `json: unsupported value: ${unsupportedFloatText(unsupported)}`,
        node.start,
        'convert',
      );
    }
    // Copy once when aliases were used, so later edits of one use never leak into another.
    const value = this.usedAliases ? structuredCloneJson(node.value) : node.value;
    return { value, start: node.start, end: node.end };
  }

  /**
   * go-yaml's parser resolves every alias before anything is decoded, so an alias to an anchor
   * not defined before it fails first (without a line), whatever else the document holds.
   */
  private checkAliases(): void {
    const defined = new Set<string>();
    for (let index = 0; index < this.events.length; index++) {
      const event = this.events[index];
      if (event.type === EVENT_ID.ALIAS) {
        const name = this.source.slice(event.anchorStart, event.anchorEnd);
        if (!defined.has(name)) {
          throw new ReadError(unknownAnchorProblem(name), event.anchorStart, 'yaml', false);
        }
      } else if (
        (event.type === EVENT_ID.SCALAR ||
          event.type === EVENT_ID.SEQUENCE ||
          event.type === EVENT_ID.MAPPING) &&
        event.anchorStart >= 0
      ) {
        defined.add(this.source.slice(event.anchorStart, event.anchorEnd));
        this.anchorEvents.set(this.source.slice(event.anchorStart, event.anchorEnd), index);
      }
    }
  }

  /** Marks an anchored collection as being built, so an alias inside it is refused as go-yaml does. */
  private open(event: { anchorStart: number; anchorEnd: number }): string | undefined {
    const name = this.anchorName(event.anchorStart, event.anchorEnd);
    if (name !== undefined) this.anchors.set(name, 'open');
    return name;
  }

  /**
   * Go's `%#v` of the node whose event is at `index` as go-yaml decoded it into interface{}
   * (its ints, floats and typed keys as such), and the index after it. Printed from the events,
   * since JSON-like values no longer know a float 1e6 from the int 1000000.
   */
  private goSyntaxAt(
    index: number,
    nested = false,
    seen = new Set<number>(),
  ): { text: string; next: number } {
    const event = this.events[index];
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const text = getScalarValue(this.source, event);
        const scalar = goScalar(text, this.tagOf(event.tagStart, event.tagEnd), event.style === 1);
        const syntax = scalar.type === 'nil' && nested ? 'interface {}(nil)' : scalar.syntax;
        return { text: syntax, next: index + 1 };
      }
      case EVENT_ID.ALIAS: {
        const target = this.anchorEvents.get(this.source.slice(event.anchorStart, event.anchorEnd));
        if (target === undefined || seen.has(target)) return { text: '<nil>', next: index + 1 };
        const inner = this.goSyntaxAt(target, nested, new Set([...seen, target]));
        return { text: inner.text, next: index + 1 };
      }
      case EVENT_ID.SEQUENCE: {
        const items: string[] = [];
        let i = index + 1;
        while (this.events[i].type !== EVENT_ID.POP) {
          const item = this.goSyntaxAt(i, true, seen);
          items.push(item.text);
          i = item.next;
        }
        return { text: goSliceSyntax(items), next: i + 1 };
      }
      case EVENT_ID.MAPPING: {
        const entries: { key: ReturnType<typeof goScalar>; value: string }[] = [];
        let i = index + 1;
        while (this.events[i].type !== EVENT_ID.POP) {
          const keyEvent = this.events[i];
          const key =
            keyEvent.type === EVENT_ID.SCALAR
              ? goScalar(
                  getScalarValue(this.source, keyEvent),
                  this.tagOf(keyEvent.tagStart, keyEvent.tagEnd),
                  keyEvent.style === 1,
                )
              : goScalar(this.goSyntaxAt(i, true, seen).text, undefined, false);
          i = this.goSyntaxAt(i, true, seen).next;
          const value = this.goSyntaxAt(i, true, seen);
          entries.push({ key, value: value.text });
          i = value.next;
        }
        return { text: goMapSyntax(entries), next: i + 1 };
      }
      default:
        return { text: '<nil>', next: index + 1 };
    }
  }

  private anchorName(start: number, end: number): string | undefined {
    return start >= 0 ? this.source.slice(start, end) : undefined;
  }

  private tagOf(start: number, end: number): string | undefined {
    return start >= 0 ? this.source.slice(start, end) : undefined;
  }

  private record(path: string, span: FieldSpan): void {
    this.spans.set(path, span);
  }

  /**
   * Counts an alias's expansion as go-yaml v2 does and refuses it past its ratio rule (its
   * words) or past the playground's byte budget (ours).
   */
  private expand(target: Built, offset: number): void {
    this.decoded += target.size;
    this.fromAliases += target.size;
    // Within one expansion both counters grow together, so the ratio peaks at its end: checking
    // there decides exactly what go-yaml's per-node check decides.
    if (
      this.fromAliases > 100 &&
      this.decoded > 1000 &&
      this.fromAliases / this.decoded > allowedAliasRatio(this.decoded)
    ) {
      throw new ReadError(excessiveAliasingProblem(), offset, 'yaml', false);
    }
    this.budget.aliasBytes += target.bytes;
    if (this.budget.aliasBytes > MAX_ALIAS_BYTES) {
      throw new ReadError(aliasBudgetProblem(MAX_ALIAS_BYTES), offset, 'limit', false);
    }
  }

  /** Reads the node at the cursor. */
  private node(path: string, depth: number): Built {
    const event = this.events[this.i++];
    if (depth > MAX_DEPTH) throw new ReadError(excessiveNestingProblem(MAX_DEPTH), undefined);
    this.decoded++;
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const text = getScalarValue(this.source, event);
        const tag = this.tagOf(event.tagStart, event.tagEnd);
        let value: unknown;
        if (tag !== undefined) {
          try {
            value = resolveTaggedScalar(tag, text);
          } catch (error) {
            if (!(error instanceof TagError)) throw error;
            throw new ReadError(error.message, event.valueStart, 'yaml', false);
          }
        } else if (event.style === 1) value = resolvePlainScalar(text);
        else value = text;
        const start = event.valueStart;
        const end = Math.max(event.valueEnd, start);
        const bytes = typeof value === 'string' ? value.length + 3 : text.length + 1;
        const built = { value, size: 1, bytes, start, end };
        const name = this.anchorName(event.anchorStart, event.anchorEnd);
        if (name !== undefined) this.anchors.set(name, built);
        return built;
      }
      case EVENT_ID.ALIAS: {
        const name = this.source.slice(event.anchorStart, event.anchorEnd);
        const anchored = this.anchors.get(name);
        if (anchored === undefined) {
          throw new ReadError(unknownAnchorProblem(name), event.anchorStart, 'yaml', false);
        }
        if (anchored === 'open') {
          throw new ReadError(
            `anchor '${name}' value contains itself`,
            event.anchorStart,
            'yaml',
            false,
          );
        }
        this.expand(anchored, event.anchorStart);
        this.usedAliases = true;
        // Shared for now; document() copies the whole tree once so no two uses share objects.
        return {
          value: anchored.value,
          size: 1 + anchored.size,
          bytes: anchored.bytes,
          start: event.anchorStart - 1,
          end: event.anchorEnd,
        };
      }
      case EVENT_ID.SEQUENCE: {
        const name = this.open(event);
        const items: unknown[] = [];
        let size = 1;
        let bytes = 2;
        const start = event.start;
        let end = start + 1;
        while (this.events[this.i].type !== EVENT_ID.POP) {
          const index = items.length;
          const childPath = `${path}[${index}]`;
          const child = this.node(childPath, depth + 1);
          items.push(child.value);
          size += child.size;
          bytes += child.bytes + 1;
          end = Math.max(end, child.end);
          const span = this.toSpan(child.start, child.end);
          this.record(childPath, { value: span, indent: span.column });
        }
        this.i++;
        const built = { value: items, size, bytes, start, end };
        if (name !== undefined) this.anchors.set(name, built);
        return built;
      }
      case EVENT_ID.MAPPING: {
        const name = this.open(event);
        // Prototype-free, so `__proto__` or `constructor` are ordinary keys.
        const map: Record<string, unknown> = Object.create(null);
        const keyLines = new Map<string, number>();
        let nullKey: { problem: string; offset: number } | undefined;
        let size = 1;
        let bytes = 2;
        const start = event.start;
        let end = start + 1;
        while (this.events[this.i].type !== EVENT_ID.POP) {
          const keyIndex = this.i;
          const keyEvent = this.events[this.i];
          const isMerge =
            keyEvent.type === EVENT_ID.SCALAR &&
            keyEvent.style === 1 &&
            keyEvent.tagStart < 0 &&
            getScalarValue(this.source, keyEvent) === '<<';
          const key = this.node(path, depth + 1);
          let keyText: string | null;
          if (keyEvent.type === EVENT_ID.SCALAR) {
            const text = getScalarValue(this.source, keyEvent);
            keyText = resolveKey(
              text,
              this.tagOf(keyEvent.tagStart, keyEvent.tagEnd),
              keyEvent.style === 1,
            );
          } else if (typeof key.value === 'object' && key.value !== null) {
            // go-yaml's decoder refuses a collection as a key into interface{} maps.
            throw new ReadError(
              `invalid map key: ${this.goSyntaxAt(keyIndex).text}`,
              key.start,
              'yaml',
              false,
            );
          } else keyText = key.value === null ? null : keyToString(key.value);
          const childPath = path === '' ? (keyText ?? 'null') : `${path}.${keyText ?? 'null'}`;
          const valueIndex = this.i;
          const child = this.node(childPath, depth + 1);
          end = Math.max(end, child.end, key.end);
          if (isMerge) {
            // go-yaml decodes the merged value without the `<<` key.
            this.decoded--;
            size += child.size;
            // go-yaml merges a sequence written in place, but an alias must name a map.
            const viaAlias = this.events[valueIndex].type === EVENT_ID.ALIAS;
            mergeInto(map, viaAlias && Array.isArray(child.value) ? null : child.value, key.start);
            continue;
          }
          size += key.size + child.size;
          bytes += key.bytes + child.bytes + 1;
          if (keyText === null) {
            // The last value wins, as for any duplicate key.
            nullKey = {
              problem: `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${this.goSyntaxAt(valueIndex).text}`,
              offset: key.start,
            };
            keyText = 'null';
          }
          const keySpan = this.toSpan(key.start, key.end);
          const previous = keyLines.get(keyText);
          if (previous !== undefined) {
            this.warnings.push({
              message: duplicateKeyWarning(keyText, keySpan.line, previous),
              span: keySpan,
            });
          }
          keyLines.set(keyText, keySpan.line);
          map[keyText] = child.value;
          this.record(childPath, {
            key: keySpan,
            value: this.toSpan(child.start, child.end),
            indent: keySpan.column,
          });
        }
        this.i++;
        // With several null keys, Go's random map order picks the one kubectl reports; we report
        // the outermost (the first as written among equals), always right for a single one.
        if (nullKey && (this.nullKey === undefined || depth < this.nullKey.depth)) {
          this.nullKey = { ...nullKey, depth };
        }
        const built = { value: map, size, bytes, start, end };
        if (name !== undefined) this.anchors.set(name, built);
        return built;
      }
      default:
        throw new ReadError('unexpected event', undefined);
    }
  }
}

/**
 * A YAML merge key (`<<: *base` or `<<: [*a, *b]`) as go-yaml v2 decodes it: where it stands,
 * its keys overwrite those before it and later keys overwrite its own; of several maps, the
 * earlier ones win.
 */
function mergeInto(map: Record<string, unknown>, merged: unknown, offset: number): void {
  const sources = Array.isArray(merged) ? [...merged].reverse() : [merged];
  for (const source of sources) {
    if (typeof source !== 'object' || source === null || Array.isArray(source)) {
      throw new ReadError(
        'map merge requires map or sequence of maps as the value',
        offset,
        'yaml',
        false,
      );
    }
    for (const k of Object.keys(source)) map[k] = (source as Record<string, unknown>)[k];
  }
}

/**
 * The first NaN or infinity in a value, in the order Go's json.Marshal visits it (map keys
 * sorted), or undefined when JSON can hold every number.
 */
function firstNonFinite(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstNonFinite(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map).sort()) {
      const found = firstNonFinite(map[key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A deep copy of JSON-like data (objects keep a null prototype). */
function structuredCloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCloneJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(value))
      out[k] = structuredCloneJson((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** From path segments, the key used in span maps: `spec.containers[0].image`. */
export function pathKey(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/**
 * From a Kubernetes field path as the API server words it (`spec.template.spec.containers[0].image`,
 * `metadata.labels[app]`, `spec.containers[0].resources.requests[cpu]`), the span-map key.
 */
export function normalizeFieldPath(field: string): string {
  return field.replace(/\[([^\]]*)\]/g, (_m, inner: string) =>
    /^\d+$/.test(inner) ? `[${inner}]` : `.${inner}`,
  );
}

/** From a span map and a field path, the span of the field or of its nearest written parent. */
export function findSpan(spans: Map<string, FieldSpan>, field: string): FieldSpan | undefined {
  let key = normalizeFieldPath(field);
  while (key !== '') {
    const span = spans.get(key);
    if (span) return span;
    const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    if (cut <= 0) break;
    key = key.slice(0, cut);
  }
  return spans.get(key);
}

/** A JSON-ish type name for decode errors, as Go's encoding/json says it. */
function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

/** JSON with sorted keys, as Go marshals a map (used in decode error messages). */
export function toGoJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toGoJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${toGoJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value) ?? 'null';
}

/**
 * From a document's value, kubectl's client-side validation errors (getObjectKind, via the
 * engine's kind-check): of the document itself, or of every item of a `kind: List`, de-duplicated
 * as an error aggregate is. Empty when the document names its kind and apiVersion.
 */
function validationErrors(value: unknown): string[] {
  const errors = objectKindErrors(value);
  if (errors.length > 0) return errors;
  const object = value as Record<string, unknown>;
  if (object.kind !== 'List' || !Array.isArray(object.items)) return [];
  return [...new Set(object.items.flatMap((item) => objectKindErrors(item)))];
}

/** A chunk's events, or go-yaml's words for its syntax error, and the relaxed text if used. */
type ParsedChunk =
  | { events: YamlEvent[]; relaxed?: Relaxed }
  | { error: { problem: string; line: number | undefined; position: number }; relaxed?: undefined };

/**
 * Parses one document's text. go-yaml ignores indentation inside flow collections and quoted
 * scalars (the filebeat manifest closes `args: [` with a `]` under `args`) where js-yaml insists
 * on it, so a text js-yaml refuses is tried once more with those lines indented; the first
 * error stands if that fails too.
 */
function parseChunk(text: string): ParsedChunk {
  const parsed = parseLeniently(text);
  // js-yaml reads `: value` with no key as an empty key; go-yaml's parser stops there.
  const emptyKey = firstEmptyKey(text);
  if (emptyKey !== undefined && ('events' in parsed || emptyKey < parsed.error.position)) {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < emptyKey; i = text.indexOf('\n', i + 1)) line++;
    return {
      error: {
        problem: 'did not find expected key',
        line: Math.max(1, line - 1),
        position: emptyKey,
      },
    };
  }
  return parsed;
}

/** parseChunk without the empty-key check: js-yaml, then the relaxed text if that fails. */
function parseLeniently(text: string): ParsedChunk {
  try {
    return { events: parseEvents(text, { maxDepth: MAX_DEPTH }) };
  } catch (error) {
    const relaxed = relaxIndentation(text);
    if (relaxed === undefined) return { error: syntaxError(error, text, (p) => p) };
    try {
      return { events: parseEvents(relaxed.text, { maxDepth: MAX_DEPTH }), relaxed };
    } catch (relaxedError) {
      // The relaxed text differs only where go-yaml is lenient, so its error is go-yaml's first.
      return { error: syntaxError(relaxedError, relaxed.text, relaxed.toOriginal, text) };
    }
  }
}

/** go-yaml's parser errors, whose line is one less than the line of the token they stop at. */
const PARSER_PROBLEMS = new Set([
  'did not find expected key',
  "did not find expected '-' indicator",
  "did not find expected ',' or ']'",
  "did not find expected ',' or '}'",
  'did not find expected node content',
  'did not find expected <document start>',
]);

/**
 * A flow collection opened where a block mapping needs its next key (first on a line, at the
 * indentation of an open block mapping's keys) and not closed on that line: go-yaml takes it for a
 * key and gives up on its `:` when the line ends (at the next line). Returns that line (1-based)
 * and offset, if the text has one before `end`.
 */
function flowKeyAcrossLines(
  text: string,
  end: number,
): { line: number; offset: number } | undefined {
  const lines = text.slice(0, end).split('\n');
  let offset = 0;
  // Indentations of the block mappings open at this line (each key line opens or continues one).
  const keyIndents: number[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const indent = line.length - line.trimStart().length;
    const first = line.trimStart()[0];
    if ((first === '[' || first === '{') && keyIndents.includes(indent) && l + 1 < lines.length) {
      let depth = 0;
      for (const c of line) {
        if (c === '[' || c === '{') depth++;
        else if (c === ']' || c === '}') depth--;
      }
      if (depth > 0) return { line: l + 2, offset: offset + line.length + 1 };
    }
    if (/^\s*[^\s#\-[{][^#]*:(\s|$)/.test(line)) {
      while (keyIndents.length > 0 && keyIndents[keyIndents.length - 1] >= indent) keyIndents.pop();
      keyIndents.push(indent);
    }
    offset += line.length + 1;
  }
  return undefined;
}

/**
 * The first alias (`*name`) before `end` whose anchor (`&name`) is not written before it, found
 * by a light scan that skips quoted scalars and comments.
 */
function unknownAliasBefore(
  text: string,
  end: number,
): { name: string; offset: number } | undefined {
  const defined = new Set<string>();
  const token = /(^|[\s,[{])([&*])([^\s,[\]{}]+)|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(^|\s)#[^\n]*/gm;
  for (let m = token.exec(text); m !== null && m.index < end; m = token.exec(text)) {
    if (m[2] === undefined) continue;
    const offset = m.index + m[1].length;
    if (offset >= end) break;
    if (m[2] === '&') defined.add(m[3]);
    else if (!defined.has(m[3])) return { name: m[3], offset };
  }
  return undefined;
}

/**
 * From js-yaml's exception over a text, go-yaml's words for it and its line and offset in the
 * original text (`toOriginal` maps offsets back when the text was relaxed).
 */
function syntaxError(
  error: unknown,
  text: string,
  toOriginal: (offset: number) => number,
  original = text,
): { problem: string; line: number | undefined; position: number } {
  const mark = (error as { mark?: { line: number; position: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? String(error);
  const position = mark?.position ?? 0;
  const unknown = unknownAliasBefore(text, position);
  if (unknown !== undefined) {
    // go-yaml composes nodes as its parser reads them, so an alias to an unknown anchor before
    // the syntax error fails first (without a line).
    return {
      problem: unknownAnchorProblem(unknown.name),
      line: undefined,
      position: toOriginal(unknown.offset),
    };
  }
  const flowKey = flowKeyAcrossLines(text, position);
  if (flowKey !== undefined) {
    return {
      problem: "could not find expected ':'",
      line: flowKey.line,
      position: toOriginal(flowKey.offset),
    };
  }
  const problem = reason.startsWith('nesting exceeded')
    ? excessiveNestingProblem(MAX_DEPTH)
    : toGoYamlProblem(reason, text, position);
  const at = toOriginal(position);
  let line = 1;
  for (let i = original.indexOf('\n'); i >= 0 && i < at; i = original.indexOf('\n', i + 1)) line++;
  // go-yaml (yaml.go's failure) adds one to the 0-based line of scanner errors only; a parser
  // error ("did not find expected ...") names the line before the token it stopped at.
  if (PARSER_PROBLEMS.has(problem) && line > 1) line--;
  return { problem, line: mark === undefined ? 1 : line, position: at };
}

/**
 * From a file's text, its name and whether to validate as `kubectl apply` does, the objects
 * kubectl would send, in file order, each with its field spans. The first YAML syntax error ends
 * the read (kubectl stops the stream there), and so, when validating, does the first document
 * without kind or apiVersion (kubectl's `error validating "FILE"`). Without validation
 * (`kubectl delete -f`) such a document, or one whose kind is empty, becomes a problem entry in
 * the decoder's words and kubectl goes on with the next.
 */
export function readManifest(
  text: string,
  fileName: string,
  options: { validate?: boolean } = {},
): ManifestReadResult {
  // kubectl's file reader drops a byte order mark (a UTF-16 file is decoded before this).
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const starts = lineStarts(text);
  const toSpan = (start: number, end: number): Span => {
    const l1 = lineOf(starts, start);
    const l2 = lineOf(starts, Math.max(start, end));
    return {
      line: l1 + 1,
      column: start - starts[l1] + 1,
      endLine: l2 + 1,
      endColumn: Math.max(start, end) - starts[l2] + 1,
    };
  };
  const entries: ManifestEntry[] = [];
  const warnings: ManifestProblem[] = [];
  const split = splitDocuments(text);
  const budget = { aliasBytes: 0 };
  let documentIndex = 0;
  for (const chunk of split.chunks) {
    const document = documentIndex++;
    const parsed = parseChunk(chunk.text);
    const toChunk = parsed.relaxed ? parsed.relaxed.toOriginal : (offset: number) => offset;
    const chunkSpan = (start: number, end: number): Span =>
      toSpan(chunk.offset + toChunk(start), chunk.offset + toChunk(end));
    if ('error' in parsed) {
      const { problem, line, position } = parsed.error;
      return {
        entries,
        warnings,
        fatal: {
          kind: 'yaml',
          problem,
          documentLine: line,
          span: chunkSpan(position, position + 1),
        },
      };
    }
    const { events } = parsed;
    // One chunk can still hold several YAML documents (`...` markers); kubectl reads only the first.
    const docEnd = events.findIndex((e, idx) => idx > 0 && e.type === EVENT_ID.DOCUMENT);
    const docEvents = docEnd > 0 ? events.slice(0, docEnd) : events;
    if (docEvents.length === 0) continue;
    const source = parsed.relaxed?.text ?? chunk.text;
    const constructor = new Constructor(docEvents, source, chunkSpan, budget);
    let root: { value: unknown; start: number; end: number } | undefined;
    try {
      root = constructor.document();
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      const offset = error.offset ?? 0;
      const span = chunkSpan(offset, offset + 1);
      return {
        entries,
        warnings: [...warnings, ...constructor.warnings],
        fatal: {
          kind: error.kind,
          problem: error.problem,
          documentLine: error.withLine ? span.line - chunkSpan(0, 0).line + 1 : undefined,
          span,
        },
      };
    }
    warnings.push(...constructor.warnings);
    if (root === undefined || root.value === null) continue;
    const rootSpan = chunkSpan(root.start, root.end);
    const invalid = options.validate === true ? validationErrors(root.value) : [];
    if (invalid.length > 0) {
      const problem = renderObjectKindErrors(invalid);
      // Marked on the document's first line, not over the whole document.
      const span = { ...rootSpan, endLine: rootSpan.line, endColumn: rootSpan.column + 1 };
      const hint = fragmentHint(root.value);
      return {
        entries,
        warnings,
        fatal: { kind: 'validation', problem, span, ...(hint ? { hint } : {}) },
      };
    }
    if (typeof root.value !== 'object' || Array.isArray(root.value)) {
      entries.push({
        type: 'problem',
        problem: { message: notAnObject(fileName, jsonTypeName(root.value)), span: rootSpan },
      });
      continue;
    }
    const object = root.value as Record<string, unknown>;
    const problem = checkTypeMeta(object, fileName);
    if (problem) {
      entries.push({ type: 'problem', problem: { message: problem, span: rootSpan } });
      continue;
    }
    if (object.kind === 'List' && Array.isArray(object.items)) {
      const spansOfItems = groupItemSpans(constructor.spans);
      object.items.forEach((item, index) => {
        const itemSpan = constructor.spans.get(`items[${index}]`)?.value ?? rootSpan;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          entries.push({
            type: 'problem',
            problem: { message: notAnObject(fileName, jsonTypeName(item)), span: itemSpan },
          });
          return;
        }
        const itemProblem = checkTypeMeta(item as Record<string, unknown>, fileName);
        if (itemProblem) {
          entries.push({ type: 'problem', problem: { message: itemProblem, span: itemSpan } });
          return;
        }
        const spans = spansOfItems.get(index) ?? new Map<string, FieldSpan>();
        entries.push({
          type: 'object',
          object: { value: item as Record<string, unknown>, document, spans, span: itemSpan },
        });
      });
      continue;
    }
    entries.push({
      type: 'object',
      object: { value: object, document, spans: constructor.spans, span: rootSpan },
    });
  }
  if (split.error) {
    const span = toSpan(split.error.offset, split.error.offset + 3);
    return { entries, warnings, fatal: { kind: 'stream', problem: split.error.problem, span } };
  }
  return { entries, warnings };
}

/**
 * kubectl's unstructured decoder refuses a document whose kind is missing, empty or not a string
 * (it does not check apiVersion yet, kubernetes/kubernetes#109023). With validation on, only an
 * empty kind gets this far.
 */
function checkTypeMeta(object: Record<string, unknown>, fileName: string): string | undefined {
  if (typeof object.kind !== 'string' || object.kind === '') {
    return missingKind(fileName, toGoJson(object));
  }
  return undefined;
}

/** What `readYamlData` makes of a text: its value, or the first problem and the line it is on. */
export type YamlDataResult =
  | { ok: true; value: unknown; duplicates: { key: string; line: number }[] }
  | { ok: false; problem: string; line: number };

/**
 * From a YAML text that is data rather than a Kubernetes object (a lesson's frontmatter), its
 * value read with the manifests' YAML 1.1 readings and budgets, so lesson authors meet one YAML
 * dialect. Only the first document is read; duplicate keys are reported, not silently merged.
 */
export function readYamlData(text: string): YamlDataResult {
  const starts = lineStarts(text);
  const toSpan = (start: number, end: number): Span => {
    const l1 = lineOf(starts, start);
    const l2 = lineOf(starts, Math.max(start, end));
    return {
      line: l1 + 1,
      column: start - starts[l1] + 1,
      endLine: l2 + 1,
      endColumn: Math.max(start, end) - starts[l2] + 1,
    };
  };
  let events: YamlEvent[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    const mark = (error as { mark?: { line: number; position: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const problem = reason.startsWith('nesting exceeded')
      ? excessiveNestingProblem(MAX_DEPTH)
      : toGoYamlProblem(reason, text, mark?.position ?? 0);
    return { ok: false, problem, line: (mark?.line ?? 0) + 1 };
  }
  const docEnd = events.findIndex((e, idx) => idx > 0 && e.type === EVENT_ID.DOCUMENT);
  const docEvents = docEnd > 0 ? events.slice(0, docEnd) : events;
  if (docEvents.length === 0) return { ok: true, value: null, duplicates: [] };
  const constructor = new Constructor(docEvents, text, toSpan, { aliasBytes: 0 });
  try {
    const root = constructor.document();
    const offset = (line: number, column: number): number => starts[line - 1] + column - 1;
    const duplicates = constructor.warnings.map(({ span }) => ({
      key: text.slice(offset(span.line, span.column), offset(span.endLine, span.endColumn)),
      line: span.line,
    }));
    return { ok: true, value: root?.value ?? null, duplicates };
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    return {
      ok: false,
      problem: error.problem,
      line: error.offset === undefined ? 1 : toSpan(error.offset, error.offset).line,
    };
  }
}

/**
 * From a List document's field spans, each item's spans keyed by the path inside the item
 * (`items[3].metadata.name` becomes `metadata.name` of item 3), in their order. One pass:
 * filtering every span for every item took seconds for a List of 5,000 nodes.
 */
function groupItemSpans(spans: Map<string, FieldSpan>): Map<number, Map<string, FieldSpan>> {
  const byItem = new Map<number, Map<string, FieldSpan>>();
  for (const [key, span] of spans) {
    const match = /^items\[(\d+)\]\./.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    let own = byItem.get(index);
    if (!own) byItem.set(index, (own = new Map()));
    own.set(key.slice(match[0].length), span);
  }
  return byItem;
}
