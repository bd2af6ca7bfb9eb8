/**
 * Pod garbage collection of pods bound to nodes that no longer exist: checked every 20 s, a node
 * must be gone for the 40 s quarantine first (pkg/controller/podgc/gc_controller.go gcOrphaned).
 */
import type { Controller, ControllerContext, PodActions, StoreChange } from '../controller.ts';
import { TIMING } from '../timing.ts';

/** The pod GC's periodic pass (one queued at a time, while a deleted node still has pods). */
type GcPassTask = {
  type: 'podGc';
};

/** State in snapshots: when each deleted node went, and the queued pass. */
interface PodGcState {
  nodesGoneAt: [string, number][];
  passTask: number | undefined;
}

/**
 * The pod garbage collector. It only runs on its timer, so its place in the controller list
 * only orders its reaction to a node deletion (queueing its pass) before the scheduler's.
 */
export class PodGarbageCollector implements Controller {
  readonly name = 'podGc';
  readonly taskTypes = ['podGc'];
  /** Deleted nodes that still had pods, with when they went. */
  private nodesGoneAt = new Map<string, number>();
  /** The queued pass's sequence number. */
  private passTask: number | undefined;

  constructor(private readonly context: ControllerContext & PodActions) {}

  observe({ kind, object, change }: StoreChange): void {
    if (kind !== 'Node') return;
    const name = object.metadata.name;
    if (change === 'delete') this.nodeGone(name);
    else if (change === 'add') this.nodesGoneAt.delete(name);
  }

  /** From a deleted node's name, remembers when it went and makes sure a pass is queued. */
  private nodeGone(node: string): void {
    if (this.context.store.podsOnNode(node).length === 0) return;
    this.nodesGoneAt.set(node, this.context.now);
    this.ensurePass();
  }

  private ensurePass(): void {
    if (this.passTask !== undefined) return;
    const now = this.context.now;
    const next = (Math.floor(now / TIMING.podGcPeriod) + 1) * TIMING.podGcPeriod;
    const task: GcPassTask = { type: 'podGc' };
    this.passTask = this.context.queue.push(next, task);
  }

  /** One gcOrphaned pass. */
  runTask(): void {
    const { store, now } = this.context;
    this.passTask = undefined;
    for (const node of [...this.nodesGoneAt.keys()].sort()) {
      if (store.get('Node', node)) {
        this.nodesGoneAt.delete(node);
        continue;
      }
      const goneAt = this.nodesGoneAt.get(node) ?? now;
      if (now - goneAt < TIMING.podGcQuarantine) continue;
      const pods = store
        .podsOnNode(node)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      for (const pod of pods) {
        this.context.addPodCondition(pod, {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'DeletionByPodGC',
          message: 'PodGC: node no longer exists',
        });
        this.context.forceDeletePod(pod);
      }
      this.nodesGoneAt.delete(node);
    }
    if (this.nodesGoneAt.size > 0) this.ensurePass();
  }

  snapshot(): PodGcState {
    return {
      nodesGoneAt: [...this.nodesGoneAt.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      passTask: this.passTask,
    };
  }

  restore(state: unknown): void {
    const saved = state as PodGcState | undefined;
    this.nodesGoneAt = new Map(saved?.nodesGoneAt ?? []);
    this.passTask = saved?.passTask;
  }
}
