/**
 * Time as the console prints and reads it: Go's `time.Duration.String()` for the runner's `t`
 * field, `time.RFC1123Z` for describe, RFC 3339 for annotations, and the durations `sim wait`
 * accepts. kubectl's ages (HumanDuration) are in src/kube/duration.ts, shared with the page.
 */
import { parseTimestamp } from '../kube/timestamp.ts';

/** Go's `strconv.FormatFloat(v, 'f', -1, 64)` for the small non-negative values durations need. */
function trimFloat(v: number): string {
  const s = v.toFixed(9);
  return s.replace(/\.?0+$/, '');
}

/**
 * From a duration in ms, Go's `time.Duration.String()` (`0s`, `500ms`, `12.5s`, `2m30s`,
 * `1h0m0s`), which the runner prints as each command's `t`.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${trimFloat(abs)}ms`;
  const totalSeconds = abs / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = totalSeconds - hours * 3600 - minutes * 60;
  let out = `${trimFloat(Math.round(seconds * 1e6) / 1e6)}s`;
  if (hours > 0 || minutes > 0) out = `${minutes}m${out}`;
  if (hours > 0) out = `${hours}h${out}`;
  return sign + out;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * From a duration as `sim wait` takes it (`500ms`, `5s`, `2m`, `1m30s`, `1.5s`), its length in
 * ms, or undefined when it is not one. A bare number is refused: the unit must be explicit.
 */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]];
  }
  return Math.round(total);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** From an RFC 3339 timestamp, Go's `time.RFC1123Z` form in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function toRfc1123z(timestamp: string | undefined): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** From epoch ms, an RFC 3339 timestamp with second precision (`2024-01-01T00:00:05Z`). */
export function toRfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
