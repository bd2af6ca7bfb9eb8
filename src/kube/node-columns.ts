/**
 * The node columns of `kubectl get nodes` (STATUS, ROLES, and the `-o wide` addresses and
 * versions), computed as printNode of pkg/printers/internalversion/printers.go computes them.
 * The console prints them, kubectl describe reuses ROLES, and the node cards show them.
 */
import type { Node } from './types.ts';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/**
 * From a node, its STATUS: `Ready`, `NotReady`, or `Unknown` without a Ready condition, then
 * `,SchedulingDisabled` when cordoned. Like printNode's condition map, the last Ready
 * condition listed wins.
 */
export function nodeStatusText(node: Node): string {
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) {
    if (c.type === 'Ready') ready = c.status === 'True' ? 'Ready' : 'NotReady';
  }
  const status = [ready ?? 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/**
 * From a node, its roles, sorted and without repeats: the `<role>` of each
 * `node-role.kubernetes.io/<role>` label and the value of a `kubernetes.io/role` label
 * (printers.go findNodeRoles).
 */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = key.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === NODE_LABEL_ROLE && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

/** From a node, its ROLES cell: the roles joined by commas, `<none>` without any. */
export function nodeRolesText(node: Node): string {
  const roles = findNodeRoles(node);
  return roles.length === 0 ? '<none>' : roles.join(',');
}

/** kubectl's `-o wide` columns for one node. */
export interface NodeWideColumns {
  internalIP: string;
  externalIP: string;
  osImage: string;
  kernelVersion: string;
  containerRuntime: string;
}

/** From a node, its `-o wide` cells: the first address of each type, `<unknown>` for blank versions. */
export function nodeWideColumns(node: Node): NodeWideColumns {
  const address = (type: string): string =>
    node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
  const info = node.status?.nodeInfo;
  return {
    internalIP: address('InternalIP'),
    externalIP: address('ExternalIP'),
    osImage: info?.osImage || '<unknown>',
    kernelVersion: info?.kernelVersion || '<unknown>',
    containerRuntime: info?.containerRuntimeVersion || '<unknown>',
  };
}
