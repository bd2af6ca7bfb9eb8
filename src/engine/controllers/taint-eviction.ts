/**
 * The taint-eviction controller: pods on a node with NoExecute taints are deleted at once when
 * a taint is not tolerated, or after the smallest tolerationSeconds of the tolerations used
 * (pkg/controller/tainteviction/taint_eviction.go processPodOnNode, getMinTolerationTime).
 */
import type { QueuedTask, Task } from '../clock.ts';
import type { Controller, ControllerContext, PodActions, StoreChange } from '../controller.ts';
import { findToleration } from '../scheduling/taints.ts';
import { keyOf } from '../store.ts';
import type { Node, Pod, Toleration } from '../types.ts';

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

/** From a node, its NoExecute taints as one string, to tell whether they changed. */
function noExecuteTaintsText(node: Node): string {
  return (node.spec?.taints ?? [])
    .filter((t) => t.effect === 'NoExecute')
    .map((t) => `${t.key}=${t.value ?? ''}`)
    .join(',');
}

/** A pod's eviction timer, due when its shortest tolerationSeconds runs out. */
type EvictionTask = {
  type: 'evictPod';
  pod: string;
};

/** A queued eviction: the timer's sequence number and when the pod's countdown began. */
interface EvictionTimer {
  seq: number;
  createdAt: number;
}

/**
 * The taint-eviction controller: it drains after the DaemonSet controller (whose new pods are
 * unbound and so not its business) and before the scheduler, rechecking every pod on a node
 * whose NoExecute taints changed and every pod that was just bound.
 */
export class TaintEvictionController implements Controller {
  readonly name = 'taintEviction';
  readonly taskTypes = ['evictPod'];
  /** Queued evictions by pod key. */
  private evictionTimers = new Map<string, EvictionTimer>();
  /** Nodes whose NoExecute taints changed since the last pass (all their pods are rechecked). */
  private nodesToCheck = new Set<string>();
  /** Pods bound since the last pass. */
  private podsToCheck = new Set<string>();
  /** Each node's NoExecute taints as last seen (derived: rebuilt on restore). */
  private noExecuteTaintsSeen = new Map<string, string>();

  constructor(private readonly context: ControllerContext & PodActions) {}

  drain(): boolean {
    if (this.nodesToCheck.size === 0 && this.podsToCheck.size === 0) return false;
    const store = this.context.store;
    const pods = new Set(this.podsToCheck);
    for (const name of this.nodesToCheck)
      for (const pod of store.podsOnNode(name)) pods.add(keyOf(pod));
    this.nodesToCheck.clear();
    this.podsToCheck.clear();
    for (const key of [...pods].sort()) {
      const pod = store.get('Pod', key);
      if (pod) this.processPodOnNode(pod);
    }
    return true;
  }

  /** From a pod key whose timer fired, evicts it if it is still there. */
  runTask(task: Task): void {
    const { pod: key } = task as EvictionTask;
    this.evictionTimers.delete(key);
    const pod = this.context.store.get('Pod', key);
    if (pod && !pod.metadata.deletionTimestamp) this.evict(pod);
  }

  observe({ kind, object, change }: StoreChange): void {
    if (kind === 'Node') {
      const name = object.metadata.name;
      if (change === 'delete') {
        this.noExecuteTaintsSeen.delete(name);
        return;
      }
      const taints = noExecuteTaintsText(object as Node);
      if (this.noExecuteTaintsSeen.get(name) !== taints) {
        this.noExecuteTaintsSeen.set(name, taints);
        this.nodesToCheck.add(name);
      }
      return;
    }
    if (kind !== 'Pod') return;
    const pod = object as Pod;
    // A pod created with spec.nodeName skips the scheduler (podBound covers the others).
    if (change === 'add' && pod.spec.nodeName) this.podsToCheck.add(keyOf(pod));
    if (change === 'delete') {
      const key = keyOf(pod);
      const timer = this.evictionTimers.get(key);
      if (timer) {
        this.context.queue.cancel(timer.seq);
        this.evictionTimers.delete(key);
      }
    }
  }

  podBound(pod: Pod): void {
    this.podsToCheck.add(keyOf(pod));
  }

  describeBusy(tasks: readonly QueuedTask[]): string | undefined {
    return tasks.length > 0 ? `${tasks.length} NoExecute eviction(s) pending` : undefined;
  }

  snapshot(): [string, EvictionTimer][] {
    return [...this.evictionTimers.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, v]) => [k, { ...v }]);
  }

  restore(state: unknown): void {
    const timers = (state as [string, EvictionTimer][] | undefined) ?? [];
    this.evictionTimers = new Map(timers.map(([k, v]) => [k, { ...v }]));
    for (const node of this.context.store.all('Node'))
      this.noExecuteTaintsSeen.set(node.metadata.name, noExecuteTaintsText(node));
  }

  private cancel(pod: Pod, withEvent: boolean): void {
    const timer = this.evictionTimers.get(podKey(pod));
    if (!timer) return;
    this.context.queue.cancel(timer.seq);
    this.evictionTimers.delete(podKey(pod));
    if (withEvent)
      this.context.recordEvent(
        pod,
        'Normal',
        'TaintManagerEviction',
        `Cancelling deletion of Pod ${podKey(pod)}`,
        'taint-eviction-controller',
      );
  }

  /** From a pod, schedules, keeps or cancels its NoExecute eviction (processPodOnNode). */
  private processPodOnNode(pod: Pod): void {
    const now = this.context.now;
    if (pod.metadata.deletionTimestamp || !pod.spec.nodeName) {
      this.cancel(pod, false);
      return;
    }
    const node = this.context.store.get('Node', pod.spec.nodeName);
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) {
      this.cancel(pod, true);
      return;
    }
    const tolerations = pod.spec.tolerations ?? [];
    const used: Toleration[] = [];
    for (const taint of taints) {
      const t = findToleration(tolerations, taint);
      if (!t) {
        this.cancel(pod, false);
        this.evict(pod);
        return;
      }
      used.push(t);
    }
    const delay = minTolerationMs(used);
    if (delay < 0) {
      this.cancel(pod, true);
      return;
    }
    const trigger = now + delay;
    const existing = this.evictionTimers.get(podKey(pod));
    let start = now;
    if (existing) {
      start = existing.createdAt;
      if (start + delay < trigger) return;
      this.context.queue.cancel(existing.seq);
    }
    if (trigger <= now) {
      this.evictionTimers.delete(podKey(pod));
      this.evict(pod);
      return;
    }
    const task: EvictionTask = { type: 'evictPod', pod: podKey(pod) };
    const seq = this.context.queue.push(trigger, task);
    this.evictionTimers.set(podKey(pod), { seq, createdAt: start });
  }

  private evict(pod: Pod): void {
    this.context.recordEvent(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${podKey(pod)}`,
      'taint-eviction-controller',
    );
    this.context.addPodCondition(pod, {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    this.context.deletePod(pod);
  }
}
