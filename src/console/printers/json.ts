/**
 * `kubectl get -o json`: kubectl receives objects as unstructured maps and marshals them with
 * Go's encoding/json (`MarshalIndent`, four spaces), so keys come out sorted and `<`, `>`, `&`
 * are escaped as \u003c, \u003e, \u0026.
 */

/** From a JSON-like value, the same value with object keys sorted (Go's map marshalling order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // No prototype: a `__proto__` key from a manifest is data here like any other key.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Escapes what Go's encoder escapes inside strings (only strings can hold these characters). */
function goEscape(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** From one object (or a List), kubectl's `-o json` text, ending in a newline. */
export function printJson(value: unknown): string {
  return `${goEscape(JSON.stringify(sortKeys(value), null, 4))}\n`;
}

/** A JSON-like map, or undefined when the value is not one. */
function mapAt(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current !== null && typeof current === 'object' && !Array.isArray(current)
    ? (current as Record<string, unknown>)
    : undefined;
}

/**
 * From a stored object, a plain copy as the v1.32 API server serializes it: Go's encoding/json
 * writes a zero metav1.Time as `null` despite omitempty, so a pod template's metadata (in a
 * DaemonSet, and in the template a ControllerRevision keeps) reads `creationTimestamp: null`.
 */
export function servedForm(object: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
  const templates = [mapAt(copy, 'spec', 'template'), mapAt(copy, 'data', 'spec', 'template')];
  for (const template of templates) {
    if (template === undefined) continue;
    const metadata = (mapAt(template, 'metadata') ?? (template.metadata = {})) as Record<
      string,
      unknown
    >;
    if (!Object.hasOwn(metadata, 'creationTimestamp')) metadata.creationTimestamp = null;
  }
  return copy;
}

/** From objects, the `List` kubectl wraps several results in. */
export function toList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Compact JSON with sorted keys and a newline: the last-applied-configuration annotation. */
export function compactJson(value: unknown): string {
  return `${goEscape(JSON.stringify(sortKeys(value)))}\n`;
}
