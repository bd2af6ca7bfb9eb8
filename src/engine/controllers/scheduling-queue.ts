/**
 * The scheduler's side of the work loop: its active queue (pods waiting for a scheduling
 * attempt, popped by priority then age), the unschedulable pods with their back-off, and the
 * writes a scheduling cycle ends in: Bind, PodScheduled=False with FailedScheduling, and
 * preemption (pkg/scheduler/internal/queue/scheduling_queue.go; pkg/scheduler/schedule_one.go).
 * One scheduling attempt itself is scheduler.ts.
 */
import { toTimestamp } from '../clock.ts';
import type { Controller, ControllerContext, PodActions, StoreChange } from '../controller.ts';
import { schedulePod } from '../scheduler.ts';
import { keyOf, type Store } from '../store.ts';
import { TIMING, backoff } from '../timing.ts';
import type { Node, Pod } from '../types.ts';
import type { Random } from '../random.ts';

/** What the scheduler needs beyond the common context. */
export interface SchedulerContext extends ControllerContext, PodActions {
  /** Nodes sorted by name. */
  nodeList(): readonly Node[];
  /** Tells every controller a pod was bound (the kubelet starts it, taint eviction checks it). */
  podBound(pod: Pod): void;
}

/** A pod that did not fit, waiting for a cluster event and its back-off. */
interface UnschedulableEntry {
  attempts: number;
  lastAttempt: number;
  /** A cluster event happened since the last attempt. */
  moved: boolean;
}

/** The queue's wake-up: moves unschedulable pods whose back-off ran out back to the active queue. */
type FlushTask = {
  type: 'flushUnschedulable';
};

