/**
 * The playground's own commands: `sim wait DURATION`, `sim settle`, and
 * `sim node NAME condition TYPE=STATUS` (the kubelet reporting a condition).
 */
import type { Cluster } from '../../engine/operations.ts';
import type { Output } from '../context.ts';
import { parseDuration } from '../time-format.ts';
import { formatApiError } from '../api-errors.ts';
import {
  simBadCondition,
  simBadDuration,
  simConditionSet,
  simNotSettled,
  simUnknownCommand,
  simUsage,
} from '../messages.ts';

const SETTLE_CAP_MS = 10 * 60 * 1000;
/** The node conditions `sim node NAME condition TYPE=STATUS` may set, and their statuses. */
export const CONDITIONS = [
  'Ready',
  'MemoryPressure',
  'DiskPressure',
  'PIDPressure',
  'NetworkUnavailable',
] as const;
export const STATUSES = ['True', 'False', 'Unknown'] as const;

/** From the words after `sim`, runs the command and returns its exit code. */
export function runSim(words: string[], cluster: Cluster, output: Output): number {
  const [sub, ...rest] = words;
  if (sub === 'wait') {
    if (rest.length !== 1) return output.fail(simUsage());
    const ms = parseDuration(rest[0]);
    if (ms === undefined) return output.fail(simBadDuration(rest[0]));
    cluster.advance(ms);
    return 0;
  }
  if (sub === 'settle') {
    if (rest.length !== 0) return output.fail(simUsage());
    const result = cluster.settle(SETTLE_CAP_MS);
    if (!result.settled)
      return output.fail(simNotSettled(result.stillChanging ?? 'the cluster is still changing'));
    return 0;
  }
  if (sub === 'node') {
    const [name, word, condition, extra] = rest;
    if (
      name === undefined ||
      word !== 'condition' ||
      condition === undefined ||
      extra !== undefined
    )
      return output.fail(simUsage());
    const [type, status] = condition.split('=');
    if (
      !(CONDITIONS as readonly string[]).includes(type) ||
      !(STATUSES as readonly string[]).includes(status)
    ) {
      return output.fail(simBadCondition(condition));
    }
    const result = cluster.execute({
      op: 'setNodeCondition',
      node: name,
      type: type as (typeof CONDITIONS)[number],
      status: status as (typeof STATUSES)[number],
    });
    if (!result.ok) return output.fail(formatApiError(result.error));
    cluster.advance(0);
    output.print(simConditionSet(name, type, status));
    return 0;
  }
  return output.fail(sub === undefined ? simUsage() : simUnknownCommand(sub, simUsage()));
}
