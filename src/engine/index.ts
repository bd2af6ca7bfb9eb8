/**
 * The engine's entry point: create a cluster, or restore one from a snapshot. Everything a
 * client needs is re-exported from here.
 */
import { Engine, type CreateClusterOptions } from './cluster.ts';
import type { Cluster, ClusterSnapshot } from './operations.ts';

export type * from './types.ts';
export type * from './operations.ts';
export type { CreateClusterOptions } from './cluster.ts';
export { toTimestamp, fromTimestamp } from './clock.ts';
export { catalog as imageCatalog } from './registry.ts';
export { TIMING } from './timing.ts';

/** From options (seed, default 1), a fresh cluster: the four namespaces, the two system priority classes, no nodes. */
export function createCluster(options: CreateClusterOptions = {}): Cluster {
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed as number) : 1;
  const engine = new Engine(seed);
  engine.bootstrap();
  return engine;
}

/** From a snapshot, a cluster that continues exactly as the one that took it would. */
export function restoreCluster(snapshot: ClusterSnapshot): Cluster {
  const engine = new Engine(snapshot.seed);
  engine.load(snapshot);
  return engine;
}
