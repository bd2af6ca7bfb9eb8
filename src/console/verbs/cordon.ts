/** `kubectl cordon NAME` and `kubectl uncordon NAME`: spec.unschedulable on the node (kubectl/pkg/cmd/drain). */
import type { Verb } from './verb.ts';
import { fetchCopy, sendUpdate } from './update.ts';
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
    mutates: true,
    flags: [],
    completeArgs: (_args, source) => source.names('Node'),
    run(args, context) {
      if (args.positionals.length === 0) return context.output.fail(nodeUsage(name));
      for (const word of args.positionals) {
        const node = word.startsWith('node/')
          ? word.slice(5)
          : word.startsWith('nodes/')
            ? word.slice(6)
            : word;
        if (!setUnschedulable(context, node, name === 'cordon')) context.output.exit = 1;
      }
      return context.output.exit;
    },
  };
}

export const cordon = cordonVerb('cordon');
export const uncordon = cordonVerb('uncordon');
