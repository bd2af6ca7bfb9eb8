/**
 * The order the API server lists objects in: by namespace, then name. One `namespace NUL name`
 * string is built per item and compared as a plain string (NUL sorts below every character a
 * namespace may hold), instead of the comparator reading both items n log n times.
 */

/** From items and how to read an item's namespace ('' for none) and name, the items in list order. */
export function inListOrder<T>(
  items: Iterable<T>,
  namespace: (item: T) => string,
  name: (item: T) => string,
): T[] {
  const decorated: { key: string; item: T }[] = [];
  for (const item of items) decorated.push({ key: `${namespace(item)}\u0000${name(item)}`, item });
  decorated.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return decorated.map((d) => d.item);
}
