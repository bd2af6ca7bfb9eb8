/**
 * `kubectl label TYPE NAME... key=value ... | key-  [--overwrite] [--all | -l SEL]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go, v1.32): every argument before the first
 * change names objects, each object is labeled in turn and a failure on one does not stop the
 * others. parseLabels checks the spec shape and the value before anything is sent; a bad key
 * is left to the API server, which refuses it as kubectl shows (`metadata.labels: Invalid
 * value`), `__proto__` included: the labels travel in null-prototype maps so no key is lost.
 */
import type { Verb } from './verb.ts';
import { boolFlag, stringFlag } from '../args.ts';
import { tryFetchCopy, trySendUpdate } from './update.ts';
import { resourcesAndPairs, visitTargets } from '../targets.ts';
import { errorText, reportErrors, type VisitError } from '../aggregate.ts';
import { isValidLabelValue } from '../../engine/api/validation/names.ts';
import {
  allWithSelector,
  invalidLabelSpec,
  invalidLabelValue,
  labelAlreadyHasValue,
  labelNeedsResources,
  labelNeedsSpec,
  labelNotFound,
  labelModifyAndRemove,
  operationDone,
  unknownLabelSpec,
} from '../messages.ts';

/** The labels to set (in the order given, later values winning) and the keys to remove. */
export interface LabelChanges {
  add: Map<string, string>;
  remove: string[];
}

/** From label arguments, the changes or kubectl's error (label.go parseLabels). */
export function parseLabels(specs: string[]): LabelChanges | { error: string } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) return { error: invalidLabelSpec(spec) };
      const valueProblems = isValidLabelValue(parts[1]);
      // parseLabels joins the problems with ";" (no space).
      if (valueProblems.length > 0)
        return { error: invalidLabelValue(spec, valueProblems.join(';')) };
      add.set(parts[0], parts[1]);
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else return { error: unknownLabelSpec(spec) };
  }
  if (remove.some((key) => add.has(key))) return { error: labelModifyAndRemove() };
  return { add, remove };
}

/** The object's labels as a map with no prototype, so any key read from a line is plain data. */
function labelMap(labels: Record<string, string> | undefined): Record<string, string> {
  const map = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(labels ?? {})) map[key] = value;
  return map;
}

export const label: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  usage:
    'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  mutates: true,
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(args, context) {
    const out = context.output;
    const split = resourcesAndPairs(args.positionals, 'label');
    if ('error' in split) return out.fail(split.error);
    const changes = parseLabels(split.pairs);
    if ('error' in changes) return out.fail(changes.error);
    const all = boolFlag(args, 'all');
    const selector = stringFlag(args, 'selector');
    if (all && (selector ?? '') !== '') return out.fail(allWithSelector());
    if (split.resources.length === 0) return out.fail(labelNeedsResources());
    if (changes.add.size === 0 && changes.remove.length === 0) return out.fail(labelNeedsSpec());
    const visits = visitTargets(context, split.resources, { all, selector });
    if ('error' in visits) return out.fail(visits.error);
    const overwrite = boolFlag(args, 'overwrite');
    const errors: VisitError[] = [];
    for (const { type, name } of visits) {
      const fetched = tryFetchCopy(context, type.kind, name);
      if ('error' in fetched) {
        errors.push({ api: fetched.error });
        continue;
      }
      const object = fetched.object;
      const old = object.metadata.labels;
      const labels = labelMap(old);
      for (const key of changes.remove)
        if (!Object.hasOwn(labels, key)) out.print(labelNotFound(key));
      if (!overwrite) {
        const clashes = [...changes.add]
          .filter(([key, value]) => Object.hasOwn(labels, key) && labels[key] !== value)
          .map(([key]) => labelAlreadyHasValue(key, labels[key]));
        if (clashes.length > 0) {
          errors.push({ texts: clashes.map(errorText) });
          continue;
        }
      }
      for (const [key, value] of changes.add) labels[key] = value;
      for (const key of changes.remove) delete labels[key];
      // updateDataChangeMsg compares the object's JSON before and after; labelFunc always
      // leaves a labels map, so an object that had none grows even when nothing was added.
      const before = old === undefined ? '' : JSON.stringify(old);
      const after = JSON.stringify(labels);
      let message = 'not labeled';
      if (before !== after) {
        message = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
        if (Object.keys(labels).length > 0) object.metadata.labels = labels;
        else delete object.metadata.labels;
        const failed = trySendUpdate(context, object);
        if (failed) {
          errors.push({ api: failed });
          continue;
        }
      }
      out.print(operationDone(type.singular, object.metadata.name, message));
    }
    return reportErrors(out, errors);
  },
};
