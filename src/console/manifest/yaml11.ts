/**
 * Plain-scalar resolution as kubectl reads YAML: sigs.k8s.io/yaml on go-yaml v2, whose
 * resolve.go follows YAML 1.1 (`yes`/`no`/`on`/`off` are booleans, `0600` is octal). A YAML 1.2
 * reader would turn a learner's `defaultMode: 0600` into 600 and `enabled: yes` into "yes";
 * kubectl does neither, so neither do we.
 */

import { goQuote } from '../../engine/api/go-quote.ts';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INF = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NEG_INF = new Set(['-.inf', '-.Inf', '-.INF']);
const NAN = new Set(['.nan', '.NaN', '.NAN']);

/**
 * Go's `strconv.ParseInt(s, 0, 64)` (base prefixes 0x, 0o, 0b, a leading 0 for octal, and
 * underscores between digits), returning undefined when Go would fail.
 */
export function parseGoInt(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('+') || s.startsWith('-')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let base = 10;
  let digits = s;
  if (/^0[xX]/.test(s)) {
    base = 16;
    digits = s.slice(2);
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    digits = s.slice(2);
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    digits = s.slice(2);
  } else if (s.length > 1 && s[0] === '0') {
    base = 8;
    digits = s.slice(1);
  }
  // Underscores are allowed only between digits (or right after a base prefix).
  if (digits.includes('_')) {
    if (digits.startsWith('_') && base === 10) return undefined;
    if (digits.endsWith('_') || digits.includes('__')) return undefined;
    digits = digits.replace(/^_/, '').replaceAll('_', '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!valid || !valid.test(digits)) return undefined;
  // Go has no negative zero among integers.
  const value = sign * parseInt(digits, base) || 0;
  // int64 range; beyond it Go reports a range error and go-yaml falls back to other types.
  if (Math.abs(value) > 2 ** 63) return undefined;
  return value;
}

/** From a plain (unquoted, untagged) scalar's text, the value go-yaml v2 gives it. */
export function resolvePlainScalar(text: string): unknown {
  if (NULL.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  const first = text[0];
  const maybeNumber =
    (first >= '0' && first <= '9') || first === '-' || first === '+' || first === '.';
  if (!maybeNumber) return text;
  if (INF.has(text)) return Infinity;
  if (NEG_INF.has(text)) return -Infinity;
  if (NAN.has(text)) return NaN;
  if (first === '.') return dotFloat(text);
  // resolve.go removes every underscore before trying integers and floats.
  const plain = text.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  // A float beyond float64's range fails Go's ParseFloat, so the text stays a string.
  if (FLOAT.test(plain) && Number.isFinite(Number(plain))) return Number(plain);
  // Timestamps resolve as such, but go-yaml v2 hands them to interface{} targets as the
  // original string, so kubectl sends the text unchanged.
  return text;
}

const DOT_FLOAT = /^\.[0-9_]+(?:[eE][-+]?[0-9_]+)?$/;

/**
 * A plain scalar starting with `.` that is not `.inf` or `.nan`: resolve.go hands the text as it
 * is to strconv.ParseFloat, which keeps underscores only between digits, so `.5_5` is 0.55 but
 * `._9` and `.5_` stay strings (unlike `0._9`, whose underscores resolve.go removes first).
 */
function dotFloat(text: string): unknown {
  if (!DOT_FLOAT.test(text) || !goUnderscoresOk(text)) return text;
  const value = Number(text.replaceAll('_', ''));
  return Number.isFinite(value) ? value : text;
}

/** strconv's underscoreOK for a decimal number: every `_` sits between two digits. */
function goUnderscoresOk(text: string): boolean {
  let saw = '^';
  for (const c of text) {
    if (c >= '0' && c <= '9') saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else if (saw === '_') return false;
    else saw = '!';
  }
  return saw !== '_';
}

/** A tagged scalar go-yaml cannot decode as its tag says, in go-yaml's words. */
export class TagError extends Error {}

/** The tag go-yaml's resolver gives a plain scalar's text (for its error messages). */
function plainTag(text: string): string {
  const value = resolvePlainScalar(text);
  if (value === null) return '!!null';
  if (typeof value === 'boolean') return '!!bool';
  if (typeof value === 'number')
    return parseGoInt(text.replaceAll('_', '')) !== undefined ? '!!int' : '!!float';
  return '!!str';
}

/** Standard base64, as go-yaml decodes `!!binary` (whitespace ignored). */
function decodeBase64(text: string): string | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let count = 0;
  const bytes: number[] = [];
  for (const c of clean.replace(/=+$/, '')) {
    bits = (bits << 6) | alphabet.indexOf(c);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 0xff);
    }
  }
  // The bytes become a Go string; as UTF-8 text when they are valid UTF-8.
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += `%${bytes[i].toString(16).padStart(2, '0')}`;
  try {
    return decodeURIComponent(out);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/**
 * From a scalar with an explicit tag (`!!str 5`, `!!int "7"`), its value as go-yaml v2 decodes
 * it; throws a TagError when the text is not of that type. Tags go-yaml does not know
 * (`!local`) leave the text a string.
 */
export function resolveTaggedScalar(tag: string, text: string): unknown {
  const short = tag.startsWith('tag:yaml.org,2002:')
    ? `!!${tag.slice('tag:yaml.org,2002:'.length)}`
    : tag;
  const fail = (): never => {
    throw new TagError(`cannot decode ${plainTag(text)} \`${text}\` as a ${short}`);
  };
  switch (short) {
    case '!!str':
      return text;
    case '!!int': {
      const v = parseGoInt(text.replaceAll('_', ''));
      return v === undefined ? fail() : v;
    }
    case '!!float': {
      const v = resolvePlainScalar(text);
      return typeof v === 'number' ? v : fail();
    }
    case '!!bool':
      return TRUE.has(text) ? true : FALSE.has(text) ? false : fail();
    case '!!null':
      return NULL.has(text) ? null : fail();
    case '!!binary': {
      const v = decodeBase64(text);
      return v === undefined ? fail() : v;
    }
    default:
      return text;
  }
}

/**
 * From a float, strconv.FormatFloat(x, 'g', -1, 32) as sigs.k8s.io/yaml formats a float map key
 * (a 32-bit shortest form: `3.14159265358979` becomes `3.1415927`, `1e6` becomes `1e+06`), with
 * its spellings of the infinities and NaN.
 */
export function float32KeyString(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  const f = Math.fround(x);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const [mantissa, e] = Math.abs(f)
      .toExponential(p - 1)
      .split('e');
    if (Math.fround(Number(`${mantissa}e${e}`)) === Math.abs(f) || p === 9) {
      digits = mantissa.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = f < 0 ? '-' : '';
  // %e when the exponent is below -4 or at least 6 (Go's rule for the shortest precision).
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Whether a plain scalar's text is one go-yaml resolves as an integer (not a float). */
function isIntegerText(text: string): boolean {
  return parseGoInt(text.replaceAll('_', '')) !== undefined;
}

/**
 * From a scalar mapping key (its text, its tag if any, and whether it was plain), the JSON key
 * sigs.k8s.io/yaml makes of it, or null for a null key (which it refuses to convert).
 */
export function resolveKey(text: string, tag: string | undefined, plain: boolean): string | null {
  const value =
    tag !== undefined ? resolveTaggedScalar(tag, text) : plain ? resolvePlainScalar(text) : text;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  const number = value as number;
  const integer = tag === undefined ? isIntegerText(text) : tag.endsWith('int');
  if (integer && Number.isFinite(number)) {
    // Exact digits beyond 2^53, as Go's FormatInt prints an int64 (decimal texts only).
    const digits = text.replaceAll('_', '');
    const exact = /^[-+]?[1-9][0-9]*$/.test(digits) ? BigInt(digits) : undefined;
    return exact !== undefined ? exact.toString() : String(number);
  }
  return float32KeyString(number);
}

/** A resolved key that is itself a value (an alias to a scalar), as a JSON key. */
export function keyToString(key: unknown): string {
  if (key === null) return 'null';
  if (typeof key === 'string') return key;
  if (typeof key === 'number' && !Number.isInteger(key)) return float32KeyString(key);
  return String(key);
}

/** Go's fmt `%v` for a float64: shortest digits, %e below 1e-4 and from 1e6 up. */
function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(x);
}

/** A decoded scalar with the Go type go-yaml gives it, for messages that print Go values. */
export interface GoScalar {
  type: 'nil' | 'string' | 'int' | 'float' | 'bool';
  /** Go's `%#v` of the value inside an interface{}. */
  syntax: string;
  /** For sorting map keys within one type. */
  value: string | number | boolean | null;
}

/** From a scalar's text, its tag if any and whether it was plain, its Go type and `%#v`. */
export function goScalar(text: string, tag: string | undefined, plain: boolean): GoScalar {
  const value =
    tag !== undefined ? resolveTaggedScalar(tag, text) : plain ? resolvePlainScalar(text) : text;
  if (value === null) return { type: 'nil', syntax: '<nil>', value };
  if (typeof value === 'string') return { type: 'string', syntax: goQuote(value), value };
  if (typeof value === 'boolean') return { type: 'bool', syntax: String(value), value };
  const number = value as number;
  const integer = tag === undefined ? isIntegerText(text) : tag.endsWith('int');
  if (!integer) return { type: 'float', syntax: goFloat(number), value: number };
  const digits = text.replaceAll('_', '');
  const exact = /^[-+]?[1-9][0-9]*$/.test(digits) ? BigInt(digits).toString() : String(number);
  return { type: 'int', syntax: exact, value: number };
}

/** The order Go's fmt sorts interface{} map keys of different types in (as kubectl prints). */
const GO_TYPE_ORDER = { nil: 0, string: 1, int: 2, float: 3, bool: 4 };

/**
 * Go's `%#v` of a map[interface{}]interface{} from its entries (each key's Go scalar and the
 * value's `%#v`): keys sorted by type then value, the last of equal keys kept.
 */
export function goMapSyntax(entries: { key: GoScalar; value: string }[]): string {
  const byKey = new Map<string, { key: GoScalar; value: string }>();
  for (const e of entries) {
    // NaN keys never equal each other, so each stays.
    const id = Number.isNaN(e.key.value)
      ? `nan${byKey.size}`
      : `${e.key.type}:${String(e.key.value)}`;
    byKey.set(id, e);
  }
  const sorted = [...byKey.values()].sort((a, b) => {
    const t = GO_TYPE_ORDER[a.key.type] - GO_TYPE_ORDER[b.key.type];
    if (t !== 0) return t;
    const x = a.key.value as string | number;
    const y = b.key.value as string | number;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const keySyntax = (key: GoScalar): string =>
    key.type === 'nil' ? 'interface {}(nil)' : key.syntax;
  return `map[interface {}]interface {}{${sorted.map((e) => `${keySyntax(e.key)}:${e.value}`).join(', ')}}`;
}

/** Go's `%#v` of a []interface{} from its items' `%#v`. */
export function goSliceSyntax(items: string[]): string {
  return `[]interface {}{${items.join(', ')}}`;
}

/** Go's json.Marshal wording for a float JSON cannot hold (`NaN`, `+Inf`, `-Inf`). */
export function unsupportedFloatText(x: number): string {
  return goFloat(x);
}
