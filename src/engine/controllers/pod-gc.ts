/**
 * Pod garbage collection of pods bound to nodes that do not exist, whether deleted or never
 * created: checked every 20 s, a node must be missing for the 40 s quarantine first
 * (pkg/controller/podgc/gc_controller.go gcOrphaned).
 */
import type { Controller, ControllerContext, PodActions, StoreChange } from '../controller.ts';
import { TIMING } from '../timing.ts';
import type { Pod } from '../types.ts';

/** The pod GC's periodic pass (one queued at a time, while a missing node still has pods). */
type GcPassTask = {
  type: 'podGc';
};

/** State in snapshots: since when each missing node has been missing, and the queued pass. */
interface PodGcState {
  nodesGoneAt: [string, number][];
  passTask: number | undefined;
}

/**
 * The pod garbage collector. It only runs on its timer, so its place in the controller list
 * only orders its reaction to a node deletion (queueing its pass) before the scheduler's. Upstream
 * checks every 20 s whatever happens; checks with nothing to find change nothing, so the engine
 * queues one only while some pod is bound to a missing node.
 */
export class PodGarbageCollector implements Controller {
  readonly name = 'podGc';
  readonly taskTypes = ['podGc'];
  /**
   * Missing nodes that still had pods, with when the quarantine started: the deletion for a node
   * deleted with pods on it, else the check that first found a pod bound to the missing name.
   */
  private nodesGoneAt = new Map<string, number>();
  /** The queued pass's sequence number. */
  private passTask: number | undefined;

  constructor(private readonly context: ControllerContext & PodActions) {}

  observe({ kind, object, change }: StoreChange): void {
    if (kind === 'Pod') {
      if (change === 'add' && this.isOrphan(object as Pod)) this.ensurePass();
      return;
    }
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

  /** From a pod, whether it is bound to a node that does not exist. */
  private isOrphan(pod: Pod): boolean {
    const node = pod.spec.nodeName;
    return node !== undefined && node !== '' && this.context.store.get('Node', node) === undefined;
  }

  /** One gcOrphaned pass: quarantines newly found missing nodes, then clears those whose quarantine ended. */
  runTask(): void {
    const { store, now } = this.context;
    this.passTask = undefined;
    for (const pod of store.all('Pod')) {
      const node = pod.spec.nodeName;
      if (node && !this.nodesGoneAt.has(node) && this.isOrphan(pod))
        this.nodesGoneAt.set(node, now);
    }
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
        // markFailedAndDeletePodWithCondition: Failed first, since no kubelet will say so.
        if (pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed')
          store.update(pod, (p) => {
            p.status.phase = 'Failed';
          });
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
