import { describe, expect, it } from 'vitest';
import { createFileSource, EngineHost, TICK_MS } from '../../src/worker/engine-host.ts';
import type { SnapshotMessage, WorkerMessage, WorkerRequest } from '../../src/protocol/messages.ts';
import { createFakeRuntime } from './fake-runtime.ts';
import { manualClock } from './manual-clock.ts';

/** Every snapshot the worker sent, on its own or inside the reply to a command. */
function snapshotsIn(out: WorkerMessage[]): SnapshotMessage[] {
  return out.flatMap((m) =>
    m.type === 'snapshot' ? [m] : m.type === 'ran' && m.snapshot ? [m.snapshot] : [],
  );
}

function setup() {
  const runtime = createFakeRuntime();
  const clock = manualClock();
  const out: WorkerMessage[] = [];
  const host = new EngineHost(runtime, clock, (m) => out.push(m));
  const send = (r: WorkerRequest) => host.receive(r);
  const start = (extra: Partial<Extract<WorkerRequest, { type: 'start' }>> = {}) =>
    send({
      type: 'start',
      id: 1,
      log: { seed: 7, files: { 'ds.yaml': 'kind: DaemonSet' }, entries: [] },
      untilMs: 0,
      playing: false,
      baseVersion: 0,
      ...extra,
    });
  /** The page saying it drew the newest snapshot so far. */
  const drawn = () => {
    send({ type: 'drawn', id: 99, version: snapshotsIn(out).at(-1)?.version ?? 0 });
  };
  return { runtime, clock, out, host, send, start, drawn };
}

describe('EngineHost', () => {
  it('answers start with the clock and a first snapshot without engine internals', () => {
    const { out, start } = setup();
    start();
    expect(out.find((m) => m.type === 'started')).toEqual({ type: 'started', id: 1, timeMs: 0 });
    const snapshot = out.find((m) => m.type === 'snapshot');
    expect(snapshot?.type === 'snapshot' && snapshot.version).toBe(1);
    expect(snapshot?.type === 'snapshot' && snapshot.snapshot.internal).toBeNull();
  });

  it('runs a line against the open files, with or without .yaml, and reports when it ran', () => {
    const { out, send, start } = setup();
    start();
    send({ type: 'run', id: 2, line: 'sim wait 500ms', files: {} });
    send({ type: 'run', id: 3, line: 'kubectl apply -f ds', files: { 'ds.yaml': 'v2' } });
    const ran = out.filter((m) => m.type === 'ran');
    expect(ran.map((m) => m.type === 'ran' && [m.atMs, m.result.out])).toEqual([
      [0, ''],
      [500, 'applied ds\n'],
    ]);
  });

  it('announces clock commands as long work so the page waits for them', () => {
    const { out, send, start } = setup();
    start();
    out.length = 0;
    send({ type: 'run', id: 2, line: 'sim wait 100ms', files: {} });
    expect(out.map((m) => m.type).slice(0, 3)).toEqual(['busy', 'idle', 'ran']);
  });

  it('replays a log to the same state and continues versions from the base', () => {
    const first = setup();
    first.start();
    first.send({ type: 'run', id: 2, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'a' } });
    first.send({ type: 'run', id: 3, line: 'sim wait 250ms', files: { 'ds.yaml': 'a' } });
    first.send({ type: 'run', id: 4, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'b' } });

    const second = setup();
    second.start({
      log: {
        seed: 7,
        files: {},
        entries: [
          { atMs: 0, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'a' } },
          { atMs: 0, line: 'sim wait 250ms' },
          { atMs: 250, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'b' } },
        ],
      },
      untilMs: 900,
      baseVersion: 41,
    });
    expect(second.runtime.states[0].lines).toEqual(first.runtime.states[0].lines);
    expect(second.runtime.states[0].now).toBe(900);
    const snap = second.out.find((m) => m.type === 'snapshot');
    expect(snap?.type === 'snapshot' && snap.version).toBe(42);
    expect(second.out[0].type).toBe('busy');
  });

  it("keeps versions growing when a restart comes before the last start's snapshot arrived", () => {
    const { out, send, start } = setup();
    // The page's first start posts snapshot 1; before the page hears of it, a lesson restarts
    // the worker (its baseVersion still 0) and sends its start lines right behind.
    start();
    start({ baseVersion: 0, snapshot: false });
    send({ type: 'run', id: 2, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'x' } });
    const versions = snapshotsIn(out).map((m) => m.version);
    expect(versions).toEqual([1, 2]);
  });

  it('reports a throwing command as failed with its id', () => {
    const { out, send, start } = setup();
    start();
    send({ type: 'run', id: 5, line: 'crash', files: {} });
    expect(out.at(-1)).toEqual({ type: 'failed', id: 5, message: 'boom' });
  });

  it('plays simulated time in real time and redraws only when a task ran', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'run', id: 2, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'x' } });
    send({ type: 'setPlaying', id: 3, playing: true });
    drawn();
    out.length = 0;
    for (let i = 0; i < 5; i += 1) {
      clock.t += TICK_MS;
      clock.fire();
    }
    expect(runtime.states[0].now).toBe(5 * TICK_MS);
    expect(out.filter((m) => m.type === 'snapshot')).toHaveLength(0);
    expect(out.filter((m) => m.type === 'heartbeat')).toHaveLength(5);
    for (let i = 0; i < 6; i += 1) {
      clock.t += TICK_MS;
      clock.fire();
    }
    // The apply queued a task at 1000 ms; the tick that passes it posts one snapshot.
    expect(out.filter((m) => m.type === 'snapshot')).toHaveLength(1);
  });

  it('keeps the clock still while paused but still sends heartbeats', () => {
    const { out, start, clock, runtime } = setup();
    start();
    out.length = 0;
    for (let i = 0; i < 10; i += 1) {
      clock.t += TICK_MS;
      clock.fire();
    }
    expect(runtime.states[0].now).toBe(0);
    expect(out.filter((m) => m.type === 'heartbeat').length).toBeGreaterThanOrEqual(3);
  });

  it('completes and diagnoses through the console', () => {
    const { out, send, start } = setup();
    start();
    send({ type: 'complete', id: 2, line: 'kubectl g', files: {} });
    send({ type: 'diagnose', id: 3, fileName: 'x.yaml', text: '\tbad' });
    expect(out.find((m) => m.type === 'completed')).toEqual({
      type: 'completed',
      id: 2,
      items: ['kubectl get'],
    });
    const diagnosed = out.find((m) => m.type === 'diagnosed');
    expect(diagnosed?.type === 'diagnosed' && diagnosed.diagnostics[0].message).toBe(
      'x.yaml: tabs are not allowed',
    );
  });
});

