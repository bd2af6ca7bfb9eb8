/**
 * What strategic merge patch knows of a field: its `patchStrategy` and `patchMergeKey` struct
 * tags in k8s.io/api v1.32 (core/v1, apps/v1, meta/v1 types.go), as data. Both sides use it:
 * kubectl's three-way patch (three-way-patch.ts) and the API server's merge (strategic-merge.ts).
 * A list without an entry here is replaced whole; a struct is merged key by key; a Go map
 * (`map[string]string`) is merged key by key too.
 */
import { STRUCTS, type FieldSchema } from './schema.ts';

/** A field's tags: `merge` lists pair items by `mergeKey` (scalars need none); `retainKeys` clears what an item does not name. */
export interface PatchStrategy {
  strategy: 'merge' | 'replace';
  mergeKey?: string;
  retainKeys?: boolean;
}

const merge = (mergeKey?: string): PatchStrategy =>
  mergeKey === undefined ? { strategy: 'merge' } : { strategy: 'merge', mergeKey };

/** `Struct.field` → tags, for every tagged field of the structs the simulator stores. */
const STRATEGIES: Record<string, PatchStrategy> = {
  'ObjectMeta.finalizers': merge(),
  'ObjectMeta.ownerReferences': merge('uid'),
  'PodSpec.volumes': { strategy: 'merge', mergeKey: 'name', retainKeys: true },
  'PodSpec.initContainers': merge('name'),
  'PodSpec.containers': merge('name'),
  'PodSpec.ephemeralContainers': merge('name'),
  'PodSpec.imagePullSecrets': merge('name'),
  'PodSpec.hostAliases': merge('ip'),
  'PodSpec.topologySpreadConstraints': merge('topologyKey'),
  'PodSpec.schedulingGates': merge('name'),
  'PodSpec.resourceClaims': { strategy: 'merge', mergeKey: 'name', retainKeys: true },
  'Container.ports': merge('containerPort'),
  'Container.env': merge('name'),
  'Container.volumeMounts': merge('mountPath'),
  'Container.volumeDevices': merge('devicePath'),
  'NodeSpec.podCIDRs': merge(),
  'NodeStatus.conditions': merge('type'),
  'NodeStatus.addresses': merge('type'),
  'DaemonSetStatus.conditions': merge('type'),
  'ServiceSpec.ports': merge('port'),
  'PodStatus.conditions': merge('type'),
};

/**
 * Structs the decoder keeps opaque but whose tags matter to a merge: they are walked with the
 * named schema (an EphemeralContainer carries a Container's fields).
 */
const OPAQUE_AS: Record<string, string> = {
  'v1.EphemeralContainer': 'Container',
};

/** Where a merge is in the type tree: a struct by schema name, a Go map's value type, or nothing known. */
export type TypeCursor =
  | { kind: 'struct'; name: string }
  | { kind: 'map'; values: TypeCursor }
  | { kind: 'list'; items: TypeCursor; strategy: PatchStrategy }
  | { kind: 'unknown' };

const UNKNOWN: TypeCursor = { kind: 'unknown' };

/** From a struct name, the cursor at its top. */
export function structCursor(name: string): TypeCursor {
  return { kind: 'struct', name };
}

function fromSchema(field: FieldSchema, strategy: PatchStrategy | undefined): TypeCursor {
  switch (field.type) {
    case 'struct':
      return { kind: 'struct', name: field.ref };
    case 'opaque':
      return Object.hasOwn(OPAQUE_AS, field.go)
        ? { kind: 'struct', name: OPAQUE_AS[field.go] }
        : UNKNOWN;
    case 'map':
      return { kind: 'map', values: fromSchema(field.values, undefined) };
    case 'array':
      return {
        kind: 'list',
        items: fromSchema(field.items, undefined),
        strategy: strategy ?? { strategy: 'replace' },
      };
    default:
      return UNKNOWN;
  }
}

/** From a cursor and a JSON key under it, the cursor of the key's value (`unknown` for a field the struct lacks). */
export function childCursor(cursor: TypeCursor, key: string): TypeCursor {
  if (cursor.kind === 'map') return cursor.values;
  if (cursor.kind !== 'struct' || !Object.hasOwn(STRUCTS, cursor.name)) return UNKNOWN;
  const fields = STRUCTS[cursor.name].fields;
  if (!Object.hasOwn(fields, key)) return UNKNOWN;
  const tag = `${cursor.name}.${key}`;
  return fromSchema(fields[key], Object.hasOwn(STRATEGIES, tag) ? STRATEGIES[tag] : undefined);
}

/** From a struct cursor and a field, the field's tags (undefined when it has none). */
export function fieldTags(cursor: TypeCursor, key: string): PatchStrategy | undefined {
  if (cursor.kind !== 'struct') return undefined;
  const tag = `${cursor.name}.${key}`;
  return Object.hasOwn(STRATEGIES, tag) ? STRATEGIES[tag] : undefined;
}

/** From a cursor, the tags of the list it points at (a list the schema does not know is replaced). */
export function listStrategy(cursor: TypeCursor): PatchStrategy {
  return cursor.kind === 'list' ? cursor.strategy : { strategy: 'replace' };
}

/** From a list cursor, the cursor of its items. */
export function itemCursor(cursor: TypeCursor): TypeCursor {
  return cursor.kind === 'list' ? cursor.items : UNKNOWN;
}
