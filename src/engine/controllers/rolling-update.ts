/**
 * The RollingUpdate strategy: budgets (maxUnavailable, maxSurge, percentages rounded up against
 * desired) and the two update paths, without and with surge
 * (pkg/controller/daemon/update.go rollingUpdate, updatedDesiredNodeCounts, findUpdatedPodsOnNode;
 * pkg/controller/daemon/util/daemonset_util.go UnavailableCount, SurgeCount, IsPodUpdated).
 */
import type { DaemonSet, IntOrString, Pod } from '../types.ts';
import { HASH_LABEL } from './history.ts';

export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** From an int-or-percent and a total, the scaled value; percentages round up (GetScaledValueFromIntOrPercent). */
export function scaledValue(value: IntOrString | undefined, total: number): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number(value);
  return Number.isInteger(n) ? n : 0;
}

/** Whether the DaemonSet uses the surge path (RollingUpdate with maxSurge > 0 once scaled). */
export function allowsSurge(ds: DaemonSet, desired: number): boolean {
  const ru =
    ds.spec.updateStrategy?.type === 'RollingUpdate'
      ? ds.spec.updateStrategy.rollingUpdate
      : undefined;
  return ru !== undefined && scaledValue(ru.maxSurge, desired) > 0;
}

/** From a DaemonSet and the desired node count, maxSurge and maxUnavailable as the controller uses them. */
export function budgets(
  ds: DaemonSet,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  const maxUnavailable = scaledValue(ru?.maxUnavailable, desired);
  const maxSurge = scaledValue(ru?.maxSurge, desired);
  // An impossible configuration (both 0) obeys the default of unavailable=1.
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0)
    return { maxSurge: 0, maxUnavailable: 1 };
  return { maxSurge, maxUnavailable };
}

/** From a pod, the DaemonSet's current hash and template generation, whether the pod is up to date (IsPodUpdated). */
export function isPodUpdated(
  pod: Pod,
  hash: string,
  templateGeneration: string | undefined,
): boolean {
  const labels = pod.metadata.labels;
  if (!labels) return false;
  // Fixed, prefixed keys cannot be inherited from Object.prototype, so a direct read is safe.
  return (
    (hash.length > 0 && labels[HASH_LABEL] === hash) ||
    (templateGeneration !== undefined && labels[TEMPLATE_GENERATION_LABEL] === templateGeneration)
  );
}

/** From the pods on one node, its one new and one old non-terminating pod; ok=false when there are several of either. */
export function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
  templateGeneration: string | undefined,
): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, templateGeneration)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

export interface RollingUpdateInput {
  ds: DaemonSet;
  hash: string;
  templateGeneration: string | undefined;
  /** Calls back with the pods of every node that has pods or should run one, in node-name order. */
  forEachNode: (visit: (node: string, pods: readonly Pod[]) => void) => void;
  desired: number;
  isAvailable: (pod: Pod) => boolean;
  /** Whether the node (still) wants a pod: shouldRun of nodeShouldRunDaemonPod. */
  shouldRun: (node: string) => boolean;
  /** When given, filled with the nodes behind the walk's counts (the why panel reads it). */
  tally?: RolloutTally;
}

/**
 * The nodes behind rollingUpdate's counts: which nodes use up the budget (counted in
 * numUnavailable without surge, numSurge with it) and which old pods the full budget holds
 * back. Filled only when asked for, so the controller's own walk allocates nothing for it.
 */
export interface RolloutTally {
  /** Nodes counted against the budget, with the pod that is not available there (none when the node has no pod, or several). */
  taken: { node: string; pod?: Pod }[];
  /** Nodes whose available old pod waits for a free slot. */
  waiting: { node: string; pod: Pod }[];
}

/** From the DaemonSet's state, the old pods to delete and (surge path) the nodes that get a new pod now. */
export function rollingUpdate(input: RollingUpdateInput): {
  deletePods: Pod[];
  createOn: string[];
} {
  const { hash, templateGeneration, forEachNode, isAvailable, tally } = input;
  const { maxSurge, maxUnavailable } = budgets(input.ds, input.desired);
  if (maxSurge === 0) {
    // Not surging: delete just enough old pods to stay under maxUnavailable; the manage loop
    // creates their replacements once they are gone.
    let numUnavailable = 0;
    const allowedReplacement: Pod[] = [];
    const candidates: Pod[] = [];
    forEachNode((node, pods) => {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, templateGeneration);
      if (!ok) {
        numUnavailable++;
        tally?.taken.push({ node });
        return;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) {
        numUnavailable++;
        tally?.taken.push({ node, pod: newPod });
      } else if (newPod) {
        if (!isAvailable(newPod)) {
          numUnavailable++;
          tally?.taken.push({ node, pod: newPod });
        }
      } else if (oldPod) {
        if (!isAvailable(oldPod)) allowedReplacement.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
        else tally?.waiting.push({ node, pod: oldPod });
      }
    });
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    if (tally)
      for (const pod of candidates.slice(remaining))
        tally.waiting.push({ node: pod.spec.nodeName ?? '', pod });
    return { deletePods: [...allowedReplacement, ...candidates.slice(0, remaining)], createOn: [] };
  }
  // Surging: create a new pod next to an old one while the surge budget allows, and delete the
  // old pod once the new one is available.
  const oldToDelete: Pod[] = [];
  const shouldNotRunToDelete: Pod[] = [];
  const candidateNodes: string[] = [];
  const allowedNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  forEachNode((node, pods) => {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash, templateGeneration);
    if (!ok) {
      numSurge++;
      tally?.taken.push({ node });
      return;
    }
    // Availability counts every node, even those being sunset by a scheduling change.
    if (oldPod) {
      if (isAvailable(oldPod)) numAvailable++;
    } else if (newPod && isAvailable(newPod)) numAvailable++;
    if (!oldPod) return;
    if (!newPod) {
      if (!isAvailable(oldPod)) {
        if (!input.shouldRun(node)) oldToDelete.push(oldPod);
        else allowedNodes.push(node);
      } else if (!input.shouldRun(node)) {
        shouldNotRunToDelete.push(oldPod);
      } else if (numSurge < maxSurge) candidateNodes.push(node);
      else tally?.waiting.push({ node, pod: oldPod });
    } else if (!isAvailable(newPod)) {
      numSurge++;
      tally?.taken.push({ node, pod: newPod });
    } else {
      oldToDelete.push(oldPod);
    }
  });
  // With surge the owner expects full availability: a pod on a node that no longer wants one
  // goes only once enough pods elsewhere are available.
  const deletable = Math.min(numAvailable - input.desired, shouldNotRunToDelete.length);
  if (deletable > 0) oldToDelete.push(...shouldNotRunToDelete.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNodes.length);
  if (tally) {
    const held = new Set(candidateNodes.slice(remaining));
    forEachNode((node, pods) => {
      const { oldPod } = findUpdatedPodsOnNode(pods, hash, templateGeneration);
      if (held.has(node) && oldPod) tally.waiting.push({ node, pod: oldPod });
    });
  }
  return {
    deletePods: oldToDelete,
    createOn: [...allowedNodes, ...candidateNodes.slice(0, remaining)],
  };
}
