/**
 * The event correlator every event recorder runs before writing an Event (client-go
 * tools/record/events_cache.go, EventCorrelate), on the simulated clock:
 *
 * 1. Aggregation. Events alike in everything but the message (source component and host,
 *    involved object, type, reason) are grouped; the group remembers its distinct messages and
 *    the time of its last event, and is forgotten after 600 s without one. When the group holds
 *    10 distinct messages, the event is replaced by one "(combined from similar events): <message>"
 *    event, and one message is dropped from the group (so the set never grows past 10).
 * 2. Dedupe (done by the engine against stored events): an identical event, or another combined
 *    event of the same group, bumps count and lastTimestamp of the stored one.
 * 3. Spam filter. A token bucket per source and involved object (burst 25, one token every
 *    300 s) takes a token for every event that reaches it, whether new or a repeat; without a
 *    token the event is dropped. Aggregation state is updated first, as upstream.
 *
 * Every component has its own recorder upstream (one per kubelet, one per controller, one for
 * the scheduler). The keys here start with the source component and host, so one table holds
 * them all with the same outcome. Upstream caches are LRUs of 4,096 entries per recorder; here
 * entries are kept until they are equivalent to no entry (bucket full again, group expired).
 */

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
/** One token per 300 s (defaultSpamQPS 1/300). */
export const SPAM_REFILL_MS = 300_000;
const FULL = SPAM_BURST * SPAM_REFILL_MS;
const SWEEP_EVERY = 16_384;
export const COMBINED_PREFIX = '(combined from similar events): ';

/** Occurrences of one event the filter dropped, not yet counted in the stored event. */
export interface Dropped {
  count: number;
  /** Time of the first dropped occurrence. */
  first: number;
}

/** One aggregation group of a source: events of one type and reason. */
interface Group {
  type: string;
  reason: string;
  /**
   * Distinct messages, oldest first; a lone message is kept as the string itself (nearly
   * every group: a pod's Pulling, Created, Started... are one message each).
   */
  messages: string | string[];
  last: number;
}

/**
 * What the correlator remembers about one source (component and host) writing about one
 * object: its spam-filter bucket and its aggregation groups. Kept under the object's uid, so
 * recording an event looks up the uid string the object already has and scans a short list,
 * instead of building and hashing two long keys per event.
 */
export interface Source {
  readonly component: string;
  readonly host: string;
  /** Tokens in milliseconds of refill (one token = SPAM_REFILL_MS): integer, exact arithmetic. */
  credit: number;
  last: number;
  /**
   * Dropped occurrences by event identity. Upstream the dedupe cache counts an occurrence before
   * the filter runs, so the next occurrence that passes writes a count including the dropped ones
   * (and creates the event, with the first occurrence's timestamp, if none was written).
   */
  dropped: Map<string, Dropped> | undefined;
  groups: Group[];
}

/** One source's state as snapshots carry it; groups are [type, reason, messages, last]. */
interface SourceState {
  component: string;
  host: string;
  credit: number;
  last: number;
  dropped?: [string, Dropped][];
  groups: [string, string, string[], number][];
}

/**
 * The correlator's state as snapshots carry it: per involved object uid (sorted), its sources
 * (by component, then host) with what is not equivalent to no entry.
 */
export interface CorrelatorState {
  objects: [string, SourceState[]][];
}

export class EventCorrelator {
  /** Sources by involved object uid. */
  private objects = new Map<string, Source[]>();
  /** Events since the last sweep of entries equivalent to none (memory bound, no behaviour). */
  private sinceSweep = 0;

