/**
 * The Priority admission plugin (plugin/pkg/admission/priority/admission.go) for the part that
 * needs the cluster's PriorityClasses: the store calls it on pod creation with a lookup over
 * the stored classes. `admit` already handles pods without a class and the built-in
 * system-node-critical / system-cluster-critical classes.
 */
import type { PodSpec, PriorityClass } from '../types.ts';
import { SYSTEM_PRIORITY_CLASSES } from './validation/others.ts';

export type PriorityResult = { ok: true } | { ok: false; message: string };

/**
 * From a pod's spec (changed in place) and the stored PriorityClasses, the plugin's
 * verdict: the pod gets the class's value and preemption policy; with no class name it gets the
 * global default class if one exists (name included), else priority 0. An unknown class is
 * refused with the plugin's message; the store wraps it as `pods "NAME" is forbidden: ...`.
 */
export function applyPriorityClass(
  spec: PodSpec,
  classes: readonly PriorityClass[],
): PriorityResult {
  const name = spec.priorityClassName ?? '';
  let value: number;
  let policy: PodSpec['preemptionPolicy'];
  if (name === '') {
    const globalDefault = classes
      .filter((c) => c.globalDefault === true)
      .sort((a, b) => a.value - b.value)[0];
    if (globalDefault !== undefined) spec.priorityClassName = globalDefault.metadata.name;
    value = globalDefault?.value ?? 0;
    policy = globalDefault?.preemptionPolicy ?? 'PreemptLowerPriority';
  } else if (Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name)) {
    value = SYSTEM_PRIORITY_CLASSES[name];
    policy = 'PreemptLowerPriority';
  } else {
    const found = classes.find((c) => c.metadata.name === name);
    if (found === undefined)
      return { ok: false, message: `no PriorityClass with name ${name} was found` };
    value = found.value;
    policy = found.preemptionPolicy ?? 'PreemptLowerPriority';
  }
  if (spec.priority !== undefined && spec.priority !== value && name !== '') {
    return {
      ok: false,
      message: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    };
  }
  spec.priority = value;
  spec.preemptionPolicy ??= policy;
  return { ok: true };
}
