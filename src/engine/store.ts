/**
 * The object store: every API object by kind and key, with the indexes the controllers need
 * (pods by node, pods and revisions by controller owner, events by involved object), a global
 * resourceVersion counter, and a change hook the cluster uses to wake controllers.
 *
 * Objects are mutable inside the engine for speed; everything leaving the engine is a copy.
 */
import { EventEntry, EventLog } from './event-log.ts';
import { KIND_TABLE } from './kinds.ts';
import type { Event, Kind, KubeObject, ObjectOf, Pod } from './types.ts';
import { cloneData, frozenClone } from './util/clone.ts';
import { inListOrder } from './util/list-order.ts';

/** Kinds whose objects live in a namespace (from the kinds table). */
export const NAMESPACED: Readonly<Record<Kind, boolean>> = Object.fromEntries(
  KIND_TABLE.map((k) => [k.kind, k.namespaced]),
) as Record<Kind, boolean>;

/** Kinds in the order snapshots list them (the kinds table's order). */
export const KINDS: readonly Kind[] = KIND_TABLE.map((k) => k.kind);

/** Plural resource names as kubectl prints them in errors (`daemonsets.apps`). */
export const RESOURCE: Readonly<Record<Kind, string>> = Object.fromEntries(
  KIND_TABLE.map((k) => [k.kind, k.resource]),
) as Record<Kind, string>;

/** From a kind, namespace and name, the store key. */
export function objectKey(kind: Kind, namespace: string | undefined, name: string): string {
  return NAMESPACED[kind] ? `${namespace ?? 'default'}/${name}` : name;
}

/**
 * Keys of stored objects. A stored object's name and namespace never change (a rename is a
 * new object), so its key is built once and the same string is used for every lookup after:
 * V8 keeps a string's hash in the string, while a freshly joined key must be flattened and
 * hashed again on every Map access (pods are looked up by key at every kubelet step).
 */
const storedKeys = new WeakMap<KubeObject, string>();