  /**
   * From an involved object's uid, a source component and host, and the time, what the
   * correlator holds for that source and object (a fresh, full bucket if nothing).
   */
  source(uid: string, component: string, host: string, now: number): Source {
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(now);
    let list = this.objects.get(uid);
    if (!list) this.objects.set(uid, (list = []));
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s.component === component && s.host === host) return s;
    }
    const created: Source = {
      component,
      host,
      credit: FULL,
      last: now,
      dropped: undefined,
      groups: [],
    };
    list.push(created);
    return created;
  }

  /**
   * From a source, the event's type, reason and message and the time, records the event in its
   * group and returns whether it is to be combined (EventAggregate).
   */
  aggregate(source: Source, type: string, reason: string, message: string, now: number): boolean {
    let record: Group | undefined;
    const groups = source.groups;
    for (let i = 0; i < groups.length; i++) {
      if (groups[i].type === type && groups[i].reason === reason) {
        record = groups[i];
        break;
      }
    }
    if (!record) {
      groups.push({ type, reason, messages: message, last: now });
      return false;
    }
    const expired = now - record.last > AGGREGATE_INTERVAL_MS;
    record.last = now;
    const messages = record.messages;
    if (expired) record.messages = message;
    else if (typeof messages === 'string') {
      if (messages !== message) record.messages = [messages, message];
    } else if (!messages.includes(message)) messages.push(message);
    const list = record.messages;
    if (typeof list === 'string' || list.length < AGGREGATE_MAX_EVENTS) return false;
    // Upstream pops an arbitrary member (Go map order); the oldest keeps this deterministic.
    list.shift();
    return true;
  }

  /** From a source and the time, whether its event may be written (takes a token if so). */
  allow(source: Source, now: number): boolean {
    const credit = Math.min(FULL, source.credit + (now - source.last));
    source.last = now;
    if (credit < SPAM_REFILL_MS) {
      source.credit = credit;
      return false;
    }
    source.credit = credit - SPAM_REFILL_MS;
    return true;
  }

  /** From a source, the event's identity key and the time, counts a dropped occurrence. */
  noteDropped(source: Source, idKey: string, now: number): void {
    source.dropped ??= new Map();
    const d = source.dropped.get(idKey);
    if (d) d.count++;
    else source.dropped.set(idKey, { count: 1, first: now });
  }

  /**
   * From a source and the event's identity key (computed only when the bucket dropped
   * something), the occurrences dropped since the event was last written, forgotten here.
   */
  takeDropped(source: Source, idKey: () => string): Dropped | undefined {
    const dropped = source.dropped;
    if (!dropped || dropped.size === 0) return undefined;
    const key = idKey();
    const d = dropped.get(key);
    if (d) dropped.delete(key);
    return d;
  }

  /** From the time, forgets expired groups and idle full buckets: both behave as no entry. */
  private sweep(now: number): void {
    this.sinceSweep = 0;
    // forEach, not for-of over entries: no [key, value] pair per object.
    this.objects.forEach((list, uid) => {
      let kept = 0;
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        const groups = s.groups;
        let live = 0;
        for (let g = 0; g < groups.length; g++)
          if (now - groups[g].last <= AGGREGATE_INTERVAL_MS) groups[live++] = groups[g];
        groups.length = live;
        if (live > 0 || !equivalentToNone(s, now)) list[kept++] = s;
      }
      list.length = kept;
      if (kept === 0) this.objects.delete(uid);
    });
  }

  /** From the time, the state (entries equivalent to none are left out). */
  toJSON(now: number): CorrelatorState {
    const objects: [string, SourceState[]][] = [];
    this.objects.forEach((list, uid) => {
      const sources: SourceState[] = [];
      for (const s of list) {
        const groups: SourceState['groups'] = [];
        for (const g of s.groups)
          if (now - g.last <= AGGREGATE_INTERVAL_MS)
            groups.push([
              g.type,
              g.reason,
              typeof g.messages === 'string' ? [g.messages] : [...g.messages],
              g.last,
            ]);
        const idle = equivalentToNone(s, now);
        if (idle && groups.length === 0) continue;
        groups.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
        // An idle bucket is written as full (what no entry means), so state never depends on
        // whether a sweep has run.
        const state: SourceState = {
          component: s.component,
          host: s.host,
          credit: idle ? FULL : s.credit,
          last: idle ? 0 : s.last,
          groups,
        };
        if (s.dropped && s.dropped.size > 0) {
          state.dropped = [...s.dropped.entries()]
            .map(([dk, dv]): [string, Dropped] => [dk, { ...dv }])
            .sort((a, b) => cmp(a[0], b[0]));
        }
        sources.push(state);
      }
      if (sources.length === 0) return;
      sources.sort((a, b) => cmp(a.component, b.component) || cmp(a.host, b.host));
      objects.push([uid, sources]);
    });
    objects.sort((a, b) => cmp(a[0], b[0]));
    return { objects };
  }

  /** From a snapshot's state, a correlator that continues it. */
  static fromJSON(state: CorrelatorState | undefined): EventCorrelator {
    const c = new EventCorrelator();
    for (const [uid, sources] of state?.objects ?? []) {
      c.objects.set(
        uid,
        sources.map((s) => ({
          component: s.component,
          host: s.host,
          credit: s.credit,
          last: s.last,
          dropped: s.dropped ? new Map(s.dropped.map(([dk, dv]) => [dk, { ...dv }])) : undefined,
          groups: s.groups.map(([type, reason, messages, last]) => ({
            type,
            reason,
            messages: messages.length === 1 ? messages[0] : [...messages],
            last,
          })),
        })),
      );
    }
    return c;
  }
}

/** From a source and the time, whether its bucket is full again with nothing pending. */
function equivalentToNone(s: Source, now: number): boolean {
  return !(s.dropped && s.dropped.size > 0) && s.credit + (now - s.last) >= FULL;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
