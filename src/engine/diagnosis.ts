/**
 * Diagnosis: for every pod that is not available, the stage it is stuck at and the typed reason
 * (a missing ConfigMap volume, an image the registry does not have, a crash loop, an init
 * container waiting for a Service, readiness, minReadySeconds), and for every DaemonSet in the
 * middle of a rollout, the budget figures the rolling update walk works with. Read from the
 * pods' status, the kubelet's rules and the store, never from event or message text, so the why
 * panel only has to word it.
 *
 * Cheap by construction: pods are watched only while they are not Ready (or terminating), so a
 * healthy cluster has nothing to look at; a DaemonSet's rollout is walked only while its status
 * says it is not done; the result is kept for a revision, and an unchanged entry (or the whole
 * result) keeps its identity.
 */
import { containerBehaviour } from './kubelet/commands.ts';
import { crashBackOffMs, findMissingVolume } from './kubelet/kubelet.ts';
import { readyStatus } from './controllers/node-lifecycle.ts';
import { TEMPLATE_GENERATION_ANNOTATION, isPodAvailable } from './controllers/daemonset.ts';
import type { DaemonSetController } from './controllers/daemonset-controller.ts';
import { currentHash } from './controllers/history.ts';
import {
  budgets,
  isPodUpdated,
  rollingUpdate,
  type RolloutTally,
} from './controllers/rolling-update.ts';
import { fromTimestamp, toTimestamp } from './clock.ts';
import { pullImage } from './registry.ts';
import { getOwn } from './api/records.ts';
import { controllerUid, type Change } from './store.ts';
import type {
  Container,
  ContainerStatus,
  DaemonSet,
  IntOrString,
  KubeObject,
  Node,
  Pod,
} from './types.ts';

/** Why a bound pod's containers are not running. */
export type NotRunning =
  | {
      stage: 'notRunning';
      /** A configMap or secret volume's object is missing: the kubelet cannot mount it (FailedMount). */
      reason: 'missingVolume';
      volume: string;
      source: 'ConfigMap' | 'Secret';
      /** The missing object's name. */
      name: string;
    }
  | {
      stage: 'notRunning';
      /** The image cannot be pulled (ErrImagePull, then ImagePullBackOff). */
      reason: 'imagePull';
      container: string;
      init: boolean;
      image: string;
      /** The registry's answer, e.g. `... not found`; undefined when it would now serve the image. */
      answer: string | undefined;
      /** True once the kubelet backs off between pulls (ImagePullBackOff). */
      backOff: boolean;
    }
  | {
      stage: 'notRunning';
      /** An init container loops until a Service resolves; the next containers wait for it. */
      reason: 'initWaiting';
      container: string;
      service: string;
    }
  | {
      stage: 'notRunning';
      /** A container exits and the kubelet restarts it with a growing back-off. */
      reason: 'crashLoop';
      container: string;
      init: boolean;
      /** The last exit code. */
      exitCode: number;
      restarts: number;
      /** The current back-off (0: restarted at once). */
      backOffMs: number;
      /** When the kubelet starts it again, while it waits (CrashLoopBackOff). */
      retryAt: string | undefined;
    }
  | {
      stage: 'notRunning';
      /** Still on its way: mounting, pulling or starting, with nothing failing yet. */
      reason: 'starting';
      container: string | undefined;
    };

/** Why a pod whose containers run is not available to its DaemonSet. */
export type NotAvailable =
  | {
      stage: 'notAvailable';
      /** The node is not Ready, so the kubelet reports no container ready. */
      reason: 'nodeNotReady';
      node: string;
    }
  | {
      stage: 'notAvailable';
      /** A container is not ready yet: its readiness probe has not passed (or, without one, the next status sync). */
      reason: 'readiness';
      container: string;
      probe: boolean;
    }
  | {
      stage: 'notAvailable';
      /** Ready, but not for minReadySeconds yet. */
      reason: 'minReadySeconds';
      minReadySeconds: number;
      /** When the pod counts as available. */
      availableAt: string;
    };

/** Where a pod that is not available is stuck, and why. */
export type PodDiagnosis =
  | { stage: 'terminating' }
  | { stage: 'finished'; phase: 'Succeeded' | 'Failed' }
  | {
      stage: 'notPlaced';
      /** The PodScheduled condition's reason and message (the scheduler's filters), if it has run. */
      reason: string | undefined;
      message: string | undefined;
    }
  | NotRunning
  | NotAvailable;

/** One pod's diagnosis. */
export interface PodDiagnosisEntry {
  namespace: string;
  name: string;
  uid: string;
  diagnosis: PodDiagnosis;
}

