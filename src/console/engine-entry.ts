/**
 * The one place the console creates clusters (for runScript and the tests), so the engine's
 * entry point is named once.
 */
export { createCluster, restoreCluster } from '../engine/index.ts';
