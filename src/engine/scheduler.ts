/**
 * The scheduler for pods without spec.nodeName: PreFilter (the DaemonSet's matchFields term
 * narrows candidates to one node), the filters NodeUnschedulable, TaintToleration, NodeAffinity,
 * NodePorts and NodeResourcesFit, binding, FailedScheduling in the real message shape, and
 * DefaultPreemption (pkg/scheduler/schedule_one.go, pkg/scheduler/framework/types.go FitError,
 * pkg/scheduler/framework/preemption/preemption.go, pkg/scheduler/framework/plugins/*).
 */
import type { SchedulingQueue } from './controllers/scheduling-queue.ts';
import { NODE_AFFINITY_MISMATCH, matchesNodeAffinity } from './scheduling/node-affinity.ts';
import { matchesNodeSelector } from './scheduling/node-selector.ts';
import { PORTS_MESSAGE, hostPorts, portConflicts } from './scheduling/node-ports.ts';
import {
  insufficientResources,
  nodeAllocatable,
  nodeUsage,
  podRequests,
} from './scheduling/resources-fit.ts';
import {
  findUntoleratedTaint,
  isHardEffect,
  untoleratedTaintMessage,
} from './scheduling/taints.ts';
import { UNSCHEDULABLE_MESSAGE, passesUnschedulable } from './scheduling/unschedulable.ts';
import type { Node, NodeSelectorTerm, Pod } from './types.ts';

/** One node's filter outcome: reasons, and whether removing pods could ever help (Unschedulable vs UnschedulableAndUnresolvable). */
export interface FilterResult {
  reasons: string[];
  resolvable: boolean;
}

/** From a pod, the node names its required affinity's matchFields pins it to (the NodeAffinity PreFilter), or undefined for all nodes. */
export function preFilterNodes(pod: Pod): Set<string> | undefined {
  const terms: NodeSelectorTerm[] =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const term of terms) {
    const fields = term.matchFields ?? [];
    const pinned = fields.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    // A term without a metadata.name In field can match any node: no narrowing.
    if (!pinned) return undefined;
    for (const v of pinned.values ?? []) names.add(v);
  }
  return names;
}

