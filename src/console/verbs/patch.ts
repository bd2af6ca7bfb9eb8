/**
 * `kubectl patch TYPE NAME -p PATCH [--type=merge|strategic]`: the patch goes to the API server
 * as it is, which merges it (strategic merge patch with the types' merge keys by default, or an
 * RFC 7386 JSON merge patch) and warns about unknown fields, as kubectl sends no field
 * validation. `--type=json` is not offered.
 */
import type { Verb } from './verb.ts';
import { stringFlag } from '../args.ts';
import { formatApiError } from '../api-errors.ts';
import { resolveTargets } from '../targets.ts';
import {
  notFound,
  operationDone,
  patchInvalidJson,
  patchNeedsPatch,
  patchNotObject,
  patchTypeNotOffered,
  patchUnknownType,
  requiredResource,
} from '../messages.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const patch: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  mutates: true,
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'type', type: 'string' },
  ],
  run(args, context) {
    const out = context.output;
    if (args.positionals.length === 0) return out.fail(requiredResource('patch'));
    const targets = resolveTargets(args.positionals);
    if ('error' in targets) return out.fail(targets.error);
    const [target] = targets;
    if (target.names.length === 0) return out.fail(requiredResource('patch'));
    const type = stringFlag(args, 'type') ?? 'strategic';
    if (type === 'json') return out.fail(patchTypeNotOffered(type));
    if (type !== 'merge' && type !== 'strategic') return out.fail(patchUnknownType(type));
    const text = stringFlag(args, 'patch');
    if (text === undefined) return out.fail(patchNeedsPatch());
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return out.fail(patchInvalidJson(text));
    }
    if (!isObject(parsed)) return out.fail(patchNotObject());
    const type_ = target.type;
    const name = target.names[0];
    const result = context.cluster.execute({
      op: 'patch',
      key: {
        kind: type_.kind,
        name,
        ...(type_.namespaced ? { namespace: context.namespace } : {}),
      },
      patchType: type,
      patch: parsed,
    });
    if (!result.ok) {
      if (result.error.reason === 'NotFound') return out.fail(notFound(type_.plural, name));
      return out.fail(formatApiError(result.error, { verb: 'patching' }));
    }
    // The API server's warnings arrive with the response, before kubectl prints its line.
    for (const warning of result.warnings ?? []) out.error(`Warning: ${warning}`);
    const done = result.action === 'unchanged' ? 'patched (no change)' : 'patched';
    out.print(operationDone(type_.singular, name, done));
    return 0;
  },
};