interface SchedulingQueueState {
  unschedulable: [string, UnschedulableEntry][];
  flushTask: number | undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isTerminalPhase(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The scheduler as a controller. It drains last, after every controller that creates, deletes
 * or taints: it then sees each new pod with the nodes as they are at this instant.
 */
export class SchedulingQueue implements Controller {
  readonly name = 'scheduler';
  readonly taskTypes = ['flushUnschedulable'];
  /** Keys of pods waiting for a scheduling attempt at this instant (activeQ). */
  private activeQueue = new Set<string>();
  /** Pods that did not fit, by key (unschedulablePods and podBackoffQ). */
  private unschedulable = new Map<string, UnschedulableEntry>();
  /** The queued flush's sequence number. */
  private flushTask: number | undefined;

  constructor(private readonly context: SchedulerContext) {}

  get store(): Store {
    return this.context.store;
  }

  get random(): Random {
    return this.context.random;
  }

  /** Nodes sorted by name. */
  nodeList(): readonly Node[] {
    return this.context.nodeList();
  }

  /** From a node name, the stored node. */
  node(name: string): Node | undefined {
    return this.context.store.get('Node', name);
  }

  drain(): boolean {
    if (this.activeQueue.size === 0) return false;
    const store = this.context.store;
    // Each entry carries its key: a comparator building keys would do so n log n times.
    const queued: { pod: Pod; key: string }[] = [];
    for (const key of this.activeQueue) {
      const pod = store.get('Pod', key);
      if (pod) queued.push({ pod, key });
    }
    this.activeQueue.clear();
    // The active queue pops higher priority first, then older pods (PrioritySort).
    queued.sort(
      (a, b) =>
        (b.pod.spec.priority ?? 0) - (a.pod.spec.priority ?? 0) ||
        cmp(a.pod.metadata.creationTimestamp, b.pod.metadata.creationTimestamp) ||
        cmp(a.key, b.key),
    );
    for (const { pod } of queued) {
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp || !store.get('Pod', keyOf(pod)))
        continue;
      schedulePod(this, pod);
    }
    return true;
  }

  runTask(): void {
    this.flushTask = undefined;
    this.flushUnschedulable();
  }

  observe({ kind, object, change, before }: StoreChange): void {
    if (kind === 'Node') {
      this.clusterEvent();
      return;
    }
    if (kind !== 'Pod') return;
    const pod = object as Pod;
    if (change === 'add' && !pod.spec.nodeName && !pod.metadata.deletionTimestamp)
      this.activeQueue.add(keyOf(pod));
    if (change === 'delete') {
      const key = keyOf(pod);
      this.unschedulable.delete(key);
      this.activeQueue.delete(key);
      if (before?.nodeName) this.clusterEvent();
    } else if (change === 'update' && before && before.nodeName && isTerminalPhase(pod)) {
      this.clusterEvent();
    }
  }

  /** Something changed that may let an unschedulable pod fit: retry them after their back-off. */
  private clusterEvent(): void {
    if (this.unschedulable.size === 0) return;
    const queue = this.context.queue;
    let earliest = Infinity;
    for (const entry of this.unschedulable.values()) {
      entry.moved = true;
      earliest = Math.min(
        earliest,
        entry.lastAttempt +
          backoff(TIMING.schedulingBackoffInitial, TIMING.schedulingBackoffMax, entry.attempts - 1),
      );
    }
    const due = Math.max(this.context.now, earliest);
    if (this.flushTask !== undefined) {
      const queuedAt = queue.dueAtOf(this.flushTask);
      if (queuedAt !== undefined && queuedAt <= due) return;
      queue.cancel(this.flushTask);
    }
    this.flushTask = queue.push(due, { type: 'flushUnschedulable' } satisfies FlushTask);
  }

  private flushUnschedulable(): void {
    const now = this.context.now;
    let earliest = Infinity;
    for (const [key, entry] of [...this.unschedulable.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      if (!entry.moved) continue;
      const ready =
        entry.lastAttempt +
        backoff(TIMING.schedulingBackoffInitial, TIMING.schedulingBackoffMax, entry.attempts - 1);
      if (ready <= now) {
        entry.moved = false;
        this.activeQueue.add(key);
      } else earliest = Math.min(earliest, ready);
    }
    // Pods still in back-off get their own wake-up; never one at this instant again.
    if (earliest < Infinity)
      this.flushTask = this.context.queue.push(earliest, {
        type: 'flushUnschedulable',
      } satisfies FlushTask);
  }

  /** From a pod and a node, binds it (the scheduler's Bind) and hands it to the kubelet. */
  bindPod(pod: Pod, node: string): void {
    const now = this.context.now;
    this.unschedulable.delete(keyOf(pod));
    this.context.store.update(pod, (p) => {
      p.spec.nodeName = node;
      // Only delete what is there: deleting turns an object into V8's slow dictionary mode.
      if (p.status.nominatedNodeName !== undefined) delete p.status.nominatedNodeName;
      const list = (p.status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
      list.push({
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: toTimestamp(now),
      });
      p.status.conditions = list;
      if (p.status.message !== undefined) delete p.status.message;
      if (p.status.reason !== undefined) delete p.status.reason;
    });
    this.context.recordEvent(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      'default-scheduler',
    );
    this.context.podBound(pod);
  }

  /** From a pod that did not fit and the scheduler's message, records PodScheduled=False and FailedScheduling. */
  markUnschedulable(pod: Pod, message: string): void {
    const now = this.context.now;
    const key = keyOf(pod);
    const entry = this.unschedulable.get(key);
    this.unschedulable.set(key, {
      attempts: (entry?.attempts ?? 0) + 1,
      lastAttempt: now,
      moved: false,
    });
    const current = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
    if (!current || current.status !== 'False' || current.message !== message) {
      this.context.store.update(pod, (p) => {
        const list = (p.status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
        list.push({
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime:
            current?.status === 'False'
              ? (current.lastTransitionTime ?? toTimestamp(now))
              : toTimestamp(now),
          reason: 'Unschedulable',
          message,
        });
        p.status.conditions = list;
      });
    }
    this.context.recordEvent(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
  }

  /** From a preemptor, the node it was nominated to and the victims, deletes them gracefully. */
  preempt(pod: Pod, node: string, victims: Pod[]): void {
    this.context.store.update(pod, (p) => {
      p.status.nominatedNodeName = node;
    });
    for (const victim of victims.sort((a, b) => cmp(keyOf(a), keyOf(b)))) {
      this.context.recordEvent(
        victim,
        'Normal',
        'Preempted',
        `Preempted by pod ${pod.metadata.uid} on node ${node}`,
        'default-scheduler',
      );
      this.context.addPodCondition(victim, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: 'default-scheduler: preempting to accommodate a higher priority pod',
      });
      this.context.deletePod(victim);
    }
  }

  snapshot(): SchedulingQueueState {
    return {
      unschedulable: [...this.unschedulable.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([k, v]) => [k, { ...v }]),
      flushTask: this.flushTask,
    };
  }

  restore(state: unknown): void {
    const saved = state as SchedulingQueueState | undefined;
    this.unschedulable = new Map((saved?.unschedulable ?? []).map(([k, v]) => [k, { ...v }]));
    this.flushTask = saved?.flushTask;
  }
}
