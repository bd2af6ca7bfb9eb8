/**
 * The playground's own commands: `sim wait DURATION`, `sim settle`, and
 * `sim node NAME condition TYPE=STATUS` (the kubelet reporting a condition) and
 * `sim node NAME allocatable RESOURCE=QUANTITY...` (the kubelet reporting a new size).
 */
import type { Cluster } from '../../engine/operations.ts';
import type { Output } from '../context.ts';
import { parseDuration } from '../time-format.ts';
import { formatApiError } from '../api-errors.ts';
import { canonicalQuantity, parseQuantity } from '../../kube/quantity.ts';
import {
  simAllocatableSet,
  simBadResource,
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
  if (sub === 'node' && rest[1] === 'allocatable') return resizeNode(rest, cluster, output);
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

/**
 * `sim node NAME allocatable RESOURCE=QUANTITY...`: the kubelet reporting a new size. Re-applying
 * a Node manifest cannot do it (an update keeps the node's status), so the playground's own
 * command does, and the page's node editor uses it.
 */
function resizeNode(rest: string[], cluster: Cluster, output: Output): number {
  const [name, , ...pairs] = rest;
  if (name === undefined || pairs.length === 0) return output.fail(simUsage());
  const resources: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const resource = at < 0 ? '' : pair.slice(0, at);
    const quantity = at < 0 ? '' : pair.slice(at + 1);
    if (!(NODE_RESOURCES as readonly string[]).includes(resource) || !isQuantity(quantity))
      return output.fail(simBadResource(pair));
    resources[resource] = quantity;
  }
  const result = cluster.execute({ op: 'setNodeAllocatable', node: name, resources });
  if (!result.ok) return output.fail(formatApiError(result.error));
  cluster.advance(0);
  output.print(simAllocatableSet(name, pairs));
  return 0;
}

/** The resources `sim node NAME allocatable` sets. */
export const NODE_RESOURCES = ['cpu', 'memory', 'pods', 'ephemeral-storage'] as const;

function isQuantity(text: string): boolean {
  const value = parseQuantity(text);
  return canonicalQuantity(text) !== undefined && value !== undefined && value >= 0;
}
