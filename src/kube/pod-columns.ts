/**
 * The pod columns of `kubectl get pods` (READY, STATUS, RESTARTS, and the `-o wide` IP, NODE,
 * NOMINATED NODE, READINESS GATES), computed as printPod of
 * pkg/printers/internalversion/printers.go (v1.32) computes them. The console prints them and the
 * cluster view draws them, so the two always agree about a pod.
 */
import { humanDuration } from './duration.ts';
import { parseTimestamp } from './timestamp.ts';
import type { Container, ContainerState, Pod } from './types.ts';

/**
 * The pod `status.reason` the node lifecycle controller sets on the pods of an unreachable node
 * (NodeUnreachablePodReason); kubectl prints such a pod, once it is being deleted, as Unknown.
 */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** kubectl's columns for one pod that depend on its containers. */
export interface PodColumns {
  /** READY: ready containers / containers, sidecars included, e.g. `1/1`, `2/2`. */
  ready: string;
  /** STATUS, e.g. `Running`, `Init:0/1`, `CrashLoopBackOff`, `Terminating`. */
  status: string;
  /** RESTARTS, e.g. `0` or `3 (12s ago)`. */
  restarts: string;
}

/**
 * From a pod and the wall-clock `nowMs` (epoch ms, the scale of the pod's timestamps), its
 * READY, STATUS and RESTARTS cells. Restartable init containers (sidecars, `restartPolicy:
 * Always`) count in READY's total, and as ready once started and ready; while init containers
 * still run, RESTARTS counts theirs, afterwards the sidecars' and the main containers'.
 */
export function podColumns(pod: Pod, nowMs: number): PodColumns {
  const status = pod.status;
  const initContainers = pod.spec.initContainers ?? [];
  const initByName = new Map<string, Container>();
  let totalContainers = pod.spec.containers.length;
  for (const c of initContainers) {
    initByName.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }
  let readyContainers = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  let reason: string = status?.phase ?? '';
  if (status?.reason) reason = status.reason;
  for (const condition of status?.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') {
      reason = 'SchedulingGated';
    }
  }

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const finished = lastFinish(container.lastState);
    restarts += container.restartCount ?? 0;
    lastRestart = later(lastRestart, finished);
    const sidecar = isRestartable(initByName.get(container.name));
    if (sidecar) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finished);
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    // A started sidecar keeps running beside the main containers: it does not hold up init.
    if (sidecar && container.started) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isInitialized(pod)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    // Walked from the last container to the first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestart = later(lastRestart, lastFinish(container.lastState));
      const state = container.state;
      if (state?.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state?.terminated?.reason) {
        reason = state.terminated.reason;
      } else if (state?.terminated) {
        const t = state.terminated;
        reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      } else if (container.ready && state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A completed container beside a running one does not make the pod Completed.
    if (reason === 'Completed' && hasRunning) {
      reason = hasTrueCondition(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && status?.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && status?.phase !== 'Succeeded' && status?.phase !== 'Failed') {
    reason = 'Terminating';
  }

  const restartsText =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`
      : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** kubectl's `-o wide` columns for one pod. */
export interface PodWideColumns {
  ip: string;
  node: string;
  nominatedNode: string;
  /** READINESS GATES: gates whose condition is True / gates, `<none>` without gates. */
  readinessGates: string;
}

/** From a pod, its `-o wide` cells, `<none>` for each that is unset. */
export function podWideColumns(pod: Pod): PodWideColumns {
  const gates = pod.spec.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const conditions = pod.status?.conditions ?? [];
    // Only the first condition of a gate's type counts, as printPod reads it.
    const passed = gates.filter(
      (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
    ).length;
    readinessGates = `${passed}/${gates.length}`;
  }
  return {
    ip: pod.status?.podIP || '<none>',
    node: pod.spec.nodeName || '<none>',
    nominatedNode: pod.status?.nominatedNodeName || '<none>',
    readinessGates,
  };
}

/** From a pod, whether its Ready condition is True (what a DaemonSet's numberReady counts). */
export function isPodReady(pod: Pod): boolean {
  return hasTrueCondition(pod, 'Ready');
}

/** Whether an init container is a sidecar: IsRestartableInitContainer of pkg/api/v1/pod. */
function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function hasTrueCondition(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Whether the pod's first Initialized condition is True (isPodInitializedConditionTrue). */
function isInitialized(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';
}

/** From a container's last state, when it last finished (epoch ms), if it has. */
function lastFinish(state: ContainerState | undefined): number | undefined {
  return parseTimestamp(state?.terminated?.finishedAt);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined || b <= a ? a : b;
}
