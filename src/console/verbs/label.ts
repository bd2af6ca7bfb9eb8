/**
 * `kubectl label TYPE NAME key=value ... | key-  [--overwrite]` (kubectl/pkg/cmd/label), with
 * the checks parseLabels makes before sending anything (spec shape, label value); a bad key is
 * left to the API server, which refuses it as kubectl shows (`metadata.labels: Invalid value`).
 */
import type { Verb } from './verb.ts';
import { boolFlag } from '../args.ts';
import { fetchCopy, sendUpdate } from './update.ts';
import { targetAndSpecs } from '../targets.ts';
import { isValidLabelValue } from '../../engine/api/validation/names.ts';
import {
  invalidLabelSpec,
  invalidLabelValue,
  labelAlreadyHasValue,
  labelNeedsSpec,
  labelNotFound,
  labelModifyAndRemove,
  operationDone,
  requiredResource,
  unknownLabelSpec,
} from '../messages.ts';

export const label: Verb = {
  name: 'label',
  mutates: true,
  flags: [{ name: 'overwrite', type: 'bool' }],
  run(args, context) {
    const out = context.output;
    const resolved = targetAndSpecs(args.positionals, 'label');
    if ('error' in resolved) return out.fail(resolved.error);
    const { target, specs } = resolved;
    if (target.names.length === 0) return out.fail(requiredResource('label'));
    if (specs.length === 0) return out.fail(labelNeedsSpec());
    const add: [string, string][] = [];
    const remove: string[] = [];
    for (const spec of specs) {
      if (spec.includes('=')) {
        const parts = spec.split('=');
        if (parts.length !== 2) return out.fail(invalidLabelSpec(spec));
        const valueProblems = isValidLabelValue(parts[1]);
        // parseLabels joins the problems with ";" (no space).
        if (valueProblems.length > 0)
          return out.fail(invalidLabelValue(spec, valueProblems.join(';')));
        add.push([parts[0], parts[1]]);
      } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
      else return out.fail(unknownLabelSpec(spec));
    }
    if (remove.some((key) => add.some(([k]) => k === key))) return out.fail(labelModifyAndRemove());
    const overwrite = boolFlag(args, 'overwrite');
    const object = fetchCopy(context, target.type.kind, target.names[0]);
    if (!object) return 1;
    const labels: Record<string, string> = { ...(object.metadata.labels ?? {}) };
    const before = JSON.stringify(labels);
    for (const [key, value] of add) {
      if (!overwrite && Object.hasOwn(labels, key) && labels[key] !== value)
        return out.fail(labelAlreadyHasValue(key, labels[key]));
      labels[key] = value;
    }
    for (const key of remove) {
      if (!Object.hasOwn(labels, key)) out.print(labelNotFound(key));
      delete labels[key];
    }
    const after = JSON.stringify(labels);
    let message = 'not labeled';
    if (before !== after) {
      message = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
      object.metadata.labels = labels;
      if (!sendUpdate(context, object)) return 1;
    }
    out.print(operationDone(target.type.singular, object.metadata.name, message));
    return 0;
  },
};
