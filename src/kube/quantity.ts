/**
 * `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource/quantity.go): parsing exact enough
 * for the engine's scheduling arithmetic, its decoder's syntax check and the node cards' bars,
 * the canonical text the API server echoes, and the sums kubectl describe prints.
 */
import type { Quantity } from './types.ts';

/** The decoder's message for a malformed quantity, as the API server words it (ErrFormatWrong). */
export const QUANTITY_SYNTAX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** ErrNumeric of quantity.go. */
export const QUANTITY_NUMERIC_MESSAGE = 'unable to parse numeric part of quantity';
/** ErrSuffix of quantity.go. */
export const QUANTITY_SUFFIX_MESSAGE = "unable to parse quantity's suffix";

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** The outcome of parsing a quantity string: its value in base units or ParseQuantity's error. */
export type QuantityParse = { ok: true; value: number } | { ok: false; message: string };

/** A quantity split as parseQuantityString splits it, digits kept as text for exact arithmetic. */
interface QuantityParts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** Mirrors parseQuantityString: sign, digits, optional fraction, then a suffix. */
function splitQuantity(str: string): QuantityParts | string {
  if (str.length === 0) return QUANTITY_SYNTAX_MESSAGE;
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  let start = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    start = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return QUANTITY_SYNTAX_MESSAGE;
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/**
 * From a quantity string exactly as ParseQuantity receives it (no trimming), its value in base
 * units or the error text. Follows parseQuantityString and the suffixer step by step, so odd
 * inputs (`1.`, `.5`, `1kk`) get the same verdict and the same message as the API server.
 */
export function parseQuantityString(str: string): QuantityParse {
  const parts = splitQuantity(str);
  if (typeof parts === 'string') return { ok: false, message: parts };
  const multiplier = suffixMultiplier(parts.suffix);
  if (multiplier === undefined) return { ok: false, message: QUANTITY_SUFFIX_MESSAGE };
  const magnitude = Number(`${parts.num}.${parts.denom || '0'}`) * multiplier;
  if (!Number.isFinite(magnitude)) return { ok: false, message: QUANTITY_NUMERIC_MESSAGE };
  return { ok: true, value: parts.negative ? -magnitude : magnitude };
}

const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_EXPONENTS: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(
  Object.entries(DECIMAL_EXPONENTS).map(([s, e]) => [e, s]),
);
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * From a quantity as written, its canonical text as `Quantity.String()` prints it (what
 * `kubectl get -o yaml` shows and what validation messages quote): `0.5` is `500m`, `1000` is
 * `1k`, `1536Mi` is `1536Mi`, `0.5Gi` is `512Mi`, `1e3` is `1e3`. Undefined when invalid.
 */
export function canonicalQuantity(q: Quantity | unknown): string | undefined {
  const text =
    typeof q === 'number' ? (Number.isFinite(q) ? String(q) : '') : typeof q === 'string' ? q : '';
  const parts = splitQuantity(text);
  if (typeof parts === 'string' || suffixMultiplier(parts.suffix) === undefined) return undefined;
  let n = BigInt(`${parts.num}${parts.denom}`);
  if (n === 0n) return '0';
  if (parts.negative) n = -n;
  let p10 = -parts.denom.length;
  let p2 = 0;
  let format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent' = 'DecimalSI';
  if (Object.hasOwn(DECIMAL_EXPONENTS, parts.suffix)) p10 += DECIMAL_EXPONENTS[parts.suffix];
  else if (Object.hasOwn(BINARY_EXPONENTS, parts.suffix)) {
    p2 = 10 * BINARY_EXPONENTS[parts.suffix];
    format = 'BinarySI';
  } else {
    p10 += Number(parts.suffix.slice(1));
    format = 'DecimalExponent';
  }
  n *= 2n ** BigInt(p2);
  if (format === 'BinarySI') {
    const integer =
      p10 >= 0
        ? n * 10n ** BigInt(p10)
        : n % 10n ** BigInt(-p10) === 0n
          ? n / 10n ** BigInt(-p10)
          : undefined;
    if (integer !== undefined && (integer >= 1024n || integer <= -1024n)) {
      let mantissa = integer;
      let exponent = 0;
      while (exponent < 6 && mantissa % 1024n === 0n) {
        mantissa /= 1024n;
        exponent++;
      }
      return `${mantissa}${BINARY_SUFFIXES[exponent]}`;
    }
    format = 'DecimalSI';
  }
  // ParseQuantity keeps nothing finer than 1n: round away from zero to nano.
  if (p10 < -9) {
    const divisor = 10n ** BigInt(-9 - p10);
    const rounded = n / divisor + (n % divisor === 0n ? 0n : n > 0n ? 1n : -1n);
    n = rounded;
    p10 = -9;
  }
  while (n % 10n === 0n) {
    n /= 10n;
    p10++;
  }
  const mod = ((p10 % 3) + 3) % 3;
  if (mod === 1) {
    n *= 10n;
    p10 -= 1;
  } else if (mod === 2) {
    n *= 100n;
    p10 -= 2;
  }
  if (format === 'DecimalExponent') return p10 === 0 ? `${n}` : `${n}e${p10}`;
  while (p10 > 18) {
    n *= 1000n;
    p10 -= 3;
  }
  return `${n}${DECIMAL_SUFFIX_BY_EXPONENT.get(p10) ?? ''}`;
}

/** The suffixer's interpretation: decimal SI, binary SI, then `e<int>` / `E<int>` exponents. */
function suffixMultiplier(suffix: string): number | undefined {
  if (Object.hasOwn(DECIMAL, suffix)) return DECIMAL[suffix];
  if (Object.hasOwn(BINARY, suffix)) return BINARY[suffix];
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const exponent = suffix.slice(1);
    if (!/^[-+]?\d+$/.test(exponent)) return undefined;
    return 10 ** Number(exponent);
  }
  return undefined;
}

