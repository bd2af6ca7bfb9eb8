/**
 * The stored Events. A large rollout records tens of thousands of them (five or six per pod),
 * and keeping each as a full API object (four objects and a dozen strings, most of them built
 * for that one event) made recording events nearly half the cost of a 5,000-node rollout.
 *
 * So an event the engine records is kept as one flat entry whose strings are shared with the
 * object it is about, and its API object is built only when something reads it, then kept
 * (frozen) until the event changes. Events that arrive as whole objects (applied by a user,
 * restored from a snapshot) are kept as given, in an entry of their own. Either way an entry
 * carries what the recorder dedupes by, and entries are indexed by the involved object's uid,
 * which is all the recorder and `describe` look up.
 *
 * The objects built here are exactly what the engine stored before entries existed: the same
 * fields in the same order, so listings, snapshots and golden outputs do not change.
 */
import { EPOCH_MS } from '../kube/constants.ts';
import { COMBINED_PREFIX } from './events.ts';
import type { Event } from './types.ts';
import { cloneData, deepFreeze } from './util/clone.ts';
import { inListOrder } from './util/list-order.ts';

/** One stored event: either recorded by the engine (flat fields) or kept as an object. */
export class EventEntry {
  /** The event's own uid, resourceVersion and creation time. */
  uid = '';
  rv = '';
  created = '';
  /** Set for an event kept as a whole object; the flat fields below then mirror it. */
  object: Event | undefined = undefined;
  /** The frozen API object last built or copied, until the entry changes. */
  cached: Event | undefined = undefined;
  private nameText: string | undefined;

  constructor(
    readonly namespace: string,
    /** For a recorded event, the involved object's name; its own name is built from it. */
    private readonly baseName: string,
    /** Creation order and first occurrence (ms), which name a recorded event. */
    private readonly seq: number,
    private readonly firstMs: number,
    readonly involvedKind: string,
    readonly involvedNamespace: string | undefined,
    readonly involvedName: string,
    readonly involvedUid: string,
    readonly involvedApiVersion: string | undefined,
    readonly involvedRv: string | undefined,
    readonly fieldPath: string,
    readonly type: 'Normal' | 'Warning',
    readonly reason: string,
    public message: string,
    readonly component: string,
    readonly host: string,
    readonly firstTimestamp: string,
    public lastTimestamp: string,
    public count: number,
  ) {}

  /**
   * From an event object (applied or restored), its entry: a recorded one when the object is
   * exactly what the recorder writes (a restored snapshot's events), else one that keeps the
   * object as given.
   */
  static of(ev: Event): EventEntry {
    const recorded = EventEntry.recorded(ev);
    return recorded ?? EventEntry.kept(ev);
  }

  private static recorded(ev: Event): EventEntry | undefined {
    const o = ev.involvedObject;
    const name = ev.metadata?.name;
    if (!o || typeof name !== 'string' || !ev.source) return undefined;
    const entry = new EventEntry(
      ev.metadata.namespace ?? 'default',
      '',
      0,
      0,
      o.kind,
      o.namespace,
      o.name,
      o.uid ?? '',
      o.apiVersion,
      o.resourceVersion,
      o.fieldPath ?? '',
      ev.type,
      ev.reason,
      ev.message,
      ev.source.component,
      ev.source.host ?? '',
      ev.firstTimestamp,
      ev.lastTimestamp,
      ev.count,
    );
    entry.nameText = name;
    entry.uid = str(ev.metadata.uid);
    entry.rv = str(ev.metadata.resourceVersion);
    entry.created = str(ev.metadata.creationTimestamp);
    // Field for field, in order: anything else (labels, another reporting component, ...)
    // makes it an object someone wrote.
    if (JSON.stringify(entry.toEvent(false)) !== JSON.stringify(ev)) return undefined;
    return entry;
  }

  private static kept(ev: Event): EventEntry {
    const o = (ev.involvedObject ?? {}) as Partial<Event['involvedObject']>;
    const entry = new EventEntry(
      ev.metadata.namespace ?? 'default',
      '',
      0,
      0,
      str(o.kind),
      o.namespace,
      str(o.name),
      str(o.uid),
      o.apiVersion,
      o.resourceVersion,
      str(o.fieldPath),
      ev.type,
      str(ev.reason),
      str(ev.message),
      str(ev.source?.component),
      str(ev.source?.host),
      str(ev.firstTimestamp),
      str(ev.lastTimestamp),
      typeof ev.count === 'number' ? ev.count : 0,
    );
    entry.object = ev;
    entry.nameText = ev.metadata.name;
    entry.uid = str(ev.metadata.uid);
    entry.rv = str(ev.metadata.resourceVersion);
    entry.created = str(ev.metadata.creationTimestamp);
    return entry;
  }

  /** The event's name: the involved object's name and the creation time and order in hex. */
  get name(): string {
    // Real names end in the creation time in hex nanoseconds; milliseconds plus a sequence
    // keep them unique here.
    this.nameText ??= `${this.baseName}.${(EPOCH_MS + this.firstMs).toString(16).padStart(11, '0')}${(this.seq % 0x100000).toString(16).padStart(5, '0')}`;
    return this.nameText;
  }