describe('createFileSource', () => {
  it('finds a file by name, with or without .yaml, and lists names in order', () => {
    const files = createFileSource(() => ({ 'b.yaml': 'B', 'a.yml': 'A', c: 'C' }));
    expect(files.read('b')).toBe('B');
    expect(files.read('./b.yaml')).toBe('B');
    expect(files.read('a')).toBe('A');
    expect(files.read('c')).toBe('C');
    expect(files.read('missing')).toBeUndefined();
    expect(files.list()).toEqual(['a.yml', 'b.yaml', 'c']);
  });
});

describe('EngineHost clock', () => {
  it('advances whole milliseconds only, carrying fractions of real time', () => {
    const runtime = createFakeRuntime();
    let t = 0;
    let fire = () => {};
    const out: WorkerMessage[] = [];
    const host = new EngineHost(
      runtime,
      {
        now: () => t,
        setInterval: (cb) => ((fire = cb), 1),
        clearInterval: () => {},
      },
      (m) => out.push(m),
    );
    host.receive({
      type: 'start',
      id: 1,
      log: { seed: 1, files: {}, entries: [] },
      untilMs: 0,
      playing: true,
      baseVersion: 0,
    });
    for (let i = 0; i < 10; i += 1) {
      t += 100.37;
      fire();
      expect(Number.isInteger(runtime.states[0].now)).toBe(true);
    }
    expect(runtime.states[0].now).toBe(1003);
  });
});

