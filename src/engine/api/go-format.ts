/**
 * Go's `fmt` `%v` of decoded JSON (`map[string]interface{}`, `[]interface{}`, float64, string,
 * bool, nil), as the API server puts patches and list items into its error messages
 * (`map: map[image:x] does not contain declared merge key: name`) and as strategic merge patch
 * compares merge key values.
 */
import { isObject } from './records.ts';

/** From a float64, `%v`: shortest digits, exponent form below 1e-4 and from 1e21 (strconv 'g' with precision 6 for the switch). */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return String(value);
}

/** From decoded JSON, Go's `%v` text (map keys sorted, as fmt prints maps). */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goValue(value[k])}`).join(' ')}]`;
  }
  return String(value);
}
