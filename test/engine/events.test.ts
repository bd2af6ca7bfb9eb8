/**
 * The event recorder's correlator (src/engine/events.ts, client-go EventCorrelate): aggregation
 * of similar events, dedupe of identical ones, and the per source+object spam filter, on the
 * simulated clock and across snapshot/restore.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/engine/index.ts';
import type { Event } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/cluster.ts';
import {
  COMBINED_PREFIX,
  EventCorrelator,
  SPAM_BURST,
  SPAM_REFILL_MS,
} from '../../src/engine/events.ts';
import { nodeManifest } from './helpers.ts';

/** A cluster with one node, the object events are recorded about. */
function setup(): Engine {
  const engine = createCluster({ seed: 7 }) as Engine;
  const r = engine.execute({ op: 'apply', object: nodeManifest('n1') });
  expect(r.ok).toBe(true);
  return engine;
}

function node(engine: Engine) {
  const n = engine.store.get('Node', 'n1');
  if (!n) throw new Error('no node');
  return n;
}

/** From the engine, its events about n1 from the test's component, oldest first. */
function events(engine: Engine): Event[] {
  return engine.eventsFor('Node', 'n1').filter((e) => e.source.component === 'tester');
}

/** Records one event per message about n1, one simulated second apart. */
function record(engine: Engine, messages: string[], reason = 'Probe'): void {
  for (const m of messages) {
    engine.recordEvent(node(engine), 'Normal', reason, m, 'tester');
    engine.advance(1000);
  }
}

const distinct = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `message ${i + from}`);

describe('event correlator: aggregation', () => {
  const table: { name: string; messages: string[]; separate: number; combined?: number }[] = [
    { name: '9 distinct messages stay separate', messages: distinct(9), separate: 9 },
    {
      name: 'the 10th distinct message is combined (set reaches defaultAggregateMaxEvents)',
      messages: distinct(10),
      separate: 9,
      combined: 1,
    },
    {
      name: 'further distinct messages bump the one combined event',
      messages: distinct(15),
      separate: 9,
      combined: 6,
    },
    {
      name: 'repeats of one message never aggregate (dedupe only)',
      messages: Array.from({ length: 20 }, () => 'same'),
      separate: 1,
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const engine = setup();
      record(engine, row.messages);
      const evs = events(engine);
      const combined = evs.filter((e) => e.message.startsWith(COMBINED_PREFIX));
      expect(evs.length - combined.length).toBe(row.separate);
      if (row.combined === undefined) {
        expect(combined).toHaveLength(0);
      } else {
        expect(combined).toHaveLength(1);
        expect(combined[0].count).toBe(row.combined);
        expect(combined[0].message).toBe(COMBINED_PREFIX + row.messages[row.messages.length - 1]);
      }
    });
  }

  it('a group forgotten after 600 s without an event starts afresh', () => {
    const engine = setup();
    record(engine, distinct(9));
    engine.advance(601_000);
    record(engine, distinct(9, 100));
    expect(events(engine).filter((e) => e.message.startsWith(COMBINED_PREFIX))).toHaveLength(0);
  });

  it('different reasons are different groups', () => {
    const engine = setup();
    record(engine, distinct(9), 'A');
    record(engine, distinct(9), 'B');
    expect(events(engine)).toHaveLength(18);
  });
});

