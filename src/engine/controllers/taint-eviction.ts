/**
 * The taint-eviction controller: pods on a node with NoExecute taints are deleted at once when
 * a taint is not tolerated, or after the smallest tolerationSeconds of the tolerations used
 * (pkg/controller/tainteviction/taint_eviction.go processPodOnNode, getMinTolerationTime).
 */
import type { Engine } from '../cluster.ts';
import { findToleration } from '../scheduling/taints.ts';
import type { Pod, Toleration } from '../types.ts';

/** From the tolerations used for a node's NoExecute taints, the eviction delay in ms; -1 = never. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function cancel(engine: Engine, pod: Pod, withEvent: boolean): void {
  const work = engine.tecWork.get(podKey(pod));
  if (!work) return;
  engine.queue.cancel(work.seq);
  engine.tecWork.delete(podKey(pod));
  if (withEvent)
    engine.recordEvent(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${podKey(pod)}`,
      'taint-eviction-controller',
    );
}

/** From the engine and a pod, schedules, keeps or cancels its NoExecute eviction. */
export function processPodOnNode(engine: Engine, pod: Pod): void {
  if (pod.metadata.deletionTimestamp || !pod.spec.nodeName) {
    cancel(engine, pod, false);
    return;
  }
  const node = engine.store.get('Node', pod.spec.nodeName);
  const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) {
    cancel(engine, pod, true);
    return;
  }
  const tolerations = pod.spec.tolerations ?? [];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = findToleration(tolerations, taint);
    if (!t) {
      cancel(engine, pod, false);
      evict(engine, pod);
      return;
    }
    used.push(t);
  }
  const delay = minTolerationMs(used);
  if (delay < 0) {
    cancel(engine, pod, true);
    return;
  }
  const trigger = engine.now + delay;
  const existing = engine.tecWork.get(podKey(pod));
  let start = engine.now;
  if (existing) {
    start = existing.createdAt;
    if (start + delay < trigger) return;
    engine.queue.cancel(existing.seq);
  }
  if (trigger <= engine.now) {
    engine.tecWork.delete(podKey(pod));
    evict(engine, pod);
    return;
  }
  const seq = engine.queue.push(trigger, { type: 'tecEvict', pod: podKey(pod) });
  engine.tecWork.set(podKey(pod), { seq, createdAt: start });
}

/** From the engine and a pod key whose timer fired, evicts it if it is still there. */
export function evictionDue(engine: Engine, key: string): void {
  engine.tecWork.delete(key);
  const pod = engine.store.get('Pod', key);
  if (pod && !pod.metadata.deletionTimestamp) evict(engine, pod);
}

function evict(engine: Engine, pod: Pod): void {
  engine.recordEvent(
    pod,
    'Normal',
    'TaintManagerEviction',
    `Marking for deletion Pod ${podKey(pod)}`,
    'taint-eviction-controller',
  );
  engine.addPodCondition(pod, {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
  });
  engine.deletePod(pod);
}
