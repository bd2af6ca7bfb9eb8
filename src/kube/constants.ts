/**
 * Constants every layer must agree on. The engine stamps objects with them, the console and
 * the page read them back, so a second copy anywhere would let the two drift apart.
 */

/**
 * Simulated time 0 as milliseconds since the Unix epoch: 2026-01-01T00:00:00Z. Every
 * creationTimestamp, lastTransitionTime and Event time is this plus the simulated time, so runs
 * print the same dates, and the page turns a snapshot's `timeMs` into the wall-clock instant
 * its timestamps are on.
 */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);
