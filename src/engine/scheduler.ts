/**
 * The scheduler for pods without spec.nodeName: PreFilter (the DaemonSet's matchFields term
 * narrows candidates to one node), the registry's scheduler filters (scheduling/filters.ts:
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit),
 * binding, FailedScheduling in the real message shape, and
 * DefaultPreemption (pkg/scheduler/schedule_one.go, pkg/scheduler/framework/types.go FitError,
 * pkg/scheduler/framework/preemption/preemption.go, pkg/scheduler/framework/plugins/*).
 */
import type { SchedulingQueue } from './controllers/scheduling-queue.ts';
import {
  SCHEDULER_FILTERS,
  filterPodOf,
  type FilterPod,
  type FilterStatus,
  type OtherPods,
} from './scheduling/filters.ts';
import { nodeAllocatable, nodeUsage, podRequests } from './scheduling/resources-fit.ts';
import type { Node, NodeSelectorTerm, Pod, PodSpec } from './types.ts';

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

/** From pods on a node and the pod being placed, the specs of the others that occupy resources, computed on first use. */
function otherPods(podsOnNode: readonly Pod[], pod: Pod): OtherPods {
  let specs: PodSpec[] | undefined;
  return () => (specs ??= occupying(podsOnNode, pod).map((p) => p.spec));
}

/**
 * From a pod, what the filters read of it (filterPodOf), a node and the pods on it (the pod
 * itself and terminal pods are left out), the first rejection of the scheduler's filters in
 * registry order, or undefined when the node fits (RunFilterPlugins in
 * pkg/scheduler/framework/runtime/framework.go stops at the first one).
 */
export function runFilters(
  pod: Pod,
  filterPod: FilterPod,
  node: Node,
  podsOnNode: readonly Pod[],
): FilterStatus | undefined {
  const others = otherPods(podsOnNode, pod);
  for (const entry of SCHEDULER_FILTERS) {
    const status = entry.filter(filterPod, node, others);
    if (status) return status;
  }
  return undefined;
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
function selectVictims(
  pod: Pod,
  filterPod: FilterPod,
  node: Node,
  podsOnNode: readonly Pod[],
): Pod[] | undefined {
  const prio = priorityOf(pod);
  const live = occupying(podsOnNode, pod).filter((p) => !p.metadata.deletionTimestamp);
  const lower = live.filter((p) => priorityOf(p) < prio);
  if (lower.length === 0) return undefined;
  const remaining = live.filter((p) => priorityOf(p) >= prio);
  if (runFilters(pod, filterPod, node, remaining)) return undefined;
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
    if (runFilters(pod, filterPod, node, kept)) {
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
  const filterPod = filterPodOf(pod.spec);
  const feasible: Node[] = [];
  const counts = new Map<string, number>();
  const outcomes = new Map<string, FilterStatus | undefined>();
  for (const node of candidates) {
    const status = runFilters(pod, filterPod, node, engine.store.podsOnNode(node.metadata.name));
    outcomes.set(node.metadata.name, status);
    if (!status) feasible.push(node);
    else for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
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
        const victims = selectVictims(
          pod,
          filterPod,
          node,
          engine.store.podsOnNode(node.metadata.name),
        );
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
