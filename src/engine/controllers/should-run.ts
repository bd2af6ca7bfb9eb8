/**
 * nodeShouldRunDaemonPod: for a DaemonSet's would-be pod and a node, shouldRun and
 * shouldContinueRunning, with each check worded as the scheduler plugin that would reject it
 * (pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod and predicates;
 * pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations).
 */
import {
  NODE_AFFINITY_MISMATCH,
  describeNodeAffinity,
  matchesNodeAffinity,
} from '../scheduling/node-affinity.ts';
import { describeNodeSelector, matchesNodeSelector } from '../scheduling/node-selector.ts';
import {
  describeTaints,
  findUntoleratedTaint,
  isHardEffect,
  untoleratedTaintMessage,
} from '../scheduling/taints.ts';
import type { Node, NodeSelector, PodSpec, StringMap, Toleration, VerdictCheck } from '../types.ts';

/** The parts of a DaemonSet's pod template the node decision reads. */
export interface DaemonPlacement {
  nodeName?: string;
  nodeSelector?: StringMap;
  required?: NodeSelector;
  /** Template tolerations plus the automatic ones. */
  tolerations: Toleration[];
}

/** The controller's decision for one node, with its checks. */
export interface ShouldRunResult {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  checks: VerdictCheck[];
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  );
}

/** From a pod spec, its tolerations with the DaemonSet controller's automatic ones added or updated. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const out = (spec.tolerations ?? []).map((t) => ({ ...t }));
  const add = (t: Toleration): void => {
    const i = out.findIndex((o) => sameToleration(o, t));
    if (i >= 0) out[i] = t;
    else out.push(t);
  };
  add({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  add({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });
  add({ key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork)
    add({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  return out;
}

/** From a template spec, the placement the controller evaluates. */
export function toPlacement(spec: PodSpec): DaemonPlacement {
  return {
    nodeName: spec.nodeName || undefined,
    nodeSelector: spec.nodeSelector,
    required: spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    tolerations: daemonTolerations(spec),
  };
}

/** From a placement and a node, whether the controller should run and keep running a pod there. */
export function nodeShouldRunDaemonPod(placement: DaemonPlacement, node: Node): ShouldRunResult {
  const name = node.metadata.name;
  const labels = node.metadata.labels;
  const checks: VerdictCheck[] = [];
  const nameOk = !placement.nodeName || placement.nodeName === name;
  checks.push({
    check: 'nodeName',
    passed: nameOk,
    message: nameOk
      ? placement.nodeName
        ? `spec.nodeName is ${name}`
        : 'spec.nodeName is not set'
      : "node(s) didn't match the requested node name",
  });
  const selectorOk = matchesNodeSelector(placement.nodeSelector, labels);
  checks.push({
    check: 'nodeSelector',
    passed: selectorOk,
    message: selectorOk
      ? placement.nodeSelector && Object.keys(placement.nodeSelector).length > 0
        ? 'node labels match spec.nodeSelector'
        : 'no nodeSelector'
      : NODE_AFFINITY_MISMATCH,
    items: describeNodeSelector(placement.nodeSelector, labels),
  });
  const affinityOk = matchesNodeAffinity(placement.required, name, labels);
  checks.push({
    check: 'nodeAffinity',
    passed: affinityOk,
    message: affinityOk
      ? placement.required
        ? 'a required nodeSelectorTerm matches'
        : 'no required node affinity'
      : NODE_AFFINITY_MISMATCH,
    items: describeNodeAffinity(placement.required, name, labels),
  });
  const taints = node.spec?.taints;
  const untolerated = findUntoleratedTaint(taints, placement.tolerations, isHardEffect);
  checks.push({
    check: 'taints',
    passed: !untolerated,
    message: untolerated
      ? untoleratedTaintMessage(untolerated)
      : (taints?.length ?? 0) > 0
        ? 'every NoSchedule and NoExecute taint is tolerated'
        : 'node has no taints',
    items: describeTaints(taints, placement.tolerations),
  });
  if (!nameOk || !selectorOk || !affinityOk)
    return { shouldRun: false, shouldContinueRunning: false, checks };
  if (untolerated) {
    // Scheduled daemon pods continue running if they tolerate every NoExecute taint.
    const noExecute = findUntoleratedTaint(
      taints,
      placement.tolerations,
      (t) => t.effect === 'NoExecute',
    );
    return { shouldRun: false, shouldContinueRunning: !noExecute, checks };
  }
  return { shouldRun: true, shouldContinueRunning: true, checks };
}

/** From a placement and a node, only the two booleans (the hot path of every reconcile). */
export function shouldRunFast(
  placement: DaemonPlacement,
  node: Node,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const name = node.metadata.name;
  if (placement.nodeName && placement.nodeName !== name)
    return { shouldRun: false, shouldContinueRunning: false };
  const labels = node.metadata.labels;
  if (
    !matchesNodeSelector(placement.nodeSelector, labels) ||
    !matchesNodeAffinity(placement.required, name, labels)
  ) {
    return { shouldRun: false, shouldContinueRunning: false };
  }
  const taints = node.spec?.taints;
  if (findUntoleratedTaint(taints, placement.tolerations, isHardEffect)) {
    return {
      shouldRun: false,
      shouldContinueRunning: !findUntoleratedTaint(
        taints,
        placement.tolerations,
        (t) => t.effect === 'NoExecute',
      ),
    };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
