/**
 * The garbage collector's background propagation: when an owner is deleted, its dependents
 * (objects whose ownerReferences name its uid) are deleted too, pods gracefully
 * (pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem).
 */
import type { Engine } from '../cluster.ts';

/** From the engine and a deleted owner's uid, deletes its pods and ControllerRevisions. */
export function collectDependents(engine: Engine, ownerUid: string): void {
  const pods = engine.store
    .owned(ownerUid, 'Pod')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const pod of pods) if (!pod.metadata.deletionTimestamp) engine.deletePod(pod);
  const revisions = engine.store
    .owned(ownerUid, 'ControllerRevision')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const rev of revisions) engine.removeObject(rev);
}
