/**
 * The patch `kubectl apply` sends: strategicpatch.CreateThreeWayMergePatch of the last-applied
 * configuration (original), the file (modified) and the live object (current), from
 * staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (diffMaps, diffLists and
 * their helpers). The patch is what changed from current to the file, without deletions, plus
 * what the file deleted since the last apply. An empty patch means kubectl prints `unchanged`
 * and sends nothing.
 */
import { goValue } from './go-format.ts';
import { fieldTags, itemCursor, listStrategy, childCursor, type TypeCursor } from './patch-meta.ts';
import { cloneJson, createMap, isObject } from './records.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  PatchError,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  deduplicateScalars,
  insertionSort,
  jsonType,
  mergeMap,
  noMergeKey,
  normalizeSliceOrder,
  sliceKind,
} from './strategic-merge.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

interface DiffOptions {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
  setElementOrder: boolean;
  buildRetainKeys: boolean;
}

/** reflect.DeepEqual over decoded JSON. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** sortScalars: Go's sort.Sort by `%v` text, which for short lists is an insertion sort. */
function sortScalars(list: Json[]): Json[] {
  insertionSort(list, (a, b) => goValue(a) <= goValue(b));
  return list;
}

function diffMaps(
  original: JsonMap,
  modified: JsonMap,
  cursor: TypeCursor,
  options: DiffOptions,
): JsonMap {
  const patch = createMap<Json>();
  const retainKeys: Json[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (options.buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string')
        throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    if (jsonType(originalValue) !== jsonType(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isObject(originalValue) && isObject(modifiedValue)) {
      mapDiff(key, originalValue, modifiedValue, patch, cursor, options);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      sliceDiff(key, originalValue, modifiedValue, patch, cursor, options);
    } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  if (
    retainKeys.length > 0 &&
    (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))
  ) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !Object.hasOwn(modified, k));
}

/** handleMapDiff: a struct or Go map diffs key by key, with its own retainKeys tag. */
function mapDiff(
  key: string,
  original: JsonMap,
  modified: JsonMap,
  patch: JsonMap,
  cursor: TypeCursor,
  options: DiffOptions,
): void {
  const tags = fieldTags(cursor, key);
  const inner = { ...options, buildRetainKeys: tags?.retainKeys === true };
  const value = diffMaps(original, modified, childCursor(cursor, key), inner);
  if (Object.keys(value).length > 0) patch[key] = value;
}

/** handleSliceDiff: merge lists diff by item, the others are replaced when they differ. */
function sliceDiff(
  key: string,
  original: Json[],
  modified: Json[],
  patch: JsonMap,
  cursor: TypeCursor,
  options: DiffOptions,
): void {
  const child = childCursor(cursor, key);
  const strategy = listStrategy(child);
  if (strategy.strategy !== 'merge') {
    if (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const inner = { ...options, buildRetainKeys: strategy.retainKeys === true };
  const [add, remove, order] = diffLists(
    original,
    modified,
    itemCursor(child),
    strategy.mergeKey ?? '',
    inner,
  );
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = remove;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

function diffLists(
  original: Json[],
  modified: Json[],
  items: TypeCursor,
  mergeKey: string,
  options: DiffOptions,
): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceKind(original, modified);
  if (kind === 'map') {
    const [changed, deleted] = diffListsOfMaps(original, modified, items, mergeKey, options);
    const patchList = [...normalizeSliceOrder(changed, modified, mergeKey, kind), ...deleted];
    const orderSame = isOrderSame(original, modified, mergeKey);
    let order: Json[] = [];
    if (
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!options.ignoreDeletions && patchList.length > 0))
    ) {
      order = modified.map((item) => {
        const entry = createMap<Json>();
        entry[mergeKey] = (item as JsonMap)[mergeKey];
        return entry;
      });
    }
    return [patchList, [], order];
  }
  // diffListsOfScalars sorts the original in place, so the equality below sees it sorted.
  const [added, deleted] = diffListsOfScalars(original, modified, options);
  const patchList = normalizeSliceOrder(added, modified, mergeKey, kind);
  const order =
    options.setElementOrder &&
    ((!options.ignoreDeletions && deleted.length > 0) ||
      (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)))
      ? modified
      : [];
  return [patchList, deleted, order];
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    const a = original[i] as JsonMap;
    const b = modified[i] as JsonMap;
    if (!Object.hasOwn(a, mergeKey)) throw noMergeKey(a, mergeKey);
    if (!Object.hasOwn(b, mergeKey)) throw noMergeKey(b, mergeKey);
    if (a[mergeKey] !== b[mergeKey]) return false;
  }
  return true;
}

