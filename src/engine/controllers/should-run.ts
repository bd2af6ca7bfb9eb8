/**
 * nodeShouldRunDaemonPod: for a DaemonSet's would-be pod and a node, shouldRun and
 * shouldContinueRunning, from the filter registry's daemon-stage entries, each check worded as
 * the scheduler plugin that would reject it (pkg/controller/daemon/daemon_controller.go
 * NodeShouldRunDaemonPod and predicates; pkg/controller/daemon/util/daemonset_util.go
 * AddOrUpdateDaemonPodTolerations).
 */
import {
  DAEMON_FILTERS,
  FILTERS,
  NO_OTHER_PODS,
  filterPodOf,
  runsInDaemonController,
  type CheckOutcome,
  type FilterPod,
  type OtherPods,
} from '../scheduling/filters.ts';
import type { Node, PodSpec, Toleration, VerdictCheck } from '../types.ts';

/** What the node decision reads of a DaemonSet's pod template. */
export interface DaemonPlacement extends FilterPod {
  /** Template tolerations plus the automatic ones (admission starts new pods from them). */
  tolerations: Toleration[];
}

/** The controller's decision for one node. */
export interface ShouldRunDecision {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}

/** The decision with every registry check (the verdict's body). */
export interface ShouldRunResult extends ShouldRunDecision {
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
    ...filterPodOf(spec),
    // An empty nodeName names no node (NodeShouldRunDaemonPod compares with "").
    nodeName: spec.nodeName || undefined,
    tolerations: daemonTolerations(spec),
  };
}

const RUNS: ShouldRunDecision = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const MAY_STAY: ShouldRunDecision = Object.freeze({
  shouldRun: false,
  shouldContinueRunning: true,
});
const EXCLUDED: ShouldRunDecision = Object.freeze({
  shouldRun: false,
  shouldContinueRunning: false,
});

/**
 * From a placement and a node, only the two booleans: the hot path of every reconcile (cached
 * per node by the engine, condensed into the daemon table's flags). It stops at the first
 * rejection a pod could not stay under; nodeShouldRunDaemonPod is the full evaluation it must
 * agree with.
 */
export function shouldRunFast(placement: DaemonPlacement, node: Node): ShouldRunDecision {
  let shouldRun = true;
  for (const entry of DAEMON_FILTERS) {
    const status = entry.filter(placement, node, NO_OTHER_PODS);
    if (!status) continue;
    if (!status.mayStay) return EXCLUDED;
    shouldRun = false;
  }
  return shouldRun ? RUNS : MAY_STAY;
}

/**
 * From a DaemonSet's would-be pod, a node and the pods it would share the node with, every
 * registry filter evaluated and explained (no shortcut): the checks in registry order, and the
 * decision from the daemon-stage ones (a rejection stops the pod running; one it may not stay
 * under also stops it continuing). The scheduler-only checks say whether the created pod would
 * then be placed; they never change the controller's decision.
 */
export function nodeShouldRunDaemonPod(
  placement: DaemonPlacement,
  node: Node,
  others: OtherPods = NO_OTHER_PODS,
): ShouldRunResult {
  let shouldRun = true;
  let shouldContinueRunning = true;
  const checks: VerdictCheck[] = [];
  for (const entry of FILTERS) {
    const outcome: CheckOutcome = entry.explain(placement, node, others);
    const check: VerdictCheck = {
      check: entry.name,
      passed: outcome.passed,
      message: outcome.message,
    };
    if (outcome.items) check.items = outcome.items;
    checks.push(check);
    // A passed explanation means a passed filter (a property test holds the registry to it), so
    // only a failed daemon-stage check costs the filter call that says whether the pod may stay.
    if (outcome.passed || !runsInDaemonController(entry)) continue;
    const status = entry.filter(placement, node, others);
    if (!status) continue;
    shouldRun = false;
    if (!status.mayStay) shouldContinueRunning = false;
  }
  return { shouldRun, shouldContinueRunning, checks };
}
