/**
 * `resource.Quantity` parsing (k8s.io/apimachinery/pkg/api/resource/quantity.go), enough for
 * scheduling arithmetic and for the decoder's syntax check.
 */
import type { Quantity } from '../types.ts';

/** The decoder's message for a malformed quantity, as the API server words it. */
export const QUANTITY_SYNTAX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const QUANTITY_PATTERN = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

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

/**
 * From a quantity as written (`"500m"`, `"1Gi"`, `2`, `"1e3"`), its value in base units
 * (cores, bytes, pods), or undefined when it is not a valid quantity.
 */
export function parseQuantity(q: Quantity | unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const match = QUANTITY_PATTERN.exec(q.trim() === q ? q : '');
  if (!match) return undefined;
  const [, numberPart, suffix] = match;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(numberPart)) return undefined;
  const base = Number(numberPart);
  if (Object.hasOwn(BINARY, suffix)) return base * BINARY[suffix];
  if (Object.hasOwn(DECIMAL, suffix)) return base * DECIMAL[suffix];
  const exponent = /^[eE]([-+]?\d+)$/.exec(suffix);
  if (exponent) return base * 10 ** Number(exponent[1]);
  return undefined;
}

/** Whether a value is a syntactically valid quantity (what the decoder accepts). */
export function isQuantity(q: unknown): boolean {
  return parseQuantity(q) !== undefined;
}

/**
 * From a quantity, its value in thousandths rounded up, as `Quantity.MilliValue()` does; this
 * keeps cpu sums exact (`100m + 200m` is exactly 300). Invalid quantities count as 0.
 */
export function toMilli(q: Quantity | unknown): number {
  const value = parseQuantity(q);
  if (value === undefined) return 0;
  return Math.ceil(Math.round(value * 1e6) / 1e3);
}