  /** The store key (namespace/name). */
  get key(): string {
    return `${this.namespace}/${this.name}`;
  }

  /**
   * From a dedupe identity, whether this is the event it names: recorded by the engine (the
   * recorder's dedupe cache only knows events it wrote), same involved uid, field path, type,
   * reason, source component and message. A combined event's identity is its group's:
   * COMBINED_PREFIX as message, any field path.
   */
  is(fieldPath: string, type: string, reason: string, component: string, message: string): boolean {
    if (this.object || this.reason !== reason || this.type !== type || this.component !== component)
      return false;
    if (message === COMBINED_PREFIX) return this.message.startsWith(COMBINED_PREFIX);
    return this.message === message && this.fieldPath === fieldPath;
  }

  /** From a kind, namespace and name, whether the event is about that object. */
  about(kind: string, namespace: string | undefined, name: string): boolean {
    return (
      this.involvedName === name &&
      this.involvedKind === kind &&
      (this.involvedNamespace ?? '') === (namespace ?? '')
    );
  }

  /**
   * The API object, frozen; with `keep`, remembered and shared until the entry changes. A
   * snapshot builds every event without keeping them: kept, they would double what events
   * cost in memory for as long as the cluster lives.
   */
  toEvent(keep = true): Event {
    if (this.cached) return this.cached;
    if (this.object) {
      const copy = deepFreeze(cloneData(this.object));
      if (keep) this.cached = copy;
      return copy;
    }
    // Built in the order the recorder always wrote events: the key order is what JSON shows.
    const involved: Event['involvedObject'] =
      this.involvedNamespace !== undefined
        ? {
            kind: this.involvedKind,
            namespace: this.involvedNamespace,
            name: this.involvedName,
            uid: this.involvedUid,
            apiVersion: this.involvedApiVersion,
            resourceVersion: this.involvedRv,
          }
        : {
            kind: this.involvedKind,
            name: this.involvedName,
            uid: this.involvedUid,
            apiVersion: this.involvedApiVersion,
            resourceVersion: this.involvedRv,
          };
    if (this.fieldPath) involved.fieldPath = this.fieldPath;
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: this.name,
        namespace: this.namespace,
        uid: this.uid,
        resourceVersion: this.rv,
        creationTimestamp: this.created,
      },
      involvedObject: Object.freeze(involved),
      reason: this.reason,
      message: this.message,
      type: this.type,
      source: Object.freeze(
        this.host ? { component: this.component, host: this.host } : { component: this.component },
      ),
      firstTimestamp: this.firstTimestamp,
      lastTimestamp: this.lastTimestamp,
      count: this.count,
      reportingComponent: this.component,
    };
    Object.freeze(event.metadata);
    Object.freeze(event);
    if (keep) this.cached = event;
    return event;
  }
}

/** Every stored event, in insertion order, with the indexes the engine reads. */
export class EventLog {
  private readonly entries = new Set<EventEntry>();
  /** Entries by involved object uid ('' for events without one). */
  private readonly byUid = new Map<string, EventEntry[]>();
  /** Entries by store key, built when first asked for and dropped when entries come or go. */
  private byKey: Map<string, EventEntry> | undefined;
  /** The entry behind each object handed out or kept, so an object finds its entry. */
  private readonly entryOf = new WeakMap<Event, EventEntry>();

  get size(): number {
    return this.entries.size;
  }

  add(entry: EventEntry): void {
    this.entries.add(entry);
    const list = this.byUid.get(entry.involvedUid);
    if (list) list.push(entry);
    else this.byUid.set(entry.involvedUid, [entry]);
    if (entry.object) this.entryOf.set(entry.object, entry);
    this.byKey = undefined;
  }

  remove(entry: EventEntry): void {
    if (!this.entries.delete(entry)) return;
    const list = this.byUid.get(entry.involvedUid);
    if (list) {
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byUid.delete(entry.involvedUid);
    }
    this.byKey = undefined;
  }

  /** From a store key, its entry. */
  get(key: string): EventEntry | undefined {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const entry of this.entries) this.byKey.set(entry.key, entry);
    }
    return this.byKey.get(key);
  }

  /** From an event object this log handed out or keeps, its entry (if still stored). */
  entryFor(ev: Event): EventEntry | undefined {
    const entry = this.entryOf.get(ev);
    if (entry && this.entries.has(entry)) return entry;
    const byName = this.get(`${ev.metadata.namespace ?? 'default'}/${ev.metadata.name}`);
    return byName;
  }

  /** From an entry, its API object (remembered so the object finds its entry again). */
  eventOf(entry: EventEntry): Event {
    const ev = entry.toEvent();
    this.entryOf.set(ev, entry);
    return ev;
  }

  /** From an involved uid, the entries about it (the list itself: do not change it). */
  about(uid: string): readonly EventEntry[] {
    return this.byUid.get(uid) ?? NONE;
  }

  /** Every entry, in insertion order. */
  all(): IterableIterator<EventEntry> {
    return this.entries.values();
  }

  /** Every entry in (namespace, name) order, as the API server lists them. */
  sorted(): EventEntry[] {
    return inListOrder(
      this.entries,
      (e) => e.namespace,
      (e) => e.name,
    );
  }
}

const NONE: readonly EventEntry[] = Object.freeze([]);

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
