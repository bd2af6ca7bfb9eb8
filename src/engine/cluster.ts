/**
 * The simulated cluster: one instance owns the store, the clock, the seeded generator and every
 * controller's memory. `execute` is the API server; after each request and at each instant of
 * simulated time the controllers run until nothing is left to do at that instant (the DaemonSet
 * controller once per dirty DaemonSet, like its keyed work queue).
 */
import { getOwn } from './api/records.ts';
import { TaskQueue, toTimestamp, type QueuedTask, type Task } from './clock.ts';
import { executeOperation } from './apiserver.ts';
import {
  comparePodsForStatus,
  reconcileDaemonSet,
  nextFailedPodBackoff,
  targetNodeName,
  TEMPLATE_GENERATION_ANNOTATION,
} from './controllers/daemonset.ts';
import { collectDependents } from './controllers/garbage-collector.ts';
import { syncHistory } from './controllers/history.ts';
import {
  readyStatus,
  reconcileNoExecuteTaints,
  reconcileNoScheduleTaints,
} from './controllers/node-lifecycle.ts';
import { nodeBack, nodeGone, podGcTick } from './controllers/pod-gc.ts';
import { TEMPLATE_GENERATION_LABEL, allowsSurge } from './controllers/rolling-update.ts';
import { shouldRunFast, toPlacement, type DaemonPlacement } from './controllers/should-run.ts';
import { evictionDue, processPodOnNode } from './controllers/taint-eviction.ts';
import { HASH_LABEL } from './controllers/history.ts';
import { DaemonNodeTable } from './controllers/daemon-table.ts';
import { Kubelet, type KubeletPod } from './kubelet/kubelet.ts';
import { matchesSelector, parseSelector } from './api/labels.ts';
import { selectableFields } from './kinds.ts';
import { Random } from './random.ts';
import { COMBINED_PREFIX, EventCorrelator, type CorrelatorState } from './events.ts';
import { EventEntry } from './event-log.ts';
import { schedulePod } from './scheduler.ts';
import {
  KINDS,
  NAMESPACED,
  Store,
  controllerUid,
  keyOf,
  objectKey,
  podFacts,
  podFactsDiffer,
  type Change,
  type PodFacts,
} from './store.ts';
import { TIMING, backoff, jitter } from './timing.ts';
import { nodeIp } from './nodes.ts';
import type {
  ClusterSnapshot,
  Cluster,
  ListOptions,
  Operation,
  OperationResult,
  SettleResult,
} from './operations.ts';
import type {
  ControllerRevision,
  DaemonSet,
  DaemonSetVerdicts,
  Event,
  Kind,
  KubeObject,
  Namespace,
  Node,
  ObjectOf,
  Pod,
  PodCondition,
  PodSpec,
  PriorityClass,
} from './types.ts';
import { buildVerdicts } from './verdicts.ts';
import { admitPodSpec } from './admission-bridge.ts';
import { canonicalJson } from './util/canonical.ts';
import { cloneData } from './util/clone.ts';
import { desiredNoExecuteTaints } from './controllers/node-lifecycle.ts';
import type { NodeVerdict } from './types.ts';

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

export interface CreateClusterOptions {
  seed?: number;
}

interface UnschedulableEntry {
  attempts: number;
  lastAttempt: number;
  /** A cluster event happened since the last attempt. */
  moved: boolean;
}

/** Engine internals carried in snapshots so a restored cluster continues exactly. */
interface Internal {
  rv: number;
  random: number;
  queue: { nextSeq: number; tasks: QueuedTask[] };
  kubeletPods: KubeletPod[];
  nodeImages: [string, string[]][];
  nodeNumbers: [string, number][];
  nextNodeNumber: number;
  podIps: [string, number][];
  unschedulable: [string, UnschedulableEntry][];
  scheduleTask: number | undefined;
  dsSyncTasks: [string, { seq: number; dueAt: number }][];
  failedBackoff: [string, { attempt: number; lastUpdate: number }][];
  tecWork: [string, { seq: number; createdAt: number }][];
  podgcGone: [string, number][];
  podgcTask: number | undefined;
  nlcTasks: [string, number][];
  eventSeq: number;
  deletingPods: [string, number][];
  /** The event recorders' correlator (absent in snapshots older than it: a fresh one). */
  events?: CorrelatorState;
}

