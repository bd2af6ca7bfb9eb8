/**
 * `kubectl taint nodes NAME... key[=value]:Effect ... | key[:Effect]- [--overwrite] [--all | -l SEL]`,
 * parsed and merged as staging/src/k8s.io/kubectl/pkg/cmd/taint (taint.go Complete and
 * Validate, utils.go parseTaints and reorganizeTaints, v1.32): the words before the first
 * change are the type and node names, each node is changed in turn, and a failure on one does
 * not stop the others. New taints come first, then the old ones they do not replace.
 */
import type { Verb } from './verb.ts';
import type { Taint, TaintEffect } from '../../engine/types.ts';
import { boolFlag, stringFlag } from '../args.ts';
import { tryFetchCopy, trySendUpdate } from './update.ts';
import { resolveType, visitTargets } from '../targets.ts';
import { errorText, reportErrors, type VisitError } from '../aggregate.ts';
import { UPSTREAM_ONLY_TYPES } from '../resources.ts';
import {
  duplicatedTaint,
  invalidTaintEffect,
  invalidTaintSpec,
  noResourceType,
  operationDone,
  resourcesBeforeChanges,
  taintAllWithSelector,
  taintAlreadyExists,
  taintModifyAndRemove,
  taintNeedsName,
  taintNeedsResources,
  taintNeedsSpec,
  taintNotFound,
  taintOnlyNodes,
  withUsage,
} from '../messages.ts';
import { isQualifiedName, isValidLabelValue } from '../../engine/api/validation/names.ts';
import { taintText } from '../../kube/taints.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A taint to remove: by key, or by key and effect. */
export interface TaintRemoval {
  key: string;
  effect?: string;
}

/** `key`, `key:Effect` or `key=value:Effect`, checked as utils.go parseTaint checks it. */
function parseTaint(text: string): Taint | { error: string } {
  const parts = text.split(':');
  if (parts.length > 2) return { error: invalidTaintSpec(text) };
  let key = parts[0];
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) return { error: invalidTaintEffect(effect) };
    const kv = parts[0].split('=');
    if (kv.length > 2) return { error: invalidTaintSpec(text) };
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const problems = isValidLabelValue(value);
      if (problems.length > 0) return { error: invalidTaintSpec(text, problems.join('; ')) };
    }
  }
  const keyProblems = isQualifiedName(key);
  if (keyProblems.length > 0) return { error: invalidTaintSpec(text, keyProblems.join('; ')) };
  const taint: Taint = { key, effect: (effect ?? '') as TaintEffect };
  if (value !== undefined && value !== '') taint.value = value;
  return taint;
}

/** From taint arguments, the taints to add and remove, or kubectl's error (utils.go parseTaints). */
export function parseTaints(
  specs: string[],
): { add: Taint[]; remove: TaintRemoval[] } | { error: string } {
  const add: Taint[] = [];
  const remove: TaintRemoval[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const parsed = parseTaint(spec.slice(0, -1));
      if ('error' in parsed) return parsed;
      remove.push(parsed.effect ? { key: parsed.key, effect: parsed.effect } : { key: parsed.key });
      continue;
    }
    const parsed = parseTaint(spec);
    if ('error' in parsed) return parsed;
    if (!parsed.effect) return { error: invalidTaintSpec(spec) };
    if (add.some((t) => t.key === parsed.key && t.effect === parsed.effect))
      // Go prints the corev1.Taint struct with %v: {key value effect timeAdded}.
      return {
        error: duplicatedTaint(`{${parsed.key} ${parsed.value ?? ''} ${parsed.effect} <nil>}`),
      };
    add.push(parsed);
  }
  return { add, remove };
}

/**
 * From a node's taints and the changes, kubectl's word for what happened and the new list, or
 * the taints to remove that the node does not have (utils.go reorganizeTaints).
 */
