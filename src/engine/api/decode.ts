/**
 * The API server's strict decoder (apimachinery runtime/serializer/json with sigs.k8s.io/json
 * UnmarshalStrict): walks a JSON-like value against the field schema and either returns a clean
 * copy or the error text the server puts after `cannot be handled as a <Kind>: `.
 *
 * Error precedence mirrors Go's encoding/json: an error from a custom unmarshaler (Quantity,
 * IntOrString, Time) aborts decoding and wins; a plain type mismatch is remembered (the first
 * one) while decoding goes on; unknown fields are strict errors, reported only when decoding
 * otherwise succeeded, all of them, joined with ", ".
 */
import {
  QUANTITY_SYNTAX_MESSAGE,
  canonicalQuantity,
  parseQuantityString,
} from '../../kube/quantity.ts';
import { goQuote } from './go-quote.ts';
import { cloneJson, createMap, isObject } from './records.ts';
import { STRUCTS, goTypeName, type FieldSchema } from './schema.ts';

export type DecodeResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Deeper nesting than any real manifest: beyond it the value is refused instead of recursing. */
const MAX_DEPTH = 100;

class AbortDecoding extends Error {}

interface DecodeState {
  /** The first plain type error, as Go's decodeState.savedError. */
  saved?: string;
  /** Unknown fields with their full path, in document order. */
  unknown: string[];
}

/** Where the decoder is: Go's error context (innermost struct, field names) and the strict path. */
interface Place {
  struct: string;
  fields: string[];
  path: string;
}

/**
 * From a JSON-like value and a schema struct name (`DaemonSet`), the decoded copy (only known
 * fields, maps without prototypes, nulls dropped) or the decoder's error message.
 */
export function decodeObject(raw: unknown, structName: string): DecodeResult {
  const result = decodeWithUnknownFields(raw, structName);
  if (!result.ok || result.unknown.length === 0) return result;
  return {
    ok: false,
    message: `strict decoding error: ${result.unknown.map((p) => `unknown field ${goQuote(p)}`).join(', ')}`,
  };
}

/**
 * The same decoding with field validation `Warn` (what a request without `fieldValidation`
 * gets, as `kubectl patch` sends): unknown fields are dropped and listed by path instead of
 * refusing the object; type errors still refuse it.
 */
export function decodeWithUnknownFields(
  raw: unknown,
  structName: string,
):
  { ok: true; value: Record<string, unknown>; unknown: string[] } | { ok: false; message: string } {
  const state: DecodeState = { unknown: [] };
  let value: unknown;
  try {
    value = decodeValue(
      raw,
      { type: 'struct', ref: structName },
      { struct: '', fields: [], path: '' },
      state,
      0,
    );
  } catch (error) {
    if (error instanceof AbortDecoding) return { ok: false, message: error.message };
    throw error;
  }
  if (state.saved !== undefined) return { ok: false, message: state.saved };
  return { ok: true, value: isObject(value) ? value : {}, unknown: state.unknown };
}

