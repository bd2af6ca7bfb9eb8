/**
 * A cluster that reports every instant its clock stops at, for an open `kubectl get -w`, which
 * prints what changed at each (lesson goals read the change feed, src/engine/history.ts, and
 * need no stepping). The console moves time only through
 * `advance` and `settle`; this wrapper runs both as the engine itself does (one `advance` per
 * due instant) and calls `onStep` after each. It needs nothing from the engine but its public
 * `Cluster` interface and a restore.
 */
import { restoreCluster } from './index.ts';
import { delegatingCluster } from './delegating-cluster.ts';
import type { Cluster } from './operations.ts';

/**
 * From a cluster and a callback, a cluster that behaves the same (every method delegates) but
 * moves time one due instant at a time, calling `onStep` after each. While `active` says no
 * (no watch is open), time moves in one go as usual and
 * `onStep` is not called: stepping costs a call per instant and, for settle, a restored copy.
 */
export function createSteppingCluster(
  inner: Cluster,
  onStep: () => void,
  active: () => boolean = () => true,
): Cluster {
  /** Advances to `target`, stopping at every due instant on the way. */
  const stepTo = (target: number): void => {
    for (;;) {
      const next = inner.nextDueAt();
      if (next === undefined || next > target) break;
      inner.advance(Math.max(0, next - inner.now));
      onStep();
      // A task due now that queues another for now would loop forever; advance(0) ran them all.
      if (inner.nextDueAt() === next && next === inner.now) break;
    }
    if (inner.now < target) {
      inner.advance(target - inner.now);
      onStep();
    }
  };
  return delegatingCluster(inner, {
    advance(ms) {
      if (!active()) {
        inner.advance(ms);
        return;
      }
      if (!(Number.isFinite(ms) && ms > 0)) {
        inner.advance(ms);
        onStep();
        return;
      }
      stepTo(inner.now + ms);
    },
    settle(capMs) {
      if (!active()) return inner.settle(capMs);
      // settle() is a run of advance(next - now) calls until only idle work is left. Which
      // instant that is depends on engine internals, so a copy settles first to tell us how
      // far to go; restored copies continue byte-identically.
      const probe = restoreCluster(inner.snapshot());
      const result = probe.settle(capMs);
      // Settling with nothing to do runs no instant at all, so neither may we.
      if (result.elapsedMs === 0) {
        const same = inner.settle(capMs);
        onStep();
        return same;
      }
      stepTo(inner.now + result.elapsedMs);
      return result;
    },
  });
}
