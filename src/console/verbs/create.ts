/** `kubectl create namespace NAME`; the other `create` forms are not part of the playground. */
import type { Verb } from './verb.ts';
import { formatApiError } from '../api-errors.ts';
import { operationDone, usageError, verbNotOffered } from '../messages.ts';

export const create: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME [options]',
  mutates: true,
  subcommands: ['namespace', 'ns'],
  completeArgs: (args) => (args.length === 0 ? ['namespace'] : []),
  flags: [],
  run(args, context) {
    const out = context.output;
    const [what, name, ...rest] = args.positionals;
    if (what !== 'namespace' && what !== 'ns')
      return out.fail(verbNotOffered(`create ${what ?? ''}`.trim()));
    if (name === undefined || rest.length > 0)
      return out.fail(
        usageError(
          'exactly one NAME is required, got ' + (name === undefined ? 0 : 1 + rest.length),
          'kubectl create namespace',
        ),
      );
    const result = context.cluster.execute({
      op: 'create',
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    });
    if (!result.ok) return out.fail(formatApiError(result.error, { verb: 'creating' }));
    out.print(operationDone('namespace', name, 'created'));
    return 0;
  },
};
