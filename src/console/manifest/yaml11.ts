/**
 * Plain-scalar resolution as kubectl reads YAML: sigs.k8s.io/yaml on go-yaml v2, whose
 * resolve.go follows YAML 1.1 (`yes`/`no`/`on`/`off` are booleans, `0600` is octal). A YAML 1.2
 * reader would turn a learner's `defaultMode: 0600` into 600 and `enabled: yes` into "yes";
 * kubectl does neither, so neither do we.
 */

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
  const value = sign * parseInt(digits, base);
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
  // resolve.go removes every underscore before trying integers and floats.
  const plain = text.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (FLOAT.test(plain)) return Number(plain);
  // Timestamps resolve as such, but go-yaml v2 hands them to interface{} targets as the
  // original string, so kubectl sends the text unchanged.
  return text;
}

/** From a scalar with an explicit tag (`!!str 5`, `!!int "7"`), its value. */
export function resolveTaggedScalar(tag: string, text: string): unknown {
  switch (tag) {
    case '!!str':
    case 'tag:yaml.org,2002:str':
    case '!':
      return text;
    case '!!int':
    case 'tag:yaml.org,2002:int': {
      const v = parseGoInt(text.replaceAll('_', ''));
      return v === undefined ? text : v;
    }
    case '!!float':
    case 'tag:yaml.org,2002:float':
      return FLOAT.test(text) ? Number(text) : text;
    case '!!bool':
    case 'tag:yaml.org,2002:bool':
      return TRUE.has(text) ? true : FALSE.has(text) ? false : text;
    case '!!null':
    case 'tag:yaml.org,2002:null':
      return null;
    default:
      return resolvePlainScalar(text);
  }
}

/** A resolved mapping key as sigs.k8s.io/yaml turns it into a JSON object key. */
export function keyToString(key: unknown): string {
  if (key === null) return 'null';
  if (typeof key === 'string') return key;
  return String(key);
}
