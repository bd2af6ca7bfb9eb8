/**
 * The DaemonSet controller's memory and informer handlers: which DaemonSets must sync (its work
 * queue, with delayed re-syncs), the failed-pod back-off, each DaemonSet's derived profile, the
 * pods of each DaemonSet by node (kept current instead of listed per sync), orphans waiting to
 * be adopted, and the verdict caches the page reads
 * (pkg/controller/daemon/daemon_controller.go addNode, updateNode, addPod, updatePod, deletePod,
 * enqueueDaemonSetAfter, failedPodsBackoff). One sync is daemonset.ts.
 */
import { getOwn } from '../api/records.ts';
import { admitPodSpec } from '../admission-bridge.ts';
import type { QueuedTask, Task } from '../clock.ts';
import type { Controller, ControllerContext, PodActions, StoreChange } from '../controller.ts';
import { controllerUid, keyOf, podFacts, podFactsDiffer, type Change } from '../store.ts';
import { TIMING } from '../timing.ts';
import type {
  ControllerRevision,
  DaemonSet,
  KubeObject,
  Node,
  NodeVerdict,
  Pod,
  PodSpec,
} from '../types.ts';
import { canonicalJson } from '../util/canonical.ts';
import { targetNodeName } from '../../kube/target-node.ts';
import { cloneData } from '../util/clone.ts';
import { DaemonNodeTable } from './daemon-table.ts';
import {
  TEMPLATE_GENERATION_ANNOTATION,
  comparePodsForStatus,
  nextFailedPodBackoff,
  reconcileDaemonSet,
} from './daemonset.ts';
import { HASH_LABEL, syncHistory } from './history.ts';
import { TEMPLATE_GENERATION_LABEL, allowsSurge } from './rolling-update.ts';
import { shouldRunFast, toPlacement, type DaemonPlacement } from './should-run.ts';

/** What the controllers derive once per DaemonSet spec version. */
export interface DaemonProfile {
  /** Distinct for every profile this engine derives, so caches can tell an old one from a new one. */
  id: number;
  key: string;
  uid: string;
  generation: number;
  collisionCount: number;
  templateJson: string;
  placement: DaemonPlacement;
  /** The defaulted pod spec new pods start from, or the admission error that prevents creating them. */
  podSpec?: PodSpec;
  podError?: string;
}

/** What the DaemonSet controller needs beyond the common context. */
export interface DaemonSetContext extends ControllerContext, PodActions {
  /** True while a request and the work at its instant run (its effects sync at once). */
  readonly inRequest: boolean;
  /** Nodes sorted by name (a new array whenever a node changes). */
  nodeList(): readonly Node[];
  /** From a new object (server fields blank), stamps uid and creationTimestamp and stores it. */
  createObject<T extends KubeObject>(obj: T): T;
  /** Removes an object at once. */
  removeObject(obj: KubeObject): void;
  /** From a prefix and namespace, a pod name with 5 random characters that is not taken. */
  generateName(prefix: string, namespace: string): string;
  /** From a pod spec, sets spec.priority from its PriorityClass; a string is the rejection. */
  resolvePriority(spec: PodSpec): number | string;
}

/** A delayed sync of one DaemonSet (minReadySeconds, failed-pod back-off, informer latency). */
type SyncTask = {
  type: 'syncDaemonSet';
  ds: string;
};

type ShouldRun = { shouldRun: boolean; shouldContinueRunning: boolean };

