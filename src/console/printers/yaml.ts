/**
 * `kubectl get -o yaml`: sigs.k8s.io/yaml turns the object into JSON and go-yaml v2 marshals
 * that, so keys are sorted in go-yaml's order, sequences sit at their parent key's indent, strings that would read
 * as another type are double-quoted, strings containing a newline use a literal block, and other
 * strings go-yaml's emitter cannot write plain are single-quoted. Long plain and quoted strings
 * are folded at 80 columns, as libyaml's emitter does.
 */
import { resolvePlainScalar } from '../manifest/yaml11.ts';

const BEST_WIDTH = 80;

/** Whether go-yaml's resolve would read the text back as something other than a string. */
function needsTypeQuoting(s: string): boolean {
  if (s === '') return true;
  const resolved = resolvePlainScalar(s);
  if (typeof resolved !== 'string') return true;
  // go-yaml v2 resolves timestamps (then keeps them as strings when decoding), and refuses to
  // write base-60 floats (`1:20`) plain.
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  return false;
}

/** libyaml's analyze_scalar, reduced to what decides plain vs single vs double quoting. */
function analyze(s: string): { blockPlain: boolean; flowPlain: boolean; singleQuoted: boolean } {
  if (s === '') return { blockPlain: false, flowPlain: false, singleQuoted: true };
  let blockIndicators = false;
  let flowIndicators = false;
  let special = false;
  let leadingSpace = false;
  let trailingSpace = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let lineBreaks = false;
  if (s.startsWith('---') || s.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    const followedByBlank = next === undefined || next === ' ' || next === '\t' || next === '\n';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      }
      if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByBlank) blockIndicators = true;
      }
      if (c === '-' && followedByBlank) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(c)) flowIndicators = true;
      if (c === ':') {
        flowIndicators = true;
        if (followedByBlank) blockIndicators = true;
      }
      if (c === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t')) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    const code = c.codePointAt(0) ?? 0;
    const printable =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0x7e) ||
      code === 0x85 ||
      (code >= 0xa0 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
      code >= 0x10000;
    if (!printable) special = true;
    if (c === '\n') lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (c === '\n') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  }
  let blockPlain = true;
  let flowPlain = true;
  let singleQuoted = true;
  if (leadingSpace || trailingSpace || breakSpace) {
    blockPlain = false;
    flowPlain = false;
  }
  if (spaceBreak || special) {
    blockPlain = false;
    flowPlain = false;
    singleQuoted = false;
  }
  if (lineBreaks) {
    blockPlain = false;
    flowPlain = false;
  }
  if (flowIndicators) flowPlain = false;
  if (blockIndicators) blockPlain = false;
  return { blockPlain, flowPlain, singleQuoted };
}

/** Folds a plain or single-quoted scalar at spaces once the column passes 80, as libyaml does. */
function fold(text: string, startColumn: number, indent: number): string {
  if (startColumn + text.length <= BEST_WIDTH) return text;
  let out = '';
  let column = startColumn;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (
      c === ' ' &&
      text[i - 1] !== ' ' &&
      text[i + 1] !== ' ' &&
      column > BEST_WIDTH &&
      i + 1 < text.length
    ) {
      out += '\n' + ' '.repeat(indent);
      column = indent;
      continue;
    }
    out += c;
    column++;
  }
  return out;
}

function doubleQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (code === 0) out += '\\0';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff) {
      out +=
        code <= 0xff
          ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
          : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += c;
  }
  return out + '"';
}

/** A string scalar as go-yaml writes it at `column` (where its first character goes) with continuation `indent`. */
function stringScalar(s: string, column: number, indent: number, isKey: boolean): string {
  if (s.includes('\n') && !isKey) {
    // Literal block: `|` keeps the final newline, `|-` strips its absence, `|+` keeps extra ones.
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    const indicator = body.startsWith(' ') || body.startsWith('\n') ? '2' : '';
    const pad = ' '.repeat(indent);
    const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
    return `|${indicator}${chomp}\n${lines.join('\n')}`;
  }
  const quoteForType = needsTypeQuoting(s);
  if (quoteForType && !isKey) return doubleQuote(s);
  const a = analyze(s);
  if (quoteForType) return doubleQuote(s);
  if (a.blockPlain) return isKey ? s : fold(s, column, indent);
  if (a.singleQuoted)
    return isKey
      ? `'${s.replace(/'/g, "''")}'`
      : fold(`'${s.replace(/'/g, "''")}'`, column, indent);
  return doubleQuote(s);
}

function scalar(value: unknown, column: number, indent: number, isKey = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '+.inf' : '-.inf';
    return String(value);
  }
  return stringScalar(String(value), column, indent, isKey);
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const SURROGATE = /[\uD800-\uDFFF]/;

/** unicode.IsLetter of one rune. */
function isLetter(rune: string): boolean {
  if (rune.length === 1 && rune < '\x80')
    return (rune >= 'a' && rune <= 'z') || (rune >= 'A' && rune <= 'Z');
  return LETTER.test(rune);
}

