/** `kubectl cordon NAME` and `kubectl uncordon NAME`: spec.unschedulable on the node (kubectl/pkg/cmd/drain). */
import type { Verb } from './verb.ts';
import { fetchCopy, sendUpdate, tryFetchCopy } from './update.ts';
import { formatApiError } from '../api-errors.ts';
import { alreadyCordoned, alreadyUncordoned, nodeUsage, operationDone } from '../messages.ts';

/** Sets or clears spec.unschedulable; prints kubectl's line. Returns false on failure. */
export function setUnschedulable(
  context: Parameters<Verb['run']>[1],
  name: string,
  unschedulable: boolean,
): boolean {
  const node = fetchCopy(context, 'Node', name);
  if (!node) return false;
  if ((node.spec.unschedulable === true) === unschedulable) {
    context.output.print(unschedulable ? alreadyCordoned(name) : alreadyUncordoned(name));
    return true;
  }
  if (unschedulable) node.spec.unschedulable = true;
  else delete node.spec.unschedulable;
  if (!sendUpdate(context, node)) return false;
  context.output.print(operationDone('node', name, unschedulable ? 'cordoned' : 'uncordoned'));
  return true;
}

function cordonVerb(name: 'cordon' | 'uncordon'): Verb {
  return {
    name,
    short: `Mark node as ${name === 'cordon' ? 'unschedulable' : 'schedulable'}`,
    usage: `kubectl ${name} NODE [options]`,
    mutates: true,
    flags: [],
    completeArgs: (_args, source) => source.names('Node'),
    run(args, context) {
      if (args.positionals.length === 0) return context.output.fail(nodeUsage(name));
      const nodes = args.positionals.map((word) => word.replace(/^nodes?\//, ''));
      // drain.go Complete reads every node before any is changed and stops at the first
      // that is missing, so `cordon nothere w1` leaves w1 alone.
      for (const node of nodes) {
        const read = tryFetchCopy(context, 'Node', node);
        if ('error' in read) return context.output.fail(formatApiError(read.error));
      }
      for (const node of nodes)
        if (!setUnschedulable(context, node, name === 'cordon')) context.output.exit = 1;
      return context.output.exit;
    },
  };
}

export const cordon = cordonVerb('cordon');
export const uncordon = cordonVerb('uncordon');
