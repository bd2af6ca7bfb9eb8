/**
 * The one timing model of the simulation: every delay the engine uses, in simulated
 * milliseconds, with its jitter range. docs/timing.md explains each row and where the real
 * value comes from.
 *
 * Jittered delays are drawn from the seeded generator and land on a 500 ms grid: events that
 * happen "at about the same time" then share an instant, so the DaemonSet controller's keyed
 * work queue coalesces them into one reconcile, as the real controller does with its
 * rate-limited queue.
 */
import type { Random } from './random.ts';

/** A delay drawn uniformly from [min, max], rounded to GRID_MS. */
export interface Range {
  min: number;
  max: number;
}

/** The grid jittered delays are rounded to. */
export const GRID_MS = 500;

export const TIMING = {
  // --- kubelet (pkg/kubelet/kubelet.go syncPod; kuberuntime_manager.go) ------------------
  /** Pod bound → the kubelet's pod worker starts syncing it (watch latency + pod worker). */
  kubeletPickup: { min: 100, max: 500 },
  /** Sandbox creation (RunPodSandbox: pause container, CNI) before containers start. */
  sandboxCreate: { min: 300, max: 1200 },
  /** Pull time per MiB of compressed image size (simulated ~40 MiB/s link). */
  pullMsPerMiB: 25,
  /** Extra pull latency on top of size (registry round-trips). */
  pullOverhead: { min: 300, max: 1500 },
  /** CreateContainer + StartContainer for one container. */
  containerStart: { min: 100, max: 400 },
  /** Kubelet status sync after a container starts until the pod's Ready condition flips (no readiness probe). */
  readyAfterStart: { min: 100, max: 1000 },
  /** An init container that does not wait on anything runs this long. */
  initContainerRun: { min: 1000, max: 3000 },
  /** Poll period of an init container looping on `nslookup NAME` (its `sleep 2`). */
  nslookupPoll: 2000,
  /** A container whose command is `sh -c "exit N"` runs this long before exiting. */
  crashRun: { min: 200, max: 800 },
  /** Container restart back-off (kubelet: 10 s doubling to 300 s). */
  crashBackoffInitial: 10_000,
  crashBackoffMax: 300_000,
  /** Image pull back-off (kubelet: 10 s doubling to 300 s). */
  imageBackoffInitial: 10_000,
  imageBackoffMax: 300_000,
  /** Volume mount retry (volume manager: 500 ms doubling to 2 m 2 s). */
  mountRetryInitial: 500,
  mountRetryMax: 122_000,
  /** SIGTERM → container exit for a process that handles SIGTERM; capped by the grace period. */
  containerStop: { min: 500, max: 2000 },
  // --- scheduler (pkg/scheduler/internal/queue) ------------------------------------------
  /** Back-off of an unschedulable pod before a cluster change retries it (1 s doubling to 10 s). */
  schedulingBackoffInitial: 1000,
  schedulingBackoffMax: 10_000,
  // --- DaemonSet controller (pkg/controller/daemon) --------------------------------------
  /**
   * Pod changes made by the kubelet and other controllers reach the DaemonSet controller on the
   * next whole second (informer + work queue latency); requests are reconciled at once.
   */
  daemonSetSyncTick: 1000,
  /** failedPodsBackoff: 1 s doubling to 15 min per (DaemonSet, node). */
  failedPodBackoffInitial: 1000,
  failedPodBackoffMax: 900_000,
  // --- node lifecycle controller (pkg/controller/nodelifecycle) --------------------------
  /** nodeMonitorPeriod: the NoExecute tainting pass runs every 5 s. */
  noExecutePassDelay: { min: 100, max: 5000 },
  // --- pod GC (pkg/controller/podgc/gc_controller.go) ------------------------------------
  /** gcCheckPeriod: the orphan pass runs every 20 s. */
  podGcPeriod: 20_000,
  /** quarantineTime: a node must be gone this long before its pods are removed. */
  podGcQuarantine: 40_000,
  // --- console ----------------------------------------------------------------------------
  /** settle's default cap (console contract: 10 simulated minutes). */
  settleCap: 600_000,
} as const;

/** From a range and the generator, a delay on the grid. */
export function jitter(range: Range, random: Random): number {
  const span = Math.max(0, range.max - range.min);
  const value = range.min + random.next() * span;
  return Math.max(0, Math.round(value / GRID_MS) * GRID_MS);
}

/** From an attempt number (0 = first failure), an exponential back-off capped at max. */
export function backoff(initial: number, max: number, attempt: number): number {
  return Math.min(max, initial * 2 ** Math.min(attempt, 30));
}

/** From milliseconds, Go's time.Duration.String() as kubelet messages print it ("1.2s", "800ms", "1m5s"). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = +(totalSeconds % 60).toFixed(3);
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  out += `${seconds}s`;
  return out;
}