/** unicode.IsDigit of one rune. */
function isDigit(rune: string): boolean {
  if (rune.length === 1 && rune < '\x80') return rune >= '0' && rune <= '9';
  return DIGIT.test(rune);
}

/**
 * The value of the digit run of `runes` from `start`, added to `initial` as Go does it in an
 * int64 (a run of more than 18 digits wraps around), and where the run ends.
 */
function digitRun(
  runes: ArrayLike<string>,
  start: number,
  initial: number,
): { value: number | bigint; end: number } {
  let end = start;
  while (end < runes.length && isDigit(runes[end])) end++;
  // Up to 15 digits a double is exact; longer runs take the int64 arithmetic itself.
  if (end - start <= 15) {
    let value = initial;
    for (let k = start; k < end; k++) value = value * 10 + runes[k].codePointAt(0)! - 48;
    return { value, end };
  }
  let value = BigInt(initial);
  for (let k = start; k < end; k++)
    value = BigInt.asIntN(64, value * 10n + BigInt(runes[k].codePointAt(0)! - 48));
  return { value, end };
}

/**
 * go-yaml v2's order of string map keys (gopkg.in/yaml.v2 sorter.go, keyList.Less), which is not
 * code-unit order: where the keys first differ, a non-letter sorts before a letter (`__proto__`
 * before `Zeta`, `a_b` before `aB`), and runs of digits compare by value (`key2` before `key10`),
 * then the shorter run first (`b1` before `b01`). Runes are Unicode code points, as in Go.
 */
export function goYamlKeyOrder(a: string, b: string): number {
  if (a === b) return 0;
  // Without surrogate pairs, code units are runes: index the strings themselves.
  const ar: ArrayLike<string> = SURROGATE.test(a) ? Array.from(a) : a;
  const br: ArrayLike<string> = SURROGATE.test(b) ? Array.from(b) : b;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    // Both non-letters: the digit runs starting here, as numbers. A zero right after a non-zero
    // digit is not a leading zero, so the run counts as already non-zero.
    let initial = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          initial = 1;
          break;
        }
      }
    }
    const an = digitRun(ar, i, initial);
    const bn = digitRun(br, i, initial);
    // A number and a bigint compare by value.
    if (an.value < bn.value) return -1;
    if (an.value > bn.value) return 1;
    if (an.end !== bn.end) return an.end < bn.end ? -1 : 1;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)! ? -1 : 1;
  }
  return ar.length < br.length ? -1 : 1;
}

function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

function emitMapping(
  map: Record<string, unknown>,
  indent: number,
  out: string[],
  firstInline: string | undefined,
): void {
  const keys = Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort(goYamlKeyOrder);
  keys.forEach((key, i) => {
    const prefix = i === 0 && firstInline !== undefined ? firstInline : ' '.repeat(indent);
    const keyText = scalar(key, prefix.length, indent, true);
    emitEntry(prefix + keyText + ':', map[key], indent, out);
  });
}

/** Emits `head` followed by the value (inline scalar, or a nested block). */
function emitEntry(head: string, value: unknown, indent: number, out: string[]): void {
  if (Array.isArray(value) && value.length > 0) {
    out.push(head);
    emitSequence(value, indent, out);
  } else if (value !== null && typeof value === 'object' && !isEmptyCollection(value)) {
    out.push(head);
    emitMapping(value as Record<string, unknown>, indent + 2, out, undefined);
  } else if (isEmptyCollection(value)) {
    out.push(`${head} ${Array.isArray(value) ? '[]' : '{}'}`);
  } else {
    out.push(`${head} ${scalar(value, head.length + 1, indent + 2)}`);
  }
}

function emitSequence(items: unknown[], indent: number, out: string[]): void {
  for (const item of items) {
    const dash = ' '.repeat(indent) + '- ';
    if (Array.isArray(item) && item.length > 0) {
      // A nested sequence starts on the dash's line: `- - a`.
      const nested: string[] = [];
      emitSequence(item, indent + 2, nested);
      nested[0] = dash + nested[0].slice(indent + 2);
      out.push(...nested);
    } else if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) {
      emitMapping(item as Record<string, unknown>, indent + 2, out, dash);
    } else if (isEmptyCollection(item)) {
      out.push(dash + (Array.isArray(item) ? '[]' : '{}'));
    } else {
      out.push(dash + scalar(item, dash.length, indent + 2));
    }
  }
}

/** From a JSON-like value, the YAML kubectl prints for it, ending in a newline. */
export function printYaml(value: unknown): string {
  const out: string[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    emitSequence(value, 0, out);
  } else if (value !== null && typeof value === 'object') {
    if (isEmptyCollection(value)) return '{}\n';
    emitMapping(value as Record<string, unknown>, 0, out, undefined);
  } else {
    out.push(scalar(value, 0, 0));
  }
  return `${out.join('\n')}\n`;
}