describe('EngineHost snapshot deltas', () => {
  const tick = (clock: { t: number; fire(): void }) => {
    clock.t += TICK_MS;
    clock.fire();
  };

  it('posts nothing while playing when the tasks that ran changed nothing', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true });
    drawn();
    runtime.states[0].quiet.push(50, 150, 250);
    out.length = 0;
    const views = runtime.states[0].views.length;
    for (let i = 0; i < 4; i += 1) tick(clock);
    expect(runtime.states[0].now).toBe(4 * TICK_MS);
    expect(out.filter((m) => m.type === 'snapshot')).toHaveLength(0);
    // Nothing was written (the cluster's revision stayed): not even a view was built.
    expect(runtime.states[0].views.length).toBe(views);
  });

  it('sends the kinds that did not change empty and names them as reused', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    const first = out.find((m) => m.type === 'snapshot');
    expect(first?.type === 'snapshot' && first.reused).toBeUndefined();
    send({ type: 'subscribe', id: 2, subscription: { key: 1, since: 0 } });
    send({ type: 'setPlaying', id: 3, playing: true });
    drawn();
    runtime.states[0].due.push(50);
    out.length = 0;
    tick(clock);
    const next = out.find((m) => m.type === 'snapshot');
    expect(next?.type === 'snapshot' && next.events?.[0].events).toHaveLength(1);
    expect(next?.type === 'snapshot' && next.reused).toContain('Node');
    expect(next?.type === 'snapshot' && next.reused).toContain('Event');
    expect(next?.type === 'snapshot' && next.verdictsReused).toBe(true);
  });

  it('sends every subscription, each from its own version, the events it has not seen, once', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true });
    drawn();
    runtime.states[0].due.push(50, 150);
    tick(clock);
    tick(clock);
    drawn();
    // Two events so far, at resourceVersions 1 and 2 (about nodes n50 and n150).
    out.length = 0;
    send({ type: 'subscribe', id: 3, subscription: { key: 7, since: 0 } });
    send({ type: 'subscribe', id: 4, subscription: { key: 8, since: 1 } });
    const batches = snapshotsIn(out).flatMap((m) => m.events ?? []);
    expect(batches.map((b) => [b.key, b.events.map((e) => e.metadata.uid)])).toEqual([
      [7, ['e-50', 'e-150']],
      [8, ['e-150']],
    ]);
    drawn();
    out.length = 0;
    runtime.states[0].due.push(250);
    tick(clock);
    tick(clock);
    const later = snapshotsIn(out).flatMap((m) => m.events ?? []);
    expect(later.map((b) => [b.key, b.events.map((e) => e.metadata.uid)])).toEqual([
      [7, ['e-250']],
      [8, ['e-250']],
    ]);
  });

  it('sends a subscription about one object only the events about it', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true });
    drawn();
    runtime.states[0].due.push(50, 150);
    tick(clock);
    tick(clock);
    out.length = 0;
    const about = { kind: 'Node' as const, name: 'n150' };
    send({ type: 'subscribe', id: 3, subscription: { key: 1, since: 0, about } });
    const batches = snapshotsIn(out).flatMap((m) => m.events ?? []);
    expect(batches.map((b) => b.events.map((e) => e.metadata.uid))).toEqual([['e-150']]);
  });

  it('stops sending events to a closed subscription', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'subscribe', id: 2, subscription: { key: 1, since: 0 } });
    send({ type: 'unsubscribe', id: 3, key: 1 });
    send({ type: 'setPlaying', id: 4, playing: true });
    drawn();
    runtime.states[0].due.push(50);
    out.length = 0;
    tick(clock);
    expect(snapshotsIn(out)).toHaveLength(1);
    expect(snapshotsIn(out)[0].events).toBeUndefined();
  });

  it('looks at no event at all while nobody subscribed', () => {
    const { send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true });
    drawn();
    runtime.states[0].due.push(50, 150);
    tick(clock);
    send({ type: 'run', id: 3, line: 'kubectl get pods', files: {} });
    tick(clock);
    expect(runtime.states[0].ran).toHaveLength(2);
    expect(runtime.states[0].eventQueries).toBe(0);
  });

  it('asks the engine for views without internals and without events', () => {
    const { send, start, runtime } = setup();
    start();
    send({ type: 'subscribe', id: 2, subscription: { key: 1, since: 0 } });
    send({ type: 'run', id: 3, line: 'kubectl get pods', files: {} });
    expect(runtime.states[0].views.length).toBeGreaterThan(1);
    for (const view of runtime.states[0].views) expect(view).toEqual({ events: false });
    expect(runtime.states[0].snapshots).toBe(0);
  });

  it('reuses verdicts whose node entries are the same objects, and resends a recomputed one', () => {
    const { out, send, start, runtime } = setup();
    const verdict = (node: string) => ({
      node,
      shouldRun: true,
      shouldContinueRunning: true,
      checks: [],
    });
    start();
    const state = runtime.states[0];
    state.verdicts = [{ namespace: 'default', name: 'ds', nodes: [verdict('n1'), verdict('n2')] }];
    const lastSnapshot = () => {
      const last = snapshotsIn(out).at(-1);
      if (!last) throw new Error('no snapshot');
      return last;
    };
    send({ type: 'run', id: 2, line: 'kubectl get pods', files: {} });
    expect(lastSnapshot().snapshot.verdicts[0].nodes).toHaveLength(2);
    send({ type: 'run', id: 3, line: 'kubectl get pods', files: {} });
    expect(lastSnapshot().verdictsReused).toBe(true);
    expect(lastSnapshot().snapshot.verdicts).toEqual([]);
    // The engine recomputed n2's verdict (its pods changed): a new object, sent again, alone,
    // with the order that puts n1's (kept by the page) before it.
    const n2 = verdict('n2');
    state.verdicts[0].nodes[1] = n2;
    send({ type: 'run', id: 4, line: 'kubectl get pods', files: {} });
    expect(lastSnapshot().verdictsReused).toBeUndefined();
    expect(lastSnapshot().snapshot.verdicts[0].nodes).toEqual([n2]);
    expect(lastSnapshot().verdictNodesPatched).toEqual([Int32Array.from([0, -1])]);
    // A new DaemonSet's verdicts go whole.
    state.verdicts.push({ namespace: 'default', name: 'new', nodes: [verdict('n1')] });
    send({ type: 'run', id: 5, line: 'kubectl get pods', files: {} });
    expect(lastSnapshot().snapshot.verdicts[1].nodes).toHaveLength(1);
    expect(lastSnapshot().verdictNodesPatched).toEqual([Int32Array.from([0, 1]), null]);
  });

  it('sends the snapshot inside the reply, even for a command that changed nothing', () => {
    const { out, send, start } = setup();
    start();
    const before = snapshotsIn(out).at(-1)?.version ?? 0;
    out.length = 0;
    send({ type: 'run', id: 2, line: 'kubectl get pods', files: {} });
    expect(out.map((m) => m.type)).toEqual(['busy', 'idle', 'ran']);
    const reply = out[2];
    expect(reply.type === 'ran' && reply.snapshot?.version).toBe(before + 1);
  });

  it('draws lines sent together once: only the last one brings a snapshot, a whole one', () => {
    const { out, send, start, runtime } = setup();
    start({ snapshot: false });
    expect(out.filter((m) => m.type === 'snapshot')).toHaveLength(0);
    const files = { 'ds.yaml': 'a' };
    send({ type: 'run', id: 2, line: 'kubectl apply -f ds.yaml', files, snapshot: false });
    send({ type: 'run', id: 3, line: 'sim wait 250ms', files, snapshot: false });
    // No view was built for the quiet lines (the start's own is the host's first).
    expect(runtime.states[0].views).toHaveLength(0);
    send({ type: 'run', id: 4, line: 'kubectl get pods', files });
    const snapshots = snapshotsIn(out);
    expect(snapshots.map((s) => s.version)).toEqual([1]);
    expect(snapshots[0].reused).toBeUndefined();
    expect(out.filter((m) => m.type === 'ran').map((m) => m.type === 'ran' && m.atMs)).toEqual([
      0, 0, 250,
    ]);
  });
});

