/**
 * Small shared pieces of pkg/apis/core/validation/validation.go and apimachinery validation:
 * messages, range checks and typed readers over decoded (already type-checked) objects.
 */
import type { FieldError } from '../../operations.ts';
import { invalid } from '../field-errors.ts';
import { isObject } from '../records.ts';

export type Obj = Record<string, unknown>;

export const IS_NEGATIVE_MESSAGE = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_MESSAGE = 'field is immutable';

/** From a range, validation.InclusiveRangeError's text. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** From a decoded object and a key, the nested struct (absent or not an object: undefined). */
export function obj(parent: Obj | undefined, key: string): Obj | undefined {
  const value = parent?.[key];
  return isObject(value) ? value : undefined;
}

/** From a decoded object and a key, the list of structs (missing: empty). */
export function objs(parent: Obj | undefined, key: string): Obj[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value.map((item) => (isObject(item) ? item : {})) : [];
}

/** From a decoded object and a key, the string, or '' as Go's zero value. */
export function str(parent: Obj | undefined, key: string): string {
  const value = parent?.[key];
  return typeof value === 'string' ? value : '';
}

/** From a decoded object and a key, the number, or undefined (a nil pointer in Go). */
export function num(parent: Obj | undefined, key: string): number | undefined {
  const value = parent?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** From a decoded object and a key, the list of strings (missing: empty). */
export function strs(parent: Obj | undefined, key: string): string[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
}

/** From a decoded object and a key, the string map (missing: undefined, Go's nil map). */
export function strMap(parent: Obj | undefined, key: string): Record<string, string> | undefined {
  const value = parent?.[key];
  return isObject(value) ? (value as Record<string, string>) : undefined;
}

/** From a number (absent: nothing to check) and its path, ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, IS_NEGATIVE_MESSAGE)] : [];
}

/** From two decoded JSON values, whether they are equal (apiequality.Semantic.DeepEqual for our purposes). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
