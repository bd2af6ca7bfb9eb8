/**
 * The cluster's history: a compact log of every object write (create, update, delete) that the
 * recorder heard through `Cluster.onWrite`, from which the objects as of any recorded revision
 * are rebuilt. Lesson goals about history read the log (every write, not only the moments a
 * command or the clock stopped at), and time travel will read the objects as of a revision.
 *
 * An entry keeps the frozen copy the engine made of the object as written, the very copy views
 * hand out while the object is unchanged, so an entry costs a pointer plus the copy of what
 * changed. Memory is bounded: past `maxEntries` the oldest half of the log is folded into the
 * base (the objects as of the first revision still recorded), so the log never holds more than
 * `maxEntries` writes and the base no more than the objects that existed at its revision.
 * Events are not recorded (they have their own feed, `Cluster.eventsSince`).
 */
import type { Cluster, ObjectWrite } from './operations.ts';
import { KINDS, objectKey } from './store.ts';
import type { Kind, KubeObject, ObjectOf } from './types.ts';
import { inListOrder } from './util/list-order.ts';

/** Kinds the history records: every stored kind but events. */
export type RecordedKind = Exclude<Kind, 'Event'>;

/** One recorded write, numbered in the order the cluster made them. */
export interface HistoryEntry extends ObjectWrite {
  /** The entry's place in the log, from 0 at the start of recording; never reused. */
  seq: number;
  /** The object's store key (`namespace/name`, or the name of a cluster-scoped object). */
  key: string;
}

/** Objects as of one revision, by kind, each list in the order the API server lists them. */
export type RecordedObjects = { [K in RecordedKind]: ObjectOf<K>[] };

/** The default bound on the log: about 20 MB of pod copies at most (bench/history.bench.ts). */
export const DEFAULT_MAX_ENTRIES = 10_000;

const RECORDED_KINDS = KINDS.filter((k): k is RecordedKind => k !== 'Event');

/** Objects by kind and store key. */
type ObjectMaps = Map<RecordedKind, Map<string, KubeObject>>;

function emptyMaps(): ObjectMaps {
  return new Map(RECORDED_KINDS.map((k) => [k, new Map<string, KubeObject>()]));
}

/** Applies one write to objects by kind and key. */
function applyTo(maps: ObjectMaps, entry: HistoryEntry): void {
  const objects = maps.get(entry.kind);
  if (!objects) return;
  if (entry.change === 'delete') objects.delete(entry.key);
  else objects.set(entry.key, entry.object);
}

/**
 * Records a cluster's object writes from now on. Deterministic: the log is the order of the
 * cluster's own writes, and nothing in it depends on real time.
 */
export class ClusterHistory {
  readonly maxEntries: number;
  #base: ObjectMaps = emptyMaps();
  #baseRevision: number;
  #baseTimeMs: number;
  #entries: HistoryEntry[] = [];
  /** The seq of `#entries[0]` (entries before it were folded into the base). */
  #firstSeq = 0;
  #stop: () => void;

  /**
   * From a cluster, a recorder that starts with the cluster's objects as they are now and
   * hears every later write. `maxEntries` bounds the log (at least 2).
   */
  constructor(cluster: Cluster, options: { maxEntries?: number } = {}) {
    this.maxEntries = Math.max(2, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
    const view = cluster.view({ events: false });
    for (const kind of RECORDED_KINDS) {
      const objects = this.#base.get(kind);
      for (const obj of view.objects[kind] as KubeObject[])
        objects?.set(objectKey(kind, obj.metadata.namespace, obj.metadata.name), obj);
    }
    this.#baseRevision = cluster.revision;
    this.#baseTimeMs = view.timeMs;
    this.#stop = cluster.onWrite((write) => this.#add(write));
  }

  /** Stops recording (the log stays readable). */
  stop(): void {
    this.#stop();
  }

  /** The oldest revision the objects can be rebuilt at (the start, or the last fold). */
  get firstRevision(): number {
    return this.#baseRevision;
  }

  /** The simulated time of `firstRevision`. */
  get firstTimeMs(): number {
    return this.#baseTimeMs;
  }

  /** The seq the next entry will get: a reader that has read everything is here. */
  get nextSeq(): number {
    return this.#firstSeq + this.#entries.length;
  }

  /** The seq of the oldest entry still in the log. */
  get firstSeq(): number {
    return this.#firstSeq;
  }

  /** How many writes the log holds now. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * From a seq, the entries from there on, oldest first, and how many entries after `seq`
   * were folded away before they were read (a reader that fell more than `maxEntries` behind).
   */
  since(seq: number): { entries: readonly HistoryEntry[]; skipped: number } {
    const from = Math.max(seq, this.#firstSeq);
    return {
      entries: this.#entries.slice(from - this.#firstSeq),
      skipped: from - seq,
    };
  }

  /**
   * From a revision (at least `firstRevision`), the objects as they were once the cluster
   * had made every write up to it, as a view lists them. A revision past the last write gives
   * the objects now.
   */
  objectsAt(revision: number): RecordedObjects {
    if (revision < this.#baseRevision)
      throw new RangeError(
        `revision ${revision} is older than the oldest one recorded (${this.#baseRevision})`,
      );
    const maps = new Map([...this.#base].map(([kind, objects]) => [kind, new Map(objects)]));
    for (const entry of this.#entries) {
      if (entry.revision > revision) break;
      applyTo(maps, entry);
    }
    const out = {} as Record<RecordedKind, KubeObject[]>;
    for (const kind of RECORDED_KINDS)
      out[kind] = inListOrder(
        maps.get(kind)?.values() ?? [],
        (o) => o.metadata.namespace ?? '',
        (o) => o.metadata.name,
      );
    return out as RecordedObjects;
  }

  /**
   * From a simulated time, the revision the cluster had then: that of the last write at or
   * before it (`firstRevision` when none was).
   */
  revisionAt(timeMs: number): number {
    let revision = this.#baseRevision;
    for (const entry of this.#entries) {
      if (entry.timeMs > timeMs) break;
      revision = entry.revision;
    }
    return revision;
  }

  #add(write: ObjectWrite): void {
    const key = objectKey(write.kind, write.object.metadata.namespace, write.object.metadata.name);
    this.#entries.push({ ...write, seq: this.nextSeq, key });
    if (this.#entries.length > this.maxEntries) this.#fold();
  }

  /**
   * Folds the oldest half of the log into the base. The fold ends after a whole revision
   * (several entries may share one, for safety, though every write takes its own), so the base
   * is the cluster at one revision exactly.
   */
  #fold(): void {
    let end = Math.floor(this.#entries.length / 2);
    const last = this.#entries[end - 1].revision;
    while (end < this.#entries.length && this.#entries[end].revision === last) end += 1;
    for (let i = 0; i < end; i++) applyTo(this.#base, this.#entries[i]);
    this.#baseRevision = last;
    this.#baseTimeMs = this.#entries[end - 1].timeMs;
    this.#entries = this.#entries.slice(end);
    this.#firstSeq += end;
  }
}
