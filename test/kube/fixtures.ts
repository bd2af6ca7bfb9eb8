/**
 * Builders for the shapes src/kube reads (src/kube/types.ts): a pod with one main container and
 * a node, each as small as kubectl's columns allow, so a test names only what it is about.
 */
import type { ContainerState, ContainerStatus, Pod } from '../../src/kube/types.ts';
import { EPOCH_MS } from '../../src/kube/constants.ts';

/** From simulated ms, the RFC 3339 timestamp the engine would stamp. */
export const at = (ms: number): string =>
  new Date(EPOCH_MS + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** From a state and overrides, a container status (not ready, never restarted). */
export function status(
  state: ContainerState,
  extra: Partial<ContainerStatus> & { name?: string } = {},
): ContainerStatus {
  return { name: 'main', state, lastState: {}, ready: false, restartCount: 0, ...extra };
}

/** A running, ready container status. */
export const runningReady = (name = 'main'): ContainerStatus =>
  status({ running: {} }, { name, ready: true, started: true });

/** A pod with one main container `main` in the given phase, with the given statuses. */
export function pod(options: {
  phase?: string;
  reason?: string;
  ready?: boolean;
  initialized?: boolean;
  deleting?: boolean;
  containers?: ContainerStatus[];
  init?: { name: string; restartPolicy?: string }[];
  initStatuses?: ContainerStatus[];
}): Pod {
  const conditions = [{ type: 'PodScheduled', status: 'True' }];
  if (options.initialized !== undefined) {
    conditions.push({ type: 'Initialized', status: options.initialized ? 'True' : 'False' });
  }
  if (options.ready !== undefined) {
    conditions.push({ type: 'Ready', status: options.ready ? 'True' : 'False' });
  }
  return {
    metadata: {
      name: 'p',
      namespace: 'default',
      creationTimestamp: at(0),
      deletionTimestamp: options.deleting ? at(5_000) : undefined,
    },
    spec: { containers: [{ name: 'main' }], initContainers: options.init },
    status: {
      phase: options.phase ?? 'Running',
      reason: options.reason,
      conditions,
      containerStatuses: options.containers,
      initContainerStatuses: options.initStatuses,
    },
  };
}
