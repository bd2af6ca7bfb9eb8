import { describe, expect, it } from 'vitest';
import { EngineHost, TICK_MS } from '../../src/worker/engine-host.ts';
import { runtime } from '../../src/worker/runtime.ts';
import type { Cluster } from '../../src/engine/operations.ts';
import type { WorkerMessage, WorkerRequest } from '../../src/protocol/messages.ts';
import { manualClock } from './manual-clock.ts';

const FILES = {
  'nodes.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n',
  'ds.yaml': [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata: {name: agent}',
    'spec:',
    '  selector: {matchLabels: {app: agent}}',
    '  template:',
    '    metadata: {labels: {app: agent}}',
    '    spec: {containers: [{name: agent, image: busybox:1.36}]}',
    '',
  ].join('\n'),
};

/** A request without its id, kind by kind (a plain Omit would keep only the shared keys). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A worker host on the real engine and console, its clock in the test's hands. */
function setup() {
  const clock = manualClock();
  const out: WorkerMessage[] = [];
  const host = new EngineHost(runtime, clock, (m) => out.push(m));
  let id = 1;
  const send = (r: WithoutId<WorkerRequest>) => host.receive({ ...r, id: id++ } as WorkerRequest);
  const run = (line: string) => {
    send({ type: 'run', line, files: FILES });
    const ran = out.findLast((m) => m.type === 'ran');
    if (ran?.type !== 'ran') throw new Error('no reply');
    return ran.result;
  };
  /** Plays the clock for `ms` of real time, tick by tick. */
  const play = (ms: number) => {
    send({ type: 'setPlaying', playing: true, speed: 10 });
    for (let t = 0; t < ms; t += TICK_MS) {
      clock.t += TICK_MS;
      clock.fire();
    }
    send({ type: 'setPlaying', playing: false });
  };
  const rows = () => out.flatMap((m) => (m.type === 'watchOutput' ? [m.out] : [])).join('');
  send({
    type: 'start',
    log: { seed: 1, files: FILES, entries: [] },
    untilMs: 0,
    playing: false,
    baseVersion: 0,
  });
  return { out, send, run, play, rows };
}

describe('a kubectl get -w in the worker', () => {
  it('posts the rows of a playing clock as watchOutput while the watch is open', () => {
    const { run, play, rows } = setup();
    run('kubectl apply -f nodes.yaml');
    run('kubectl apply -f ds.yaml');
    const listed = run('kubectl get pods -w');
    expect(listed.watching).toBe(true);
    play(5000);
    expect(rows()).toMatch(/^agent-\S+\s+1\/1\s+Running/m);
    expect(rows()).not.toMatch(/^NAME/m);
  });

  it('posts nothing more once the page stops the watch', () => {
    const { run, play, rows, send, out } = setup();
    run('kubectl apply -f nodes.yaml');
    run('kubectl get pods -w');
    send({ type: 'stopWatch' });
    out.length = 0;
    run('kubectl apply -f ds.yaml');
    play(5000);
    expect(rows()).toBe('');
  });

  it('keeps no watch open after replaying a log that opened one', () => {
    const clock = manualClock();
    const out: WorkerMessage[] = [];
    const host = new EngineHost(runtime, clock, (m) => out.push(m));
    host.receive({
      type: 'start',
      id: 1,
      log: {
        seed: 1,
        files: FILES,
        entries: [
          { atMs: 0, line: 'kubectl apply -f nodes.yaml' },
          { atMs: 0, line: 'kubectl apply -f ds.yaml' },
          { atMs: 0, line: 'kubectl get pods -w' },
        ],
      },
      untilMs: 0,
      playing: true,
      baseVersion: 0,
    });
    for (let t = 0; t < 3000; t += TICK_MS) {
      clock.t += TICK_MS;
      clock.fire();
    }
    expect(out.some((m) => m.type === 'watchOutput')).toBe(false);
  });

  it('sends heartbeats between the instants a watch steps through, so a long tick is no hang', () => {
    const clock = manualClock();
    const out: WorkerMessage[] = [];
    // Every instant the engine runs costs 300 ms of real time here, as a big cluster's would.
    const slow = {
      ...runtime,
      createCluster(options: { seed: number }): Cluster {
        const inner = runtime.createCluster(options);
        return new Proxy(inner, {
          get(target, key) {
            if (key === 'advance')
              return (ms: number) => {
                target.advance(ms);
                clock.t += 300;
              };
            const value: unknown = Reflect.get(target, key, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    };
    const host = new EngineHost(slow, clock, (m) => out.push(m));
    let id = 1;
    const send = (r: WithoutId<WorkerRequest>) => host.receive({ ...r, id: id++ } as WorkerRequest);
    send({
      type: 'start',
      log: { seed: 1, files: FILES, entries: [] },
      untilMs: 0,
      playing: false,
      baseVersion: 0,
    });
    for (const line of [
      'kubectl apply -f nodes.yaml',
      'kubectl apply -f ds.yaml',
      'kubectl get pods -w',
    ])
      send({ type: 'run', line, files: FILES });
    send({ type: 'setPlaying', playing: true, speed: 10 });
    out.length = 0;
    clock.t += TICK_MS;
    clock.fire();
    // One tick of 1 simulated second passes several instants; the page hears from the worker
    // at least every second of the real time they take.
    const beats = out.filter((m) => m.type === 'heartbeat').length;
    expect(beats).toBeGreaterThan(1);
  });
});