function diffListsOfScalars(
  original: Json[],
  modified: Json[],
  options: DiffOptions,
): [Json[], Json[]] {
  const originalSorted = sortScalars(original);
  const modifiedSorted = sortScalars([...modified]);
  const added: Json[] = [];
  const deleted: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < originalSorted.length || j < modifiedSorted.length) {
    const inOriginal = i < originalSorted.length;
    const inModified = j < modifiedSorted.length;
    const a = inOriginal ? goValue(originalSorted[i]) : '';
    const b = inModified ? goValue(modifiedSorted[j]) : '';
    if (inOriginal && inModified && a === b) {
      i++;
      j++;
    } else if (!inOriginal || (inModified && a > b)) {
      if (!options.ignoreChangesAndAdditions) added.push(modifiedSorted[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deleted.push(originalSorted[i]);
      i++;
    }
  }
  return [added, deduplicateScalars(deleted)];
}

function sortByMergeKey(list: Json[], mergeKey: string): JsonMap[] {
  const copy = list.map((item) => {
    if (!isObject(item)) throw new PatchError(`invalid list item ${goValue(item)}`);
    return item;
  });
  insertionSort(
    copy,
    (a, b) => goValue((a as JsonMap)[mergeKey]) <= goValue((b as JsonMap)[mergeKey]),
  );
  return copy;
}

function mergeKeyText(item: JsonMap, mergeKey: string): string {
  if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
  return goValue(item[mergeKey]);
}

function diffListsOfMaps(
  original: Json[],
  modified: Json[],
  items: TypeCursor,
  mergeKey: string,
  options: DiffOptions,
): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const originalSorted = sortByMergeKey(original, mergeKey);
  const modifiedSorted = sortByMergeKey(modified, mergeKey);
  let i = 0;
  let j = 0;
  while (i < originalSorted.length || j < modifiedSorted.length) {
    const inOriginal = i < originalSorted.length;
    const inModified = j < modifiedSorted.length;
    const a = inOriginal ? mergeKeyText(originalSorted[i], mergeKey) : '';
    const b = inModified ? mergeKeyText(modifiedSorted[j], mergeKey) : '';
    if (inOriginal && inModified && a === b) {
      const value = diffMaps(originalSorted[i], modifiedSorted[j], items, options);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = modifiedSorted[j][mergeKey];
        patch.push(value);
      }
      i++;
      j++;
    } else if (!inOriginal || (inModified && a > b)) {
      if (!options.ignoreChangesAndAdditions) patch.push(modifiedSorted[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) {
        const directive = createMap<Json>();
        directive[mergeKey] = originalSorted[i][mergeKey];
        directive[DIRECTIVE] = 'delete';
        deletions.push(directive);
      }
      i++;
    }
  }
  return [patch, deletions];
}

/**
 * From the last-applied configuration (undefined when the object has none), the file's object
 * and the live object, all as decoded JSON, the patch kubectl sends (an empty map when there is
 * nothing to send). Throws a PatchError with kubectl's words when the documents cannot be diffed.
 */
export function createThreeWayMergePatch(
  original: JsonMap | undefined,
  modified: JsonMap,
  current: JsonMap,
  cursor: TypeCursor,
): JsonMap {
  const copy = (value: JsonMap): JsonMap => cloneJson(value) as JsonMap;
  const delta = diffMaps(copy(current), copy(modified), cursor, {
    ignoreDeletions: true,
    ignoreChangesAndAdditions: false,
    setElementOrder: true,
    buildRetainKeys: false,
  });
  const deletions = diffMaps(copy(original ?? createMap<Json>()), copy(modified), cursor, {
    ignoreDeletions: false,
    ignoreChangesAndAdditions: true,
    setElementOrder: true,
    buildRetainKeys: false,
  });
  return mergeMap(deletions, delta, cursor, {
    mergeParallelList: false,
    ignoreUnmatchedNulls: false,
  });
}