/** A DaemonSet whose pods do not all run the current template yet, in the rolling update's numbers. */
export interface RolloutDiagnosis {
  namespace: string;
  name: string;
  strategy: 'RollingUpdate' | 'OnDelete';
  /** Nodes that should run the DaemonSet. */
  desired: number;
  /** Nodes whose pod runs the current template. */
  updated: number;
  /** Nodes that still have an old pod. */
  old: number;
  /** The budgets as the controller scales them against `desired`. */
  maxUnavailable: number;
  maxSurge: number;
  /** As written in the spec, e.g. "25%" (undefined: the default). */
  maxUnavailableSpec: IntOrString | undefined;
  maxSurgeSpec: IntOrString | undefined;
  /**
   * The nodes that use up the budget (counted unavailable without surge, surging with it), with
   * the pod that is not available there (none when the node lacks a pod or has several).
   */
  taken: { node: string; pod: string | undefined }[];
  /** Nodes whose old pod waits (RollingUpdate: for a free slot; OnDelete: to be deleted). */
  waiting: { node: string; pod: string }[];
}

/** Every diagnosis of a cluster at one revision. */
export interface ClusterDiagnosis {
  /** Pods that are not available, in (namespace, name) order; a pod not listed is available. */
  pods: PodDiagnosisEntry[];
  /** DaemonSets in the middle of a rollout, in (namespace, name) order. */
  rollouts: RolloutDiagnosis[];
}

/** What a pod's diagnosis reads besides the pod. */
export interface PodDiagnosisContext {
  now: number;
  /** From a kind and "namespace/name", whether that object exists. */
  exists(kind: 'ConfigMap' | 'Secret' | 'Service', key: string): boolean;
  node(name: string): Node | undefined;
  /** minReadySeconds of the pod's owning DaemonSet (0 without one). */
  minReadySeconds(pod: Pod): number;
}

/** From a pod, whether it might need explaining: not Ready, not Running, or terminating. */
function mayNeedExplaining(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') return true;
  return !pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * From a pod and what else it depends on, where it is stuck and why, or undefined when it is
 * available. Bound pods are read stage by stage as the kubelet walks them: volumes, then each
 * container in start order (init containers first), then readiness and minReadySeconds.
 */
export function diagnosePod(pod: Pod, context: PodDiagnosisContext): PodDiagnosis | undefined {
  if (pod.metadata.deletionTimestamp) return { stage: 'terminating' };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { stage: 'finished', phase };
  if (!pod.spec.nodeName) {
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    return { stage: 'notPlaced', reason: scheduled?.reason, message: scheduled?.message };
  }
  // No pod IP yet: the sandbox is not created, which only a volume that cannot be mounted stops.
  if (!pod.status?.podIP) {
    const missing = findMissingVolume(pod, (kind, key) => context.exists(kind, key));
    if (missing) return { stage: 'notRunning', reason: 'missingVolume', ...missing };
  }
  const failing = failingContainer(pod, context);
  if (failing) return failing;
  const waiting = firstWaiting(pod);
  if (waiting || phase !== 'Running')
    return { stage: 'notRunning', reason: 'starting', container: waiting };
  const ready = pod.status.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') {
    const node = context.node(pod.spec.nodeName);
    if (!node || readyStatus(node) !== 'True')
      return { stage: 'notAvailable', reason: 'nodeNotReady', node: pod.spec.nodeName };
    const statuses = pod.status.containerStatuses ?? [];
    const index = statuses.findIndex((s) => !s.ready);
    const container = pod.spec.containers[Math.max(0, index)];
    return {
      stage: 'notAvailable',
      reason: 'readiness',
      container: container?.name ?? '',
      probe: container?.readinessProbe !== undefined,
    };
  }
  const minReady = context.minReadySeconds(pod);
  if (minReady > 0 && !isPodAvailable(pod, minReady, context.now)) {
    const since = ready.lastTransitionTime ? fromTimestamp(ready.lastTransitionTime) : context.now;
    return {
      stage: 'notAvailable',
      reason: 'minReadySeconds',
      minReadySeconds: minReady,
      availableAt: toTimestamp(since + minReady * 1000),
    };
  }
  return undefined;
}

