/**
 * Pod validation after pkg/apis/core/validation/validation.go: ValidatePodCreate (object meta,
 * pod spec, pod-only container rules) and ValidatePodUpdate (only images, activeDeadlineSeconds,
 * added tolerations and a negative grace period may change).
 */
import type { FieldError } from '../../operations.ts';
import { forbidden, invalid } from '../field-errors.ts';
import { deepEqual, num, obj, objs, str, type Obj } from './common.ts';
import { isDNS1123Subdomain, validateObjectMeta } from './names.ts';
import { validatePodSpec } from './pod-spec.ts';

/** From a defaulted Pod, ValidatePodCreate's errors. */
export function validatePod(pod: Obj): FieldError[] {
  const spec = obj(pod, 'spec') ?? {};
  const errors = [
    ...validateObjectMeta(obj(pod, 'metadata') ?? {}, true, isDNS1123Subdomain),
    ...validatePodSpec(spec, 'spec'),
  ];
  // validateContainersOnlyForPod: stray whitespace around an image is only refused on Pods,
  // because old pod templates used " " as a placeholder.
  for (const key of ['containers', 'initContainers']) {
    objs(spec, key).forEach((container, i) => {
      const image = str(container, 'image');
      if (image !== image.trim())
        errors.push(
          invalid(`spec.${key}[${i}].image`, image, 'must not have leading or trailing whitespace'),
        );
    });
  }
  return errors;
}

const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * From the new and the stored Pod, ValidatePodUpdate: the new pod must be valid and its spec may
 * differ from the old one only in the mutable fields. The Forbidden detail ends with a short
 * list of the changed fields where upstream prints a cmp.Diff of the whole spec.
 */
export function validatePodUpdate(pod: Obj, old: Obj): FieldError[] {
  const errors = validateObjectMeta(obj(pod, 'metadata') ?? {}, true, isDNS1123Subdomain);
  const spec = obj(pod, 'spec') ?? {};
  const oldSpec = obj(old, 'spec') ?? {};
  errors.push(...validatePodSpec(spec, 'spec'));

  // Copy the mutable fields from the new spec onto the old one; anything still different is forbidden.
  const munged: Obj = { ...oldSpec };
  for (const key of ['containers', 'initContainers']) {
    const newContainers = objs(spec, key);
    const oldContainers = objs(oldSpec, key);
    if (oldContainers.length === 0 && newContainers.length === 0) continue;
    munged[key] = oldContainers.map((container, i) =>
      i < newContainers.length && newContainers[i].image !== undefined
        ? { ...container, image: newContainers[i].image }
        : container,
    );
  }
  const activeDeadline = num(spec, 'activeDeadlineSeconds');
  const oldActiveDeadline = num(oldSpec, 'activeDeadlineSeconds');
  if (
    activeDeadline !== undefined &&
    (oldActiveDeadline === undefined || activeDeadline <= oldActiveDeadline)
  ) {
    munged.activeDeadlineSeconds = activeDeadline;
  }
  const grace = num(oldSpec, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace < 0 && num(spec, 'terminationGracePeriodSeconds') === 1)
    munged.terminationGracePeriodSeconds = 1;
  const oldTolerations = objs(oldSpec, 'tolerations');
  const newTolerations = objs(spec, 'tolerations');
  const onlyAdded = oldTolerations.every((t) =>
    newTolerations.some((n) => deepEqual(withoutSeconds(n), withoutSeconds(t))),
  );
  if (onlyAdded) {
    if (spec.tolerations === undefined) delete munged.tolerations;
    else munged.tolerations = spec.tolerations;
  }
  const changed = Object.keys({ ...munged, ...spec }).filter(
    (key) => !deepEqual(munged[key], spec[key]),
  );
  if (changed.length > 0) {
    const diff = changed.map((key) => `  ${key}`).join('\n');
    errors.push(forbidden('spec', `${POD_UPDATE_MESSAGE}\n  core.PodSpec{ changed:\n${diff}\n  }`));
  }
  return errors;
}

function withoutSeconds(toleration: Obj): Obj {
  const copy = { ...toleration };
  delete copy.tolerationSeconds;
  return copy;
}
