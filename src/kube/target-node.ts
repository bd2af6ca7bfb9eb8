/**
 * Which node a pod belongs to before and after binding. The DaemonSet controller pins each pod
 * it creates to one node with a single `metadata.name In [node]` matchFields term
 * (pkg/controller/daemon/util ReplaceDaemonSetPodNodeNameNodeAffinity) and lets the scheduler
 * bind it; the engine groups pods by this node, and the cluster view draws them on its card.
 */
import type { Pod } from './types.ts';

const pinnedNode = new WeakMap<Pod, string | undefined>();

/** From a pod, the node it runs on or is pinned to: spec.nodeName, else the matchFields term's value. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  // The matchFields term never changes after creation, so it is read once per pod object:
  // the engine asks for every pod in every sync.
  if (pinnedNode.has(pod)) return pinnedNode.get(pod);
  const found = pinnedTarget(pod);
  pinnedNode.set(pod, found);
  return found;
}

function pinnedTarget(pod: Pod): string | undefined {
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1)
        return f.values[0];
    }
  }
  return undefined;
}
