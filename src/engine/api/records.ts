/**
 * Own-property helpers for user-controlled maps. Manifests come from learners, so a key such as
 * `__proto__` or `constructor` must stay an ordinary key: maps built here have no prototype and
 * are only read through own-property checks.
 */

/** From nothing, an empty map without a prototype, so any string is a safe key. */
export function createMap<V = string>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** From any value, whether it is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** From a record and a key, the key's own value (never an inherited one). */
export function getOwn<V>(record: Record<string, V> | undefined, key: string): V | undefined {
  if (record === undefined || !Object.hasOwn(record, key)) return undefined;
  return record[key];
}

/** From a record, a copy without a prototype that keeps every own key as data. */
export function copyMap<V>(record: Record<string, V> | undefined): Record<string, V> {
  const copy = createMap<V>();
  if (record === undefined) return copy;
  for (const key of Object.keys(record)) copy[key] = record[key];
  return copy;
}

/**
 * From a JSON-like value, a deep copy in which every object is prototype-free, so values the
 * simulator keeps opaque (pod affinity, RawExtension data) cannot smuggle a prototype in.
 */
export function cloneJson(value: unknown, depth = 0): unknown {
  if (depth > 200) return null;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item, depth + 1));
  if (isObject(value)) {
    const copy = createMap<unknown>();
    for (const key of Object.keys(value)) copy[key] = cloneJson(value[key], depth + 1);
    return copy;
  }
  return value;
}