/**
 * From a quantity as written (`"500m"`, `"1Gi"`, `2`, `"1e3"`), its value in base units
 * (cores, bytes, pods), or undefined when it is not a valid quantity.
 */
export function parseQuantity(q: Quantity | unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const parsed = parseQuantityString(q);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * From a quantity, its value in thousandths rounded up, as `Quantity.MilliValue()` does; this
 * keeps cpu sums exact (`100m + 200m` is exactly 300). Invalid quantities count as 0.
 */
export function toMilli(q: Quantity | unknown): number {
  const value = parseQuantity(q);
  if (value === undefined) return 0;
  // Round to nano first (the finest unit a Quantity keeps) so float noise never rounds up.
  return Math.ceil(Math.round(value * 1e12) / 1e9);
}

const BINARY_FORMAT_SUFFIXES: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_FORMAT_SUFFIXES: [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];

/**
 * From a value in base units and whether it was written with a binary suffix, its text as
 * `resource.Quantity.String()` prints a sum or a request (kubectl describe's resource tables):
 * binary suffixes when the value is a whole multiple, else the largest decimal suffix that
 * keeps the mantissa whole (`1500m`, `2`, `128Mi`, `1G`).
 */
export function formatQuantity(value: number, binary: boolean): string {
  if (value === 0) return '0';
  if (binary && Number.isInteger(value)) {
    for (const [suffix, factor] of BINARY_FORMAT_SUFFIXES) {
      if (Math.abs(value) >= factor && value % factor === 0) return `${value / factor}${suffix}`;
    }
    if (Math.abs(value) < 1024) return String(value);
  }
  for (const [suffix, exp] of DECIMAL_FORMAT_SUFFIXES) {
    const mantissa = value / 10 ** exp;
    const rounded = Math.round(mantissa);
    if (
      Math.abs(mantissa - rounded) < 1e-9 * Math.max(1, Math.abs(mantissa)) &&
      Math.abs(rounded) >= 1
    ) {
      return `${rounded}${suffix}`;
    }
  }
  return `${Math.ceil(value * 1e9)}n`;
}

/** From a quantity as written, whether it has a binary suffix (so sums keep printing in Ki/Mi/Gi). */
export function isBinaryQuantity(q: unknown): boolean {
  return typeof q === 'string' && /[KMGTPE]i$/.test(q);
}