describe('EngineHost back-pressure', () => {
  it('holds the next playing snapshot until the page has drawn the last one', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true });
    drawn();
    // Tasks due every 100 ms of simulated time: every tick changes something.
    runtime.states[0].due.push(...Array.from({ length: 40 }, (_, i) => (i + 1) * 100));
    const snapshots = () => out.filter((m) => m.type === 'snapshot');
    const tick = () => {
      clock.t += TICK_MS;
      clock.fire();
    };
    out.length = 0;
    tick();
    expect(snapshots()).toHaveLength(1);
    for (let i = 0; i < 5; i += 1) tick();
    expect(snapshots()).toHaveLength(1);
    const last = snapshots().at(-1);
    send({ type: 'drawn', id: 9, version: last?.type === 'snapshot' ? last.version : 0 });
    tick();
    expect(snapshots()).toHaveLength(2);
  });

  it('sends anyway when the page has not answered for two seconds', () => {
    const { out, send, start, clock, runtime, drawn } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true });
    drawn();
    runtime.states[0].due.push(...Array.from({ length: 40 }, (_, i) => (i + 1) * 100));
    out.length = 0;
    for (let i = 0; i < 21; i += 1) {
      clock.t += TICK_MS;
      clock.fire();
    }
    expect(out.filter((m) => m.type === 'snapshot')).toHaveLength(2);
  });

  it('plays at the chosen speed, a slow one carrying fractions of a simulated millisecond', () => {
    const { send, start, clock, runtime } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true, speed: 50 });
    clock.t += TICK_MS;
    clock.fire();
    expect(runtime.states[0].now).toBe(50 * TICK_MS);
    send({ type: 'setPlaying', id: 3, playing: true, speed: 0.25 });
    // Three ticks of 2 ms at a quarter speed are 1.5 ms: one whole ms passes, half is carried.
    for (let i = 0; i < 3; i += 1) {
      clock.t += 2;
      clock.fire();
    }
    expect(runtime.states[0].now).toBe(50 * TICK_MS + 1);
    clock.t += 2;
    clock.fire();
    expect(runtime.states[0].now).toBe(50 * TICK_MS + 2);
  });

  it('keeps the speed when only playing changes, and takes the nearest offered speed', () => {
    const { out, send, start } = setup();
    start();
    send({ type: 'setPlaying', id: 2, playing: true, speed: 7 });
    send({ type: 'setPlaying', id: 3, playing: false });
    const replies = out.filter((m) => m.type === 'playingChanged');
    expect(replies.map((m) => m.type === 'playingChanged' && [m.playing, m.speed])).toEqual([
      [true, 5],
      [false, 5],
    ]);
  });

  it('answers a pause with the instant of the next change, which a step then reaches', () => {
    const { out, send, start, runtime } = setup();
    start();
    send({ type: 'run', id: 2, line: 'sim wait 300ms', files: {} });
    send({ type: 'run', id: 3, line: 'kubectl apply -f ds.yaml', files: { 'ds.yaml': 'x' } });
    send({ type: 'setPlaying', id: 4, playing: false });
    const paused = out.find((m) => m.type === 'playingChanged');
    expect(paused).toMatchObject({ timeMs: 300, nextDueAt: 1300 });
    // The page's step is this console line; the task due then runs, and nothing more is queued.
    send({ type: 'run', id: 5, line: 'sim wait 1000ms', files: {} });
    expect(runtime.states[0].pods).toHaveLength(1);
    out.length = 0;
    send({ type: 'setPlaying', id: 6, playing: false });
    const after = out.find((m) => m.type === 'playingChanged');
    expect(after).toEqual({
      type: 'playingChanged',
      id: 6,
      playing: false,
      speed: 1,
      timeMs: 1300,
    });
  });

  it('reports progress between the operations of a long command, at heartbeat pace', () => {
    const { out, send, start, clock, runtime } = setup();
    start();
    // Each operation takes 100 ms of real time: 30 of them are three seconds of work.
    runtime.states[0].onExecute = () => (clock.t += 100);
    out.length = 0;
    send({ type: 'run', id: 2, line: 'bulk 30', files: {} });
    const types = out.map((m) => m.type);
    expect(types[0]).toBe('busy');
    expect(types.slice(-2)).toEqual(['idle', 'ran']);
    const progress = out.flatMap((m) => (m.type === 'progress' ? [m.done] : []));
    expect(progress).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    // A quick command posts no progress at all.
    runtime.states[0].onExecute = undefined;
    out.length = 0;
    send({ type: 'run', id: 3, line: 'bulk 30', files: {} });
    expect(out.some((m) => m.type === 'progress')).toBe(false);
  });

  it('announces checking a file as long work', () => {
    const { out, send, start } = setup();
    start();
    out.length = 0;
    send({ type: 'diagnose', id: 2, fileName: 'nodes.yaml', text: 'kind: List' });
    expect(out.map((m) => m.type)).toEqual(['busy', 'idle', 'diagnosed']);
    expect(out[0]).toMatchObject({ reason: 'check nodes.yaml' });
  });
});
