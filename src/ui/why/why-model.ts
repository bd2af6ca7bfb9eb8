/**
 * What the why panel shows for the current selection, gathered from the snapshot: the verdict
 * the engine recorded for the (node, DaemonSet) pair, a sentence for learners, and the events
 * of the selected object. Pure, so it is unit-tested in Node.
 */
import type { ClusterSnapshot, Event, NodeVerdict, Pod } from '../../protocol/cluster.ts';
import { nodeStatusText } from '../../kube/node-columns.ts';
import { podColumns } from '../../kube/pod-columns.ts';
import { targetNodeName } from '../../kube/target-node.ts';
import { snapshotNow } from '../cluster/cluster-model.ts';
import type { ClusterSelection, DaemonSetRef } from '../cluster/selection.ts';
import { explainVerdict } from './explain.ts';

/** A pod as the panel lists it. */
export interface WhyPod {
  namespace: string;
  name: string;
  status: string;
  ready: string;
  restarts: string;
  /** "namespace/name" of the owning DaemonSet, if any. */
  owner: string | undefined;
}

/** Everything the panel draws. */
export type WhyModel =
  | { kind: 'none' }
  | { kind: 'missing'; what: string }
  | {
      kind: 'node' | 'pod';
      /** The node the verdict is about (for a pod: where it runs or is meant to). */
      node: string | undefined;
      nodeStatus: string | undefined;
      pod: (WhyPod & { scheduledMessage: string | undefined }) | undefined;
      /** The DaemonSet whose verdict is shown: the pod's owner, else the selected one. */
      daemonSet: DaemonSetRef | undefined;
      verdict: NodeVerdict | undefined;
      sentence: string | undefined;
      /** Pods on the node (node selection only). */
      pods: WhyPod[];
      /** Events about the selected object, oldest first. */
      events: Event[];
      /** Simulated epoch ms, for event ages. */
      now: number;
    };

/**
 * From a snapshot, the selected DaemonSet and the selection, what the why panel shows. For a
 * pod owned by a DaemonSet, that DaemonSet's verdict is shown even if another one is selected,
 * because that is the verdict the pod lives by.
 */
export function toWhyModel(
  snapshot: ClusterSnapshot | undefined,
  selected: DaemonSetRef | undefined,
  selection: ClusterSelection,
): WhyModel {
  if (!snapshot || !selection) return { kind: 'none' };
  const now = snapshotNow(snapshot);
  if (selection.kind === 'node') {
    const node = snapshot.objects.Node.find((n) => n.metadata.name === selection.name);
    if (!node) return { kind: 'missing', what: `Node ${selection.name} no longer exists.` };
    const pods = snapshot.objects.Pod.filter((p) => targetNodeName(p) === node.metadata.name);
    const verdict = findVerdict(snapshot, selected, node.metadata.name);
    return {
      kind: 'node',
      node: node.metadata.name,
      nodeStatus: nodeStatusText(node),
      pod: undefined,
      daemonSet: selected,
      verdict,
      sentence: verdict && selected ? sentenceFor(verdict, selected, pods, now) : undefined,
      pods: pods.map((p) => toWhyPod(p, now)),
      events: eventsFor(snapshot, 'Node', node.metadata.name, undefined),
      now,
    };
  }
  const pod = snapshot.objects.Pod.find(
    (p) =>
      p.metadata.name === selection.name &&
      (p.metadata.namespace ?? 'default') === selection.namespace,
  );
  if (!pod) return { kind: 'missing', what: `Pod ${selection.name} no longer exists.` };
  const target = targetNodeName(pod);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'DaemonSet');
  const daemonSet = owner
    ? { namespace: pod.metadata.namespace ?? 'default', name: owner.name }
    : selected;
  const node = target ? snapshot.objects.Node.find((n) => n.metadata.name === target) : undefined;
  const verdict = target ? findVerdict(snapshot, daemonSet, target) : undefined;
  const podsOnNode = target ? snapshot.objects.Pod.filter((p) => targetNodeName(p) === target) : [];
  const scheduled = pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  return {
    kind: 'pod',
    node: target,
    nodeStatus: node ? nodeStatusText(node) : undefined,
    pod: { ...toWhyPod(pod, now), scheduledMessage: scheduled?.message },
    daemonSet,
    verdict,
    sentence: verdict && daemonSet ? sentenceFor(verdict, daemonSet, podsOnNode, now) : undefined,
    pods: [],
    events: eventsFor(snapshot, 'Pod', pod.metadata.name, pod.metadata.namespace ?? 'default'),
    now,
  };
}

function findVerdict(
  snapshot: ClusterSnapshot,
  ds: DaemonSetRef | undefined,
  node: string,
): NodeVerdict | undefined {
  if (!ds) return undefined;
  return snapshot.verdicts
    .find((v) => v.namespace === ds.namespace && v.name === ds.name)
    ?.nodes.find((v) => v.node === node);
}

function sentenceFor(verdict: NodeVerdict, ds: DaemonSetRef, pods: Pod[], now: number): string {
  const own = pods.find(
    (p) =>
      (p.metadata.namespace ?? 'default') === ds.namespace &&
      p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' && o.name === ds.name) &&
      !p.metadata.deletionTimestamp,
  );
  return explainVerdict(verdict, {
    daemonSet: ds.name,
    hasPod: own !== undefined,
    podStatus: own ? podColumns(own, now).status : undefined,
  });
}

function toWhyPod(pod: Pod, now: number): WhyPod {
  const columns = podColumns(pod, now);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'DaemonSet');
  const namespace = pod.metadata.namespace ?? 'default';
  return {
    namespace,
    name: pod.metadata.name,
    status: columns.status,
    ready: columns.ready,
    restarts: columns.restarts,
    owner: owner ? `${namespace}/${owner.name}` : undefined,
  };
}

/** From the snapshot, the events whose involvedObject is this object, oldest first. */
export function eventsFor(
  snapshot: ClusterSnapshot,
  kind: string,
  name: string,
  namespace: string | undefined,
): Event[] {
  return snapshot.objects.Event.filter(
    (e) =>
      e.involvedObject.kind === kind &&
      e.involvedObject.name === name &&
      (namespace === undefined || (e.involvedObject.namespace ?? 'default') === namespace),
  ).sort(
    (a, b) =>
      Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}
