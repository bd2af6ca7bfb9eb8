/**
 * `kubectl label TYPE NAME key=value ... | key-  [--overwrite]` (kubectl/pkg/cmd/label), with
 * the label syntax checks kubectl makes before sending anything.
 */
import type { Verb } from './verb.ts';
import { boolFlag } from '../args.ts';
import { fetchCopy, sendUpdate } from './update.ts';
import { resolveTargets } from '../targets.ts';
import {
  invalidLabelSpec,
  invalidLabelValue,
  labelAlreadyHasValue,
  labelNeedsSpec,
  labelNotFound,
  operationDone,
  requiredResource,
} from '../messages.ts';

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** IsQualifiedName's first problem, or undefined. */
export function isQualifiedName(key: string): string | undefined {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix, rest] = parts;
    if (prefix.length === 0) return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }
    name = rest;
  } else if (parts.length > 2) {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME_PART.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  }
  return undefined;
}

/** IsValidLabelValue's first problem, or undefined. */
export function isValidLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!NAME_PART.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  }
  return undefined;
}

export const label: Verb = {
  name: 'label',
  mutates: true,
  flags: [{ name: 'overwrite', type: 'bool' }],
  run(args, context) {
    const out = context.output;
    const positionals = args.positionals;
    if (positionals.length === 0) return out.fail(requiredResource('label'));
    const typeAndName = positionals[0].includes('/') ? [positionals[0]] : positionals.slice(0, 2);
    const targets = resolveTargets(typeAndName);
    if ('error' in targets) return out.fail(targets.error);
    const [target] = targets;
    if (target.names.length === 0) return out.fail(requiredResource('label'));
    const specs = positionals.slice(typeAndName.length);
    if (specs.length === 0) return out.fail(labelNeedsSpec());
    const add: [string, string][] = [];
    const remove: string[] = [];
    for (const spec of specs) {
      if (spec.endsWith('-') && !spec.includes('=')) {
        remove.push(spec.slice(0, -1));
        continue;
      }
      const parts = spec.split('=');
      if (parts.length !== 2) return out.fail(invalidLabelSpec(spec));
      const keyProblem = isQualifiedName(parts[0]);
      if (keyProblem) return out.fail(invalidLabelSpec(spec, keyProblem));
      const valueProblem = isValidLabelValue(parts[1]);
      if (valueProblem) return out.fail(invalidLabelValue(spec, valueProblem));
      add.push([parts[0], parts[1]]);
    }
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
