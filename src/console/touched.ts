/**
 * Which objects a command changed. Every verb changes the cluster through `execute`, so the
 * console hands verbs a cluster that notes each successful operation's object: a new verb
 * reports what it touched without a line of its own, and the page reads the list instead of
 * parsing kubectl's `daemonset.apps/x created` lines.
 */
import { delegatingCluster } from '../engine/delegating-cluster.ts';
import type { Cluster, ObjectKey, Operation, OperationResult } from '../engine/operations.ts';
import type { Kind } from '../engine/types.ts';
import type { TouchedObject } from './types.ts';

/** From a cluster and a list, the same cluster that appends each object it changes to `touched`. */
export function recordingTouches(cluster: Cluster, touched: TouchedObject[]): Cluster {
  return delegatingCluster(cluster, {
    execute(operation) {
      const result = cluster.execute(operation);
      if (result.ok && !('dryRun' in operation && operation.dryRun === true)) {
        const ref = touchedKey(operation, result);
        if (ref) touched.push({ ...ref, action: result.action });
      }
      return result;
    },
  });
}

/**
 * From the list and kubectl's own word for an object, the list with that word: it replaces the
 * last entry for the same object, or is added when the command sent nothing for it.
 */
export function noteTouched(touched: TouchedObject[], report: TouchedObject): void {
  const same = (t: TouchedObject) =>
    t.kind === report.kind && t.name === report.name && t.namespace === report.namespace;
  for (let i = touched.length - 1; i >= 0; i -= 1) {
    if (same(touched[i])) {
      touched[i] = report;
      return;
    }
  }
  touched.push(report);
}

/** From a successful operation, the object it was about. */
function touchedKey(
  operation: Operation,
  result: Extract<OperationResult, { ok: true }>,
): ObjectKey | undefined {
  if (result.object) {
    const { kind, metadata } = result.object;
    return keyOf(kind, metadata.name, metadata.namespace);
  }
  switch (operation.op) {
    case 'delete':
      return keyOf(operation.key.kind, operation.key.name, operation.key.namespace);
    case 'evict':
      return keyOf('Pod', operation.name, operation.namespace);
    case 'setNodeCondition':
      return keyOf('Node', operation.node);
    default:
      return undefined;
  }
}

function keyOf(kind: Kind, name: string, namespace?: string): ObjectKey {
  return namespace === undefined ? { kind, name } : { kind, namespace, name };
}