export function reorganizeTaints(
  old: readonly Taint[],
  overwrite: boolean,
  add: readonly Taint[],
  remove: readonly TaintRemoval[],
): { operation: string; taints: Taint[] } | { notFound: string[] } {
  let taints: Taint[] = [...add];
  for (const o of old)
    if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const notFound: string[] = [];
  // deleteTaints reports whether the last removal found its taint.
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter(
      (t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)),
    );
    deleted = taints.length !== before;
    if (!deleted) notFound.push(taintNotFound(taintText(r as Taint)));
  }
  if (notFound.length > 0) return { notFound };
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints };
}

export const taint: Verb = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  usage:
    'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  mutates: true,
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  completeArgs: (args, source) => (args.length === 0 ? ['nodes', 'node'] : source.names('Node')),
  run(args, context) {
    const out = context.output;
    // taint.go Complete: a word with `=` or `:`, or ending in `-`, is a change.
    const resources: string[] = [];
    const specs: string[] = [];
    for (const word of args.positionals) {
      const isTaint = word.includes('=') || word.includes(':') || word.endsWith('-');
      if (isTaint) specs.push(word);
      else if (specs.length === 0) resources.push(word);
      else return out.fail(resourcesBeforeChanges('taint', word));
    }
    if (resources.length === 0) return out.fail(taintNeedsResources());
    if (specs.length === 0) return out.fail(taintNeedsSpec());
    const parsed = parseTaints(specs);
    if ('error' in parsed) return out.fail(withUsage(parsed.error, 'kubectl taint'));
    // Validate: the first word must name the node type (no TYPE/NAME form here).
    const typeWord = resources[0].toLowerCase();
    const type = resolveType(typeWord);
    if ('error' in type) {
      if (UPSTREAM_ONLY_TYPES.has(typeWord.split('.')[0]))
        return out.fail(taintOnlyNodes(typeWord));
      return out.fail(noResourceType(typeWord));
    }
    if (type.kind !== 'Node') return out.fail(taintOnlyNodes(typeWord));
    const conflicts = parsed.add.flatMap((a) =>
      parsed.remove
        .filter((r) => r.key === a.key && (r.effect === undefined || r.effect === a.effect))
        .map((r) => `${r.key}=${r.effect ?? ''}`),
    );
    if (conflicts.length > 0) return out.fail(taintModifyAndRemove(conflicts));
    const all = boolFlag(args, 'all');
    const selector = stringFlag(args, 'selector') ?? '';
    if (all && selector !== '') return out.fail(taintAllWithSelector());
    if (!all && selector === '' && resources.length < 2) return out.fail(taintNeedsName());
    // With --all or -l the names are ignored, as the builder is then given none.
    const visits =
      all || selector !== ''
        ? visitTargets(context, ['nodes'], { all, selector })
        : visitTargets(context, ['nodes', ...resources.slice(1)], { all: false });
    if ('error' in visits) return out.fail(visits.error);
    const overwrite = boolFlag(args, 'overwrite');
    const errors: VisitError[] = [];
    for (const { name } of visits) {
      const fetched = tryFetchCopy(context, 'Node', name);
      if ('error' in fetched) {
        errors.push({ api: fetched.error });
        continue;
      }
      const node = fetched.object;
      const old = node.spec.taints ?? [];
      if (!overwrite) {
        const exists = parsed.add
          .filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect))
          .map((t) => t.key);
        if (exists.length > 0) {
          errors.push({
            texts: [errorText(taintAlreadyExists(node.metadata.name, exists.join(',')))],
          });
          continue;
        }
      }
      const result = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
      if ('notFound' in result) {
        errors.push({ texts: result.notFound.map(errorText) });
        continue;
      }
      if (result.taints.length > 0) node.spec.taints = result.taints;
      else delete node.spec.taints;
      const failed = trySendUpdate(context, node);
      if (failed) {
        errors.push({ api: failed });
        continue;
      }
      out.print(operationDone('node', node.metadata.name, result.operation));
    }
    return reportErrors(out, errors);
  },
};
