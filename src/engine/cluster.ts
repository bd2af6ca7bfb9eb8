/**
 * The simulated cluster: one instance owns the store, the clock, the task queue, the seeded
 * generator, the event recorder and an ordered list of controllers (each owning its own state,
 * see controller.ts). `execute` is the API server; after each request and at each instant of
 * simulated time the controllers run, in list order, until nothing is left to do at that
 * instant. src/engine/README.md explains the order.
 */
import { TaskQueue, toTimestamp, type QueuedTask, type Task } from './clock.ts';
import { executeOperation } from './apiserver.ts';
import type { Controller, StoreChange } from './controller.ts';
import { DaemonSetController } from './controllers/daemonset-controller.ts';
import { GarbageCollector } from './controllers/garbage-collector.ts';
import { NodeLifecycleController } from './controllers/node-lifecycle.ts';
import { PodGarbageCollector } from './controllers/pod-gc.ts';
import { SchedulingQueue } from './controllers/scheduling-queue.ts';
import { TaintEvictionController } from './controllers/taint-eviction.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import { matchesSelector, parseSelector } from './api/labels.ts';
import { parseFieldSelector } from './kinds.ts';
import { Random } from './random.ts';
import { COMBINED_PREFIX, EventCorrelator, type CorrelatorState } from './events.ts';
import { EventEntry } from './event-log.ts';
import { KINDS, NAMESPACED, Store, keyOf, objectKey, type Change, type PodFacts } from './store.ts';
import { TIMING } from './timing.ts';
import type {
  ClusterSnapshot,
  Cluster,
  ListOptions,
  ObjectWrite,
  Operation,
  OperationResult,
  SettleResult,
} from './operations.ts';
import type {
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
import { Diagnoser, type ClusterDiagnosis } from './diagnosis.ts';
import { cloneData } from './util/clone.ts';

export type { DaemonProfile } from './controllers/daemonset-controller.ts';

export interface CreateClusterOptions {
  seed?: number;
}

/** Engine internals carried in snapshots so a restored cluster continues exactly. */
interface Internal {
  rv: number;
  random: number;
  queue: { nextSeq: number; tasks: QueuedTask[] };
  nodeNumbers: [string, number][];
  nextNodeNumber: number;
  eventSeq: number;
  /** The event recorders' correlator. */
  events: CorrelatorState;
  /** Each controller's own state, under its name. */
  controllers: Record<string, unknown>;
}

const BUILTIN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export class Engine implements Cluster {
  now = 0;
  readonly store = new Store();
  queue = new TaskQueue();
  random: Random;
  /** Registration number per node name (its IP and pod CIDR derive from it). */
  private nodeNumbers = new Map<string, number>();
  private nextNodeNumber = 0;
  private eventSeq = 0;
  /** Aggregation and spam filter of the event recorders (events.ts). */
  private correlator = new EventCorrelator();
  private nodeListCache: readonly Node[] | undefined;
  /** Who hears of every object write (see Cluster.onWrite); usually nobody. */
  private writeListeners: ((write: ObjectWrite) => void)[] = [];
  private requestRunning = false;

  /** The DaemonSet controller (the verdicts read its profiles and caches). */
  readonly daemonSets: DaemonSetController;
  /** The kubelets (the API server tells them when a node is Ready again). */
  readonly kubelet: Kubelet;
  /**
   * The controllers in drain order (see src/engine/README.md for why this order). The same
   * order decides who reacts first to a store change, and so which of two tasks queued then
   * runs first when both fall due at one instant.
   */
  private readonly controllers: readonly Controller[];
  /** The owner of each task type. */
  private readonly taskOwners = new Map<string, Controller>();
  /** Why pods are not available and rollouts wait, built for a view when asked. */
  private readonly diagnoser = new Diagnoser();

  constructor(readonly seed: number) {
    this.random = new Random(seed);
    this.daemonSets = new DaemonSetController(this);
    this.kubelet = new Kubelet(this);
    this.controllers = [
      this.kubelet,
      new NodeLifecycleController(this),
      new GarbageCollector(this),
      this.daemonSets,
      new TaintEvictionController(this),
      new PodGarbageCollector(this),
      new SchedulingQueue(this),
    ];
    for (const controller of this.controllers)
      for (const type of controller.taskTypes ?? []) {
        // One owner per task type: a second would never see its tasks.
        if (this.taskOwners.has(type)) throw new Error(`task type ${type} has two owners`);
        this.taskOwners.set(type, controller);
      }
    this.store.listener = (kind, obj, change, before) => this.onChange(kind, obj, change, before);
  }

  /** True while a request and the work at its instant run. */
  get inRequest(): boolean {
    return this.requestRunning;
  }

  /** The controllers' names in drain order. */
  get controllerNames(): string[] {
    return this.controllers.map((c) => c.name);
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
      this.requestRunning = true;
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
    this.requestRunning = false;
    // A dry run's object is the would-be one; the stored version (if any) is not it.
    const dryRun =
      (operation?.op === 'apply' || operation?.op === 'patch') && operation.dryRun === true;
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
    const fields = parseFieldSelector(kind, options.fieldSelector ?? '');
    if ('error' in fields) return fields;
    const out: ObjectOf<K>[] = [];
    let source: Iterable<ObjectOf<K>> = this.store.all(kind);
    // Pods on one node come from the node index, not a walk of every pod.
    if (kind === 'Pod' && fields.nodeName)
      source = this.store.podsOnNode(fields.nodeName) as ObjectOf<K>[];
    for (const obj of source) {
      if (
        NAMESPACED[kind] &&
        options.namespace !== undefined &&
        obj.metadata.namespace !== options.namespace
      )
        continue;
      if (!matchesSelector(labels, obj.metadata.labels)) continue;
      if (fields.matches(obj)) out.push(obj);
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
    return buildVerdicts(this.daemonSets, ds);
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
    const controllers: Record<string, unknown> = {};
    for (const controller of this.controllers)
      if (controller.snapshot) controllers[controller.name] = controller.snapshot();
    const internal: Internal = {
      rv: this.store.resourceVersion,
      random: this.random.state,
      queue: this.queue.toJSON(),
      nodeNumbers: sortedEntries(this.nodeNumbers),
      nextNodeNumber: this.nextNodeNumber,
      eventSeq: this.eventSeq,
      events: this.correlator.toJSON(this.now),
      controllers,
    };
    return {
      format: 1,
      seed: this.seed,
      timeMs: this.now,
      objects: this.store.snapshotObjects(),
      verdicts: this.store.sorted('DaemonSet').map((ds) => buildVerdicts(this.daemonSets, ds)),
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
      verdicts: this.store.sorted('DaemonSet').map((ds) => buildVerdicts(this.daemonSets, ds)),
      diagnosis: this.diagnosis(),
      internal: null,
    };
  }

  /** Why pods are not available and rollouts wait (see diagnosis.ts): the same object while nothing changed. */
  diagnosis(): ClusterDiagnosis {
    return this.diagnoser.diagnose({
      now: this.now,
      revision: this.revision,
      daemonSets: this.daemonSets,
      sortedDaemonSets: () => this.store.sorted('DaemonSet'),
      pod: (key) => this.store.get('Pod', key),
      exists: (kind, key) => this.store.get(kind, key) !== undefined,
    });
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
    this.nodeNumbers = new Map(internal.nodeNumbers);
    this.nextNodeNumber = internal.nextNodeNumber;
    this.eventSeq = internal.eventSeq;
    this.correlator = EventCorrelator.fromJSON(internal.events);
    for (const controller of this.controllers)
      controller.restore?.(cloneData(internal.controllers[controller.name]));
    this.diagnoser.reset(this.store.all('Pod'));
  }

  // ------------------------------------------------------------------------------------------
  // The work loop

  /**
   * Runs controller work at the current instant until none is left: the first controller with
   * work runs it, then the walk starts again from the top of the list.
   */
  drain(): void {
    const controllers = this.controllers;
    for (let guard = 0; guard < 100_000; guard++) {
      let worked = false;
      for (let i = 0; i < controllers.length && !worked; i++)
        worked = controllers[i].drain?.() ?? false;
      if (!worked) return;
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
    this.taskOwners.get(task.type)?.runTask?.(task, seq);
  }

  /** What settle reports as still changing: each controller's phrase for its own busy tasks. */
  private describeBusyWork(): string {
    const byOwner = new Map<Controller, QueuedTask[]>();
    let other = 0;
    for (const entry of this.queue.busyTasks()) {
      const owner = this.taskOwners.get(entry.task.type);
      if (!owner?.describeBusy) {
        other++;
        continue;
      }
      let list = byOwner.get(owner);
      if (!list) byOwner.set(owner, (list = []));
      list.push(entry);
    }
    const parts: string[] = [];
    for (const controller of this.controllers) {
      const tasks = byOwner.get(controller);
      const part = tasks && controller.describeBusy?.(tasks);
      if (part) parts.push(part);
    }
    // Tasks of controllers without a phrase of their own (the node monitor's NoExecute pass,
    // pod GC, the scheduler's back-off flush) only get a word when nothing else is busy.
    if (other > 0 && parts.length === 0)
      parts.push('node and pod garbage collection still running');
    return parts.join('; ');
  }

  // ------------------------------------------------------------------------------------------
  // Change notifications: every controller hears of every change, in list order

  private onChange(
    kind: Kind,
    object: KubeObject,
    change: Change,
    before: PodFacts | undefined,
  ): void {
    // An update may replace the node object, so the cached list must not keep the old one.
    if (kind === 'Node') this.nodeListCache = undefined;
    this.diagnoser.observe(kind, object, change);
    const event: StoreChange = { kind, object, change, before };
    for (const controller of this.controllers) controller.observe?.(event);
    if (this.writeListeners.length > 0 && kind !== 'Event') this.reportWrite(kind, object, change);
  }

  /** Tells the write listeners of one write, with a frozen copy of the object as written. */
  private reportWrite(kind: Exclude<Kind, 'Event'>, object: KubeObject, change: Change): void {
    const write: ObjectWrite = {
      revision: this.store.resourceVersion,
      timeMs: this.now,
      change,
      kind,
      object: this.store.frozenCopy(object),
    };
    for (const listener of [...this.writeListeners]) listener(write);
  }

  /** Reports every later object write to `listener` (see Cluster.onWrite). */
  onWrite(listener: (write: ObjectWrite) => void): () => void {
    this.writeListeners.push(listener);
    return () => {
      this.writeListeners = this.writeListeners.filter((l) => l !== listener);
    };
  }

  /** From a pod the scheduler bound, tells every controller (the kubelet starts it). */
  podBound(pod: Pod): void {
    for (const controller of this.controllers) controller.podBound?.(pod);
  }

  // ------------------------------------------------------------------------------------------
  // Services the controllers use

  /** Nodes sorted by name (a new array whenever any node changes: the DaemonSet tables and the rollout diagnosis compare lists by identity). */
  nodeList(): readonly Node[] {
    if (!this.nodeListCache) this.nodeListCache = [...this.store.sorted('Node')];
    return this.nodeListCache;
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
    for (const controller of this.controllers) controller.podDeleting?.(pod, grace);
  }

  /** From a pod, removes it from the store now (grace period 0). */
  forceDeletePod(pod: Pod): void {
    for (const controller of this.controllers) controller.podForceDeleted?.(pod);
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

  /** From a node name, the number it was registered under (0 when it has none). */
  registeredNodeNumber(node: string): number {
    return this.nodeNumbers.get(node) ?? 0;
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
