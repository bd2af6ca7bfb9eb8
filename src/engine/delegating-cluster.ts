/**
 * A cluster that hands every call to another, except the ones given. The console, the worker
 * and the watch wrap the engine's cluster to hear its writes, keep the page told it is alive
 * or step its clock; writing each wrapper as a full list of methods meant a method added to
 * `Cluster` had to be added to every wrapper by hand (`onWrite` was missed once).
 */
import type { Cluster } from './operations.ts';

/** The methods of a cluster (its two read-only numbers always come from the inner one). */
export type ClusterMethods = Omit<Cluster, 'now' | 'revision'>;

/** From a cluster and some of its methods replaced, the cluster that uses those and delegates the rest. */
export function delegatingCluster(inner: Cluster, overrides: Partial<ClusterMethods>): Cluster {
  return {
    get now() {
      return inner.now;
    },
    get revision() {
      return inner.revision;
    },
    execute: (operation) => inner.execute(operation),
    get: (kind, name, namespace) => inner.get(kind, name, namespace),
    list: (kind, options) => inner.list(kind, options),
    eventsFor: (kind, name, namespace) => inner.eventsFor(kind, name, namespace),
    eventsSince: (resourceVersion) => inner.eventsSince(resourceVersion),
    verdictsFor: (namespace, name) => inner.verdictsFor(namespace, name),
    advance: (ms) => inner.advance(ms),
    nextDueAt: () => inner.nextDueAt(),
    settle: (capMs) => inner.settle(capMs),
    snapshot: () => inner.snapshot(),
    view: (options) => inner.view(options),
    onWrite: (listener) => inner.onWrite(listener),
    ...overrides,
  };
}
