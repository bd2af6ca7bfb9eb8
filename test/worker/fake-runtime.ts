/**
 * A tiny stand-in for the engine and console, for testing the worker host and the client
 * without the real simulation: a clock, a counter of applied lines, and lines that misbehave
 * on purpose (`crash` throws, `hang` never returns when the test says so).
 */
import type { Runtime } from '../../src/worker/engine-host.ts';
import type { Cluster, ClusterSnapshot } from '../../src/engine/operations.ts';
import type { DaemonSetVerdicts } from '../../src/engine/types.ts';

/** What the fake cluster remembers, so tests can compare a replayed cluster with the original. */
export interface FakeState {
  now: number;
  lines: string[];
  /** Simulated instants at which a task is due (advance() runs and removes them). */
  due: number[];
  /**
   * One stand-in pod per task that ran: each run task changes what the page draws, and objects
   * keep their identity between snapshots, as the engine's frozen copies do.
   */
  pods: { kind: 'Pod'; metadata: { uid: string; resourceVersion: string } }[];
  /** And one event per task that ran, about node `n<instant>`. */
  ran: {
    kind: 'Event';
    metadata: { uid: string; resourceVersion: string };
    involvedObject: { kind: 'Node'; name: string };
  }[];
  /** How often events were asked for by resourceVersion (eventsSince). */
  eventQueries: number;
  /** Instants of tasks that change nothing when they run (a periodic resync). */
  quiet: number[];
  /** How often a restorable snapshot was built, and the options of every view asked for. */
  snapshots: number;
  views: { events?: boolean }[];
  /** Verdicts a test sets; each snapshot wraps the same node entries anew, as the engine does. */
  verdicts: DaemonSetVerdicts[];
  /** Operations executed, and what a test wants done after each (move a manual clock). */
  executed: number;
  onExecute?: () => void;
}

function snapshotOf(seed: number, state: FakeState): ClusterSnapshot {
  return {
    format: 1,
    seed,
    timeMs: state.now,
    objects: {
      Namespace: [],
      Node: [],
      Pod: [...state.pods] as unknown as ClusterSnapshot['objects']['Pod'],
      DaemonSet: [],
      ControllerRevision: [],
      Event: [...state.ran] as unknown as ClusterSnapshot['objects']['Event'],
      ConfigMap: [],
      Secret: [],
      Service: [],
      PriorityClass: [],
    },
    verdicts: state.verdicts.map((v) => ({ ...v, nodes: [...v.nodes] })),
    internal: { lines: [...state.lines] },
  };
}

/** Builds a fake runtime; `states` collects every cluster it creates. */
export function createFakeRuntime(states: FakeState[] = []): Runtime & { states: FakeState[] } {
  return {
    states,
    createCluster({ seed }) {
      const state: FakeState = {
        now: 0,
        lines: [],
        due: [],
        ran: [],
        quiet: [],
        pods: [],
        snapshots: 0,
        eventQueries: 0,
        views: [],
        verdicts: [],
        executed: 0,
      };
      states.push(state);
      const cluster: Cluster & { state: FakeState } = {
        state,
        get now() {
          return state.now;
        },
        // Grows with what the fake's snapshots show (tasks that ran, lines applied).
        get revision() {
          return state.ran.length + state.lines.length;
        },
        execute: () => {
          state.executed += 1;
          state.onExecute?.();
          return { ok: true, action: 'unchanged' };
        },
        get: () => undefined,
        list: () => [],
        // Fresh copies each time, as the engine's are.
        eventsFor: () => structuredClone(state.ran) as unknown as ReturnType<Cluster['eventsFor']>,
        eventsSince: (rv) => {
          state.eventQueries += 1;
          return structuredClone(
            state.ran.filter((e) => Number(e.metadata.resourceVersion) > rv),
          ) as unknown as ReturnType<Cluster['eventsSince']>;
        },
        verdictsFor: () => undefined,
        advance(ms) {
          state.now += ms;
          for (const at of state.due) {
            if (at > state.now) continue;
            const resourceVersion = String(state.ran.length + state.lines.length + 1);
            state.pods.push({ kind: 'Pod', metadata: { uid: `p-${at}`, resourceVersion } });
            state.ran.push({
              kind: 'Event',
              metadata: { uid: `e-${at}`, resourceVersion },
              involvedObject: { kind: 'Node', name: `n${at}` },
            });
          }
          state.due = state.due.filter((t) => t > state.now);
          state.quiet = state.quiet.filter((t) => t > state.now);
        },
        nextDueAt: () => {
          const all = [...state.due, ...state.quiet];
          return all.length ? Math.min(...all) : undefined;
        },
        settle: () => ({ settled: true, elapsedMs: 0 }),
        snapshot: () => {
          state.snapshots += 1;
          return snapshotOf(seed, state);
        },
        view: (options = {}) => {
          state.views.push(options);
          const view = snapshotOf(seed, state);
          if (options.events === false) view.objects.Event = [];
          return { ...view, internal: null };
        },
        // The fake's objects appear with its snapshots, not one write at a time.
        onWrite: () => () => undefined,
      };
      return cluster;
    },
    createConsole({ cluster, files }) {
      // The host hands the console a wrapper of the cluster, so the state is found as the
      // newest cluster's: a console is always made right after its cluster.
      const state = states[states.length - 1];
      return {
        cluster,
        stopWatch() {},
        takeWatchOutput: () => '',
        run(line) {
          if (line === 'crash') throw new Error('boom');
          const wait = /^sim wait (\d+)ms$/.exec(line);
          if (wait) {
            cluster.advance(Number(wait[1]));
            return { exit: 0, out: '', err: '', touched: [] };
          }
          // `bulk N`: N operations in one command, like an apply of a long List.
          const bulk = /^bulk (\d+)$/.exec(line);
          if (bulk) {
            for (let i = 0; i < Number(bulk[1]); i += 1)
              cluster.execute({ op: 'apply', object: { kind: 'Node' } });
            state.lines.push(line);
            return { exit: 0, out: `${bulk[1]} applied\n`, err: '', touched: [] };
          }
          const apply = /^kubectl apply -f (\S+)$/.exec(line);
          if (apply) {
            const text = files.read(apply[1]);
            if (text === undefined)
              return {
                exit: 1,
                out: '',
                err: `error: the path "${apply[1]}" does not exist\n`,
                touched: [],
              };
            state.lines.push(`${line} <${text}>`);
            state.due.push(state.now + 1000);
            return { exit: 0, out: `applied ${apply[1]}\n`, err: '', touched: [] };
          }
          state.lines.push(line);
          return { exit: 0, out: `ok ${line}\n`, err: '', touched: [] };
        },
        complete: (line) => (line.startsWith('kubectl g') ? ['kubectl get'] : []),
      };
    },
    diagnoseManifest: (text, fileName) =>
      text.includes('\t')
        ? [
            {
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 2,
              severity: 'error',
              source: 'yaml',
              code: 'tab',
              message: `${fileName}: tabs are not allowed`,
            },
          ]
        : [],
  };
}
