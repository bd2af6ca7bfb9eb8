/**
 * Applying a strategic merge patch, as the API server does for `kubectl patch` (default type)
 * and for the patch `kubectl apply` computes
 * (staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go, mergeMap and its helpers).
 *
 * Lists merge by the merge key their field declares (patch-meta.ts); a list without one is
 * replaced whole. Directives: `$patch: replace|delete` in a map or a list item,
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`, `$retainKeys`, and null deleting
 * a key. Every map built here has no prototype, so `__proto__` is an ordinary key that reaches
 * the decoder as data.
 */
import { goValue } from './go-format.ts';
import { childCursor, itemCursor, listStrategy, type TypeCursor } from './patch-meta.ts';
import { cloneJson, createMap, isObject } from './records.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

/** A merge failure: `badRequest` ones the server answers with 400, the rest as its untyped 500. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly badRequest = false,
  ) {
    super(message);
  }
}

/** How a merge treats parallel lists and nulls: the server merges them, kubectl's patch-of-patches keeps them. */
export interface MergeOptions {
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/** mergepatch.ErrNoMergeKey. */
export function noMergeKey(item: JsonMap, key: string): PatchError {
  return new PatchError(`map: ${goValue(item)} does not contain declared merge key: ${key}`);
}

// mergepatch's errors.go texts; the API server answers these three with BadRequest.
const BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const BAD_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';
const BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';

/** The JSON type name Go's reflect.TypeOf tells apart in a decoded document. */
export function jsonType(value: Json): string {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'slice';
  if (isObject(value)) return 'map';
  return typeof value;
}

/**
 * From a stored object's JSON, a patch and the object's struct cursor, the merged JSON (the
 * inputs are not changed), or a PatchError with the server's words.
 */
export function applyStrategicPatch(
  original: JsonMap,
  patch: JsonMap,
  cursor: TypeCursor,
): JsonMap {
  return mergeMap(cloneJson(original) as JsonMap, cloneJson(patch) as JsonMap, cursor, SERVER);
}

/** mergeMap: `original` and `patch` are modified in place (both are private copies). */
export function mergeMap(
  original: JsonMap | null,
  patch: JsonMap,
  cursor: TypeCursor,
  options: MergeOptions,
): JsonMap {
  if (Object.hasOwn(patch, DIRECTIVE)) return directiveInMap(patch[DIRECTIVE], patch);
  const target = original ?? createMap<Json>();
  applyRetainKeys(target, patch, options);
  mergeOrderedLists(target, patch, cursor, options);
  for (const rawKey of Object.keys(patch)) {
    let key = rawKey;
    const value = patch[rawKey];
    let isDeleteList = false;
    if (rawKey.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`)) {
      if (!options.mergeParallelList) {
        target[rawKey] = value;
        continue;
      }
      key = rawKey.slice(DELETE_FROM_PRIMITIVE_LIST.length + 1);
      isDeleteList = true;
    } else if (rawKey === DELETE_FROM_PRIMITIVE_LIST) {
      throw new PatchError(BAD_PRIMITIVE_LIST, true);
    }
    if (value === null) {
      delete target[key];
      if (options.ignoreUnmatchedNulls) continue;
    }
    if (!Object.hasOwn(target, key) || jsonType(target[key]) !== jsonType(value)) {
      if (!isDeleteList) target[key] = options.ignoreUnmatchedNulls ? withoutNulls(value) : value;
      continue;
    }
    const current = target[key];
    const child = childCursor(cursor, key);
    if (isObject(current) && isObject(value)) {
      target[key] = mergeMap(current, value, child, options);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      const strategy = listStrategy(child);
      target[key] =
        strategy.strategy === 'merge'
          ? mergeSlice(
              current,
              value,
              itemCursor(child),
              strategy.mergeKey ?? '',
              options,
              isDeleteList,
            )
          : value;
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** discardNullValuesFromPatch: a null under a key the original lacks has nothing to delete. */
function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) value.forEach(withoutNulls);
  if (!isObject(value)) return value;
  for (const key of Object.keys(value)) {
    if (value[key] === null) delete value[key];
    else withoutNulls(value[key]);
  }
  return value;
}

/** handleDirectiveInMergeMap: `replace` keeps the patch as the value, `delete` empties it. */
function directiveInMap(directive: Json, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return createMap<Json>();
  throw new PatchError(`unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
}

/** applyRetainKeysDirective: keys the directive does not list are cleared from the original. */
function applyRetainKeys(original: JsonMap, patch: JsonMap, options: MergeOptions): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!options.mergeParallelList) {
    if (!Object.hasOwn(original, RETAIN_KEYS)) original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError(BAD_RETAIN_KEYS, true);
  const kept = new Set(retain);
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null || key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`)) continue;
    if (key.startsWith(`${SET_ELEMENT_ORDER}/`)) continue;
    if (!kept.has(key)) throw new PatchError(BAD_RETAIN_KEYS, true);
  }
  for (const key of Object.keys(original)) if (!kept.has(key)) delete original[key];
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<list>` merges its list now and puts the
 * items in the directive's order, server-only items kept near their old neighbours.
 */
function mergeOrderedLists(
  original: JsonMap,
  patch: JsonMap,
  cursor: TypeCursor,
  options: MergeOptions,
): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[directiveKey];
    if (!options.mergeParallelList) {
      if (!Object.hasOwn(original, directiveKey)) original[directiveKey] = order;
    }
    delete patch[directiveKey];
    if (!Array.isArray(order) || !directiveKey.startsWith(`${SET_ELEMENT_ORDER}/`))
      throw new PatchError(BAD_SET_ELEMENT_ORDER, true);
    const key = directiveKey.slice(SET_ELEMENT_ORDER.length + 1);
    const foundOriginal = Object.hasOwn(original, key);
    const foundPatch = Object.hasOwn(patch, key);
    const originalList = foundOriginal ? original[key] : undefined;
    const patchList = foundPatch ? patch[key] : undefined;
    if (foundOriginal && !Array.isArray(originalList))
      throw new PatchError(BAD_SET_ELEMENT_ORDER, true);
    if (foundPatch && !Array.isArray(patchList)) throw new PatchError(BAD_SET_ELEMENT_ORDER, true);
    const child = childCursor(cursor, key);
    const strategy = listStrategy(child);
    const mergeKey = strategy.mergeKey ?? '';
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList as Json[];
    else if (!foundOriginal && foundPatch) merged = patchList as Json[];
    else if (foundOriginal && foundPatch)
      merged =
        strategy.strategy === 'merge'
          ? mergeSlice(
              originalList as Json[],
              patchList as Json[],
              itemCursor(child),
              mergeKey,
              options,
              false,
            )
          : (patchList as Json[]);
    else continue;
    const [inPatch, serverOnly] =
      mergeKey === '' ? partitionScalars(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceKind(
      (originalList as Json[] | undefined) ?? [],
      (patchList as Json[] | undefined) ?? [],
    );
    original[key] = normalizeElementOrder(
      inPatch,
      serverOnly,
      order,
      (originalList as Json[] | undefined) ?? [],
      mergeKey,
      kind,
    );
    delete patch[key];
  }
}

function partitionScalars(list: Json[], by: Json[]): [Json[], Json[]] {
  const present = new Set(by);
  return [list.filter((v) => present.has(v)), list.filter((v) => !present.has(v))];
}

function partitionMaps(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const item of list) {
    if (!isObject(item)) throw new PatchError(`invalid list item ${goValue(item)}`);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    if (findByKey(by, mergeKey, item[mergeKey]) >= 0) inPatch.push(item);
    else serverOnly.push(item);
  }
  return [inPatch, serverOnly];
}

/** findMapInSliceBasedOnKeyValue: the index of the first map whose merge key equals `value`. */
function findByKey(list: Json[], mergeKey: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) throw new PatchError(`value for key ${i} is not a map.`);
    if (Object.hasOwn(item, mergeKey) && item[mergeKey] === value) return i;
  }
  return -1;
}