describe('event correlator: dedupe', () => {
  it('identical events bump count and lastTimestamp of one event', () => {
    const engine = setup();
    record(engine, ['x', 'x', 'x']);
    const [ev] = events(engine);
    expect(events(engine)).toHaveLength(1);
    expect(ev.count).toBe(3);
    expect(ev.firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(ev.lastTimestamp).toBe('2026-01-01T00:00:02Z');
  });
});

describe('event correlator: spam filter', () => {
  it('drops the 26th event of a burst on one object and refills one token per 5 minutes', () => {
    const engine = setup();
    // Burst at one instant, identical events: each takes a token.
    for (let i = 0; i < SPAM_BURST + 1; i++)
      engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'tester');
    expect(events(engine)[0].count).toBe(SPAM_BURST);
    engine.advance(SPAM_REFILL_MS - 1000);
    engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'tester');
    expect(events(engine)[0].count).toBe(SPAM_BURST); // still no token
    engine.advance(1000);
    engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'tester');
    // The token arrived: the write carries the dropped occurrences too (upstream dedupe cache).
    expect(events(engine)[0].count).toBe(SPAM_BURST + 3);
    engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'tester');
    expect(events(engine)[0].count).toBe(SPAM_BURST + 3);
  });

  it('an event first seen while the bucket is empty is created later, dated from its first occurrence', () => {
    const engine = setup();
    for (let i = 0; i < SPAM_BURST; i++)
      engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'tester');
    engine.advance(1000);
    engine.recordEvent(node(engine), 'Warning', 'Other', 'late', 'tester');
    expect(events(engine).find((e) => e.reason === 'Other')).toBeUndefined();
    engine.advance(SPAM_REFILL_MS);
    engine.recordEvent(node(engine), 'Warning', 'Other', 'late', 'tester');
    const late = events(engine).find((e) => e.reason === 'Other');
    expect(late?.count).toBe(2);
    expect(late?.firstTimestamp).toBe('2026-01-01T00:00:01Z');
  });

  it('buckets are per source: another component still records about the same object', () => {
    const engine = setup();
    for (let i = 0; i < SPAM_BURST + 5; i++)
      engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'tester');
    engine.recordEvent(node(engine), 'Normal', 'Probe', 'x', 'other-controller');
    const other = engine.eventsFor('Node', 'n1').filter((e) => e.source.component !== 'tester');
    expect(other.some((e) => e.source.component === 'other-controller')).toBe(true);
  });

  it('token bucket arithmetic', () => {
    const c = new EventCorrelator();
    const rows: { at: number; allowed: boolean }[] = [
      ...Array.from({ length: SPAM_BURST }, () => ({ at: 0, allowed: true })),
      { at: 0, allowed: false },
      { at: SPAM_REFILL_MS / 2, allowed: false },
      { at: SPAM_REFILL_MS, allowed: true },
      { at: SPAM_REFILL_MS, allowed: false },
      { at: 3 * SPAM_REFILL_MS, allowed: true },
      { at: 3 * SPAM_REFILL_MS, allowed: true },
      { at: 3 * SPAM_REFILL_MS, allowed: false },
    ];
    for (const row of rows)
      expect(c.allow(c.source('uid', 'tester', 'n1', row.at), row.at)).toBe(row.allowed);
  });
});

describe('event correlator: snapshot and restore', () => {
  it('a restored cluster continues identically, correlator state included', () => {
    const engine = setup();
    record(engine, distinct(12));
    for (let i = 0; i < SPAM_BURST; i++)
      engine.recordEvent(node(engine), 'Normal', 'Probe', 'y', 'tester');
    const snap = engine.snapshot();
    const restored = restoreCluster(structuredClone(snap)) as Engine;
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(snap));
    const go = (e: Engine) => {
      record(e, ['y', 'z', ...distinct(3, 50)]);
      e.advance(SPAM_REFILL_MS);
      record(e, ['y', 'w', ...distinct(3, 60)]);
      return JSON.stringify(e.snapshot());
    };
    expect(go(restored)).toBe(go(engine));
  });
});

