/**
 * Taints and tolerations: ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go) and
 * FindMatchingUntoleratedTaint (staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go),
 * plus the TaintToleration filter's wording (pkg/scheduler/framework/plugins/tainttoleration).
 */
import { taintText } from '../../kube/taints.ts';
import type { Taint, Toleration, VerdictItem } from '../types.ts';

/** From a toleration and a taint, whether the toleration tolerates it. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** From tolerations and a taint, the first toleration that tolerates it. */
export function findToleration(
  tolerations: readonly Toleration[],
  taint: Taint,
): Toleration | undefined {
  for (const toleration of tolerations) if (toleratesTaint(toleration, taint)) return toleration;
  return undefined;
}

/** From taints, tolerations and an effect filter, the first taint (in node order) that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[],
  include: (taint: Taint) => boolean,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (include(taint) && !findToleration(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Effects the scheduler and the DaemonSet controller enforce. */
export function isHardEffect(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** From a toleration, a compact description such as `{key: dedicated, operator: Exists}`. */
export function formatToleration(t: Toleration): string {
  const parts: string[] = [];
  if (t.key) parts.push(`key: ${t.key}`);
  parts.push(`operator: ${t.operator ?? 'Equal'}`);
  if (t.value) parts.push(`value: ${t.value}`);
  if (t.effect) parts.push(`effect: ${t.effect}`);
  if (t.tolerationSeconds !== undefined) parts.push(`tolerationSeconds: ${t.tolerationSeconds}`);
  return `{${parts.join(', ')}}`;
}

/** From a taint, the TaintToleration plugin's rejection reason (v1.32 wording). */
export function untoleratedTaintMessage(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** From taints and tolerations, one verdict item per taint saying which toleration matched. */
export function describeTaints(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[],
): VerdictItem[] {
  return (taints ?? []).map((taint) => {
    const match = findToleration(tolerations, taint);
    if (taint.effect === 'PreferNoSchedule') {
      return {
        subject: taintText(taint),
        passed: true,
        detail: match
          ? `tolerated by ${formatToleration(match)}`
          : 'PreferNoSchedule: only affects scoring',
      };
    }
    return match
      ? {
          subject: taintText(taint),
          passed: true,
          detail: `tolerated by ${formatToleration(match)}`,
        }
      : { subject: taintText(taint), passed: false, detail: untoleratedTaintMessage(taint) };
  });
}
