/**
 * RFC 7386 JSON merge patch (`kubectl patch --type=merge`), as the API server applies it with
 * evanphx/json-patch: a null deletes a key, an object merges into an object, anything else
 * replaces. Maps are built without prototypes, so `__proto__` stays an ordinary key.
 */
import { createMap, isObject } from './records.ts';

/** From a target and a merge patch, the merged value (neither input is changed). */
export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result = createMap<unknown>();
  if (isObject(target)) for (const key of Object.keys(target)) result[key] = target[key];
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete result[key];
    else result[key] = jsonMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value);
  }
  return result;
}
