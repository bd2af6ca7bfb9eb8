/**
 * What the why panel shows for the current selection, gathered from the snapshot: the verdict
 * the engine recorded for the (node, DaemonSet) pair, a sentence for learners, and the events
 * of the selected object, led by the real reason: the engine's diagnosis of a pod that is not
 * available (or the rollout it holds up), else the verdict's sentence. Pure, so it is
 * unit-tested in Node.
 */
import type {
  ClusterSnapshot,
  Event,
  NodeVerdict,
  Pod,
  PodDiagnosis,
  RolloutDiagnosis,
} from '../../protocol/cluster.ts';
import { nodeStatusText } from '../../kube/node-columns.ts';
import { podColumns } from '../../kube/pod-columns.ts';
import { targetNodeName } from '../../kube/target-node.ts';
import { snapshotNow } from '../cluster/cluster-model.ts';
import type { ClusterSelection, DaemonSetRef } from '../cluster/selection.ts';
import { explainPod, explainRollout, explainVerdict } from './explain.ts';

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
  | ({
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
    } & WhyLead);

/** What the panel says first. */
export interface WhyLead {
  /**
   * The first thing the panel says: why the pod is not available (the engine's diagnosis), why
   * an old pod waits in a rollout, or else the verdict's sentence.
   */
  headline: string | undefined;
  /** Where the headline comes from, for styling and tests. */
  headlineFrom: 'pod' | 'rollout' | 'verdict' | undefined;
  /** The DaemonSet's rollout, when it waits and the headline is not already about it. */
  rollout: string | undefined;
}

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
    const sentence = verdict && selected ? sentenceFor(verdict, selected, pods, now) : undefined;
    const own = selected ? pods.find((p) => ownedBy(p, selected)) : undefined;
    const lead = leadFor(snapshot, own, selected, node.metadata.name, sentence, now, true);
    return {
      kind: 'node',
      node: node.metadata.name,
      nodeStatus: nodeStatusText(node),
      pod: undefined,
      daemonSet: selected,
      verdict,
      sentence,
      ...lead,
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
  const sentence =
    verdict && daemonSet ? sentenceFor(verdict, daemonSet, podsOnNode, now) : undefined;
  const lead = leadFor(snapshot, pod, owner ? daemonSet : undefined, target, sentence, now, false);
  return {
    kind: 'pod',
    node: target,
    nodeStatus: node ? nodeStatusText(node) : undefined,
    pod: { ...toWhyPod(pod, now), scheduledMessage: scheduled?.message },
    daemonSet,
    verdict,
    sentence,
    ...lead,
    pods: [],
    events: eventsFor(snapshot, 'Pod', pod.metadata.name, pod.metadata.namespace ?? 'default'),
    now,
  };
}

/** From the snapshot, the engine's diagnosis of a pod (undefined: the pod is available). */
export function diagnosisOf(
  snapshot: ClusterSnapshot,
  namespace: string,
  name: string,
): PodDiagnosis | undefined {
  return snapshot.diagnosis?.pods.find((p) => p.name === name && p.namespace === namespace)
    ?.diagnosis;
}

/** Whether a diagnosis is a failure the cluster will not get past alone (not just a pod on its way). */
function isFailing(d: PodDiagnosis | undefined): boolean {
  if (!d) return false;
  if (d.stage === 'notPlaced') return true;
  return d.stage === 'notRunning' && d.reason !== 'starting';
}

function ownedBy(pod: Pod, ds: DaemonSetRef): boolean {
  return (
    (pod.metadata.namespace ?? 'default') === ds.namespace &&
    !pod.metadata.deletionTimestamp &&
    (pod.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' && o.name === ds.name) ??
      false)
  );
}

/**
 * From the snapshot, the pod the panel is about (if any), its DaemonSet, node and the verdict's
 * sentence, what leads: an old pod held back by a rollout says so first; a pod the engine
 * diagnosed says its stage and cause (a Pending pod's cause is the verdict, as the scheduler's
 * filters decide it); otherwise the verdict speaks. The rollout follows when it waits.
 */
function leadFor(
  snapshot: ClusterSnapshot,
  pod: Pod | undefined,
  ds: DaemonSetRef | undefined,
  node: string | undefined,
  sentence: string | undefined,
  now: number,
  namePod: boolean,
): WhyLead {
  const namespace = pod?.metadata.namespace ?? 'default';
  const diagnosis = pod ? diagnosisOf(snapshot, namespace, pod.metadata.name) : undefined;
  const rollout = ds ? rolloutOf(snapshot, ds) : undefined;
  const rolloutText = rollout ? rolloutSentence(snapshot, rollout, node, now) : undefined;
  const held =
    rollout !== undefined &&
    node !== undefined &&
    rollout.waiting.some((w) => w.node === node && (!pod || w.pod === pod.metadata.name));
  if (held && rolloutText)
    return { headline: rolloutText, headlineFrom: 'rollout', rollout: undefined };
  if (diagnosis && !(diagnosis.stage === 'notPlaced' && sentence)) {
    const text = explainPod(diagnosis, { now });
    // On a node, name the pod: the panel's title is the node.
    const headline = namePod && pod ? `${pod.metadata.name}: ${text}` : text;
    return { headline, headlineFrom: 'pod', rollout: rolloutText };
  }
  if (sentence) return { headline: sentence, headlineFrom: 'verdict', rollout: rolloutText };
  return { headline: undefined, headlineFrom: undefined, rollout: rolloutText };
}

function rolloutOf(snapshot: ClusterSnapshot, ds: DaemonSetRef): RolloutDiagnosis | undefined {
  return snapshot.diagnosis?.rollouts.find(
    (r) => r.namespace === ds.namespace && r.name === ds.name,
  );
}

function rolloutSentence(
  snapshot: ClusterSnapshot,
  rollout: RolloutDiagnosis,
  node: string | undefined,
  now: number,
): string {
  const podNamed = (name: string): Pod | undefined =>
    snapshot.objects.Pod.find(
      (p) => p.metadata.name === name && (p.metadata.namespace ?? 'default') === rollout.namespace,
    );
  return explainRollout(rollout, {
    node,
    statusOf: (name) => {
      const pod = podNamed(name);
      return pod ? podColumns(pod, now).status : undefined;
    },
    failing: (name) => isFailing(diagnosisOf(snapshot, rollout.namespace, name)),
  });
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