const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export class Engine implements Cluster {
  now = 0;
  readonly store = new Store();
  queue = new TaskQueue();
  random: Random;
  readonly kubelet: Kubelet;
  kubeletPods = new Map<string, KubeletPod>();
  nodeImages = new Map<string, Set<string>>();
  nodeNumbers = new Map<string, number>();
  nextNodeNumber = 0;
  podIps = new Map<string, number>();
  unschedulable = new Map<string, UnschedulableEntry>();
  scheduleTask: number | undefined;
  dsSyncTasks = new Map<string, { seq: number; dueAt: number }>();
  failedBackoff = new Map<string, { attempt: number; lastUpdate: number }>();
  tecWork = new Map<string, { seq: number; createdAt: number }>();
  podgcGone = new Map<string, number>();
  podgcTask: number | undefined;
  nlcTasks = new Map<string, number>();
  eventSeq = 0;
  /** Aggregation and spam filter of the event recorders (events.ts). */
  correlator = new EventCorrelator();
  /** Grace period of pods being deleted (key → seconds), for the kubelet. */
  deletingPods = new Map<string, number>();

  // Derived state, rebuilt on restore.
  private dirtyDs = new Set<string>();
  private dirtyNodes = new Set<string>();
  private tecNodes = new Set<string>();
  private tecPods = new Set<string>();
  private gcOwners = new Set<string>();
  private schedActive = new Set<string>();
  private profiles = new Map<string, DaemonProfile>();
  private fastVerdicts = new Map<
    string,
    Map<string, { shouldRun: boolean; shouldContinueRunning: boolean }>
  >();
  private verdictCache = new Map<
    string,
    Map<string, { verdict: NodeVerdict; podVersion: number }>
  >();
  private nodePodVersion = new Map<string, number>();
  private profileSeq = 0;
  /** Per DaemonSet uid, its nodes' facts kept current as pods change (see controllers/daemon-table.ts). */
  private daemonTables = new Map<string, DaemonNodeTable>();
  private nodeListCache: readonly Node[] | undefined;
  private orphans = new Map<string, Set<string>>();
  /** Pods of each controller by target node (getNodesToDaemonPods, kept current instead of rebuilt per sync). */
  private podsByOwnerNode = new Map<string, Map<string, Pod[]>>();
  private podIndexEntry = new Map<string, { owner: string; node: string }>();
  /** Pods whose labels changed since their owner last synced (they may have to be released). */
  readonly relabeled = new Set<string>();
  private nodeTaintSig = new Map<string, string>();
  private reconciling: string | undefined;
  /** Counters for benchmarks: how often each controller ran. */
  readonly stats = { reconciles: 0, instants: 0, scheduled: 0 };
  private suppressDs = false;
  /** True while a request and the work at its instant run. */
  private inRequest = false;

  constructor(readonly seed: number) {
    this.random = new Random(seed);
    this.kubelet = new Kubelet(this);
    this.store.listener = (kind, obj, change, before) => this.onChange(kind, obj, change, before);
  }

  /** Creates the built-in namespaces and priority classes of a fresh cluster. */
  bootstrap(): void {
    for (const name of BUILTIN_NAMESPACES) {
      this.createObject<Namespace>({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          labels: Object.assign(Object.create(null) as Record<string, string>, {
            'kubernetes.io/metadata.name': name,
          }),
          uid: '',
          resourceVersion: '',
          creationTimestamp: '',
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    for (const [name, value, description] of [
      [
        'system-cluster-critical',
        2000000000,
        'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
      ],
      [
        'system-node-critical',
        2000001000,
        'Used for system critical pods that must not be moved from their current node.',
      ],
    ] as const) {
      this.createObject<PriorityClass>({
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '' },
        value,
        description,
        preemptionPolicy: 'PreemptLowerPriority',
      });
    }
  }

  // ------------------------------------------------------------------------------------------
  // Cluster interface

  /** From an operation, its result; controllers then run at the current instant. Never throws. */
  execute(operation: Operation): OperationResult {
    let result: OperationResult;
    try {
      this.inRequest = true;
      result = executeOperation(this, operation);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = {
        ok: false,
        error: {
          reason: 'BadRequest',
          kind: '',
          apiVersion: '',
          message: `internal error: ${message}`,
        },
      };
    }
    this.drain();
    this.inRequest = false;
    // A dry run's object is the would-be one; the stored version (if any) is not it.
    const dryRun = operation?.op === 'apply' && operation.dryRun === true;
    if (result.ok && result.object && !dryRun) {
      const key = keyOf(result.object);
      const fresh = this.store.get(result.object.kind, key);
      result = { ...result, object: cloneData(fresh ?? result.object) };
    } else if (result.ok && result.object) {
      result = { ...result, object: cloneData(result.object) };
    }
    return result;
  }

  /** Grows with every write to the store (see Cluster.revision). */
  get revision(): number {
    return this.store.resourceVersion;
  }

  /** From a kind, name and namespace, a copy of the stored object. */
  get<K extends Kind>(kind: K, name: string, namespace?: string): ObjectOf<K> | undefined {
    if (!Object.hasOwn(NAMESPACED, kind) || typeof name !== 'string') return undefined;
    const obj = this.store.get(kind, objectKey(kind, namespace, name));
    return obj ? (cloneData(obj) as ObjectOf<K>) : undefined;
  }

  /** From a kind and options, copies of matching objects sorted as the API server lists them. */
  list<K extends Kind>(kind: K, options: ListOptions = {}): ObjectOf<K>[] | { error: string } {
    if (!Object.hasOwn(NAMESPACED, kind))
      return { error: `the server doesn't have a resource type "${String(kind)}"` };
    const parsed = parseSelector(options.labelSelector ?? '');
    if (!parsed.ok) return { error: parsed.error };
    const labels = parsed.selector;
    const selectable = selectableFields(kind);
    const fields: { read: (o: ObjectOf<K>) => string; value: string; negate: boolean }[] = [];
    let nodeName: string | undefined;
    for (const part of (options.fieldSelector ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
      const read = m && Object.hasOwn(selectable, m[1]) ? selectable[m[1]] : undefined;
      if (!m || !read) return { error: `field label not supported: ${m ? m[1] : part}` };
      fields.push({ read, value: m[3], negate: m[2] === '!=' });
      if (m[1] === 'spec.nodeName' && m[2] !== '!=') nodeName = m[3];
    }
    const out: ObjectOf<K>[] = [];
    let source: Iterable<ObjectOf<K>> = this.store.all(kind);
    // Pods on one node come from the node index, not a walk of every pod.
    if (kind === 'Pod' && nodeName) source = this.store.podsOnNode(nodeName) as ObjectOf<K>[];
    for (const obj of source) {
      if (
        NAMESPACED[kind] &&
        options.namespace !== undefined &&
        obj.metadata.namespace !== options.namespace
      )
        continue;
      if (!matchesSelector(labels, obj.metadata.labels)) continue;
      let ok = true;
      for (const f of fields) if ((f.read(obj) === f.value) === f.negate) ok = false;
      if (ok) out.push(obj);
    }
    out.sort((a, b) => {
      const an = a.metadata.namespace ?? '';
      const bn = b.metadata.namespace ?? '';
      if (an !== bn) return an < bn ? -1 : 1;
      return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
    });
    return out.map((o) => cloneData(o) as ObjectOf<K>);
  }

  /** From an object's kind, name and namespace, copies of its events, oldest first. */
  eventsFor(kind: Kind, name: string, namespace?: string): Event[] {
    const ns =
      Object.hasOwn(NAMESPACED, kind) && NAMESPACED[kind] ? (namespace ?? 'default') : undefined;
    const current = Object.hasOwn(NAMESPACED, kind)
      ? this.store.get(kind, objectKey(kind, ns, name))
      : undefined;
    // The current object's events (by uid) and those naming it without a uid; for an object
    // that is gone, every event naming it.
    const log = this.store.events;
    const entries = current
      ? [...log.about(current.metadata.uid), ...log.about('')]
      : [...log.all()];
    const events: Event[] = [];
    for (const entry of entries) if (entry.about(kind, ns, name)) events.push(log.eventOf(entry));
    events.sort((a, b) =>
      a.metadata.creationTimestamp < b.metadata.creationTimestamp
        ? -1
        : a.metadata.creationTimestamp > b.metadata.creationTimestamp
          ? 1
          : a.metadata.name < b.metadata.name
            ? -1
            : 1,
    );
    return events.map((e) => cloneData(e));
  }

  /** From a DaemonSet's namespace and name, its verdict for every node. */
  verdictsFor(namespace: string, name: string): DaemonSetVerdicts | undefined {
    const ds = this.store.get('DaemonSet', `${namespace}/${name}`);
    if (!ds) return undefined;
    return buildVerdicts(this, ds);
  }

  /** From a duration in ms, runs every task that falls due, in (dueAt, seq) order. */
  advance(ms: number): void {
    const target = this.now + (Number.isFinite(ms) && ms > 0 ? ms : 0);
    this.drain();
    for (;;) {
      const next = this.queue.peekDueAt();
      if (next === undefined || next > target) break;
      this.now = Math.max(this.now, next);
      this.runDueTasks();
      this.stats.instants++;
      this.drain();
    }
    this.now = target;
    this.drain();
  }

  /** Due time of the next queued task. */
  nextDueAt(): number | undefined {
    return this.queue.peekDueAt();
  }

  /** From a cap in ms, advances until only idle retries remain or the cap passes. */
  settle(capMs: number = TIMING.settleCap): SettleResult {
    const start = this.now;
    const limit = start + capMs;
    this.drain();
    for (;;) {
      if (!this.queue.hasBusyWork()) return { settled: true, elapsedMs: this.now - start };
      const next = this.queue.peekDueAt();
      if (next === undefined) return { settled: true, elapsedMs: this.now - start };
      if (next > limit) {
        this.advance(limit - this.now);
        return {
          settled: false,
          elapsedMs: this.now - start,
          stillChanging: this.describeBusyWork(),
        };
      }
      this.advance(next - this.now);
    }
  }

  /** A deep, structured-clone-safe copy of everything. */
  snapshot(): ClusterSnapshot {
    const internal: Internal = {
      rv: this.store.resourceVersion,
      random: this.random.state,
      queue: this.queue.toJSON(),
      kubeletPods: [...this.kubeletPods.values()]
        .map((k) => cloneData(k))
        .sort((a, b) => (a.uid < b.uid ? -1 : 1)),
      nodeImages: sortedEntries(this.nodeImages).map(([k, v]) => [k, [...v].sort()]),
      nodeNumbers: sortedEntries(this.nodeNumbers),
      nextNodeNumber: this.nextNodeNumber,
      podIps: sortedEntries(this.podIps),
      unschedulable: sortedEntries(this.unschedulable).map(([k, v]) => [k, { ...v }]),
      scheduleTask: this.scheduleTask,
      dsSyncTasks: sortedEntries(this.dsSyncTasks).map(([k, v]) => [k, { ...v }]),
      failedBackoff: sortedEntries(this.failedBackoff).map(([k, v]) => [k, { ...v }]),
      tecWork: sortedEntries(this.tecWork).map(([k, v]) => [k, { ...v }]),
      podgcGone: sortedEntries(this.podgcGone),
      podgcTask: this.podgcTask,
      nlcTasks: sortedEntries(this.nlcTasks),
      eventSeq: this.eventSeq,
      deletingPods: sortedEntries(this.deletingPods),
      events: this.correlator.toJSON(this.now),
    };
    return {
      format: 1,
      seed: this.seed,
      timeMs: this.now,
      objects: this.store.snapshotObjects(),
      verdicts: this.store.sorted('DaemonSet').map((ds) => buildVerdicts(this, ds)),
      // Every part above is already a fresh copy of plain data: no second deep copy.
      internal,
    };
  }

  /** Events written after resourceVersion `rv` (see Cluster.eventsSince). */
  eventsSince(rv: number): Event[] {
    return this.store.eventsSince(rv);
  }

  /** What a page draws: objects and verdicts without the internals (see Cluster.view). */
  view(options: { events?: boolean } = {}): ClusterSnapshot {
    return {
      format: 1,
      seed: this.seed,
      timeMs: this.now,
      objects: this.store.snapshotObjects(options),
      verdicts: this.store.sorted('DaemonSet').map((ds) => buildVerdicts(this, ds)),
      internal: null,
    };
  }

  /** From a snapshot, rebuilds this (fresh) engine's state and indexes. */
  load(snapshot: ClusterSnapshot): void {
    const internal = snapshot.internal as Internal;
    this.now = snapshot.timeMs;
    const listener = this.store.listener;
    this.store.listener = undefined;
    for (const kind of KINDS) {
      for (const obj of snapshot.objects[kind] ?? []) this.store.load(cloneData(obj as KubeObject));
    }
    this.store.listener = listener;
    this.store.resourceVersion = internal.rv;
    this.random = new Random(internal.random);
    this.queue = TaskQueue.fromJSON(cloneData(internal.queue));
    this.kubeletPods = new Map(internal.kubeletPods.map((k) => [k.uid, cloneData(k)]));
    this.nodeImages = new Map(internal.nodeImages.map(([k, v]) => [k, new Set(v)]));
    this.nodeNumbers = new Map(internal.nodeNumbers);
    this.nextNodeNumber = internal.nextNodeNumber;
    this.podIps = new Map(internal.podIps);
    this.unschedulable = new Map(internal.unschedulable.map(([k, v]) => [k, { ...v }]));
    this.scheduleTask = internal.scheduleTask;
    this.dsSyncTasks = new Map(internal.dsSyncTasks.map(([k, v]) => [k, { ...v }]));
    this.failedBackoff = new Map(internal.failedBackoff.map(([k, v]) => [k, { ...v }]));
    this.tecWork = new Map(internal.tecWork.map(([k, v]) => [k, { ...v }]));
    this.podgcGone = new Map(internal.podgcGone);
    this.podgcTask = internal.podgcTask;
    this.nlcTasks = new Map(internal.nlcTasks);
    this.eventSeq = internal.eventSeq;
    this.deletingPods = new Map(internal.deletingPods);
    this.correlator = EventCorrelator.fromJSON(internal.events);
    // Derived indexes.
    for (const pod of this.store.all('Pod')) {
      if (!controllerUid(pod)) this.addOrphan(pod);
      this.indexDaemonPod(pod, keyOf(pod), 'add');
    }
    for (const node of this.store.all('Node'))
      this.nodeTaintSig.set(node.metadata.name, noExecuteSig(node));
  }

  // ------------------------------------------------------------------------------------------
  // The work loop

  /** Runs controller work at the current instant until none is left. */
  drain(): void {
    for (let guard = 0; guard < 100_000; guard++) {
      if (this.dirtyNodes.size > 0) {
        const names = [...this.dirtyNodes].sort();
        this.dirtyNodes.clear();
        for (const name of names) {
          const node = this.store.get('Node', name);
          if (node) reconcileNoScheduleTaints(this, node);
        }
        continue;
      }
      if (this.gcOwners.size > 0) {
        const owners = [...this.gcOwners].sort();
        this.gcOwners.clear();
        for (const uid of owners) collectDependents(this, uid);
        continue;
      }
      if (this.dirtyDs.size > 0) {
        const keys = [...this.dirtyDs].sort();
        this.dirtyDs.clear();
        for (const key of keys) {
          this.reconciling = key;
          this.stats.reconciles++;
          try {
            reconcileDaemonSet(this, key);
          } finally {
            this.reconciling = undefined;
          }
        }
        continue;
      }
      if (this.tecNodes.size > 0 || this.tecPods.size > 0) {
        const pods = new Set(this.tecPods);
        for (const name of this.tecNodes)
          for (const pod of this.store.podsOnNode(name)) pods.add(keyOf(pod));
        this.tecNodes.clear();
        this.tecPods.clear();
        for (const key of [...pods].sort()) {
          const pod = this.store.get('Pod', key);
          if (pod) processPodOnNode(this, pod);
        }
        continue;
      }
      if (this.schedActive.size > 0) {
        // Each entry carries its key: a comparator building keys would do so n log n times.
        const queued: { pod: Pod; key: string }[] = [];
        for (const key of this.schedActive) {
          const pod = this.store.get('Pod', key);
          if (pod) queued.push({ pod, key });
        }
        this.schedActive.clear();
        // The active queue pops higher priority first, then older pods (PrioritySort).
        queued.sort(
          (a, b) =>
            (b.pod.spec.priority ?? 0) - (a.pod.spec.priority ?? 0) ||
            cmp(a.pod.metadata.creationTimestamp, b.pod.metadata.creationTimestamp) ||
            cmp(a.key, b.key),
        );
        for (const { pod } of queued) {
          if (
            pod.spec.nodeName ||
            pod.metadata.deletionTimestamp ||
            !this.store.get('Pod', keyOf(pod))
          )
            continue;
          schedulePod(this, pod);
        }
        continue;
      }
      return;
    }
  }

  private runDueTasks(): void {
    // A bound on tasks per instant: a bug that re-queues work at the same instant must not hang the page.
    for (let guard = 0; guard < 1_000_000; guard++) {
      const entry = this.queue.popDue(this.now);
      if (!entry) return;
      this.runTask(entry.task, entry.seq);
    }
  }

  private runTask(task: Task, seq: number): void {
    switch (task.type) {
      case 'kubelet':
        this.kubelet.run(task.pod, task.action, task.container, seq);
        return;
      case 'dsSync':
      case 'dsBackoff': {
        const entry = this.dsSyncTasks.get(task.ds);
        if (entry?.seq === seq) this.dsSyncTasks.delete(task.ds);
        this.dirtyDs.add(task.ds);
        return;
      }
      case 'nlc': {
        if (this.nlcTasks.get(task.node) === seq) this.nlcTasks.delete(task.node);
        const node = this.store.get('Node', task.node);
        if (node) reconcileNoExecuteTaints(this, node);
        return;
      }
      case 'tecEvict':
        evictionDue(this, task.pod);
        return;
      case 'podgc':
        podGcTick(this);
        return;
      case 'schedule':
        this.scheduleTask = undefined;
        this.flushUnschedulable();
        return;
    }
  }

  private describeBusyWork(): string {
    const busy = this.queue.busyTasks();
    const pods = new Set<string>();
    const parts: string[] = [];
    const ds = new Set<string>();
    let evictions = 0;
    let other = 0;
    for (const t of busy) {
      if (t.task.type === 'kubelet') {
        const state = this.kubeletPods.get(t.task.pod);
        if (state) pods.add(state.key);
      } else if (t.task.type === 'dsSync' || t.task.type === 'dsBackoff') ds.add(t.task.ds);
      else if (t.task.type === 'tecEvict') evictions++;
      else other++;
    }
    if (pods.size > 0)
      parts.push(`${pods.size} pod(s) still changing (e.g. ${[...pods].sort()[0]})`);
    if (ds.size > 0)
      parts.push(
        `daemonset(s) ${[...ds].sort().join(', ')} waiting for minReadySeconds or back-off`,
      );
    if (evictions > 0) parts.push(`${evictions} NoExecute eviction(s) pending`);
    if (other > 0 && parts.length === 0)
      parts.push('node and pod garbage collection still running');
    return parts.join('; ');
  }

  // ------------------------------------------------------------------------------------------
  // Change notifications: who must look again

  private onChange(
    kind: Kind,
    obj: KubeObject,
    change: Change,
    before: PodFacts | undefined,
  ): void {
    switch (kind) {
      case 'Node':
        return this.onNode(obj as Node, change);
      case 'Pod':
        return this.onPod(obj as Pod, change, before);
      case 'DaemonSet': {
        const key = keyOf(obj);
        if (this.suppressDs && change === 'update') return;
        if (change === 'delete') {
          this.daemonTables.delete(obj.metadata.uid);
          this.profiles.delete(key);
          this.fastVerdicts.delete(key);
          this.verdictCache.delete(key);
          this.gcOwners.add(obj.metadata.uid);
          const task = this.dsSyncTasks.get(key);
          if (task) this.queue.cancel(task.seq);
          this.dsSyncTasks.delete(key);
          return;
        }
        const profile = this.profiles.get(key);
        if (
          !profile ||
          profile.uid !== obj.metadata.uid ||
          profile.generation !== (obj.metadata.generation ?? 0)
        ) {
          this.profiles.delete(key);
          this.fastVerdicts.delete(key);
          this.verdictCache.delete(key);
        }
        this.dirtyDs.add(key);
        return;
      }
      case 'ConfigMap':
      case 'Secret':
      case 'Service':
        if (change === 'add') this.kubelet.poke(obj.metadata.namespace ?? 'default');
        return;
      case 'PriorityClass':
        if (change === 'add')
          for (const ds of this.store.all('DaemonSet')) this.dirtyDs.add(keyOf(ds));
        return;
      default:
        return;
    }
  }

  private onNode(node: Node, change: Change): void {
    const name = node.metadata.name;
    for (const cache of this.fastVerdicts.values()) cache.delete(name);
    for (const cache of this.verdictCache.values()) cache.delete(name);
    // An update may replace the node object, so the cached list must not keep the old one.
    this.nodeListCache = undefined;
    for (const ds of this.store.all('DaemonSet')) this.dirtyDs.add(keyOf(ds));
    if (change === 'delete') {
      this.nodeTaintSig.delete(name);
      nodeGone(this, name);
      const task = this.nlcTasks.get(name);
      if (task !== undefined) this.queue.cancel(task);
      this.nlcTasks.delete(name);
      this.clusterEvent();
      return;
    }
    if (change === 'add') nodeBack(this, name);
    this.dirtyNodes.add(name);
    this.nodeChanged(node);
    const sig = noExecuteSig(node);
    if (this.nodeTaintSig.get(name) !== sig) {
      this.nodeTaintSig.set(name, sig);
      this.tecNodes.add(name);
    }
    this.clusterEvent();
  }

  private onPod(pod: Pod, change: Change, before: PodFacts | undefined): void {
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
        for (const ds of this.store.all('DaemonSet'))
          if (ds.metadata.namespace === pod.metadata.namespace) this.dirtyDs.add(keyOf(ds));
    }
    if (change === 'add' && !pod.spec.nodeName && !pod.metadata.deletionTimestamp)
      this.schedActive.add(key);
    if (change === 'add' && pod.spec.nodeName) {
      // A pod created with spec.nodeName skips the scheduler: the kubelet takes it directly.
      this.kubelet.podBound(pod);
      this.tecPods.add(key);
    }
    if (change === 'delete') {
      this.unschedulable.delete(key);
      this.schedActive.delete(key);
      this.deletingPods.delete(key);
      const work = this.tecWork.get(key);
      if (work) {
        this.queue.cancel(work.seq);
        this.tecWork.delete(key);
      }
      if (before?.nodeName) this.clusterEvent();
    } else if (change === 'update' && before && before.nodeName && isTerminalPhase(pod)) {
      this.clusterEvent();
    }
  }

  /** From the uid of a pod's owner, queues a sync of that DaemonSet (if it is one). */
  private wakeOwner(uid: string): void {
    const ref = this.store.byUid.get(uid);
    if (ref?.kind !== 'DaemonSet' || ref.key === this.reconciling) return;
    // A request's effects are reconciled at once; pod changes the kubelet and other
    // controllers make are picked up on the controller's next tick (informer latency).
    if (this.inRequest) this.dirtyDs.add(ref.key);
    else
      this.scheduleDaemonSetSync(
        ref.key,
        Math.ceil(this.now / TIMING.dsSyncTick) * TIMING.dsSyncTick,
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

  /** Whether a node of that name exists. */
  hasNode(name: string): boolean {
    return this.store.get('Node', name) !== undefined;
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

  /** From a namespace, its pods without a controller owner, by name. */
  orphanPods(namespace: string): Pod[] {
    const names = [...(this.orphans.get(namespace) ?? [])].sort();
    return names
      .map((n) => this.store.get('Pod', `${namespace}/${n}`))
      .filter((p): p is Pod => !!p && !controllerUid(p));
  }

  /** Something changed that may let an unschedulable pod fit: retry them after their back-off. */
  clusterEvent(): void {
    if (this.unschedulable.size === 0) return;
    let earliest = Infinity;
    for (const entry of this.unschedulable.values()) {
      entry.moved = true;
      earliest = Math.min(
        earliest,
        entry.lastAttempt +
          backoff(TIMING.schedBackoffInitial, TIMING.schedBackoffMax, entry.attempts - 1),
      );
    }
    const due = Math.max(this.now, earliest);
    if (this.scheduleTask !== undefined) {
      const queuedAt = this.queue.dueAtOf(this.scheduleTask);
      if (queuedAt !== undefined && queuedAt <= due) return;
      this.queue.cancel(this.scheduleTask);
    }
    this.scheduleTask = this.queue.push(due, { type: 'schedule' });
  }

  private flushUnschedulable(): void {
    let earliest = Infinity;
    for (const [key, entry] of [...this.unschedulable.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      if (!entry.moved) continue;
      const ready =
        entry.lastAttempt +
        backoff(TIMING.schedBackoffInitial, TIMING.schedBackoffMax, entry.attempts - 1);
      if (ready <= this.now) {
        entry.moved = false;
        this.schedActive.add(key);
      } else earliest = Math.min(earliest, ready);
    }
    // Pods still in back-off get their own wake-up; never one at this instant again.
    if (earliest < Infinity) this.scheduleTask = this.queue.push(earliest, { type: 'schedule' });
  }

  // ------------------------------------------------------------------------------------------
  // Services the controllers use

  /** From a node name, the stored node. */
  node(name: string): Node | undefined {
    return this.store.get('Node', name);
  }

  /** Nodes sorted by name (cached until a node is added or removed). */
  nodeList(): readonly Node[] {
    // A new array whenever any node changes (the DaemonSet tables rebuild on a new list).
    if (!this.nodeListCache) this.nodeListCache = [...this.store.sorted('Node')];
    return this.nodeListCache;
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
      templateJson: canonicalTemplate(ds),
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

  /** From a profile and a node, shouldRun and shouldContinueRunning (cached per node until it changes). */
  shouldRun(
    profile: DaemonProfile,
    node: Node,
  ): { shouldRun: boolean; shouldContinueRunning: boolean } {
    let cache = this.fastVerdicts.get(profile.key);
    if (!cache) this.fastVerdicts.set(profile.key, (cache = new Map()));
    let v = cache.get(node.metadata.name);
    if (!v) cache.set(node.metadata.name, (v = shouldRunFast(profile.placement, node)));
    return v;
  }

  /** From a profile, a function giving shouldRun/shouldContinueRunning per node, with the cache looked up once (hot loops). */
  shouldRunFor(
    profile: DaemonProfile,
  ): (node: Node) => { shouldRun: boolean; shouldContinueRunning: boolean } {
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

  /** From a node that was created or changed, queues the node lifecycle controller's NoExecute pass when it has something to do. */
  nodeChanged(node: Node): void {
    const name = node.metadata.name;
    const desired = desiredNoExecuteTaints(node).map((t) => t.key);
    const current = (node.spec?.taints ?? [])
      .filter(
        (t) =>
          t.effect === 'NoExecute' &&
          (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable'),
      )
      .map((t) => t.key);
    const taintsDiffer = desired.join(',') !== current.join(',');
    const podsToMark =
      readyStatus(node) !== 'True' &&
      this.store
        .podsOnNode(name)
        .some((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    if (taintsDiffer || podsToMark) this.scheduleNodeMonitor(name);
  }

  /** Whether the DaemonSet's strategy allows surge (AllowsSurge). */
  surgeAllowed(ds: DaemonSet, _profile: DaemonProfile): boolean {
    return allowsSurge(ds, 1);
  }

  /** From a DaemonSet key and a node, the remaining failed-pod back-off (advancing it when it has run out). */
  failedPodBackoffRemaining(dsKey: string, node: string): number {
    const k = `${dsKey}/${node}`;
    const { wait, entry } = nextFailedPodBackoff(this.failedBackoff.get(k), this.now);
    this.failedBackoff.set(k, entry);
    return wait;
  }

  /** From a DaemonSet key and a time, makes sure a sync runs then (one queued sync per DaemonSet). */
  scheduleDaemonSetSync(key: string, at: number): void {
    const existing = this.dsSyncTasks.get(key);
    if (existing && existing.dueAt <= at && existing.dueAt >= this.now) return;
    if (existing) this.queue.cancel(existing.seq);
    const seq = this.queue.push(at, { type: 'dsSync', ds: key });
    this.dsSyncTasks.set(key, { seq, dueAt: at });
  }

  /** From a DaemonSet and a change to its status, writes it without waking the controller again. */
  updateDaemonSetStatus(ds: DaemonSet, mutate: (ds: DaemonSet) => void): void {
    this.suppressDs = true;
    try {
      this.store.update(ds, mutate);
    } finally {
      this.suppressDs = false;
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
    const priority = this.resolvePriority(spec);
    if (typeof priority === 'string')
      return `pods "${ds.metadata.name}-" is forbidden: ${priority}`;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: this.generateName(`${ds.metadata.name}-`, ds.metadata.namespace ?? 'default'),
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
    return this.createObject(pod);
  }

  /** From a pod spec, sets spec.priority from its PriorityClass (Priority admission); a string is the rejection. */
  resolvePriority(spec: PodSpec): number | string {
    const name = spec.priorityClassName;
    if (!name) {
      const global = [...this.store.all('PriorityClass')]
        .filter((pc) => pc.globalDefault)
        .sort((a, b) => cmp(a.metadata.name, b.metadata.name))[0];
      spec.priority = global?.value ?? 0;
      if (global?.preemptionPolicy) spec.preemptionPolicy ??= global.preemptionPolicy;
      else spec.preemptionPolicy ??= 'PreemptLowerPriority';
      return spec.priority;
    }
    const pc = this.store.get('PriorityClass', name);
    if (!pc) return `no PriorityClass with name ${name} was found`;
    spec.priority = pc.value;
    spec.preemptionPolicy ??= pc.preemptionPolicy ?? 'PreemptLowerPriority';
    return pc.value;
  }

  /** From a prefix and namespace, a pod name with 5 random characters that is not taken. */
  generateName(prefix: string, namespace: string): string {
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
    for (;;) {
      const name = base + this.random.nameSuffix(5);
      if (!this.store.get('Pod', `${namespace}/${name}`)) return name;
    }
  }

  /** From a new object (server fields blank), stamps uid and creationTimestamp and stores it. */
  createObject<T extends KubeObject>(obj: T): T {
    obj.metadata.uid = this.random.uuid();
    obj.metadata.creationTimestamp = toTimestamp(this.now);
    this.store.add(obj);
    return obj;
  }

  /** Removes an object at once (no graceful period). */
  removeObject(obj: KubeObject): void {
    this.store.remove(obj);
  }

  /** From a pod and an optional grace period, graceful deletion: unbound or terminal pods go at once. */
  deletePod(pod: Pod, gracePeriodSeconds?: number): void {
    if (!this.store.get('Pod', keyOf(pod))) return;
    if (pod.metadata.deletionTimestamp) {
      // A shorter grace period on a second delete speeds termination up (force delete with 0).
      if (gracePeriodSeconds === 0) this.forceDeletePod(pod);
      return;
    }
    const grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec.nodeName || isTerminalPhase(pod) || grace <= 0) {
      this.forceDeletePod(pod);
      return;
    }
    const now = this.now;
    this.store.update(pod, (p) => {
      p.metadata.deletionTimestamp = toTimestamp(now + grace * 1000);
      p.metadata.deletionGracePeriodSeconds = grace;
    });
    this.deletingPods.set(keyOf(pod), grace);
    this.kubelet.podDeleting(pod, grace);
  }

  /** From a pod, removes it from the store now (grace period 0). */
  forceDeletePod(pod: Pod): void {
    const state = this.kubeletPods.get(pod.metadata.uid);
    if (state) for (const seq of state.tasks) this.queue.cancel(seq);
    this.kubeletPods.delete(pod.metadata.uid);
    this.store.remove(pod);
  }

  /** From a pod whose containers have stopped, the kubelet's final delete. */
  finalizePodDeletion(pod: Pod): void {
    this.store.remove(pod);
  }

  /** From a pod and a condition, adds or replaces that condition. */
  addPodCondition(pod: Pod, condition: Omit<PodCondition, 'lastTransitionTime'>): void {
    const now = this.now;
    this.store.update(pod, (p) => {
      const list = (p.status.conditions ??= []).filter((c) => c.type !== condition.type);
      list.push({ ...condition, lastProbeTime: null, lastTransitionTime: toTimestamp(now) });
      p.status.conditions = list;
    });
  }

  /** From a pod and a node, binds it (the scheduler's Bind) and hands it to the kubelet. */
  bindPod(pod: Pod, node: string): void {
    const now = this.now;
    this.unschedulable.delete(keyOf(pod));
    this.store.update(pod, (p) => {
      p.spec.nodeName = node;
      // Only delete what is there: deleting turns an object into V8's slow dictionary mode.
      if (p.status.nominatedNodeName !== undefined) delete p.status.nominatedNodeName;
      const list = (p.status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
      list.push({
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: toTimestamp(now),
      });
      p.status.conditions = list;
      if (p.status.message !== undefined) delete p.status.message;
      if (p.status.reason !== undefined) delete p.status.reason;
    });
    this.recordEvent(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      'default-scheduler',
    );
    this.kubelet.podBound(pod);
    this.tecPods.add(keyOf(pod));
  }

  /** From a pod that did not fit and the scheduler's message, records PodScheduled=False and FailedScheduling. */
  markUnschedulable(pod: Pod, message: string): void {
    const key = keyOf(pod);
    const entry = this.unschedulable.get(key);
    this.unschedulable.set(key, {
      attempts: (entry?.attempts ?? 0) + 1,
      lastAttempt: this.now,
      moved: false,
    });
    const now = this.now;
    const current = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
    if (!current || current.status !== 'False' || current.message !== message) {
      this.store.update(pod, (p) => {
        const list = (p.status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
        list.push({
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime:
            current?.status === 'False'
              ? (current.lastTransitionTime ?? toTimestamp(now))
              : toTimestamp(now),
          reason: 'Unschedulable',
          message,
        });
        p.status.conditions = list;
      });
    }
    this.recordEvent(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
  }

  /** From a preemptor, the node it was nominated to and the victims, deletes them gracefully. */
  preempt(pod: Pod, node: string, victims: Pod[]): void {
    this.store.update(pod, (p) => {
      p.status.nominatedNodeName = node;
    });
    for (const victim of victims.sort((a, b) => cmp(keyOf(a), keyOf(b)))) {
      this.recordEvent(
        victim,
        'Normal',
        'Preempted',
        `Preempted by pod ${pod.metadata.uid} on node ${node}`,
        'default-scheduler',
      );
      this.addPodCondition(victim, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: 'default-scheduler: preempting to accommodate a higher priority pod',
      });
      this.deletePod(victim);
    }
  }

  /** From a pod, the first configMap or secret volume whose object is missing. */
  missingVolume(pod: Pod): { volume: string; message: string } | undefined {
    const ns = pod.metadata.namespace ?? 'default';
    for (const v of pod.spec.volumes ?? []) {
      if (
        v.configMap &&
        !v.configMap.optional &&
        !this.store.get('ConfigMap', `${ns}/${v.configMap.name}`)
      ) {
        return { volume: v.name, message: `configmap "${v.configMap.name}" not found` };
      }
      if (
        v.secret &&
        !v.secret.optional &&
        !this.store.get('Secret', `${ns}/${v.secret.secretName}`)
      ) {
        return { volume: v.name, message: `secret "${v.secret.secretName}" not found` };
      }
    }
    return undefined;
  }

  /** From a node and a normalised image, whether the node has pulled it. */
  nodeHasImage(node: string, image: string): boolean {
    return this.nodeImages.get(node)?.has(image) ?? false;
  }

  /** Records that a node has an image. */
  addNodeImage(node: string, image: string): void {
    let set = this.nodeImages.get(node);
    if (!set) this.nodeImages.set(node, (set = new Set()));
    set.add(image);
  }

  /** From a node name, its Ready condition status. */
  nodeReadyStatus(node: string): string {
    const n = this.store.get('Node', node);
    return n ? readyStatus(n) : 'Unknown';
  }

  /** From a pod and its node, the pod IP: the node IP for hostNetwork pods, else the next address in the node's podCIDR. */
  allocatePodIp(pod: Pod, node: string): string {
    const n = this.nodeNumbers.get(node) ?? 0;
    if (pod.spec.hostNetwork) return nodeIp(n);
    const next = ((this.podIps.get(node) ?? 1) % 254) + 1;
    this.podIps.set(node, next);
    return `10.${128 + Math.floor(n / 256)}.${n % 256}.${next}`;
  }

  /** From a node name, the number it has or would get, without assigning one (dry runs). */
  peekNodeNumber(node: string): number {
    return this.nodeNumbers.get(node) ?? this.nextNodeNumber;
  }

  /** From a node name, its registration number (assigned once, kept if it is deleted and re-created). */
  nodeNumber(node: string): number {
    let n = this.nodeNumbers.get(node);
    if (n === undefined) this.nodeNumbers.set(node, (n = this.nextNodeNumber++));
    return n;
  }

  /** From a node and its new Ready status, queues the NoExecute pass (the monitor runs every 5 s). */
  scheduleNodeMonitor(node: string): void {
    if (this.nlcTasks.has(node)) return;
    const seq = this.queue.push(this.now + jitter(TIMING.nlcNoExecute, this.random), {
      type: 'nlc',
      node,
    });
    this.nlcTasks.set(node, seq);
  }

  /**
   * From an object and the event's fields, records a core/v1 Event through the recorder's
   * correlator (events.ts): similar events past ten distinct messages become one combined event,
   * an identical event (or a further combined one) bumps count and lastTimestamp of the stored
   * one, and the spam filter drops what exceeds the source's budget for the object.
   */
  recordEvent(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
    fieldPath?: string,
  ): void {
    const uid = obj.metadata.uid;
    const source = this.correlator.source(uid, component, host ?? '', this.now);
    const combined = this.correlator.aggregate(source, type, reason, message, this.now);
    if (combined) message = COMBINED_PREFIX + message;
    // The dedupe identity; a combined event stands for its whole group, whatever the field path.
    const idPath = combined ? '' : (fieldPath ?? '');
    const idMessage = combined ? COMBINED_PREFIX : message;
    const about = this.store.events.about(uid);
    let existing: EventEntry | undefined;
    for (let i = 0; i < about.length; i++) {
      if (about[i].is(idPath, type, reason, component, idMessage)) {
        existing = about[i];
        break;
      }
    }
    if (!this.correlator.allow(source, this.now)) {
      this.correlator.noteDropped(
        source,
        eventIdKey(uid, idPath, type, reason, component, idMessage),
        this.now,
      );
      return;
    }
    const dropped = this.correlator.takeDropped(source, () =>
      eventIdKey(uid, idPath, type, reason, component, idMessage),
    );
    const ts = toTimestamp(this.now);
    const count = 1 + (dropped?.count ?? 0);
    if (existing) {
      existing.message = message;
      existing.count += count;
      existing.lastTimestamp = ts;
      this.store.touchEvent(existing);
      return;
    }
    // An event whose first occurrences were dropped is named and dated after the first one.
    const first = dropped ? dropped.first : this.now;
    const entry = new EventEntry(
      obj.metadata.namespace ?? 'default',
      obj.metadata.name,
      ++this.eventSeq,
      first,
      obj.kind,
      NAMESPACED[obj.kind] ? obj.metadata.namespace : undefined,
      obj.metadata.name,
      uid,
      obj.apiVersion,
      obj.metadata.resourceVersion,
      fieldPath ?? '',
      type,
      reason,
      message,
      component,
      host ?? '',
      dropped ? toTimestamp(first) : ts,
      ts,
      count,
    );
    // As createObject stamps any object: a uid from the generator, then the creation time.
    entry.uid = this.random.uuid();
    entry.created = ts;
    this.store.addEvent(entry);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort((a, b) => cmp(a[0], b[0]));
}

function isTerminalPhase(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function noExecuteSig(node: Node): string {
  return (node.spec?.taints ?? [])
    .filter((t) => t.effect === 'NoExecute')
    .map((t) => `${t.key}=${t.value ?? ''}`)
    .join(',');
}

/** From an event's dedupe identity, one key for it (for the spam filter's dropped counts). */
function eventIdKey(
  uid: string,
  fieldPath: string,
  type: string,
  reason: string,
  component: string,
  message: string,
): string {
  return `${uid}\u0000${fieldPath}\u0000${type}\u0000${reason}\u0000${component}\u0000${message}`;
}

function canonicalTemplate(ds: DaemonSet): string {
  return canonicalJson(ds.spec.template);
}
