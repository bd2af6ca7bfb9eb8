import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_SHOWN_AFTER_MS, WorkerEngineClient } from '../../src/client/worker-client.svelte.ts';
import { EngineHost } from '../../src/worker/engine-host.ts';
import type { WorkerMessage, WorkerRequest } from '../../src/protocol/messages.ts';
import { createFakeRuntime, type FakeState } from '../worker/fake-runtime.ts';

/**
 * An in-process stand-in for `new Worker(...)`: messages hop through queued tasks as they
 * would between threads, and the test can make it go silent (hang) or die.
 */
class FakeWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  silent = false;
  readonly host: EngineHost;
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(states: FakeState[]) {
    this.host = new EngineHost(
      createFakeRuntime(states),
      {
        now: () => Date.now(),
        setInterval: (cb, ms) => (this.#interval = setInterval(cb, ms)),
        clearInterval: () => clearInterval(this.#interval),
      },
      (message: WorkerMessage) => {
        if (this.silent || this.terminated) return;
        setTimeout(() => {
          if (!this.terminated) this.onmessage?.(new MessageEvent('message', { data: message }));
        }, 0);
      },
    );
  }

  postMessage(request: WorkerRequest): void {
    if (this.terminated) return;
    const copy = structuredClone(request);
    setTimeout(() => {
      if (!this.terminated && !this.silent) this.host.receive(copy);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
    this.host.dispose();
  }
}

let workers: FakeWorker[];
let states: FakeState[];

function makeClient() {
  return new WorkerEngineClient({
    createWorker: () => {
      const w = new FakeWorker(states);
      workers.push(w);
      return w as unknown as Worker;
    },
    seed: 3,
    files: { 'ds.yaml': 'one' },
    playing: false,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  states = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkerEngineClient', () => {
  it('starts the worker and shows its first snapshot', async () => {
    const client = makeClient();
    expect(client.status).toBe('starting');
    await vi.advanceTimersByTimeAsync(10);
    expect(client.status).toBe('ready');
    expect(client.snapshot?.seed).toBe(3);
    expect(client.version).toBe(1);
    client.dispose();
  });

  it('logs each command with its simulated time and only changed files', async () => {
    const client = makeClient();
    const first = client.run('kubectl apply -f ds', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(10);
    expect((await first).out).toBe('applied ds\n');
    const second = client.run('sim wait 300ms', { 'ds.yaml': 'one' });
    const third = client.run('kubectl apply -f ds', { 'ds.yaml': 'two' });
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all([second, third]);
    expect(client.log.entries).toEqual([
      { atMs: 0, line: 'kubectl apply -f ds' },
      { atMs: 0, line: 'sim wait 300ms' },
      { atMs: 300, line: 'kubectl apply -f ds', files: { 'ds.yaml': 'two' } },
    ]);
    expect(client.timeMs).toBe(300);
    client.dispose();
  });

  it('starts from a saved log: the first worker replays it, and the log goes on from it', async () => {
    const client = new WorkerEngineClient({
      createWorker: () => {
        const w = new FakeWorker(states);
        workers.push(w);
        return w as unknown as Worker;
      },
      seed: 3,
      files: { 'ds.yaml': 'one' },
      log: {
        seed: 9,
        files: { 'ds.yaml': 'one' },
        entries: [
          { atMs: 0, line: 'kubectl apply -f ds' },
          { atMs: 300, line: 'kubectl apply -f ds', files: { 'ds.yaml': 'two' } },
        ],
      },
      playing: false,
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(client.snapshot?.seed).toBe(9);
    expect(states[0].lines).toEqual(['kubectl apply -f ds <one>', 'kubectl apply -f ds <two>']);
    expect(client.timeMs).toBe(300);
    const next = client.run('echo again', { 'ds.yaml': 'two' });
    await vi.advanceTimersByTimeAsync(10);
    await next;
    // The files are those of the last replayed command, so the new entry does not repeat them.
    expect(client.log.entries.at(-1)).toEqual({ atMs: 300, line: 'echo again' });
    client.dispose();
  });

  it('rebuilds a crashed worker from the log and answers the crashing line with an error', async () => {
    const client = makeClient();
    const ok = client.run('kubectl apply -f ds', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(10);
    await ok;
    const crash = client.run('crash', { 'ds.yaml': 'one' });
    const after = client.run('echo later', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(50);
    expect((await crash).exit).toBe(1);
    expect((await crash).err).toContain('rebuilt');
    // The line typed after the crash still runs, on the rebuilt cluster.
    expect((await after).out).toBe('ok echo later\n');
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(states[1].lines).toEqual(['kubectl apply -f ds <one>', 'echo later']);
    expect(client.notice).toMatch(/rebuilt from your 1 earlier commands\. "crash" was not run\./);
    client.dismissNotice();
    expect(client.notice).toBeUndefined();
    client.dispose();
  });

  it('hands each event subscription its events, from its own version, with the snapshot', async () => {
    const client = makeClient();
    void client.run('kubectl apply -f ds', { 'ds.yaml': 'one' });
    void client.run('sim wait 1000ms', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(10);
    const all: string[] = [];
    const later: string[] = [];
    let versionWhenHeard = 0;
    client.subscribeEvents({ since: 0 }, (events) => {
      all.push(...events.map((e) => e.metadata.uid));
      versionWhenHeard = client.version;
    });
    const rv = Number(states[0].ran[0].metadata.resourceVersion);
    client.subscribeEvents({ since: rv }, (events) =>
      later.push(...events.map((e) => e.metadata.uid)),
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(all).toEqual(['e-1000']);
    expect(later).toEqual([]);
    // Heard in the same task as the snapshot that carried the batch was taken in.
    expect(versionWhenHeard).toBe(client.version);
    expect(client.snapshot?.objects.Event).toEqual([]);
    client.dispose();
  });

  it('asks a rebuilt worker only for the events its subscriptions have not heard', async () => {
    const client = makeClient();
    void client.run('kubectl apply -f ds', { 'ds.yaml': 'one' });
    void client.run('sim wait 1000ms', { 'ds.yaml': 'one' });
    const heard: string[] = [];
    const unsubscribe = client.subscribeEvents({ since: 0 }, (events) =>
      heard.push(...events.map((e) => e.metadata.uid)),
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toEqual(['e-1000']);
    void client.run('crash', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(50);
    expect(workers).toHaveLength(2);
    expect(states[1].ran).toHaveLength(1);
    // The replay made the same event again: already heard, so not sent again.
    expect(heard).toEqual(['e-1000']);
    void client.run('kubectl apply -f ds', { 'ds.yaml': 'two' });
    void client.run('sim wait 1000ms', { 'ds.yaml': 'two' });
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toEqual(['e-1000', 'e-2000']);
    unsubscribe();
    void client.run('kubectl apply -f ds', { 'ds.yaml': 'three' });
    void client.run('sim wait 1000ms', { 'ds.yaml': 'three' });
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toEqual(['e-1000', 'e-2000']);
    client.dispose();
  });

  it('says it is busy only when a command runs for a noticeable time', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const seen: string[] = [];
    const say = (message: WorkerMessage) =>
      workers[0].onmessage?.(new MessageEvent('message', { data: message }));
    // A quick command: busy and idle within a few ms, and the status never changes.
    say({ type: 'busy', reason: 'kubectl get nodes', limitMs: 15_000 });
    seen.push(client.status);
    await vi.advanceTimersByTimeAsync(5);
    say({ type: 'idle' });
    await vi.advanceTimersByTimeAsync(BUSY_SHOWN_AFTER_MS);
    seen.push(client.status);
    expect(seen).toEqual(['ready', 'ready']);
    // A long one shows as busy once it has run BUSY_SHOWN_AFTER_MS, until it ends.
    say({ type: 'busy', reason: 'sim settle', limitMs: 60_000 });
    await vi.advanceTimersByTimeAsync(BUSY_SHOWN_AFTER_MS - 50);
    expect(client.status).toBe('ready');
    await vi.advanceTimersByTimeAsync(100);
    expect(client.status).toBe('busy');
    say({ type: 'idle' });
    expect(client.status).toBe('ready');
    client.dispose();
  });

  it('waits for long work as long as it reports progress, and shows how far it got', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const say = (message: WorkerMessage) =>
      workers[0].onmessage?.(new MessageEvent('message', { data: message }));
    workers[0].silent = true;
    say({ type: 'busy', reason: 'kubectl apply -f nodes.yaml', limitMs: 15_000 });
    // Forty seconds of work, far past the busy limit, with progress four times a second.
    for (let done = 1; done <= 160; done += 1) {
      await vi.advanceTimersByTimeAsync(250);
      say({ type: 'progress', done: done * 30 });
    }
    expect(workers).toHaveLength(1);
    expect(client.status).toBe('busy');
    expect(client.progress).toMatchObject({ reason: 'kubectl apply -f nodes.yaml', done: 4800 });
    say({ type: 'idle' });
    expect(client.progress).toBeUndefined();
    expect(client.notice).toBeUndefined();
    client.dispose();
  });

  it('still calls long work a hang once it stays silent past its limit', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const say = (message: WorkerMessage) =>
      workers[0].onmessage?.(new MessageEvent('message', { data: message }));
    workers[0].silent = true;
    say({ type: 'busy', reason: 'kubectl apply -f nodes.yaml', limitMs: 15_000 });
    say({ type: 'progress', done: 30 });
    await vi.advanceTimersByTimeAsync(14_000);
    expect(workers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(workers).toHaveLength(2);
    expect(client.notice).toMatch(/stopped responding for 15 s/);
    client.dispose();
  });

  it('sets the clock speed, which a rebuilt worker keeps', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all([client.setSpeed(10), vi.advanceTimersByTimeAsync(10)]);
    expect(client.speed).toBe(10);
    workers[0].silent = true;
    await vi.advanceTimersByTimeAsync(2100);
    expect(workers).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all([client.setPlaying(true), vi.advanceTimersByTimeAsync(10)]);
    const before = states[1].now;
    await vi.advanceTimersByTimeAsync(1000);
    // Ten simulated seconds per real second (give or take the tick in flight).
    expect(states[1].now - before).toBeGreaterThanOrEqual(9000);
    client.dispose();
  });

  it('pauses for a step and tells how long until the next change', async () => {
    const client = makeClient();
    const applied = client.run('kubectl apply -f ds', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(10);
    await applied;
    await Promise.all([client.setPlaying(true), vi.advanceTimersByTimeAsync(10)]);
    await vi.advanceTimersByTimeAsync(300);
    const [ms] = await Promise.all([client.nextChange(), vi.advanceTimersByTimeAsync(10)]);
    expect(client.playing).toBe(false);
    expect(ms).toBe(1000 - states[0].now);
    expect(ms).toBeGreaterThan(0);
    client.dispose();
  });

  it('treats two seconds of silence as a hang and rebuilds', async () => {
    const client = makeClient();
    const ok = client.run('kubectl apply -f ds', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(10);
    await ok;
    await vi.advanceTimersByTimeAsync(1500);
    expect(workers).toHaveLength(1); // Heartbeats keep it alive.
    workers[0].silent = true;
    await vi.advanceTimersByTimeAsync(2100);
    expect(workers).toHaveLength(2);
    expect(client.notice).toMatch(/stopped responding/);
    await vi.advanceTimersByTimeAsync(10);
    expect(client.status).toBe('ready');
    expect(states[1].lines).toEqual(['kubectl apply -f ds <one>']);
    client.dispose();
  });

  it('sends a command again once when the worker went silent while running it', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    workers[0].silent = true;
    const pending = client.run('kubectl get nodes', { 'ds.yaml': 'one' });
    await vi.advanceTimersByTimeAsync(2100);
    await vi.advanceTimersByTimeAsync(10);
    expect(workers).toHaveLength(2);
    expect((await pending).out).toBe('ok kubectl get nodes\n');
    expect(client.notice).toMatch(/stopped responding/);
    expect(client.notice).not.toMatch(/was not run/);
    expect(client.log.entries.map((e) => e.line)).toEqual(['kubectl get nodes']);
    client.dispose();
  });

  it('drops a snapshot older than the one shown', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const shown = client.snapshot;
    workers[0].onmessage?.(
      new MessageEvent('message', {
        data: { type: 'snapshot', version: 0, snapshot: { ...shown, timeMs: 99 } },
      }),
    );
    expect(client.snapshot).toBe(shown);
    // Something that is not a protocol message is ignored rather than trusted.
    workers[0].onmessage?.(new MessageEvent('message', { data: { type: 'nonsense' } }));
    expect(client.snapshot).toBe(shown);
    client.dispose();
  });

  it('keeps its own copy of the kinds a snapshot names as reused', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const shown = client.snapshot!;
    const nodes = [{ kind: 'Node', metadata: { name: 'n1' } }];
    const withNodes = { ...shown, objects: { ...shown.objects, Node: nodes } };
    workers[0].onmessage?.(
      new MessageEvent('message', { data: { type: 'snapshot', version: 50, snapshot: withNodes } }),
    );
    const delta = {
      ...shown,
      timeMs: 77,
      objects: { ...shown.objects, Node: [] },
      verdicts: [],
    };
    workers[0].onmessage?.(
      new MessageEvent('message', {
        data: {
          type: 'snapshot',
          version: 51,
          snapshot: delta,
          reused: ['Node'],
          verdictsReused: true,
        },
      }),
    );
    expect(client.snapshot?.timeMs).toBe(77);
    expect(client.snapshot?.objects.Node).toBe(nodes);
    expect(client.snapshot?.verdicts).toBe(client.snapshot && withNodes.verdicts);
    client.dispose();
  });

  it('rebuilds a patched kind from its previous list and the changed objects', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const shown = client.snapshot!;
    const [a, b, c] = ['a', 'b', 'c'].map((name) => ({ kind: 'Pod', metadata: { name } }));
    const send = (version: number, Pod: unknown[], extra: object = {}) =>
      workers[0].onmessage?.(
        new MessageEvent('message', {
          data: {
            type: 'snapshot',
            version,
            snapshot: { ...shown, objects: { ...shown.objects, Pod } },
            ...extra,
          },
        }),
      );
    send(60, [a, b]);
    const b2 = { kind: 'Pod', metadata: { name: 'b', labels: { changed: 'yes' } } };
    send(61, [b2, c], { patched: { Pod: Int32Array.from([0, -1, -1]) } });
    expect(client.snapshot?.objects.Pod).toEqual([a, b2, c]);
    expect(client.snapshot?.objects.Pod[0]).toBe(a);
    client.dispose();
  });

  it('rebuilds patched node verdicts from the same DaemonSet in the previous verdicts', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const shown = client.snapshot!;
    const verdict = (node: string, shouldRun: boolean) => ({
      node,
      shouldRun,
      shouldContinueRunning: shouldRun,
      checks: [],
    });
    const [a, b] = [verdict('a', true), verdict('b', true)];
    const send = (version: number, verdicts: unknown[], extra: object = {}) =>
      workers[0].onmessage?.(
        new MessageEvent('message', {
          data: { type: 'snapshot', version, snapshot: { ...shown, verdicts }, ...extra },
        }),
      );
    send(70, [{ namespace: 'default', name: 'ds', nodes: [a, b] }]);
    const b2 = verdict('b', false);
    const other = { namespace: 'default', name: 'agent', nodes: [verdict('a', false)] };
    send(71, [other, { namespace: 'default', name: 'ds', nodes: [b2] }], {
      verdictNodesPatched: [null, Int32Array.from([0, -1])],
    });
    expect(client.snapshot?.verdicts).toEqual([
      other,
      { namespace: 'default', name: 'ds', nodes: [a, b2] },
    ]);
    expect(client.snapshot?.verdicts[1].nodes[0]).toBe(a);
    client.dispose();
  });

  it('shows the snapshot a reply carries, then tells the result at once, before the promise', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    const before = client.version;
    const heard: [string, number][] = [];
    let settled = false;
    const running = client
      .run('kubectl get pods', {}, (result) => heard.push([result.out, client.version]))
      .then(() => (settled = true));
    // Run the worker's reply task alone: the callback runs inside it, the promise only after.
    await vi.advanceTimersToNextTimerAsync();
    while (heard.length === 0) vi.advanceTimersToNextTimer();
    expect(heard).toEqual([['ok kubectl get pods\n', before + 1]]);
    expect(settled).toBe(false);
    await running;
    expect(settled).toBe(true);
    client.dispose();
  });

  it('plays and pauses the worker clock', async () => {
    const client = makeClient();
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all([client.setPlaying(true), vi.advanceTimersByTimeAsync(10)]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.playing).toBe(true);
    expect(client.timeMs).toBeGreaterThanOrEqual(800);
    client.dispose();
  });
});
