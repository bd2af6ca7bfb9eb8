/** Reading the API's RFC 3339 timestamps (`2026-01-01T00:00:05Z`). */

/** From an RFC 3339 timestamp, epoch ms, or undefined when absent or malformed. */
export function parseTimestamp(timestamp: string | undefined | null): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}