/** From a pod, the first container (init containers first) whose state is a failure the kubelet retries. */
function failingContainer(pod: Pod, context: PodDiagnosisContext): NotRunning | undefined {
  const groups: [Container[], ContainerStatus[], boolean][] = [
    [pod.spec.initContainers ?? [], pod.status?.initContainerStatuses ?? [], true],
    [pod.spec.containers, pod.status?.containerStatuses ?? [], false],
  ];
  for (const [containers, statuses, init] of groups) {
    for (let i = 0; i < containers.length; i++) {
      const container = containers[i];
      const status = statuses[i];
      if (!status) continue;
      const waiting = status.state.waiting?.reason;
      if (waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff') {
        const image = container.image ?? '';
        const result = pullImage(image);
        return {
          stage: 'notRunning',
          reason: 'imagePull',
          container: container.name,
          init,
          image,
          answer: result.ok ? undefined : result.message,
          backOff: waiting === 'ImagePullBackOff',
        };
      }
      const behaviour = containerBehaviour(container);
      const crashed = status.state.terminated ?? status.lastState.terminated;
      const exits = behaviour.kind === 'exit' && (behaviour.code !== 0 || !init);
      if (
        waiting === 'CrashLoopBackOff' ||
        (status.state.terminated && status.state.terminated.exitCode !== 0) ||
        (exits && status.restartCount > 0)
      ) {
        const backOffMs = crashBackOffMs(status.restartCount);
        const finished = status.lastState.terminated?.finishedAt;
        return {
          stage: 'notRunning',
          reason: 'crashLoop',
          container: container.name,
          init,
          exitCode: crashed?.exitCode ?? (behaviour.kind === 'exit' ? behaviour.code : 1),
          restarts: status.restartCount,
          backOffMs: waiting === 'CrashLoopBackOff' ? backOffMs : 0,
          retryAt:
            waiting === 'CrashLoopBackOff' && finished
              ? toTimestamp(fromTimestamp(finished) + backOffMs)
              : undefined,
        };
      }
      if (
        init &&
        status.state.running &&
        behaviour.kind === 'nslookup' &&
        !context.exists('Service', `${pod.metadata.namespace ?? 'default'}/${behaviour.service}`)
      )
        return {
          stage: 'notRunning',
          reason: 'initWaiting',
          container: container.name,
          service: behaviour.service,
        };
    }
  }
  return undefined;
}

/** From a pod, the first container (init containers first) still waiting to run, by name. */
function firstWaiting(pod: Pod): string | undefined {
  const init = pod.status?.initContainerStatuses ?? [];
  const specInit = pod.spec.initContainers ?? [];
  for (let i = 0; i < init.length; i++) {
    // A finished init container is done; a running one that is not a sidecar still holds the rest.
    if (init[i].state.terminated?.exitCode === 0) continue;
    if (init[i].state.waiting || (init[i].state.running && specInit[i]?.restartPolicy !== 'Always'))
      return init[i].name;
  }
  return (pod.status?.containerStatuses ?? []).find((s) => s.state.waiting)?.name;
}

/**
 * From the DaemonSet controller and a DaemonSet, its rollout in the budget's numbers, or
 * undefined when every pod already runs the current template. The figures come from the very
 * walk the controller runs (rolling-update.ts rollingUpdate), asked to name its nodes.
 */
export function diagnoseRollout(
  controller: DaemonSetController,
  ds: DaemonSet,
): RolloutDiagnosis | undefined {
  const profile = controller.daemonProfile(ds);
  const decide = controller.shouldRunFor(profile);
  const hash = currentHash(controller, ds, profile.templateJson);
  const templateGeneration = getOwn(ds.metadata.annotations, TEMPLATE_GENERATION_ANNOTATION);
  const byNode = controller.podsByNodeOf(ds.metadata.uid);
  const nodes = controller.nodeList();
  let desired = 0;
  for (const node of nodes) if (decide(node).shouldRun) desired++;
  let updated = 0;
  const oldPods: { node: string; pod: string }[] = [];
  for (const [node, pods] of byNode) {
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (isPodUpdated(pod, hash, templateGeneration)) updated++;
      else oldPods.push({ node, pod: pod.metadata.name });
    }
  }
  if (oldPods.length === 0) return undefined;
  const rolling = ds.spec.updateStrategy?.rollingUpdate;
  const { maxSurge, maxUnavailable } = budgets(ds, desired);
  const base = {
    namespace: ds.metadata.namespace ?? 'default',
    name: ds.metadata.name,
    desired,
    updated,
    old: oldPods.length,
    maxUnavailable,
    maxSurge,
    maxUnavailableSpec: rolling?.maxUnavailable,
    maxSurgeSpec: rolling?.maxSurge,
  };
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    return { ...base, strategy: 'OnDelete', taken: [], waiting: oldPods.sort(byNodeName) };
  const tally: RolloutTally = { taken: [], waiting: [] };
  const minReady = ds.spec.minReadySeconds ?? 0;
  // Nodes that are gone but still hold pods come last, in name order (few or none).
  const gone = [...byNode.keys()].filter((name) => !controller.node(name)).sort();
  rollingUpdate({
    ds,
    hash,
    templateGeneration,
    desired,
    tally,
    // The controller's order: nodes with pods or that should run one, then nodes that are gone.
    forEachNode: (visit) => {
      for (const node of nodes) {
        const pods = byNode.get(node.metadata.name);
        if (pods || decide(node).shouldRun) visit(node.metadata.name, pods ?? []);
      }
      for (const name of gone) visit(name, byNode.get(name) ?? []);
    },
    isAvailable: (pod) => isPodAvailable(pod, minReady, controller.now),
    shouldRun: (name) => {
      const node = controller.node(name);
      return node ? decide(node).shouldRun : false;
    },
  });
  return {
    ...base,
    strategy: 'RollingUpdate',
    taken: tally.taken.map((t) => ({ node: t.node, pod: t.pod?.metadata.name })),
    waiting: tally.waiting
      .map((w) => ({ node: w.node, pod: w.pod.metadata.name }))
      .sort(byNodeName),
  };
}

