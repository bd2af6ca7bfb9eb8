/**
 * Durations as kubectl prints them: `HumanDuration` of k8s.io/apimachinery/pkg/util/duration,
 * which every printer of pkg/printers/internalversion/printers.go (AGE, LAST SEEN, the restart
 * age) and kubectl describe's event ages use through translateTimestampSince.
 *
 * The same package's ShortHumanDuration (`2m`, never `2m30s`) is not here: since v1.12 no
 * printer the playground mirrors calls it.
 */
import { parseTimestamp } from './timestamp.ts';

/**
 * From a duration in ms, kubectl's short age (`5s`, `2m30s`, `3h`, `4d`): mirrors
 * apimachinery/pkg/util/duration.HumanDuration, which truncates to whole seconds first and
 * reads up to two seconds in the future as now (clock skew), anything later as `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * From an RFC 3339 timestamp and the wall-clock `nowMs` (epoch ms), its age as kubectl prints
 * it, `<unknown>` when absent: printers.go translateTimestampSince.
 */
export function timestampAge(timestamp: string | undefined | null, nowMs: number): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '<unknown>';
  return humanDuration(nowMs - ms);
}