describe('event store', () => {
  it('forgetting idle correlator entries changes nothing: a restore mid-way (which sweeps at other times) continues identically', () => {
    // SWEEP_EVERY (16,384) events pass, spread over many objects and 20 simulated minutes, so
    // groups expire and buckets refill between sweeps.
    const run = (restoreAt: number | undefined): string => {
      let engine = setup();
      for (let i = 0; i < 40; i++) {
        engine.execute({ op: 'apply', object: nodeManifest(`m${i}`) });
      }
      const nodes = () => engine.store.sorted('Node');
      for (let step = 0; step < 24_000; step++) {
        if (step === restoreAt)
          engine = restoreCluster(structuredClone(engine.snapshot())) as Engine;
        const list = nodes();
        const target = list[step % list.length];
        engine.recordEvent(
          target,
          step % 3 ? 'Normal' : 'Warning',
          `R${step % 4}`,
          `m${step % 13}`,
          'tester',
          target.metadata.name,
        );
        if (step % 40 === 0) engine.advance(2000);
      }
      return JSON.stringify(engine.snapshot());
    };
    expect(run(9_000) === run(undefined)).toBe(true);
  });

  it('keeps events the engine records as API objects, frozen, the same object until they change', () => {
    const engine = setup();
    record(engine, ['a', 'a']);
    const [first] = events(engine);
    expect(first.count).toBe(2);
    const stored = engine.store.sorted('Event').filter((e) => e.source.component === 'tester');
    expect(stored).toHaveLength(1);
    expect(Object.isFrozen(stored[0])).toBe(true);
    expect(Object.isFrozen(stored[0].involvedObject)).toBe(true);
    expect(engine.store.sorted('Event').find((e) => e === stored[0])).toBe(stored[0]);
    record(engine, ['a']);
    const again = engine.store.get('Event', `default/${stored[0].metadata.name}`);
    expect(again).not.toBe(stored[0]);
    expect(again?.count).toBe(3);
    expect(Number(again?.metadata.resourceVersion)).toBeGreaterThan(
      Number(stored[0].metadata.resourceVersion),
    );
  });

  it('an applied Event is kept as given, listed and deleted like any object; the recorder writes its own', () => {
    const engine = setup();
    const applied = engine.execute({
      op: 'apply',
      object: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'hand-made', namespace: 'default', labels: { constructor: 'x' } },
        involvedObject: { kind: 'Node', name: 'n1', uid: node(engine).metadata.uid },
        reason: 'Probe',
        message: 'by hand',
        type: 'Normal',
        source: { component: 'tester' },
        count: 1,
        firstTimestamp: '2026-01-01T00:00:00Z',
        lastTimestamp: '2026-01-01T00:00:00Z',
      },
    } as never);
    expect(applied.ok).toBe(true);
    // The recorder's dedupe cache knows only events it wrote: same identity, a new event.
    record(engine, ['by hand']);
    const mine = events(engine);
    expect(mine.map((e) => [e.metadata.name.startsWith('n1.'), e.count])).toEqual([
      [false, 1],
      [true, 1],
    ]);
    expect(mine[0].metadata.labels?.constructor).toBe('x');
    // A restore keeps the hand-made event as it was, and recorded ones as recorded.
    const restored = restoreCluster(structuredClone(engine.snapshot())) as Engine;
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(engine.snapshot()));
    record(restored, ['by hand']);
    expect(events(restored).map((e) => e.count)).toEqual([1, 2]);
    const deleted = engine.execute({
      op: 'delete',
      key: { kind: 'Event', name: 'hand-made', namespace: 'default' },
    });
    expect(deleted.ok).toBe(true);
    expect(events(engine).map((e) => e.metadata.name.startsWith('n1.'))).toEqual([true]);
    expect(engine.store.get('Event', 'default/hand-made')).toBeUndefined();
  });
});

describe('events since a resourceVersion', () => {
  it('lists every event written after it, a changed one again, in resourceVersion order', () => {
    const engine = setup();
    record(engine, ['a', 'b']);
    const all = engine.eventsSince(0);
    expect(all.map((e) => e.message)).toEqual(['a', 'b']);
    const seen = Number(all[1].metadata.resourceVersion);
    expect(engine.eventsSince(seen)).toEqual([]);
    // A repeat of `a` changes the stored event: it comes again, with its new count.
    record(engine, ['a']);
    const changed = engine.eventsSince(seen);
    expect(changed.map((e) => [e.message, e.count])).toEqual([['a', 2]]);
    expect(Number(changed[0].metadata.resourceVersion)).toBeGreaterThan(seen);
    expect(changed[0].metadata.uid).toBe(all[0].metadata.uid);
  });

  it('lists events of every object, not of one', () => {
    const engine = setup();
    engine.execute({ op: 'apply', object: nodeManifest('n2') });
    const n2 = engine.store.get('Node', 'n2');
    if (!n2) throw new Error('no node');
    engine.recordEvent(node(engine), 'Normal', 'Probe', 'on n1', 'tester');
    engine.recordEvent(n2, 'Normal', 'Probe', 'on n2', 'tester');
    expect(engine.eventsSince(0).map((e) => e.involvedObject.name)).toEqual(['n1', 'n2']);
  });
});
