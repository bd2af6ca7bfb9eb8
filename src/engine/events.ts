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

interface AggregateRecord {
  /** Distinct messages, oldest first. */
  messages: string[];
  last: number;
}

/** Occurrences of one event the filter dropped, not yet counted in the stored event. */
export interface Dropped {
  count: number;
  /** Time of the first dropped occurrence. */
  first: number;
}

interface Bucket {
  /** Tokens in milliseconds of refill (one token = SPAM_REFILL_MS): integer, exact arithmetic. */
  credit: number;
  last: number;
  /**
   * Dropped occurrences by event identity. Upstream the dedupe cache counts an occurrence before
   * the filter runs, so the next occurrence that passes writes a count including the dropped ones
   * (and creates the event, with the first occurrence's timestamp, if none was written).
   */
  dropped?: Map<string, Dropped>;
}

interface BucketState {
  credit: number;
  last: number;
  dropped?: [string, Dropped][];
}

/** The correlator's state as snapshots carry it (sorted by key). */
export interface CorrelatorState {
  aggregates: [string, AggregateRecord][];
  buckets: [string, BucketState][];
}

export class EventCorrelator {
  private aggregates = new Map<string, AggregateRecord>();
  private buckets = new Map<string, Bucket>();
  /** Events since the last sweep of entries equivalent to none (memory bound, no behaviour). */
  private sinceSweep = 0;

  /**
   * From the group key, the message and the time, records the event in its group and returns
   * whether it is to be combined (EventAggregate).
   */
  aggregate(groupKey: string, message: string, now: number): boolean {
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(now);
    let record = this.aggregates.get(groupKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) {
      record = { messages: [], last: now };
      this.aggregates.set(groupKey, record);
    }
    if (!record.messages.includes(message)) record.messages.push(message);
    record.last = now;
    if (record.messages.length < AGGREGATE_MAX_EVENTS) return false;
    // Upstream pops an arbitrary member (Go map order); the oldest keeps this deterministic.
    record.messages.shift();
    return true;
  }

  /** From the spam key and the time, whether the event may be written (takes a token if so). */
  allow(spamKey: string, now: number): boolean {
    const bucket = this.buckets.get(spamKey);
    if (!bucket) {
      this.buckets.set(spamKey, { credit: FULL - SPAM_REFILL_MS, last: now });
      return true;
    }
    const credit = Math.min(FULL, bucket.credit + (now - bucket.last));
    bucket.last = now;
    if (credit < SPAM_REFILL_MS) {
      bucket.credit = credit;
      return false;
    }
    bucket.credit = credit - SPAM_REFILL_MS;
    return true;
  }

  /** From the spam key, the event's identity key and the time, counts a dropped occurrence. */
  noteDropped(spamKey: string, idKey: string, now: number): void {
    const bucket = this.buckets.get(spamKey);
    if (!bucket) return; // allow() always leaves a bucket behind
    bucket.dropped ??= new Map();
    const d = bucket.dropped.get(idKey);
    if (d) d.count++;
    else bucket.dropped.set(idKey, { count: 1, first: now });
  }

  /**
   * From the spam key and the event's identity key (computed only when the bucket dropped
   * something), the occurrences dropped since the event was last written, forgotten here.
   */
  takeDropped(spamKey: string, idKey: () => string): Dropped | undefined {
    const dropped = this.buckets.get(spamKey)?.dropped;
    if (!dropped) return undefined;
    const key = idKey();
    const d = dropped.get(key);
    if (d) dropped.delete(key);
    return d;
  }

  /** From the time, forgets expired groups and full buckets: both behave as no entry. */
  private sweep(now: number): void {
    this.sinceSweep = 0;
    for (const [k, v] of this.aggregates)
      if (now - v.last > AGGREGATE_INTERVAL_MS) this.aggregates.delete(k);
    for (const [k, v] of this.buckets) {
      if (!(v.dropped && v.dropped.size > 0) && v.credit + (now - v.last) >= FULL)
        this.buckets.delete(k);
    }
  }

  /** From the time, the state (entries equivalent to none are left out). */
  toJSON(now: number): CorrelatorState {
    const aggregates: [string, AggregateRecord][] = [];
    for (const [k, v] of this.aggregates) {
      if (now - v.last <= AGGREGATE_INTERVAL_MS)
        aggregates.push([k, { messages: [...v.messages], last: v.last }]);
    }
    const buckets: [string, BucketState][] = [];
    for (const [k, v] of this.buckets) {
      const pending = v.dropped && v.dropped.size > 0;
      if (!pending && v.credit + (now - v.last) >= FULL) continue;
      const state: BucketState = { credit: v.credit, last: v.last };
      if (pending) {
        state.dropped = [...v.dropped!.entries()]
          .map(([dk, dv]): [string, Dropped] => [dk, { ...dv }])
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      }
      buckets.push([k, state]);
    }
    aggregates.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    buckets.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { aggregates, buckets };
  }

  /** From a snapshot's state, a correlator that continues it. */
  static fromJSON(state: CorrelatorState | undefined): EventCorrelator {
    const c = new EventCorrelator();
    for (const [k, v] of state?.aggregates ?? [])
      c.aggregates.set(k, { messages: [...v.messages], last: v.last });
    for (const [k, v] of state?.buckets ?? []) {
      const bucket: Bucket = { credit: v.credit, last: v.last };
      if (v.dropped) bucket.dropped = new Map(v.dropped.map(([dk, dv]) => [dk, { ...dv }]));
      c.buckets.set(k, bucket);
    }
    return c;
  }
}
