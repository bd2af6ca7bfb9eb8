/**
 * `kubectl patch TYPE NAME -p PATCH [--type=merge|strategic]`: a JSON merge patch (RFC 7386);
 * the strategic default merges lists of named items by name, which covers what learners patch
 * (containers, env, volumes). `--type=json` is not offered.
 */
import type { Verb } from './verb.ts';
import { stringFlag } from '../args.ts';
import { fetchCopy, sendUpdate } from './update.ts';
import { resolveTargets } from '../targets.ts';
import {
  operationDone,
  patchInvalidJson,
  patchNeedsPatch,
  patchNotObject,
  patchTypeNotOffered,
  patchUnknownType,
  requiredResource,
} from '../messages.ts';
import { sortKeys } from '../printers/json.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** From a target and a patch, the merged value (RFC 7386; `strategic` merges named list items). */
export function mergePatch(target: unknown, patch: unknown, strategic: boolean): unknown {
  if (!isObject(patch)) {
    if (
      strategic &&
      Array.isArray(patch) &&
      Array.isArray(target) &&
      patch.every((p) => isObject(p) && typeof p.name === 'string')
    ) {
      const out = target.map((t) => t as unknown);
      for (const item of patch as Record<string, unknown>[]) {
        const index = out.findIndex((t) => isObject(t) && t.name === item.name);
        if (index >= 0) out[index] = mergePatch(out[index], item, true);
        else out.push(mergePatch({}, item, true));
      }
      return out;
    }
    return patch;
  }
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value, strategic);
  }
  return result;
}

export const patch: Verb = {
  name: 'patch',
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
    const object = fetchCopy(context, target.type.kind, target.names[0]);
    if (!object) return 1;
    const merged = mergePatch(object, parsed, type === 'strategic');
    const name = object.metadata.name;
    if (JSON.stringify(sortKeys(merged)) === JSON.stringify(sortKeys(object))) {
      out.print(operationDone(target.type.singular, name, 'patched (no change)'));
      return 0;
    }
    if (!sendUpdate(context, merged)) return 1;
    out.print(operationDone(target.type.singular, name, 'patched'));
    return 0;
  },
};
