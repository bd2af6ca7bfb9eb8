/**
 * Pod garbage collection of pods bound to nodes that no longer exist: checked every 20 s, a node
 * must be gone for the 40 s quarantine first (pkg/controller/podgc/gc_controller.go gcOrphaned).
 */
import type { Engine } from '../cluster.ts';
import { TIMING } from '../timing.ts';

/** From the engine and a deleted node's name, remembers when it went and makes sure a GC pass is queued. */
export function nodeGone(engine: Engine, node: string): void {
  if (engine.store.podsOnNode(node).length === 0) return;
  engine.podgcGone.set(node, engine.now);
  ensureTick(engine);
}

/** From the engine and a node that came back, forgets its quarantine. */
export function nodeBack(engine: Engine, node: string): void {
  engine.podgcGone.delete(node);
}

function ensureTick(engine: Engine): void {
  if (engine.podgcTask !== undefined) return;
  const next = (Math.floor(engine.now / TIMING.podGcPeriod) + 1) * TIMING.podGcPeriod;
  engine.podgcTask = engine.queue.push(next, { type: 'podgc' });
}

/** From the engine, one gcOrphaned pass. */
export function podGcTick(engine: Engine): void {
  engine.podgcTask = undefined;
  for (const node of [...engine.podgcGone.keys()].sort()) {
    if (engine.store.get('Node', node)) {
      engine.podgcGone.delete(node);
      continue;
    }
    const goneAt = engine.podgcGone.get(node) ?? engine.now;
    if (engine.now - goneAt < TIMING.podGcQuarantine) continue;
    const pods = engine.store
      .podsOnNode(node)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    for (const pod of pods) {
      engine.addPodCondition(pod, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
      engine.forceDeletePod(pod);
    }
    engine.podgcGone.delete(node);
  }
  if (engine.podgcGone.size > 0) ensureTick(engine);
}
