/**
 * Builders for the manifests engine tests apply, as a learner would write them (raw JSON that
 * goes through the engine's admission), and small readers of cluster state.
 */
import { createCluster } from '../../src/engine/index.ts';
import type { Cluster, DaemonSet, Node, Pod, Taint, Toleration } from '../../src/engine/index.ts';

export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  allocatable?: Record<string, string>;
}

/** From a name and options, a v1 Node manifest. */
export function nodeManifest(name: string, options: NodeOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(options.labels ? { labels: options.labels } : {}) },
    spec: {
      ...(options.taints ? { taints: options.taints } : {}),
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    ...(options.allocatable ? { status: { allocatable: options.allocatable } } : {}),
  };
}

export interface DaemonSetOptions {
  namespace?: string;
  image?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: unknown;
  updateStrategy?: unknown;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  requests?: Record<string, string>;
  hostPort?: number;
  hostNetwork?: boolean;
  priorityClassName?: string;
  command?: string[];
  initContainers?: unknown[];
  volumes?: unknown[];
  annotations?: Record<string, string>;
}

/** From a name and options, an apps/v1 DaemonSet manifest selecting `app: <name>`. */
export function daemonSetManifest(name: string, o: DaemonSetOptions = {}): Record<string, unknown> {
  const container: Record<string, unknown> = { name: 'main', image: o.image ?? 'busybox:1.36' };
  if (o.requests) container.resources = { requests: o.requests };
  if (o.hostPort) container.ports = [{ containerPort: o.hostPort, hostPort: o.hostPort }];
  if (o.command) container.command = o.command;
  const spec: Record<string, unknown> = { containers: [container] };
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  if (o.tolerations) spec.tolerations = o.tolerations;
  if (o.affinity) spec.affinity = o.affinity;
  if (o.hostNetwork) spec.hostNetwork = true;
  if (o.priorityClassName) spec.priorityClassName = o.priorityClassName;
  if (o.initContainers) spec.initContainers = o.initContainers;
  if (o.volumes) spec.volumes = o.volumes;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name },
          ...(o.annotations ? { annotations: o.annotations } : {}),
        },
        spec,
      },
      ...(o.updateStrategy ? { updateStrategy: o.updateStrategy } : {}),
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.revisionHistoryLimit !== undefined
        ? { revisionHistoryLimit: o.revisionHistoryLimit }
        : {}),
    },
  };
}

/** From a cluster and a manifest, applies it and fails the test when the engine refuses. */
export function apply(cluster: Cluster, object: unknown): void {
  const result = cluster.execute({ op: 'apply', object });
  if (!result.ok) throw new Error(`apply refused: ${JSON.stringify(result.error)}`);
}

/** From a seed and node names, a cluster with those plain nodes. */
export function clusterWithNodes(names: string[], seed = 1): Cluster {
  const cluster = createCluster({ seed });
  for (const name of names) apply(cluster, nodeManifest(name));
  return cluster;
}

/** From a cluster and a DaemonSet name, its pods (all namespaces). */
export function podsOf(cluster: Cluster, name: string, namespace = 'default'): Pod[] {
  const pods = cluster.list('Pod', { namespace, labelSelector: `app=${name}` });
  if (!Array.isArray(pods)) throw new Error(pods.error);
  return pods;
}

/** From a cluster and a DaemonSet name, its pods that are not terminating, by node. */
export function livePodsByNode(
  cluster: Cluster,
  name: string,
  namespace = 'default',
): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of podsOf(cluster, name, namespace)) {
    if (pod.metadata.deletionTimestamp) continue;
    const node = targetNode(pod) ?? '';
    out.set(node, [...(out.get(node) ?? []), pod]);
  }
  return out;
}

/** From a pod, its node or the node its matchFields term pins it to. */
export function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  return pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}

/** From a cluster and a DaemonSet name, its status. */
export function dsStatus(
  cluster: Cluster,
  name: string,
  namespace = 'default',
): DaemonSet['status'] {
  const ds = cluster.get('DaemonSet', name, namespace);
  if (!ds) throw new Error(`no daemonset ${name}`);
  return ds.status;
}

/** From a pod, whether its Ready condition is True. */
export function isReady(pod: Pod): boolean {
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** From a cluster, a node name and a change to the node, get → modify → update as kubectl does. */
export function updateNode(cluster: Cluster, name: string, change: (node: Node) => void): void {
  const node = cluster.get('Node', name);
  if (!node) throw new Error(`no node ${name}`);
  change(node);
  const result = cluster.execute({ op: 'update', object: node });
  if (!result.ok) throw new Error(`update refused: ${JSON.stringify(result.error)}`);
}

/** From a cluster, a DaemonSet name and a change, get → modify → update. */
export function updateDaemonSet(
  cluster: Cluster,
  name: string,
  change: (ds: DaemonSet) => void,
  namespace = 'default',
): void {
  const ds = cluster.get('DaemonSet', name, namespace);
  if (!ds) throw new Error(`no daemonset ${name}`);
  change(ds);
  const result = cluster.execute({ op: 'update', object: ds });
  if (!result.ok) throw new Error(`update refused: ${JSON.stringify(result.error)}`);
}

/** kubectl's STATUS column for a pod (enough of printers.go printPod for tests). */
export function podStatusColumn(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const init = pod.status.initContainerStatuses ?? [];
  for (let i = 0; i < init.length; i++) {
    const s = init[i];
    if (s.state.terminated?.exitCode === 0) continue;
    if (s.state.terminated) return `Init:${s.state.terminated.reason ?? 'Error'}`;
    if (s.state.waiting?.reason && s.state.waiting.reason !== 'PodInitializing')
      return `Init:${s.state.waiting.reason}`;
    return `Init:${i}/${init.length}`;
  }
  let reason: string = pod.status.phase;
  for (const s of pod.status.containerStatuses ?? []) {
    if (s.state.waiting?.reason) reason = s.state.waiting.reason;
    else if (s.state.terminated?.reason) reason = s.state.terminated.reason;
  }
  return reason;
}
