/**
 * spec.nodeSelector: every key=value must equal a node label
 * (staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go, GetRequiredNodeAffinity).
 */
import { getOwn } from '../api/records.ts';
import type { StringMap, VerdictItem } from '../types.ts';

/** From a nodeSelector and node labels, whether every entry matches. */
export function matchesNodeSelector(
  selector: StringMap | undefined,
  labels: StringMap | undefined,
): boolean {
  if (!selector) return true;
  for (const key of Object.keys(selector)) {
    if (getOwn(labels, key) !== selector[key]) return false;
  }
  return true;
}

/** From a nodeSelector and node labels, one verdict item per entry. */
export function describeNodeSelector(
  selector: StringMap | undefined,
  labels: StringMap | undefined,
): VerdictItem[] {
  if (!selector) return [];
  return Object.keys(selector).map((key) => {
    const actual = getOwn(labels, key);
    const passed = actual === selector[key];
    const detail = passed
      ? `node has ${key}=${actual}`
      : actual === undefined
        ? `node has no label ${key}`
        : `node has ${key}=${actual}`;
    return { subject: `${key}=${selector[key]}`, passed, detail };
  });
}
