/**
 * Deep copies for objects the engine keeps. V8 keeps prototype-free objects in its slow
 * dictionary mode, so structural objects (metadata, spec, status, conditions) are copied as
 * ordinary objects for fast property access, while user-controlled maps (labels, annotations,
 * nodeSelector, data, resource lists) stay prototype-free so `__proto__` or `constructor` is
 * just a key. A structural key named `__proto__` (only possible in opaque fields) is defined as
 * an own property, never assigned.
 */

/** Keys whose values are user-controlled string maps. */
const USER_MAPS = new Set([
  'labels',
  'annotations',
  'nodeSelector',
  'matchLabels',
  'data',
  'binaryData',
  'stringData',
  'capacity',
  'allocatable',
  'requests',
  'limits',
  'selector',
]);

/** From a JSON-like value and the key it sits under, a deep copy with fast structural objects. */
export function cloneData<T>(value: T, key = '', depth = 0): T {
  return copy(value, key, depth, false);
}

/**
 * From a JSON-like value, a deep copy frozen all the way down that shares the parts already
 * frozen (a DaemonSet's pods share their template's frozen parts; snapshots copy every pod).
 */
export function frozenClone<T>(value: T): T {
  return deepFreeze(copy(value, '', 0, true));
}

function copy<T>(value: T, key: string, depth: number, shareFrozen: boolean): T {
  if (depth > 200) return null as T;
  if (shareFrozen && value !== null && typeof value === 'object' && Object.isFrozen(value))
    return value;
  if (Array.isArray(value)) return value.map((item) => copy(item, '', depth + 1, shareFrozen)) as T;
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  // `selector` is a user map on Services but a LabelSelector elsewhere: only a map of strings is a user map.
  const userMap =
    USER_MAPS.has(key) &&
    (key !== 'selector' || Object.values(source).every((v) => typeof v === 'string'));
  const out: Record<string, unknown> = userMap
    ? (Object.create(null) as Record<string, unknown>)
    : {};
  for (const k of Object.keys(source)) {
    const v = copy(source[k], k, depth + 1, shareFrozen);
    if (k === '__proto__' && !userMap)
      Object.defineProperty(out, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = v;
  }
  return out as T;
}

/** From a value, the same value frozen all the way down (returned for chaining). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
