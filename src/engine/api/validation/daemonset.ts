/**
 * DaemonSet validation after pkg/apis/apps/validation/validation.go (ValidateDaemonSet,
 * ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet,
 * ValidatePositiveIntOrPercent, IsNotMoreThan100Percent) and the update rule of
 * pkg/registry/apps/daemonset/strategy.go (apps/v1 selectors are immutable).
 */
import type { FieldError } from '../../operations.ts';
import type { LabelSelector } from '../../types.ts';
import { forbidden, invalid, notSupported, required } from '../field-errors.ts';
import { labelSelectorAsSelector, matchesSelector } from '../labels.ts';
import {
  FIELD_IMMUTABLE_MESSAGE,
  deepEqual,
  num,
  obj,
  str,
  strMap,
  validateNonnegative,
  type Obj,
} from './common.ts';
import { validateLabelSelector } from './label-selector.ts';
import { isDNS1123Subdomain, validateObjectMeta } from './names.ts';
import { validatePodTemplateSpec } from './pod-spec.ts';

const PERCENT_RE = /^[0-9]+%$/;
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** intstr.IntValue(): a string reads as strconv.Atoi, 0 when it is not a plain integer. */
function intValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : 0;
  }
  return 0;
}

/** getIntOrPercentValue: the percent number for a valid percent, else IntValue(). */
function intOrPercentValue(value: unknown): number {
  if (typeof value === 'string' && PERCENT_RE.test(value)) return intValue(value.slice(0, -1));
  return intValue(value);
}

/** ValidatePositiveIntOrPercent. */
function validatePositiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string')
    return PERCENT_RE.test(value) ? [] : [invalid(path, value, PERCENT_MESSAGE, 'IntOrString')];
  if (typeof value === 'number') return validateNonnegative(value, path);
  return [];
}

/** IsNotMoreThan100Percent. */
function isNotMoreThan100Percent(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'string' || !PERCENT_RE.test(value)) return [];
  return intValue(value.slice(0, -1)) > 100
    ? [invalid(path, value, 'must not be greater than 100%', 'IntOrString')]
    : [];
}

/** From a rollingUpdate block and its path, ValidateRollingUpdateDaemonSet. */
function validateRollingUpdate(rollingUpdate: Obj, path: string): FieldError[] {
  const maxUnavailable = rollingUpdate.maxUnavailable ?? 0;
  const maxSurge = rollingUpdate.maxSurge ?? 0;
  const errors: FieldError[] = [
    ...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`),
    ...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`),
    ...isNotMoreThan100Percent(maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errors.push(
      invalid(
        `${path}.maxSurge`,
        maxSurge,
        'may not be set when maxUnavailable is non-zero',
        'IntOrString',
      ),
    );
  } else if (!hasUnavailable && !hasSurge) {
    errors.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return errors;
}

/** From an update strategy and its path, ValidateDaemonSetUpdateStrategy (OnDelete checks nothing). */
function validateUpdateStrategy(strategy: Obj | undefined, path: string): FieldError[] {
  const type = str(strategy, 'type');
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') {
    const rollingUpdate = obj(strategy, 'rollingUpdate');
    if (rollingUpdate === undefined) return [required(`${path}.rollingUpdate`)];
    return validateRollingUpdate(rollingUpdate, `${path}.rollingUpdate`);
  }
  // Upstream passes the whole strategy struct as the bad value.
  const error = notSupported(path, strategy ?? {}, ['RollingUpdate', 'OnDelete']);
  return [{ ...error, valueType: 'apps.DaemonSetUpdateStrategy' }];
}

/**
 * From a defaulted DaemonSet spec and its path, ValidateDaemonSetSpec: selector syntax, selector
 * matches template labels (a missing selector matches nothing), no empty selector, the pod
 * template, restartPolicy Always, no activeDeadlineSeconds, counters and update strategy.
 */
export function validateDaemonSetSpec(spec: Obj, path = 'spec'): FieldError[] {
  const errors: FieldError[] = [];
  const selector = obj(spec, 'selector');
  errors.push(...validateLabelSelector(selector, `${path}.selector`));
  const template = obj(spec, 'template');
  const templateLabels = strMap(obj(template, 'metadata'), 'labels');
  const parsed = labelSelectorAsSelector(selector as LabelSelector | undefined);
  if (parsed.ok && !matchesSelector(parsed.selector, templateLabels)) {
    errors.push(
      invalid(
        `${path}.template.metadata.labels`,
        templateLabels,
        '`selector` does not match template `labels`',
        'map[string]string',
      ),
    );
  }
  if (selector !== undefined) {
    const matchLabels = obj(selector, 'matchLabels');
    const expressions = selector.matchExpressions;
    const count =
      Object.keys(matchLabels ?? {}).length + (Array.isArray(expressions) ? expressions.length : 0);
    if (count === 0)
      errors.push(
        invalid(
          `${path}.selector`,
          selector,
          'empty selector is invalid for daemonset',
          'LabelSelector',
        ),
      );
  }
  errors.push(...validatePodTemplateSpec(template, `${path}.template`));
  const podSpec = obj(template, 'spec');
  const restartPolicy = str(podSpec, 'restartPolicy');
  if (restartPolicy !== 'Always')
    errors.push(notSupported(`${path}.template.spec.restartPolicy`, restartPolicy, ['Always']));
  if (podSpec?.activeDeadlineSeconds !== undefined) {
    errors.push(
      forbidden(
        `${path}.template.spec.activeDeadlineSeconds`,
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
  errors.push(...validateNonnegative(num(spec, 'minReadySeconds') ?? 0, `${path}.minReadySeconds`));
  errors.push(...validateUpdateStrategy(obj(spec, 'updateStrategy'), `${path}.updateStrategy`));
  errors.push(
    ...validateNonnegative(num(spec, 'revisionHistoryLimit'), `${path}.revisionHistoryLimit`),
  );
  return errors;
}

/** From a defaulted DaemonSet, ValidateDaemonSet: metadata (DNS-1123 subdomain name) and spec. */
export function validateDaemonSet(ds: Obj): FieldError[] {
  return [
    ...validateObjectMeta(obj(ds, 'metadata') ?? {}, true, isDNS1123Subdomain),
    ...validateDaemonSetSpec(obj(ds, 'spec') ?? {}),
  ];
}

/**
 * From the new and the stored DaemonSet, ValidateDaemonSetUpdate: everything ValidateDaemonSet
 * checks, plus the apps/v1 rule that `spec.selector` never changes.
 */
export function validateDaemonSetUpdate(ds: Obj, old: Obj): FieldError[] {
  const errors = validateDaemonSet(ds);
  const selector = obj(obj(ds, 'spec'), 'selector');
  const oldSelector = obj(obj(old, 'spec'), 'selector');
  if (!deepEqual(normalizeSelector(selector), normalizeSelector(oldSelector))) {
    errors.push(invalid('spec.selector', selector, FIELD_IMMUTABLE_MESSAGE, 'LabelSelector'));
  }
  return errors;
}

/** Empty matchLabels/matchExpressions and absent ones are the same selector once stored. */
function normalizeSelector(selector: Obj | undefined): unknown {
  if (selector === undefined) return undefined;
  const out: Obj = {};
  const labels = obj(selector, 'matchLabels');
  if (labels !== undefined && Object.keys(labels).length > 0) out.matchLabels = labels;
  const expressions = selector.matchExpressions;
  if (Array.isArray(expressions) && expressions.length > 0) out.matchExpressions = expressions;
  return out;
}
