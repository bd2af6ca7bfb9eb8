/**
 * The READY, STATUS and RESTARTS columns of `kubectl get pods`, computed from a pod the way
 * kubectl's printPod does (pkg/printers/internalversion/printers.go), so the picture and the
 * console never disagree about a pod's state.
 */
import type { Container, Pod } from '../../protocol/cluster.ts';

/** The pod reason the node lifecycle controller sets on pods of an unreachable node. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** kubectl's columns for one pod. */
export interface PodStatusColumns {
  /** READY: ready containers / containers, e.g. "1/1". */
  ready: string;
  /** STATUS, e.g. "Running", "Init:0/1", "CrashLoopBackOff", "Terminating". */
  status: string;
  /** RESTARTS, e.g. "0" or "3 (12s ago)". */
  restarts: string;
}

/**
 * From a pod and the simulated wall-clock time `now` (ms since the Unix epoch, the scale of the
 * pod's RFC 3339 timestamps), the READY, STATUS and RESTARTS cells kubectl prints for it.
 */
export function podStatusColumns(pod: Pod, now: number): PodStatusColumns {
  const status = pod.status ?? { phase: 'Pending' };
  const initContainers = pod.spec.initContainers ?? [];
  const initByName = new Map<string, Container>(initContainers.map((c) => [c.name, c]));
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = pod.spec.containers.length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;

  let reason: string = status.phase ?? 'Pending';
  if (status.reason) reason = status.reason;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') {
      reason = 'SchedulingGated';
    }
  }
  for (const c of initContainers) if (isRestartable(c)) totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    const finished = finishedAt(container.lastState?.terminated?.finishedAt);
    lastRestart = Math.max(lastRestart, finished);
    const sidecar = isRestartable(initByName.get(container.name));
    if (sidecar) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finished);
    }
    const state = container.state ?? {};
    if (state.terminated && state.terminated.exitCode === 0) continue;
    if (sidecar && container.started) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (state.terminated) {
      // Initialization failed.
      const t = state.terminated as { reason?: string; exitCode: number; signal?: number };
      if (!t.reason) reason = t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
      else reason = `Init:${t.reason}`;
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // kubectl walks the containers from the last to the first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(container.lastState?.terminated?.finishedAt));
      const state = container.state ?? {};
      if (state.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated?.reason) {
        reason = state.terminated.reason;
      } else if (state.terminated) {
        const t = state.terminated as { exitCode: number; signal?: number };
        reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      } else if (container.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (
    pod.metadata.deletionTimestamp &&
    status.phase !== 'Succeeded' &&
    status.phase !== 'Failed'
  ) {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart > 0)
    restartsText += ` (${shortDuration(now - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/**
 * From a pod and the simulated wall-clock time `now` (epoch ms), the text of kubectl's STATUS
 * column: Pending, ContainerCreating, Init:0/1, PodInitializing, Running, Terminating,
 * ErrImagePull, ImagePullBackOff, CrashLoopBackOff, Completed, Error...
 */
export function podStatusText(pod: Pod, now: number): string {
  return podStatusColumns(pod, now).status;
}

/** From a pod, whether its Ready condition is True (what `numberReady` counts). */
export function isPodReady(pod: Pod): boolean {
  return hasCondition(pod, 'Ready');
}

/** The family a STATUS text belongs to, for styling: each family gets its own mark. */
export type PhaseFamily = 'ready' | 'starting' | 'pending' | 'failing' | 'terminating' | 'done';

/**
 * From a STATUS text and whether the pod is Ready, its family: `ready` (Running and Ready),
 * `starting` (creating, initialising, running but not yet Ready), `pending` (not placed or
 * not fitting), `failing` (pull errors, crash loops, init failures), `terminating`, `done`
 * (Completed, Succeeded).
 */
export function toPhaseFamily(status: string, ready: boolean): PhaseFamily {
  if (status === 'Terminating' || status === 'Unknown') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Running') return ready ? 'ready' : 'starting';
  if (status === 'Pending' || status === 'SchedulingGated') return 'pending';
  if (
    status === 'ContainerCreating' ||
    status === 'PodInitializing' ||
    /^Init:\d+\/\d+$/.test(status)
  ) {
    return 'starting';
  }
  return 'failing';
}

function isRestartable(container: Container | undefined): boolean {
  // Sidecar (restartable init) containers carry restartPolicy: Always; the engine's Container
  // type does not declare the field yet, so read it without trusting the type.
  return (container as { restartPolicy?: string } | undefined)?.restartPolicy === 'Always';
}

function hasCondition(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function finishedAt(timestamp: string | undefined): number {
  if (!timestamp) return 0;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * From a duration in ms, kubectl's short human duration (duration.HumanDuration): "12s",
 * "5m3s", "3h", "2d5h"...
 */
export function shortDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const y = Math.floor(hours / 24 / 365);
    const d = Math.floor(hours / 24) % 365;
    return d === 0 ? `${y}y` : `${y}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