/** From a JSON value, the word encoding/json uses for it in `cannot unmarshal X`. */
function jsonKind(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** Go's `*UnmarshalTypeError` text with the error context added by addErrorContext. */
function typeError(valueText: string, goType: string, place: Place): string {
  if (place.fields.length === 0)
    return `json: cannot unmarshal ${valueText} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${valueText} into Go struct field ${place.struct}.${place.fields.join('.')} of type ${goType}`;
}

function save(state: DecodeState, message: string): undefined {
  state.saved ??= message;
  return undefined;
}

/** From a JS number, its JSON text as Go sees it (`1.5`, `1e+21`). */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

function decodeInteger(
  value: number,
  go: 'int32' | 'int64',
  place: Place,
  state: DecodeState,
): number | undefined {
  const limit = go === 'int32' ? 2 ** 31 : 2 ** 63;
  if (!Number.isInteger(value) || value < -limit || value >= limit) {
    return save(state, typeError(`number ${numberText(value)}`, go, place));
  }
  return value;
}

function decodeValue(
  value: unknown,
  field: FieldSchema,
  place: Place,
  state: DecodeState,
  depth: number,
): unknown {
  // A JSON null leaves the Go field at its zero value, which the API omits: drop it.
  if (value === null || value === undefined) return undefined;
  if (depth > MAX_DEPTH) throw new AbortDecoding('json: exceeded max depth');
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string')
        return save(state, typeError(jsonKind(value), 'string', place));
      return value;
    case 'time':
      // metav1.Time unmarshals through a nested json.Unmarshal into a string: a fatal error.
      if (typeof value !== 'string')
        throw new AbortDecoding(typeError(jsonKind(value), 'string', place));
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return save(state, typeError(jsonKind(value), 'bool', place));
      return value;
    case 'number':
      if (typeof value !== 'number')
        return save(state, typeError(jsonKind(value), 'float64', place));
      return value;
    case 'integer':
      if (typeof value !== 'number')
        return save(state, typeError(jsonKind(value), field.go, place));
      return decodeInteger(value, field.go, place, state);
    case 'intOrString':
      // IntOrString.UnmarshalJSON: a JSON string is StrVal, anything else is json.Unmarshal
      // into an int32, whose error aborts decoding.
      if (typeof value === 'string') return value;
      if (typeof value === 'number') {
        const probe: DecodeState = { unknown: [] };
        const n = decodeInteger(value, 'int32', place, probe);
        if (probe.saved !== undefined) throw new AbortDecoding(probe.saved);
        return n;
      }
      throw new AbortDecoding(typeError(jsonKind(value), 'int32', place));
    case 'quantity': {
      // Quantity.UnmarshalJSON parses the JSON text (quotes removed, spaces trimmed).
      const text =
        typeof value === 'string'
          ? value
          : typeof value === 'number'
            ? numberText(value)
            : jsonKind(value);
      const parsed = parseQuantityString(text.trim());
      if (!parsed.ok) throw new AbortDecoding(parsed.message ?? QUANTITY_SYNTAX_MESSAGE);
      // The server keeps the canonical form: `0.5` is stored and shown as `500m`.
      return canonicalQuantity(text.trim()) ?? text.trim();
    }
    case 'bytes':
      if (typeof value !== 'string')
        return save(state, typeError(jsonKind(value), '[]uint8', place));
      return decodeBase64(value, state);
    case 'opaque':
      if (!isObject(value)) return save(state, typeError(jsonKind(value), field.go, place));
      return cloneJson(value);
    case 'any':
      return cloneJson(value);
    case 'array': {
      if (!Array.isArray(value))
        return save(state, typeError(jsonKind(value), goTypeName(field), place));
      const out: unknown[] = [];
      value.forEach((item, index) => {
        // A null element stays in the slice as the element type's zero value.
        const decoded = decodeValue(
          item,
          field.items,
          { ...place, path: `${place.path}[${index}]` },
          state,
          depth + 1,
        );
        out.push(decoded ?? zeroValue(field.items));
      });
      return out;
    }
    case 'map': {
      if (!isObject(value))
        return save(state, typeError(jsonKind(value), goTypeName(field), place));
      const out = createMap<unknown>();
      for (const key of Object.keys(value)) {
        const decoded = decodeValue(
          value[key],
          field.values,
          { ...place, path: joinPath(place.path, key) },
          state,
          depth + 1,
        );
        out[key] = decoded ?? zeroValue(field.values);
      }
      return out;
    }
    case 'struct': {
      const schema = STRUCTS[field.ref];
      if (!isObject(value)) return save(state, typeError(jsonKind(value), schema.go, place));
      const structName = schema.go.slice(schema.go.indexOf('.') + 1);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const path = joinPath(place.path, key);
        if (!Object.hasOwn(schema.fields, key)) {
          state.unknown.push(path);
          continue;
        }
        const decoded = decodeValue(
          value[key],
          schema.fields[key],
          { struct: structName, fields: [...place.fields, key], path },
          state,
          depth + 1,
        );
        if (decoded !== undefined) out[key] = decoded;
      }
      return out;
    }
  }
}

function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** Go's zero value for an element written as JSON null inside a list or map. */
function zeroValue(field: FieldSchema): unknown {
  switch (field.type) {
    case 'string':
    case 'time':
    case 'bytes':
      return '';
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return 0;
    case 'intOrString':
      return 0;
    case 'quantity':
      return '0';
    case 'struct':
    case 'opaque':
      return {};
    case 'array':
    case 'map':
    case 'any':
      return null;
  }
}

const BASE64_CHAR = /^[A-Za-z0-9+/]$/;

/**
 * `[]byte` fields take standard padded base64; Go's decoder skips line breaks and reports the
 * first bad byte (CorruptInputError). The value is kept as written, without line breaks.
 */
function decodeBase64(value: string, state: DecodeState): string | undefined {
  const text = value.replace(/[\r\n]/g, '');
  const body = text.replace(/={1,2}$/, '');
  for (let i = 0; i < body.length; i++) {
    if (!BASE64_CHAR.test(body[i])) return save(state, `illegal base64 data at input byte ${i}`);
  }
  if (text.length % 4 !== 0) {
    // An incomplete final quantum: Go points at the end of the last complete one it could read.
    return save(state, `illegal base64 data at input byte ${body.length - (body.length % 4)}`);
  }
  return text;
}