/** mergeSlice: scalars are unioned (or deleted by a parallel list); maps merge by key. */
export function mergeSlice(
  original: Json[],
  patch: Json[],
  items: TypeCursor,
  mergeKey: string,
  options: MergeOptions,
  isDeleteList: boolean,
): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceKind(original, patch);
  let merged: Json[];
  let base = original;
  let patchItems = patch;
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) {
      const drop = new Set(patch);
      return original.filter((v) => !drop.has(v));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new PatchError('cannot merge lists without merge key for type map');
    const special = withoutSpecialElements(original, patch, mergeKey);
    if (special.replaced) return special.original;
    base = special.original;
    patchItems = special.patch;
    merged = mergeWithoutSpecialElements([...base], patchItems, mergeKey, items, options);
  }
  const [inPatch, serverOnly] =
    mergeKey === ''
      ? partitionScalars(merged, patchItems)
      : partitionMaps(merged, patchItems, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patchItems, base, mergeKey, kind);
}

/** sliceElementType: all items one JSON type, never a list of lists. */
export function sliceKind(...lists: Json[][]): string {
  let found: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const type = jsonType(item);
      if (found === undefined) {
        if (type === 'slice') throw new PatchError('lists of lists are not supported', false);
        found = type;
      } else if (found !== type) {
        throw new PatchError(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (found === undefined) throw new PatchError('no elements in any of the given slices');
  return found;
}

/** mergeSliceWithSpecialElements: `$patch: delete` items remove their match, `$patch: replace` makes the patch the list. */
function withoutSpecialElements(
  original: Json[],
  patch: Json[],
  mergeKey: string,
): { original: Json[]; patch: Json[]; replaced: boolean } {
  const plain: Json[] = [];
  let replace = false;
  let base = original;
  for (const item of patch) {
    const map = item as JsonMap;
    if (!Object.hasOwn(map, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = map[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(map, mergeKey)) throw noMergeKey(map, mergeKey);
      const value = map[mergeKey];
      base = base.filter(
        (o) => !(isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === value),
      );
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw new PatchError(`unknown patch type: ${goValue(directive)} in map: ${goValue(map)}`);
    }
  }
  return replace
    ? { original: plain, patch: [], replaced: true }
    : { original: base, patch: plain, replaced: false };
}

/** mergeSliceWithoutSpecialElements: each patch item merges into its match or is appended. */
function mergeWithoutSpecialElements(
  original: Json[],
  patch: Json[],
  mergeKey: string,
  items: TypeCursor,
  options: MergeOptions,
): Json[] {
  for (const item of patch) {
    const map = item as JsonMap;
    if (!Object.hasOwn(map, mergeKey)) throw noMergeKey(map, mergeKey);
    const index = findByKey(original, mergeKey, map[mergeKey]);
    if (index >= 0) original[index] = mergeMap(original[index] as JsonMap, map, items, options);
    else original.push(item);
  }
  return original;
}

/** deduplicateScalars, with its swap-from-the-end order. */
export function deduplicateScalars(list: Json[]): Json[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function indexIn(list: Json[], value: Json, mergeKey: string, kind: string): number {
  const key = (item: Json): Json =>
    kind === 'map' ? (isObject(item) ? item[mergeKey] : undefined) : item;
  const wanted = key(value);
  for (let i = 0; i < list.length; i++) if (key(list[i]) === wanted) return i;
  return -1;
}

/**
 * Go's sort.SliceStable on a short list: insertion sort, which normalizeSliceOrder's comparator
 * (true whenever an item is missing from the order) depends on.
 */
export function insertionSort(list: Json[], less: (a: Json, b: Json) => boolean): void {
  for (let i = 1; i < list.length; i++) {
    for (let j = i; j > 0 && less(list[j], list[j - 1]); j--) {
      const t = list[j];
      list[j] = list[j - 1];
      list[j - 1] = t;
    }
  }
}

/** normalizeSliceOrder: sort by position in `order`; `$patch: delete` items go last. */
export function normalizeSliceOrder(
  toSort: Json[],
  order: Json[],
  mergeKey: string,
  kind: string,
): Json[] {
  let list = [...toSort];
  const toDelete: Json[] = [];
  if (kind === 'map') {
    for (const item of [...list, ...order]) {
      if (!isObject(item)) throw new PatchError(`invalid list item ${goValue(item)}`);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
    const keep: Json[] = [];
    for (const item of list) {
      if ((item as JsonMap)[DIRECTIVE] === 'delete') toDelete.push(item);
      else keep.push(item);
    }
    list = keep;
  }
  insertionSort(list, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...list, ...toDelete];
}

/** normalizeElementOrder + mergeSortedSlice: patch items in patch order, server-only items slotted in by the live order. */
export function normalizeElementOrder(
  patch: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  mergeKey: string,
  kind: string,
): Json[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
