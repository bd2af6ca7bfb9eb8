/**
 * Taints and tolerations as kubectl words them. One spelling serves the scheduler's verdict
 * items, `kubectl taint`'s messages, kubectl describe and the node cards, so a taint reads the
 * same wherever the learner meets it.
 */
import type { Taint, Toleration } from './types.ts';

/**
 * From a taint, its text `key=value:Effect` (`key:Effect` without a value; `key=value:` or
 * `key` without an effect): mirrors Taint.ToString of staging/src/k8s.io/api/core/v1/taint.go.
 */
export function taintText(taint: Taint): string {
  if (!taint.effect) return taint.value ? `${taint.key}=${taint.value}:` : taint.key;
  return taint.value
    ? `${taint.key}=${taint.value}:${taint.effect}`
    : `${taint.key}:${taint.effect}`;
}

/**
 * From a toleration, its line in kubectl describe's Tolerations (`key=value:Effect`,
 * `key:NoExecute op=Exists for 300s`, `op=Exists` for the toleration of everything): mirrors
 * printTolerationsMultilineWithIndent of staging/src/k8s.io/kubectl/pkg/describe/describe.go.
 */
export function tolerationText(toleration: Toleration): string {
  let text = toleration.key ?? '';
  if (toleration.value) text += `=${toleration.value}`;
  if (toleration.effect) text += `:${toleration.effect}`;
  // An Exists toleration without a value is worded by its operator; alone it tolerates all.
  if (toleration.operator === 'Exists' && !toleration.value) {
    text += toleration.key || toleration.effect ? ' op=Exists' : 'op=Exists';
  }
  if (toleration.tolerationSeconds !== undefined) {
    text += ` for ${toleration.tolerationSeconds}s`;
  }
  return text;
}
