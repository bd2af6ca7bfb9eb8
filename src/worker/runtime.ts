/**
 * TEMPORARY until src/engine/index.ts and src/console/index.ts land: an empty cluster whose
 * console answers every line with a notice, so the page shell can be built and tested.
 */
import type { Cluster, ClusterSnapshot } from '../engine/operations.ts';
import type { Runtime } from './engine-host.ts';

function emptySnapshot(seed: number, timeMs: number): ClusterSnapshot {
  return {
    format: 1,
    seed,
    timeMs,
    objects: {
      Namespace: [],
      Node: [],
      Pod: [],
      DaemonSet: [],
      ControllerRevision: [],
      Event: [],
      ConfigMap: [],
      Secret: [],
      Service: [],
      PriorityClass: [],
    },
    verdicts: [],
    internal: null,
  };
}

/** The stand-in engine and console. */
export const runtime: Runtime = {
  createCluster({ seed }) {
    let now = 0;
    const cluster: Cluster = {
      get now() {
        return now;
      },
      execute: () => ({ ok: false, error: { reason: 'NotFound', resource: 'engine', name: 'engine' } }),
      get: () => undefined,
      list: () => [],
      eventsFor: () => [],
      verdictsFor: () => undefined,
      advance(ms) {
        now += ms;
      },
      nextDueAt: () => undefined,
      settle: () => ({ settled: true, elapsedMs: 0 }),
      snapshot: () => emptySnapshot(seed, now),
    };
    return cluster;
  },
  createConsole({ cluster }) {
    return {
      cluster,
      run: () => ({ exit: 1, out: '', err: 'error: the simulated cluster is not available yet\n' }),
      complete: () => [],
    };
  },
  diagnoseManifest: () => [],
};
