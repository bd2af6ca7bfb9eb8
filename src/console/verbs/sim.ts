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
/** The resources `sim node NAME allocatable` sets. */
export const NODE_RESOURCES = ['cpu', 'memory', 'pods', 'ephemeral-storage'] as const;

/** The `sim` commands with their usage and what each does, for `sim help` and completion. */
export const SIM_COMMANDS: readonly { usage: string; short: string }[] = [
  { usage: 'sim wait DURATION', short: 'Let simulated time pass (500ms, 5s, 2m, 1h)' },
  { usage: 'sim settle', short: 'Run the clock until the cluster stops changing (at most 10m)' },
  {
    usage: 'sim node NAME condition TYPE=STATUS',
    short: `Report a node condition as its kubelet would (${CONDITIONS.join(', ')})`,
  },
  {
    usage: 'sim node NAME allocatable RESOURCE=QUANTITY...',
    short: `Report a node's allocatable ${NODE_RESOURCES.join(', ')} as its kubelet would`,
  },
  { usage: 'sim help', short: 'Show this list' },
];

/** The `sim help` text: the playground's own commands, one a line. */
export function simHelp(): string {
  const width = Math.max(...SIM_COMMANDS.map((c) => c.usage.length)) + 2;
  return [
    "The playground's own commands (not part of kubectl):",
    ...SIM_COMMANDS.map((c) => `  ${c.usage.padEnd(width)}${c.short}`),
    '',
  ].join('\n');
}

/** From the words after `sim`, runs the command and returns its exit code. */
export function runSim(words: string[], cluster: Cluster, output: Output): number {
  const [sub, ...rest] = words;
  if (sub === 'help' || sub === '-h' || sub === '--help') {
    if (rest.length !== 0) return output.fail(simUsage());
    output.write(simHelp());
    return 0;
  }
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

function isQuantity(text: string): boolean {
  const value = parseQuantity(text);
  return canonicalQuantity(text) !== undefined && value !== undefined && value >= 0;
}
