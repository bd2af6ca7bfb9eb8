/**
 * What the learner picked in the cluster view: a node, a pod, or nothing. Shared by the cluster
 * view, the table, the why panel and the page, so a click in one shows up in all of them.
 */
export type ClusterSelection =
  { kind: 'node'; name: string } | { kind: 'pod'; namespace: string; name: string } | undefined;

/** The DaemonSet whose verdicts the view explains. */
export type DaemonSetRef = { namespace: string; name: string };

/** From two selections, whether they name the same object (both empty counts as equal). */
export function isSameSelection(a: ClusterSelection, b: ClusterSelection): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'node' && b.kind === 'node') return a.name === b.name;
  if (a.kind === 'pod' && b.kind === 'pod') return a.namespace === b.namespace && a.name === b.name;
  return false;
}