interface DaemonSetControllerState {
  syncTasks: [string, { seq: number; dueAt: number }][];
  failedBackoff: [string, { attempt: number; lastUpdate: number }][];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isTerminalPhase(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The DaemonSet controller. It drains after the node lifecycle controller and the garbage
 * collector (it sees a node's new taints, and a deleted DaemonSet's pods already terminating)
 * and before taint eviction and the scheduler (which act on the pods it creates).
 */
export class DaemonSetController implements Controller {
  readonly name = 'daemonSet';
  readonly taskTypes = ['syncDaemonSet'];
  /** How often each DaemonSet synced (read by the engine bench). */
  readonly stats = { reconciles: 0 };
  /** Keys of DaemonSets to sync at this instant (the work queue). */
  private dirty = new Set<string>();
  /** The queued delayed sync per DaemonSet key. */
  private syncTasks = new Map<string, { seq: number; dueAt: number }>();
  /** Failed-pod back-off per "DaemonSet key/node". */
  private failedBackoff = new Map<string, { attempt: number; lastUpdate: number }>();

  // Derived state, rebuilt on restore.
  private profiles = new Map<string, DaemonProfile>();
  private profileSeq = 0;
  private fastVerdicts = new Map<string, Map<string, ShouldRun>>();
  private verdictCache = new Map<
    string,
    Map<string, { verdict: NodeVerdict; podVersion: number }>
  >();
  /** Per node, a counter bumped whenever a pod is bound to or leaves it (verdict cache key). */
  private nodePodVersion = new Map<string, number>();
  /** Per DaemonSet uid, its nodes' facts kept current as pods change (see daemon-table.ts). */
  private daemonTables = new Map<string, DaemonNodeTable>();
  /** Names of pods without a controller owner, per namespace. */
  private orphans = new Map<string, Set<string>>();
  /** Pods of each controller by target node (getNodesToDaemonPods, kept current instead of rebuilt per sync). */
  private podsByOwnerNode = new Map<string, Map<string, Pod[]>>();
  private podIndexEntry = new Map<string, { owner: string; node: string }>();
  /** Pods whose labels changed since their owner last synced (they may have to be released). */
  readonly relabeled = new Set<string>();
  /** The DaemonSet being synced: its own pod writes do not queue it again. */
  private syncing: string | undefined;
  /** True while the controller writes a DaemonSet's status (which must not queue it again). */
  private writingStatus = false;

  constructor(private readonly context: DaemonSetContext) {}

  get store(): DaemonSetContext['store'] {
    return this.context.store;
  }

  get now(): number {
    return this.context.now;
  }

  drain(): boolean {
    if (this.dirty.size === 0) return false;
    const keys = [...this.dirty].sort();
    this.dirty.clear();
    for (const key of keys) {
      this.syncing = key;
      this.stats.reconciles++;
      try {
        reconcileDaemonSet(this, key);
      } finally {
        this.syncing = undefined;
      }
    }
    return true;
  }

  runTask(task: Task, seq: number): void {
    const { ds } = task as SyncTask;
    if (this.syncTasks.get(ds)?.seq === seq) this.syncTasks.delete(ds);
    this.dirty.add(ds);
  }

  describeBusy(tasks: readonly QueuedTask[]): string | undefined {
    const keys = new Set(tasks.map((t) => (t.task as SyncTask).ds));
    if (keys.size === 0) return undefined;
    return `daemonset(s) ${[...keys].sort().join(', ')} waiting for minReadySeconds or back-off`;
  }

  observe({ kind, object, change, before }: StoreChange): void {
    switch (kind) {
      case 'DaemonSet':
        return this.onDaemonSet(object as DaemonSet, change);
      case 'Node':
        return this.onNode(object.metadata.name);
      case 'Pod':
        return this.onPod(object as Pod, change, before);
      case 'PriorityClass':
        if (change === 'add') this.syncAll();
        return;
      default:
        return;
    }
  }

  private syncAll(): void {
    for (const ds of this.context.store.all('DaemonSet')) this.dirty.add(keyOf(ds));
  }

  private onDaemonSet(ds: DaemonSet, change: Change): void {
    const key = keyOf(ds);
    if (this.writingStatus && change === 'update') return;
    if (change === 'delete') {
      this.daemonTables.delete(ds.metadata.uid);
      this.forgetProfile(key);
      const task = this.syncTasks.get(key);
      if (task) this.context.queue.cancel(task.seq);
      this.syncTasks.delete(key);
      return;
    }
    const profile = this.profiles.get(key);
    if (
      !profile ||
      profile.uid !== ds.metadata.uid ||
      profile.generation !== (ds.metadata.generation ?? 0)
    )
      this.forgetProfile(key);
    this.dirty.add(key);
  }

  private forgetProfile(key: string): void {
    this.profiles.delete(key);
    this.fastVerdicts.delete(key);
    this.verdictCache.delete(key);
  }

  private onNode(name: string): void {
    for (const cache of this.fastVerdicts.values()) cache.delete(name);
    for (const cache of this.verdictCache.values()) cache.delete(name);
    for (const table of this.daemonTables.values()) table.nodeChanged(name);
    this.syncAll();
  }

  private onPod(pod: Pod, change: Change, before: ReturnType<typeof podFacts> | undefined): void {
    const key = keyOf(pod);
    const after = change === 'delete' ? undefined : podFacts(pod);
    this.indexDaemonPod(pod, key, change);
    if (change === 'update' && before && after && before.labels !== after.labels)
      this.relabeled.add(key);
    if (before?.nodeName !== after?.nodeName || change !== 'update') {
      for (const n of [before?.nodeName, after?.nodeName])
        if (n) this.nodePodVersion.set(n, (this.nodePodVersion.get(n) ?? 0) + 1);
    }
    if (change !== 'update' || !before || !after || podFactsDiffer(before, after)) {
      // The owner before, then the owner after if another (no Set per pod change).
      const first = before?.owner;
      const second = after?.owner;
      if (first) this.wakeOwner(first);
      if (second && second !== first) this.wakeOwner(second);
    }
    // Orphans (pods without a controller) may be adopted by a DaemonSet whose selector matches.
    if (change === 'delete' || after?.owner) this.removeOrphan(pod);
    else if (!after?.owner) {
      this.addOrphan(pod);
      if (change === 'add')
        for (const ds of this.context.store.all('DaemonSet'))
          if (ds.metadata.namespace === pod.metadata.namespace) this.dirty.add(keyOf(ds));
    }
  }

  /** From the uid of a pod's owner, queues a sync of that DaemonSet (if it is one). */
  private wakeOwner(uid: string): void {
    const ref = this.context.store.byUid.get(uid);
    if (ref?.kind !== 'DaemonSet' || ref.key === this.syncing) return;
    // A request's effects are reconciled at once; pod changes the kubelet and other
    // controllers make are picked up on the controller's next tick (informer latency).
    if (this.context.inRequest) this.dirty.add(ref.key);
    else
      this.scheduleDaemonSetSync(
        ref.key,
        Math.ceil(this.context.now / TIMING.daemonSetSyncTick) * TIMING.daemonSetSyncTick,
      );
  }

  /** Keeps podsByOwnerNode current: deleted terminal pods are left out, as getNodesToDaemonPods does. */
  private indexDaemonPod(pod: Pod, key: string, change: Change): void {
    const old = this.podIndexEntry.get(key);
    const owner = change === 'delete' ? undefined : controllerUid(pod);
    const node = owner ? targetNodeName(pod) : undefined;
    const excluded = isTerminalPhase(pod) && !!pod.metadata.deletionTimestamp;
    const next = owner && node !== undefined && !excluded ? { owner, node } : undefined;
    // Any change of an owned pod may change what its DaemonSet decides for the node.
    if (old) this.daemonTables.get(old.owner)?.touch(old.node);
    if (next) this.daemonTables.get(next.owner)?.touch(next.node);
    if (old && next && old.owner === next.owner && old.node === next.node) {
      // Same place in the index: an update that keeps a lone pod alone needs no new list.
      const list = this.podsByOwnerNode.get(old.owner)?.get(old.node);
      if (list && list.length === 1 && list[0] === pod) return;
    }
    if (old) {
      const byNode = this.podsByOwnerNode.get(old.owner);
      const list = byNode?.get(old.node);
      if (byNode && list) {
        const rest = list.filter((p) => p.metadata.name !== pod.metadata.name);
        if (rest.length === 0) byNode.delete(old.node);
        else byNode.set(old.node, rest);
        if (byNode.size === 0) this.podsByOwnerNode.delete(old.owner);
      }
      this.podIndexEntry.delete(key);
    }
    if (!next) return;
    let byNode = this.podsByOwnerNode.get(next.owner);
    if (!byNode) this.podsByOwnerNode.set(next.owner, (byNode = new Map()));
    const list = byNode.get(next.node);
    if (!list) byNode.set(next.node, [pod]);
    else {
      const updated = [...list, pod];
      if (updated.length > 1) updated.sort(comparePodsForStatus);
      byNode.set(next.node, updated);
    }
    this.podIndexEntry.set(key, next);
  }

  private addOrphan(pod: Pod): void {
    const ns = pod.metadata.namespace ?? 'default';
    let set = this.orphans.get(ns);
    if (!set) this.orphans.set(ns, (set = new Set()));
    set.add(pod.metadata.name);
  }

  private removeOrphan(pod: Pod): void {
    this.orphans.get(pod.metadata.namespace ?? 'default')?.delete(pod.metadata.name);
  }

  snapshot(): DaemonSetControllerState {
    return {
      syncTasks: [...this.syncTasks.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([k, v]) => [k, { ...v }]),
      failedBackoff: [...this.failedBackoff.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([k, v]) => [k, { ...v }]),
    };
  }

  restore(state: unknown): void {
    const saved = state as DaemonSetControllerState | undefined;
    this.syncTasks = new Map((saved?.syncTasks ?? []).map(([k, v]) => [k, { ...v }]));
    this.failedBackoff = new Map((saved?.failedBackoff ?? []).map(([k, v]) => [k, { ...v }]));
    for (const pod of this.context.store.all('Pod')) {
      if (!controllerUid(pod)) this.addOrphan(pod);
      this.indexDaemonPod(pod, keyOf(pod), 'add');
    }
  }

  // ------------------------------------------------------------------------------------------
  // What a sync (daemonset.ts, history.ts) and the verdicts (verdicts.ts) use

  /** Records an event about an object (see ControllerContext). */
  recordEvent(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): void {
    this.context.recordEvent(obj, type, reason, message, component);
  }

  /** From a pod and an optional grace period, deletes it gracefully. */
  deletePod(pod: Pod, gracePeriodSeconds?: number): void {
    this.context.deletePod(pod, gracePeriodSeconds);
  }

  /** From a new object, stores it with its server fields stamped. */
  createObject<T extends KubeObject>(obj: T): T {
    return this.context.createObject(obj);
  }

  /** Removes an object at once. */
  removeObject(obj: KubeObject): void {
    this.context.removeObject(obj);
  }

  /** From a node name, the stored node. */
  node(name: string): Node | undefined {
    return this.context.store.get('Node', name);
  }

  /** Nodes sorted by name. */
  nodeList(): readonly Node[] {
    return this.context.nodeList();
  }

  /** From a DaemonSet uid, its per-node table (created empty: the first refresh fills it). */
  daemonTable(uid: string): DaemonNodeTable {
    let table = this.daemonTables.get(uid);
    if (!table) this.daemonTables.set(uid, (table = new DaemonNodeTable()));
    return table;
  }

  /** From a controller uid, its pods by target node (live: do not keep across writes). */
  podsByNodeOf(uid: string): Map<string, Pod[]> {
    return this.podsByOwnerNode.get(uid) ?? new Map();
  }

  /** From a namespace, its pods without a controller owner, by name. */
  orphanPods(namespace: string): Pod[] {
    const names = [...(this.orphans.get(namespace) ?? [])].sort();
    return names
      .map((n) => this.context.store.get('Pod', `${namespace}/${n}`))
      .filter((p): p is Pod => !!p && !controllerUid(p));
  }

  /** From a DaemonSet, its profile (cached per spec generation). */
  daemonProfile(ds: DaemonSet): DaemonProfile {
    const key = keyOf(ds);
    const cached = this.profiles.get(key);
    const collisionCount = ds.status?.collisionCount ?? 0;
    if (
      cached &&
      cached.uid === ds.metadata.uid &&
      cached.generation === (ds.metadata.generation ?? 0) &&
      cached.collisionCount === collisionCount
    )
      return cached;
    const placement = toPlacement(ds.spec.template.spec);
    const admitted = admitPodSpec(ds, placement.tolerations);
    const profile: DaemonProfile = {
      id: ++this.profileSeq,
      key,
      uid: ds.metadata.uid,
      generation: ds.metadata.generation ?? 0,
      collisionCount,
      templateJson: canonicalJson(ds.spec.template),
      placement,
      ...admitted,
    };
    this.profiles.set(key, profile);
    this.fastVerdicts.delete(key);
    this.verdictCache.delete(key);
    return profile;
  }

  /** From a DaemonSet and its profile, syncs its ControllerRevisions. */
  syncHistory(
    ds: DaemonSet,
    profile: DaemonProfile,
  ): { hash: string; revision: ControllerRevision | undefined } {
    return syncHistory(this, ds, profile.templateJson);
  }

  /** From a profile, a function giving shouldRun/shouldContinueRunning per node, cached per node until it changes. */
  shouldRunFor(profile: DaemonProfile): (node: Node) => ShouldRun {
    let cache = this.fastVerdicts.get(profile.key);
    if (!cache) this.fastVerdicts.set(profile.key, (cache = new Map()));
    const map = cache;
    const placement = profile.placement;
    return (node) => {
      let v = map.get(node.metadata.name);
      if (!v) map.set(node.metadata.name, (v = shouldRunFast(placement, node)));
      return v;
    };
  }

  /** From a profile, a node and a way to compute it, the node's verdict, cached until the node, the DaemonSet or the node's pods change. */
  cachedVerdict(profile: DaemonProfile, node: Node, compute: () => NodeVerdict): NodeVerdict {
    let cache = this.verdictCache.get(profile.key);
    if (!cache) this.verdictCache.set(profile.key, (cache = new Map()));
    const version = this.nodePodVersion.get(node.metadata.name) ?? 0;
    const hit = cache.get(node.metadata.name);
    if (hit && hit.podVersion === version) return hit.verdict;
    // Handed out as is (views compare verdicts by identity): frozen, never changed in place.
    const verdict = Object.freeze(compute());
    Object.freeze(verdict.checks);
    cache.set(node.metadata.name, { verdict, podVersion: version });
    return verdict;
  }

  /** Whether the DaemonSet's strategy allows surge (AllowsSurge). */
  surgeAllowed(ds: DaemonSet): boolean {
    return allowsSurge(ds, 1);
  }

  /** From a DaemonSet key and a node, the remaining failed-pod back-off (advancing it when it has run out). */
  failedPodBackoffRemaining(dsKey: string, node: string): number {
    const k = `${dsKey}/${node}`;
    const { wait, entry } = nextFailedPodBackoff(this.failedBackoff.get(k), this.context.now);
    this.failedBackoff.set(k, entry);
    return wait;
  }

  /** From a DaemonSet key and a time, makes sure a sync runs then (one queued sync per DaemonSet). */
  scheduleDaemonSetSync(key: string, at: number): void {
    const existing = this.syncTasks.get(key);
    if (existing && existing.dueAt <= at && existing.dueAt >= this.context.now) return;
    if (existing) this.context.queue.cancel(existing.seq);
    const task: SyncTask = { type: 'syncDaemonSet', ds: key };
    const seq = this.context.queue.push(at, task);
    this.syncTasks.set(key, { seq, dueAt: at });
  }

  /** From a DaemonSet and a change to its status, writes it without queueing the DaemonSet again. */
  updateDaemonSetStatus(ds: DaemonSet, mutate: (ds: DaemonSet) => void): void {
    this.writingStatus = true;
    try {
      this.context.store.update(ds, mutate);
    } finally {
      this.writingStatus = false;
    }
  }

  /** From a DaemonSet, its profile, a node and the hash, creates a daemon pod there; a string is the API error. */
  createDaemonPod(ds: DaemonSet, profile: DaemonProfile, node: string, hash: string): Pod | string {
    if (!profile.podSpec) return profile.podError ?? 'pod template rejected by admission';
    // A new top level per pod; below it the admitted template's frozen parts are shared by all
    // the DaemonSet's pods (containers, volumes, tolerations): thousands of pods, one copy.
    // Whatever changes a pod's spec replaces a part, never edits it.
    const spec: PodSpec = { ...profile.podSpec };
    // ReplaceDaemonSetPodNodeNameNodeAffinity: exactly one matchFields term for the node.
    const affinity = { ...spec.affinity };
    affinity.nodeAffinity = {
      ...(affinity.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
        ],
      },
    };
    spec.affinity = affinity;
    const labels = cloneData(ds.spec.template.metadata?.labels ?? {}, 'labels');
    labels[HASH_LABEL] = hash;
    const generation = getOwn(ds.metadata.annotations, TEMPLATE_GENERATION_ANNOTATION);
    if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
    const annotations = ds.spec.template.metadata?.annotations;
    const priority = this.context.resolvePriority(spec);
    if (typeof priority === 'string')
      return `pods "${ds.metadata.name}-" is forbidden: ${priority}`;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: this.context.generateName(`${ds.metadata.name}-`, ds.metadata.namespace ?? 'default'),
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
        labels,
        ...(annotations && Object.keys(annotations).length > 0
          ? { annotations: cloneData(annotations, 'annotations') }
          : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: ds.metadata.name,
            uid: ds.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec,
      status: { phase: 'Pending' },
    };
    return this.context.createObject(pod);
  }
}
