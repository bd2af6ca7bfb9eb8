/**
 * The garbage collector's background propagation: when an owner is deleted, its dependents
 * (objects whose ownerReferences name its uid) are deleted too, pods gracefully
 * (pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem).
 */
import type { Controller, ControllerContext, PodActions, StoreChange } from '../controller.ts';
import type { KubeObject } from '../types.ts';

/** What the garbage collector needs beyond the common context. */
export interface GarbageCollectorContext extends ControllerContext, PodActions {
  /** Removes an object at once (no graceful period). */
  removeObject(obj: KubeObject): void;
}

/** From the context and a deleted owner's uid, deletes its pods and ControllerRevisions. */
export function collectDependents(context: GarbageCollectorContext, ownerUid: string): void {
  const pods = context.store
    .owned(ownerUid, 'Pod')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const pod of pods) if (!pod.metadata.deletionTimestamp) context.deletePod(pod);
  const revisions = context.store
    .owned(ownerUid, 'ControllerRevision')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const rev of revisions) context.removeObject(rev);
}

/**
 * The garbage collector as a controller: it drains right after the node lifecycle controller
 * and before the DaemonSet controller, so a deleted DaemonSet's pods are marked for deletion
 * before anything else looks at them. Only DaemonSets own objects here.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbageCollector';
  /** Uids of deleted owners whose dependents are still to be deleted. */
  private deletedOwners = new Set<string>();

  constructor(private readonly context: GarbageCollectorContext) {}

  drain(): boolean {
    if (this.deletedOwners.size === 0) return false;
    const owners = [...this.deletedOwners].sort();
    this.deletedOwners.clear();
    for (const uid of owners) collectDependents(this.context, uid);
    return true;
  }

  observe({ kind, object, change }: StoreChange): void {
    if (kind === 'DaemonSet' && change === 'delete') this.deletedOwners.add(object.metadata.uid);
  }
}
