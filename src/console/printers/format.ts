/**
 * Small formatters kubectl's printers share: label sets, label selectors and the simulated
 * wall clock, each mirroring the apimachinery/kubectl helper named in its comment. Quantities,
 * ages and node columns are in src/kube, shared with the page.
 */
import type { KubeObject, LabelSelector, StringMap } from '../../engine/types.ts';
import { EPOCH_MS } from '../../kube/constants.ts';
import { labelSelectorAsSelector, selectorToString } from '../../engine/api/labels.ts';

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: StringMap | undefined): string {
  const keys = labels ? Object.keys(labels).sort() : [];
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.FormatLabelSelector: the selector's String() form (requirements sorted by key) through
 * the API machinery, `<none>` when it selects everything or nothing, `<error>` when invalid.
 */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const parsed = labelSelectorAsSelector(selector);
  if (!parsed.ok) return '<error>';
  return selectorToString(parsed.selector) || '<none>';
}

/** From a cluster's `now` (simulated ms), epoch ms. */
export function epochMs(simulatedNow: number): number {
  return EPOCH_MS + simulatedNow;
}

/** The namespace and name of an object, as `ns/name`. */
export function namespacedName(object: KubeObject): string {
  return object.metadata.namespace
    ? `${object.metadata.namespace}/${object.metadata.name}`
    : object.metadata.name;
}