/** From pods on a node, the ones that occupy resources (non-terminal). */
function occupying(pods: readonly Pod[], except?: Pod): Pod[] {
  return pods.filter(
    (p) => p !== except && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
}

/** From a pod, a node and the pods on it, the first failing filter's reasons (empty = fits). */
export function runFilters(pod: Pod, node: Node, podsOnNode: readonly Pod[]): FilterResult {
  const tolerations = pod.spec.tolerations ?? [];
  if (!passesUnschedulable(node, tolerations))
    return { reasons: [UNSCHEDULABLE_MESSAGE], resolvable: false };
  const taint = findUntoleratedTaint(node.spec?.taints, tolerations, isHardEffect);
  if (taint) return { reasons: [untoleratedTaintMessage(taint)], resolvable: false };
  const labels = node.metadata.labels;
  if (
    !matchesNodeSelector(pod.spec.nodeSelector, labels) ||
    !matchesNodeAffinity(
      pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
      node.metadata.name,
      labels,
    )
  ) {
    return { reasons: [NODE_AFFINITY_MISMATCH], resolvable: false };
  }
  const others = occupying(podsOnNode, pod);
  const wanted = hostPorts(pod.spec);
  if (wanted.length > 0) {
    const used = others.flatMap((p) => hostPorts(p.spec));
    if (portConflicts(wanted, used).length > 0)
      return { reasons: [PORTS_MESSAGE], resolvable: true };
  }
  const reasons = insufficientResources(
    podRequests(pod.spec),
    nodeAllocatable(node),
    nodeUsage(others.map((p) => p.spec)),
  );
  return { reasons, resolvable: true };
}

/** From a reason histogram, "count reason" strings sorted as FitError.Error sorts them. */
function histogram(counts: Map<string, number>): string {
  return [...counts.entries()]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

function priorityOf(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/**
 * From a preemptor, a node and its pods, the victims DefaultPreemption would pick
 * (selectVictimsOnNode: remove all lower-priority pods, then reprieve the highest-priority ones
 * that still leave room), or undefined when even removing them all does not help.
 */
function selectVictims(pod: Pod, node: Node, podsOnNode: readonly Pod[]): Pod[] | undefined {
  const prio = priorityOf(pod);
  const live = occupying(podsOnNode, pod).filter((p) => !p.metadata.deletionTimestamp);
  const lower = live.filter((p) => priorityOf(p) < prio);
  if (lower.length === 0) return undefined;
  const remaining = live.filter((p) => priorityOf(p) >= prio);
  if (runFilters(pod, node, remaining).reasons.length > 0) return undefined;
  // Reprieve highest priority first (then older first).
  const sorted = [...lower].sort(
    (a, b) =>
      priorityOf(b) - priorityOf(a) ||
      (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1),
  );
  const victims: Pod[] = [];
  const kept = [...remaining];
  for (const candidate of sorted) {
    kept.push(candidate);
    if (runFilters(pod, node, kept).reasons.length > 0) {
      kept.pop();
      victims.push(candidate);
    }
  }
  return victims;
}

/** From the engine and an unscheduled pod, one scheduling attempt: bind, or record why not (and maybe preempt). Returns whether it was bound. */
export function schedulePod(engine: SchedulingQueue, pod: Pod): boolean {
  const nodes = engine.nodeList();
  const pinned = preFilterNodes(pod);
  const candidates = pinned
    ? [...pinned]
        .sort()
        .map((n) => engine.node(n))
        .filter((n): n is Node => !!n)
    : nodes;
  const feasible: Node[] = [];
  const counts = new Map<string, number>();
  const outcomes = new Map<string, FilterResult>();
  for (const node of candidates) {
    const result = runFilters(pod, node, engine.store.podsOnNode(node.metadata.name));
    outcomes.set(node.metadata.name, result);
    if (result.reasons.length === 0) feasible.push(node);
    else for (const r of result.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  if (feasible.length > 0) {
    const chosen = feasible.length === 1 ? feasible[0] : pickNode(engine, pod, feasible);
    engine.bindPod(pod, chosen.metadata.name);
    return true;
  }
  const absent = nodes.length - candidates.length;
  if (pinned && absent > 0) counts.set("node(s) didn't satisfy plugin(s) [NodeAffinity]", absent);
  let message = `0/${nodes.length} nodes are available`;
  message +=
    nodes.length === 0 || counts.size === 0
      ? ': no nodes available to schedule pods.'
      : `: ${histogram(counts)}.`;
  if (nodes.length === 0) message = 'no nodes available to schedule pods';

  // PostFilter: DefaultPreemption.
  let postFilter = '';
  if (nodes.length > 0) {
    if (pod.spec.preemptionPolicy === 'Never') {
      postFilter = 'preemption: not eligible due to preemptionPolicy=Never.';
    } else {
      const notHelpful =
        absent + candidates.filter((n) => !outcomes.get(n.metadata.name)?.resolvable).length;
      let best: { node: Node; victims: Pod[] } | undefined;
      let noVictims = 0;
      for (const node of candidates) {
        if (!outcomes.get(node.metadata.name)?.resolvable) continue;
        const victims = selectVictims(pod, node, engine.store.podsOnNode(node.metadata.name));
        if (!victims) noVictims++;
        else if (!best || victims.length < best.victims.length) best = { node, victims };
      }
      if (best) {
        engine.preempt(pod, best.node.metadata.name, best.victims);
      } else {
        const post = new Map<string, number>();
        if (noVictims) post.set('No preemption victims found for incoming pod', noVictims);
        if (notHelpful) post.set('Preemption is not helpful for scheduling', notHelpful);
        postFilter = `preemption: 0/${nodes.length} nodes are available: ${histogram(post)}.`;
      }
    }
  }
  if (postFilter) message += ` ${postFilter}`;
  engine.markUnschedulable(pod, message);
  return false;
}

/** From several feasible nodes, the least allocated one (NodeResourcesFit's default scoring), ties broken by the seeded generator. */
function pickNode(engine: SchedulingQueue, pod: Pod, feasible: Node[]): Node {
  let bestScore = -Infinity;
  let best: Node[] = [];
  for (const node of feasible) {
    const alloc = nodeAllocatable(node);
    const usage = nodeUsage(
      occupying(engine.store.podsOnNode(node.metadata.name), pod).map((p) => p.spec),
    );
    const req = podRequests(pod.spec);
    let score = 0;
    for (const r of ['cpu', 'memory']) {
      const cap = alloc.get(r) ?? 0;
      const used = (usage.requested.get(r) ?? 0) + (req.get(r) ?? 0);
      score += cap > 0 ? (cap - used) / cap : 0;
    }
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = [node];
    } else if (Math.abs(score - bestScore) <= 1e-9) best.push(node);
  }
  return best.length === 1 ? best[0] : best[engine.random.int(best.length)];
}
