/**
 * `kubectl taint nodes NAME key[=value]:Effect ... | key[:Effect]-`, parsed and merged as
 * staging/src/k8s.io/kubectl/pkg/cmd/taint (ParseTaints, reorganizeTaints): new taints first,
 * then the old ones they do not replace.
 */
import type { Verb } from './verb.ts';
import type { Taint, TaintEffect } from '../../engine/types.ts';
import { boolFlag } from '../args.ts';
import { fetchCopy, sendUpdate } from './update.ts';
import { targetAndSpecs } from '../targets.ts';
import {
  duplicatedTaint,
  invalidTaintEffect,
  invalidTaintSpec,
  operationDone,
  requiredResource,
  taintAlreadyExists,
  taintNeedsSpec,
  taintNotFound,
  taintOnlyNodes,
} from '../messages.ts';
import { isQualifiedName, isValidLabelValue } from '../../engine/api/validation/names.ts';
import { taintText } from '../../kube/taints.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** From taint arguments, the taints to add and remove, or kubectl's error. */
export function parseTaints(
  specs: string[],
): { add: Taint[]; remove: { key: string; effect?: string }[] } | { error: string } {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const body = spec.slice(0, -1);
      const [key, effect] = body.split(':');
      if (effect && !EFFECTS.includes(effect)) return { error: invalidTaintEffect(effect) };
      remove.push({ key, effect: effect || undefined });
      continue;
    }
    const parts = spec.split(':');
    if (parts.length !== 2) return { error: invalidTaintSpec(spec) };
    const effect = parts[1];
    if (!EFFECTS.includes(effect)) return { error: invalidTaintEffect(effect) };
    const kv = parts[0].split('=');
    if (kv.length > 2) return { error: invalidTaintSpec(spec) };
    const [key, value] = kv;
    if (value !== undefined) {
      const problems = isValidLabelValue(value);
      if (problems.length > 0) return { error: invalidTaintSpec(spec, problems.join('; ')) };
    }
    const keyProblems = isQualifiedName(key);
    if (keyProblems.length > 0) return { error: invalidTaintSpec(spec, keyProblems.join('; ')) };
    if (add.some((t) => t.key === key && t.effect === effect))
      return { error: duplicatedTaint(taintText({ key, value, effect })) };
    add.push(
      value === undefined
        ? { key, effect: effect as TaintEffect }
        : { key, value, effect: effect as TaintEffect },
    );
  }
  return { add, remove };
}

export const taint: Verb = {
  name: 'taint',
  mutates: true,
  flags: [{ name: 'overwrite', type: 'bool' }],
  completeArgs: (args, source) => (args.length === 0 ? ['nodes', 'node'] : source.names('Node')),
  run(args, context) {
    const out = context.output;
    const resolved = targetAndSpecs(args.positionals, 'taint');
    if ('error' in resolved) return out.fail(resolved.error);
    const { target, specs } = resolved;
    if (target.type.kind !== 'Node') return out.fail(taintOnlyNodes(target.type.plural));
    if (target.names.length === 0) return out.fail(requiredResource('taint'));
    if (specs.length === 0) return out.fail(taintNeedsSpec());
    const parsed = parseTaints(specs);
    if ('error' in parsed) return out.fail(parsed.error);
    const overwrite = boolFlag(args, 'overwrite');
    const node = fetchCopy(context, 'Node', target.names[0]);
    if (!node) return 1;
    const old = node.spec.taints ?? [];
    if (!overwrite) {
      const exists = parsed.add
        .filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect))
        .map((t) => t.key);
      if (exists.length > 0)
        return out.fail(taintAlreadyExists(node.metadata.name, exists.join(',')));
    }
    const next: Taint[] = [...parsed.add];
    for (const o of old)
      if (!next.some((t) => t.key === o.key && t.effect === o.effect)) next.push(o);
    const added = old.length !== next.length;
    let removedAny = false;
    let current = next;
    for (const r of parsed.remove) {
      const before = current.length;
      current = current.filter(
        (t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)),
      );
      const removed = current.length !== before;
      removedAny = removed;
      if (!removed) return out.fail(taintNotFound(taintText(r)));
    }
    const operation =
      (added && removedAny) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    node.spec.taints = current;
    if (current.length === 0) delete node.spec.taints;
    if (!sendUpdate(context, node)) return 1;
    out.print(operationDone('node', node.metadata.name, operation));
    return 0;
  },
};