/** From an object, its store key. */
export function keyOf(obj: KubeObject): string {
  return storedKeys.get(obj) ?? objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

/** From an object about to be stored, its key, remembered for keyOf. */
function storeKeyOf(obj: KubeObject): string {
  const key = objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
  storedKeys.set(obj, key);
  return key;
}

/** From an object, the uid of its controller owner. */
export function controllerUid(obj: KubeObject): string | undefined {
  for (const ref of obj.metadata.ownerReferences ?? []) if (ref.controller) return ref.uid;
  return undefined;
}

export type Change = 'add' | 'update' | 'delete';
export type ChangeListener = (
  kind: Kind,
  obj: KubeObject,
  change: Change,
  before: PodFacts | undefined,
) => void;

/** The facts about a pod that index maintenance and controller wake-ups depend on. */
export interface PodFacts {
  nodeName: string;
  owner: string | undefined;
  /** The labels object itself: label maps are replaced, never edited in place. */
  labels: object | undefined;
  phase: string;
  deletion: string;
  ready: string;
  readyAt: string;
}

/** From a pod, the facts the indexes and the DaemonSet controller care about. */
export function podFacts(pod: Pod): PodFacts {
  let ready = '';
  let readyAt = '';
  const conditions = pod.status?.conditions;
  if (conditions) {
    for (let i = 0; i < conditions.length; i++) {
      if (conditions[i].type === 'Ready') {
        ready = conditions[i].status;
        readyAt = conditions[i].lastTransitionTime ?? '';
        break;
      }
    }
  }
  return {
    nodeName: pod.spec.nodeName ?? '',
    owner: controllerUid(pod),
    labels: pod.metadata.labels,
    phase: pod.status?.phase ?? '',
    deletion: pod.metadata.deletionTimestamp ?? '',
    ready,
    readyAt,
  };
}

/** Whether two fact sets differ in anything the DaemonSet controller computes from (binding alone does not). */
export function podFactsDiffer(a: PodFacts, b: PodFacts): boolean {
  return (
    a.owner !== b.owner ||
    a.labels !== b.labels ||
    a.phase !== b.phase ||
    a.deletion !== b.deletion ||
    a.ready !== b.ready ||
    a.readyAt !== b.readyAt
  );
}

function addTo<V>(index: Map<string, Set<V>>, key: string | undefined, value: V): void {
  if (!key) return;
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<V>(index: Map<string, Set<V>>, key: string | undefined, value: V): void {
  if (!key) return;
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

/** Objects added to and removed from a kind since its sorted list was made. */
interface SortedChanges {
  added: KubeObject[];
  removed: Set<KubeObject>;
}

/** Whether object a lists before object b (namespace, then name; as inListOrder orders them). */
function listsBefore(a: KubeObject, b: KubeObject): boolean {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  return an !== bn ? an < bn : a.metadata.name < b.metadata.name;
}

/**
 * From a sorted list and changes to it, the new list in list order. Only indexed reads and
 * writes touch the list: it is frozen, and V8 copies a frozen array element by element, slowly,
 * in slice, concat and filter (a thousand times slower than a loop at 5,000 nodes).
 */
function mergeInListOrder(list: readonly KubeObject[], changes: SortedChanges): KubeObject[] {
  const { removed } = changes;
  const added = inListOrder(
    removed.size > 0 ? changes.added.filter((o) => !removed.has(o)) : changes.added,
    (o) => o.metadata.namespace ?? '',
    (o) => o.metadata.name,
  );
  let kept = list;
  if (removed.size > 0) {
    const rest: KubeObject[] = [];
    for (let i = 0; i < list.length; i++) if (!removed.has(list[i])) rest.push(list[i]);
    kept = rest;
  }
  const out = new Array<KubeObject>(kept.length + added.length);
  let i = 0;
  let o = 0;
  for (const obj of added) {
    // The first kept object that lists after obj: found by halving among many, else by walking.
    let at = i;
    if (added.length <= 64) {
      let hi = kept.length;
      while (at < hi) {
        const mid = (at + hi) >>> 1;
        if (listsBefore(kept[mid], obj)) at = mid + 1;
        else hi = mid;
      }
    } else while (at < kept.length && listsBefore(kept[at], obj)) at++;
    while (i < at) out[o++] = kept[i++];
    out[o++] = obj;
  }
  while (i < kept.length) out[o++] = kept[i++];
  return out;
}

export class Store {
  private readonly maps = new Map<Kind, Map<string, KubeObject>>(KINDS.map((k) => [k, new Map()]));
  private rv = 0;
  /** Pods by spec.nodeName. */
  readonly podsByNode = new Map<string, Set<KubeObject>>();
  /** Pods by controller owner uid. */
  readonly byOwner = new Map<string, Set<KubeObject>>();
  /** ControllerRevisions by controller owner uid (apart from pods, so history never walks every pod). */
  readonly revisionsByOwner = new Map<string, Set<KubeObject>>();
  /** Events live apart from other kinds, as flat entries (see event-log.ts). */
  readonly events = new EventLog();
  /**
   * Object uid → kind and key, for owners and dependents. Events are left out: nothing looks
   * them up by uid, and they are most of the objects in a large cluster.
   */
  readonly byUid = new Map<string, { kind: Kind; key: string }>();
  listener: ChangeListener | undefined;

  /** The last resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv;
  }

  set resourceVersion(value: number) {
    this.rv = value;
  }

  /** From a kind and key, the stored object. */
  get<K extends Kind>(kind: K, key: string): ObjectOf<K> | undefined {
    if (kind === 'Event') {
      const entry = this.events.get(key);
      return entry ? (this.events.eventOf(entry) as ObjectOf<K>) : undefined;
    }
    return this.maps.get(kind)?.get(key) as ObjectOf<K> | undefined;
  }

  /** From a kind, every stored object (insertion order; sort before printing). */
  all<K extends Kind>(kind: K): IterableIterator<ObjectOf<K>> {
    if (kind === 'Event') return this.allEvents() as IterableIterator<ObjectOf<K>>;
    return (this.maps.get(kind) as Map<string, ObjectOf<K>>).values();
  }

  /** From a kind, how many objects are stored. */
  count(kind: Kind): number {
    if (kind === 'Event') return this.events.size;
    return this.maps.get(kind)?.size ?? 0;
  }

  /** From a kind, its objects sorted as the API server lists them (namespace, name). */
  sorted<K extends Kind>(kind: K): readonly ObjectOf<K>[] {
    if (kind === 'Event')
      return this.events.sorted().map((e) => this.events.eventOf(e)) as ObjectOf<K>[];
    // Kept until an object of the kind comes, goes or is replaced (names never change); then
    // the changes are merged into it, so a stream of adds does not sort the whole kind each time.
    const cached = this.sortedCache.get(kind);
    const changes = this.sortedChanges.get(kind);
    if (cached && !changes) return cached as ObjectOf<K>[];
    const list: readonly KubeObject[] = Object.freeze(
      cached && changes
        ? mergeInListOrder(cached, changes)
        : inListOrder(
            this.all(kind),
            (o) => o.metadata.namespace ?? '',
            (o) => o.metadata.name,
          ),
    );
    this.sortedChanges.delete(kind);
    this.sortedCache.set(kind, list);
    return list as readonly ObjectOf<K>[];
  }

  private readonly sortedCache = new Map<Kind, readonly KubeObject[]>();
  /** Per kind, the objects added to and removed from the cached sorted list since it was made. */
  private readonly sortedChanges = new Map<Kind, SortedChanges>();

  /** From an object just stored, notes it for the kind's sorted list. */
  private sortedAdd(obj: KubeObject): void {
    const changes = this.changesOf(obj.kind);
    if (!changes) return;
    // Removed and stored again: it is still in the list (or in `added`) it was removed from.
    if (changes.removed.delete(obj)) return;
    changes.added.push(obj);
  }

  /** From an object just taken out of the store, notes it for the kind's sorted list. */
  private sortedRemove(obj: KubeObject): void {
    this.changesOf(obj.kind)?.removed.add(obj);
  }

  private changesOf(kind: Kind): SortedChanges | undefined {
    const cached = this.sortedCache.get(kind);
    if (!cached) return undefined;
    let changes = this.sortedChanges.get(kind);
    if (!changes) this.sortedChanges.set(kind, (changes = { added: [], removed: new Set() }));
    // Once the changes outnumber the list, sorting afresh is cheaper than keeping them.
    if (changes.added.length + changes.removed.size > cached.length + 64) {
      this.sortedCache.delete(kind);
      this.sortedChanges.delete(kind);
      return undefined;
    }
    return changes;
  }

  private *allEvents(): Generator<Event> {
    for (const entry of this.events.all()) yield this.events.eventOf(entry);
  }

  /** Stores an event the engine recorded, stamping a fresh resourceVersion (no change notification). */
  addEvent(entry: EventEntry): void {
    entry.rv = String(++this.rv);
    this.events.add(entry);
  }

  /** Marks a recorded event as changed in place (count, message, last time): a new resourceVersion. */
  touchEvent(entry: EventEntry): void {
    entry.rv = String(++this.rv);
    entry.cached = undefined;
  }

  /** Puts an object in its kind's map under its key (taking the place of any object there). */
  private put(obj: KubeObject): string {
    const key = storeKeyOf(obj);
    const map = this.maps.get(obj.kind);
    const previous = map?.get(key);
    if (previous && previous !== obj) this.sortedRemove(previous);
    map?.set(key, obj);
    if (previous !== obj) this.sortedAdd(obj);
    return key;
  }

  /** Stores a new object, stamping a fresh resourceVersion. */
  add(obj: KubeObject): void {
    obj.metadata.resourceVersion = String(++this.rv);
    if (obj.kind === 'Event') {
      this.events.add(EventEntry.of(obj));
      this.listener?.(obj.kind, obj, 'add', undefined);
      return;
    }
    const key = this.put(obj);
    this.byUid.set(obj.metadata.uid, { kind: obj.kind, key });
    this.index(obj);
    this.listener?.(obj.kind, obj, 'add', undefined);
  }

  /** Stores an object exactly as given (restore): no new resourceVersion, no change notification. */
  load(obj: KubeObject): void {
    if (obj.kind === 'Event') {
      this.events.add(EventEntry.of(obj));
      return;
    }
    const key = this.put(obj);
    this.byUid.set(obj.metadata.uid, { kind: obj.kind, key });
    this.index(obj);
  }

  /** Changes a stored object in place through `mutate`, keeping indexes right and bumping resourceVersion. */
  update<T extends KubeObject>(obj: T, mutate: (o: T) => void): void {
    if (obj.kind === 'Event') {
      // Stored events are frozen: the change makes a new version.
      const next = cloneData(obj);
      mutate(next);
      this.replace(obj, next);
      return;
    }
    const before = obj.kind === 'Pod' ? podFacts(obj as Pod) : undefined;
    const ownerBefore = obj.kind === 'ControllerRevision' ? controllerUid(obj) : undefined;
    mutate(obj);
    obj.metadata.resourceVersion = String(++this.rv);
    if (before) {
      const after = podFacts(obj as unknown as Pod);
      if (after.nodeName !== before.nodeName) {
        removeFrom(this.podsByNode, before.nodeName, obj);
        addTo(this.podsByNode, after.nodeName, obj);
      }
      if (after.owner !== before.owner) {
        removeFrom(this.byOwner, before.owner, obj);
        addTo(this.byOwner, after.owner, obj);
      }
    } else if (obj.kind === 'ControllerRevision') {
      const ownerAfter = controllerUid(obj);
      if (ownerAfter !== ownerBefore) {
        removeFrom(this.revisionsByOwner, ownerBefore, obj);
        addTo(this.revisionsByOwner, ownerAfter, obj);
      }
    }
    this.listener?.(obj.kind, obj, 'update', before);
  }

  /** Replaces a stored object by a new version with the same key. */
  replace(old: KubeObject, next: KubeObject): void {
    if (old.kind === 'Event' && next.kind === 'Event') {
      const entry = this.events.entryFor(old);
      if (entry) this.events.remove(entry);
      next.metadata.resourceVersion = String(++this.rv);
      this.events.add(EventEntry.of(next));
      this.listener?.(next.kind, next, 'update', undefined);
      return;
    }
    const key = keyOf(old);
    const before = old.kind === 'Pod' ? podFacts(old as Pod) : undefined;
    this.unindex(old);
    storedKeys.set(next, key);
    next.metadata.resourceVersion = String(++this.rv);
    this.maps.get(next.kind)?.set(key, next);
    this.sortedRemove(old);
    this.sortedAdd(next);
    this.byUid.set(next.metadata.uid, { kind: next.kind, key });
    this.index(next);
    this.listener?.(next.kind, next, 'update', before);
  }

  /** Removes a stored object. */
  remove(obj: KubeObject): void {
    if (obj.kind === 'Event') {
      const entry = this.events.entryFor(obj);
      if (!entry) return;
      this.events.remove(entry);
      this.listener?.(obj.kind, obj, 'delete', undefined);
      return;
    }
    const key = keyOf(obj);
    const map = this.maps.get(obj.kind);
    if (!map || map.get(key) !== obj) return;
    map.delete(key);
    // etcd gives a delete its own revision: without it a bare delete (a ConfigMap, a node) leaves
    // Cluster.revision where it was, and everything that waits on it (redraws, goals) misses it.
    ++this.rv;
    this.sortedRemove(obj);
    this.byUid.delete(obj.metadata.uid);
    this.unindex(obj);
    this.listener?.(obj.kind, obj, 'delete', obj.kind === 'Pod' ? podFacts(obj as Pod) : undefined);
  }

  /** From a node name, the pods bound to it. */
  podsOnNode(node: string): Pod[] {
    const pods = this.podsByNode.get(node);
    return pods ? ([...pods] as Pod[]) : [];
  }

  /** From an owner uid and a kind, the objects it controls. */
  owned<K extends 'Pod' | 'ControllerRevision'>(uid: string, kind: K): ObjectOf<K>[] {
    const objects = (kind === 'Pod' ? this.byOwner : this.revisionsByOwner).get(uid);
    if (!objects) return [];
    const out: ObjectOf<K>[] = [];
    for (const obj of objects) if (obj.kind === kind) out.push(obj as ObjectOf<K>);
    return out;
  }

  /**
   * Every object as plain copies, by kind, in list order. Copies are frozen and reused while an
   * object's resourceVersion stays the same, so a snapshot of a large, mostly quiet cluster costs
   * little more than the objects that changed.
   */
  snapshotObjects(options: { events?: boolean } = {}): { [K in Kind]: ObjectOf<K>[] } {
    const out = {} as { [K in Kind]: ObjectOf<K>[] };
    for (const kind of KINDS)
      (out as Record<Kind, unknown>)[kind] =
        kind === 'Event' && options.events === false
          ? []
          : kind === 'Event'
            ? this.events.sorted().map((e) => e.toEvent(false))
            : this.sorted(kind).map((o) => this.frozenCopy(o));
    return out;
  }

  /**
   * Every stored event whose resourceVersion is above `rv` (new, or changed since), in
   * resourceVersion order, as frozen copies not kept by the entries. A walk of every entry:
   * what it returns is what a page subscribed to events has not seen yet.
   */
  eventsSince(rv: number): Event[] {
    const newer: EventEntry[] = [];
    for (const entry of this.events.all()) if (Number(entry.rv) > rv) newer.push(entry);
    newer.sort((a, b) => Number(a.rv) - Number(b.rv));
    return newer.map((entry) => entry.toEvent(false));
  }

  private readonly copies = new WeakMap<KubeObject, { rv: string; copy: KubeObject }>();

  /**
   * From a stored object, its frozen copy at its current resourceVersion: the same copy
   * snapshots hand out until the object changes again.
   */
  frozenCopy<T extends KubeObject>(obj: T): T {
    // A frozen stored object (events) never changes in place: it is its own copy.
    if (Object.isFrozen(obj)) return obj;
    const cached = this.copies.get(obj);
    if (cached && cached.rv === obj.metadata.resourceVersion) return cached.copy as T;
    const copy = frozenClone(obj);
    this.copies.set(obj, { rv: obj.metadata.resourceVersion, copy });
    return copy;
  }

  private index(obj: KubeObject): void {
    if (obj.kind === 'Pod') {
      addTo(this.podsByNode, obj.spec.nodeName, obj);
      addTo(this.byOwner, controllerUid(obj), obj);
    } else if (obj.kind === 'ControllerRevision') {
      addTo(this.revisionsByOwner, controllerUid(obj), obj);
    }
  }

  private unindex(obj: KubeObject): void {
    if (obj.kind === 'Pod') {
      removeFrom(this.podsByNode, obj.spec.nodeName, obj);
      removeFrom(this.byOwner, controllerUid(obj), obj);
    } else if (obj.kind === 'ControllerRevision') {
      removeFrom(this.revisionsByOwner, controllerUid(obj), obj);
    }
  }
}
