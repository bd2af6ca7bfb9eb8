/**
 * Verdicts: for every (DaemonSet, node) pair, the controller's shouldRun and
 * shouldContinueRunning with one check per filter of the registry (scheduling/filters.ts), the
 * scheduler-only ones saying whether the created pod would then be placed, worded as those
 * plugins word a rejection. Cached per pair: a node change drops that node's entries, a
 * DaemonSet change drops that DaemonSet's, a pod bound to or leaving a node bumps the node's pod
 * version.
 */
import type { DaemonSetController } from './controllers/daemonset-controller.ts';
import { nodeShouldRunDaemonPod, type DaemonPlacement } from './controllers/should-run.ts';
import type { OtherPods } from './scheduling/filters.ts';
import { controllerUid } from './store.ts';
import type { DaemonSet, DaemonSetVerdicts, Node, NodeVerdict, PodSpec } from './types.ts';

/** From the controller and a DaemonSet, its verdict for every node in name order. */
export function buildVerdicts(controller: DaemonSetController, ds: DaemonSet): DaemonSetVerdicts {
  const profile = controller.daemonProfile(ds);
  // The would-be pod: the placement with the admitted spec the controller creates pods from.
  const pod = { ...profile.placement, spec: profile.podSpec ?? ds.spec.template.spec };
  const nodes: NodeVerdict[] = [];
  for (const node of controller.nodeList())
    nodes.push(
      controller.cachedVerdict(profile, node, () => nodeVerdict(controller, ds, pod, node)),
    );
  return { namespace: ds.metadata.namespace ?? 'default', name: ds.metadata.name, nodes };
}

function nodeVerdict(
  controller: DaemonSetController,
  ds: DaemonSet,
  pod: DaemonPlacement,
  node: Node,
): NodeVerdict {
  // The pod would share the node with every non-terminal pod except this DaemonSet's own.
  let specs: PodSpec[] | undefined;
  const others: OtherPods = () =>
    (specs ??= controller.store
      .podsOnNode(node.metadata.name)
      .filter(
        (p) =>
          controllerUid(p) !== ds.metadata.uid &&
          p.status?.phase !== 'Succeeded' &&
          p.status?.phase !== 'Failed',
      )
      .map((p) => p.spec));
  const decision = nodeShouldRunDaemonPod(pod, node, others);
  return {
    node: node.metadata.name,
    shouldRun: decision.shouldRun,
    shouldContinueRunning: decision.shouldContinueRunning,
    checks: decision.checks,
  };
}
