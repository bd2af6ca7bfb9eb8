/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) rejects pods unless they tolerate
 * node.kubernetes.io/unschedulable:NoSchedule (pkg/scheduler/framework/plugins/nodeunschedulable).
 */
import type { Node, Toleration } from '../types.ts';
import { findToleration } from './taints.ts';

export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';
/** The plugin's rejection reason. */
export const UNSCHEDULABLE_MESSAGE = 'node(s) were unschedulable';

/** From a node and a pod's tolerations, whether the pod may be placed there. */
export function passesUnschedulable(node: Node, tolerations: readonly Toleration[]): boolean {
  if (!node.spec?.unschedulable) return true;
  return (
    findToleration(tolerations, { key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule' }) !==
    undefined
  );
}
