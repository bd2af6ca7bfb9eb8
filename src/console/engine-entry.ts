/**
 * The one place the console creates clusters (for runScript), so switching the engine's entry
 * point touches one line.
 */
import type { Cluster } from '../engine/operations.ts';
import { Engine } from '../engine/cluster.ts';

/** From a seed, a fresh empty cluster. TODO: re-export createCluster once src/engine/index.ts lands. */
export function createCluster(options: { seed: number }): Cluster {
  const engine = new Engine(options.seed);
  engine.bootstrap();
  return engine;
}
