/**
 * Verdicts: for every (DaemonSet, node) pair, the controller's shouldRun and
 * shouldContinueRunning with each check, plus the scheduler filters the created pod would meet
 * there (NodeUnschedulable, NodeResourcesFit, NodePorts), worded as those plugins word a
 * rejection. Cached per pair: a node change drops that node's entries, a DaemonSet change drops
 * that DaemonSet's, a pod bound to or leaving a node bumps the node's pod version.
 */
import type { DaemonSetController } from './controllers/daemonset-controller.ts';
import { describePorts, hostPorts, portConflicts, PORTS_MESSAGE } from './scheduling/node-ports.ts';
import {
  describeResources,
  insufficientResources,
  nodeAllocatable,
  nodeUsage,
  podRequests,
} from './scheduling/resources-fit.ts';
import { UNSCHEDULABLE_TAINT_KEY } from './scheduling/unschedulable.ts';
import { findToleration, formatToleration } from './scheduling/taints.ts';
import { controllerUid } from './store.ts';
import type { DaemonSet, DaemonSetVerdicts, Node, NodeVerdict, VerdictCheck } from './types.ts';

/** From the controller and a DaemonSet, its verdict for every node in name order. */
export function buildVerdicts(controller: DaemonSetController, ds: DaemonSet): DaemonSetVerdicts {
  const profile = controller.daemonProfile(ds);
  const nodes: NodeVerdict[] = [];
  for (const node of controller.nodeList())
    nodes.push(controller.cachedVerdict(profile, node, () => nodeVerdict(controller, ds, node)));
  return { namespace: ds.metadata.namespace ?? 'default', name: ds.metadata.name, nodes };
}

function nodeVerdict(controller: DaemonSetController, ds: DaemonSet, node: Node): NodeVerdict {
  const profile = controller.daemonProfile(ds);
  const decision = controller.explain(profile, node);
  const checks: VerdictCheck[] = [...decision.checks];
  const spec = profile.podSpec ?? ds.spec.template.spec;
  const tolerations = profile.placement.tolerations;
  if (node.spec?.unschedulable) {
    const t = findToleration(tolerations, { key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' });
    checks.push({
      check: 'unschedulable',
      passed: !!t,
      message: t
        ? `node is cordoned; tolerated by ${formatToleration(t)}`
        : 'node(s) were unschedulable',
    });
  } else {
    checks.push({ check: 'unschedulable', passed: true, message: 'node is schedulable' });
  }
  // The pod would share the node with every non-terminal pod except this DaemonSet's own.
  const others = controller.store
    .podsOnNode(node.metadata.name)
    .filter(
      (p) =>
        controllerUid(p) !== ds.metadata.uid &&
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed',
    );
  const request = podRequests(spec);
  const alloc = nodeAllocatable(node);
  const usage = nodeUsage(others.map((p) => p.spec));
  const reasons = insufficientResources(request, alloc, usage);
  checks.push({
    check: 'resources',
    passed: reasons.length === 0,
    message: reasons.length === 0 ? 'requests fit the node' : reasons.join(', '),
    items: describeResources(request, alloc, usage),
  });
  const wanted = hostPorts(spec);
  const used = others.flatMap((p) => hostPorts(p.spec));
  const clash = portConflicts(wanted, used);
  checks.push({
    check: 'ports',
    passed: clash.length === 0,
    message:
      clash.length === 0
        ? wanted.length === 0
          ? 'no host ports requested'
          : 'requested host ports are free'
        : PORTS_MESSAGE,
    items: describePorts(wanted, used),
  });
  return {
    node: node.metadata.name,
    shouldRun: decision.shouldRun,
    shouldContinueRunning: decision.shouldContinueRunning,
    checks,
  };
}