function byNodeName(a: { node: string }, b: { node: string }): number {
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** Whether a DaemonSet's status says its rollout may not be done (cheap, so settled ones are skipped). */
function mayBeRolling(ds: DaemonSet): boolean {
  const s = ds.status;
  if (!s) return true;
  return (
    s.observedGeneration !== ds.metadata.generation ||
    (s.updatedNumberScheduled ?? 0) !== s.currentNumberScheduled ||
    (s.numberUnavailable ?? 0) > 0
  );
}

/** What the diagnoser reads from the cluster. */
export interface DiagnoserSource {
  readonly now: number;
  readonly revision: number;
  readonly daemonSets: DaemonSetController;
  /** Sorted as the API server lists them. */
  sortedDaemonSets(): readonly DaemonSet[];
  pod(key: string): Pod | undefined;
  exists(kind: 'ConfigMap' | 'Secret' | 'Service', key: string): boolean;
}

const EMPTY: ClusterDiagnosis = Object.freeze({
  pods: Object.freeze([]) as unknown as PodDiagnosisEntry[],
  rollouts: Object.freeze([]) as unknown as RolloutDiagnosis[],
});

/**
 * Keeps the set of pods that may need explaining as pods change (one check per pod write), and
 * builds the cluster's diagnosis on demand, once per revision.
 */
export class Diagnoser {
  /** "namespace/name" of pods that are not Ready or are terminating. */
  private watched = new Set<string>();
  private last: { revision: number; result: ClusterDiagnosis } | undefined;
  /** Last entries by uid and rollouts by key, so an unchanged one keeps its identity. */
  private entries = new Map<string, { json: string; value: PodDiagnosisEntry }>();
  private rollouts = new Map<string, { json: string; value: RolloutDiagnosis }>();
  /** Pod writes per controller uid: a rollout is walked again only when its own pods changed. */
  private podWrites = new Map<string, number>();
  /** Each DaemonSet's last rollout walk and what it read, by uid. */
  private walks = new Map<
    string,
    { rv: string; nodes: readonly Node[]; writes: number; result: RolloutDiagnosis | undefined }
  >();

  /** From a stored change, keeps the watched set current. */
  observe(kind: string, object: KubeObject, change: Change): void {
    if (kind !== 'Pod') return;
    const owner = controllerUid(object);
    if (owner) this.podWrites.set(owner, (this.podWrites.get(owner) ?? 0) + 1);
    const key = `${object.metadata.namespace ?? 'default'}/${object.metadata.name}`;
    if (change !== 'delete' && mayNeedExplaining(object as Pod)) this.watched.add(key);
    else this.watched.delete(key);
  }

  /** Forgets everything and watches these pods (after a restore, which writes without changes). */
  reset(pods: Iterable<Pod>): void {
    this.watched.clear();
    this.last = undefined;
    this.entries.clear();
    this.rollouts.clear();
    this.podWrites.clear();
    this.walks.clear();
    for (const pod of pods) this.observe('Pod', pod, 'add');
  }

  /** From the cluster, its diagnosis now: the same object while nothing it reads changed. */
  diagnose(source: DiagnoserSource): ClusterDiagnosis {
    if (this.last?.revision === source.revision) return this.last.result;
    const dsList = source.sortedDaemonSets();
    const minReadyByUid = new Map<string, number>();
    for (const ds of dsList)
      if ((ds.spec.minReadySeconds ?? 0) > 0)
        minReadyByUid.set(ds.metadata.uid, ds.spec.minReadySeconds ?? 0);
    const context: PodDiagnosisContext = {
      now: source.now,
      exists: (kind, key) => source.exists(kind, key),
      node: (name) => source.daemonSets.node(name),
      minReadySeconds: (pod) => {
        const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
        return owner ? (minReadyByUid.get(owner.uid) ?? 0) : 0;
      },
    };
    // Ready pods are explained only while minReadySeconds keeps them unavailable.
    const keys = new Set(this.watched);
    for (const uid of minReadyByUid.keys())
      for (const pods of source.daemonSets.podsByNodeOf(uid).values())
        for (const pod of pods)
          keys.add(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    const pods: PodDiagnosisEntry[] = [];
    const seen = new Set<string>();
    let reused = 0;
    for (const key of [...keys].sort()) {
      const pod = source.pod(key);
      if (!pod) continue;
      const diagnosis = diagnosePod(pod, context);
      if (!diagnosis) continue;
      const entry: PodDiagnosisEntry = {
        namespace: pod.metadata.namespace ?? 'default',
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        diagnosis,
      };
      const kept = keep(this.entries, pod.metadata.uid, entry);
      seen.add(pod.metadata.uid);
      if (kept.reused) reused++;
      pods.push(kept.value);
    }
    for (const uid of [...this.entries.keys()]) if (!seen.has(uid)) this.entries.delete(uid);
    const rollouts: RolloutDiagnosis[] = [];
    const seenRollouts = new Set<string>();
    let reusedRollouts = 0;
    for (const ds of dsList) {
      if (ds.metadata.deletionTimestamp || !mayBeRolling(ds)) continue;
      const kept = this.walk(source, ds);
      if (!kept) continue;
      seenRollouts.add(`${kept.value.namespace}/${kept.value.name}`);
      if (kept.reused) reusedRollouts++;
      rollouts.push(kept.value);
    }
    for (const key of [...this.rollouts.keys()])
      if (!seenRollouts.has(key)) this.rollouts.delete(key);
    for (const uid of [...this.walks.keys()])
      if (!dsList.some((ds) => ds.metadata.uid === uid)) this.walks.delete(uid);
    const previous = this.last?.result;
    let result: ClusterDiagnosis;
    if (pods.length === 0 && rollouts.length === 0) result = EMPTY;
    else if (
      previous &&
      reused === pods.length &&
      previous.pods.length === pods.length &&
      pods.every((p, i) => previous.pods[i] === p) &&
      reusedRollouts === rollouts.length &&
      previous.rollouts.length === rollouts.length &&
      rollouts.every((r, i) => previous.rollouts[i] === r)
    )
      result = previous;
    else
      result = Object.freeze({
        pods: Object.freeze(pods),
        rollouts: Object.freeze(rollouts),
      }) as ClusterDiagnosis;
    this.last = { revision: source.revision, result };
    return result;
  }

  /**
   * From the cluster and a DaemonSet, its rollout diagnosis, walked again only when the
   * DaemonSet (its resourceVersion: the store edits objects in place), the node list or its
   * pods changed (or always with minReadySeconds, where
   * availability moves with time).
   */
  private walk(
    source: DiagnoserSource,
    ds: DaemonSet,
  ): { value: RolloutDiagnosis; reused: boolean } | undefined {
    const nodes = source.daemonSets.nodeList();
    const writes = this.podWrites.get(ds.metadata.uid) ?? 0;
    const last = this.walks.get(ds.metadata.uid);
    if (
      last &&
      last.rv === ds.metadata.resourceVersion &&
      last.nodes === nodes &&
      last.writes === writes &&
      (ds.spec.minReadySeconds ?? 0) <= 0
    )
      return last.result && { value: last.result, reused: true };
    const fresh = diagnoseRollout(source.daemonSets, ds);
    const kept = fresh && keep(this.rollouts, `${fresh.namespace}/${fresh.name}`, fresh);
    const result = kept?.value;
    this.walks.set(ds.metadata.uid, {
      rv: ds.metadata.resourceVersion,
      nodes,
      writes,
      result,
    });
    return kept;
  }
}

/** From the last values by key, a key and a new value: the last one when equal (identity kept), else the new one, frozen. */
function keep<T>(
  map: Map<string, { json: string; value: T }>,
  key: string,
  value: T,
): { value: T; reused: boolean } {
  const json = JSON.stringify(value);
  const old = map.get(key);
  if (old && old.json === json) return { value: old.value, reused: true };
  const frozen = deepFreeze(value);
  map.set(key, { json, value: frozen });
  return { value: frozen, reused: false };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
