/**
 * NodeName: a pod that names a node fits only that node (pkg/scheduler/framework/plugins/nodename
 * and fitsNodeName in pkg/controller/daemon/daemon_controller.go predicates).
 */

/** The NodeName plugin's rejection reason. */
export const NODE_NAME_MISMATCH = "node(s) didn't match the requested node name";

/** From the pod's spec.nodeName (unset or empty = any node) and a node's name, whether they fit. */
export function matchesNodeName(wanted: string | undefined, nodeName: string): boolean {
  return !wanted || wanted === nodeName;
}
