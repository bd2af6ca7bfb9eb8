/**
 * The kubelet as a table of stages (in the manner of kwok's Stage objects, see STAGES below):
 * each bound pod walks sync → mount → sandbox → (pull → pulled → start → initDone) per init
 * container → (pull → pulled → start) per container → ready, with imageBackOff, crash and
 * mount-retry detours, and graceful termination (halt for pods with running sidecars, stop).
 * Sidecars (init containers with restartPolicy Always) hand over to the next container at
 * start and keep running. Each stage is a queued task naming the stage; running it writes the
 * pod's status and queues the next stage after its delay. Statuses, reasons and event texts follow the real kubelet
 * (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses and getPhase,
 * pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer and killContainer,
 * pkg/kubelet/images/image_manager.go EnsureImageExists, pkg/kubelet/status/generate.go,
 * pkg/kubelet/volumemanager).
 */
import { toTimestamp, type QueuedTask, type Task } from '../clock.ts';
import type { Controller, ControllerContext, StoreChange } from '../controller.ts';
import { readyStatus } from '../controllers/node-lifecycle.ts';
import { nodeIp } from '../nodes.ts';
import { fakeDigest, parseImage, pullImage } from '../registry.ts';
import { TIMING, backoff, formatGoDuration, jitter } from '../timing.ts';
import type { Container, ContainerStatus, Node, Pod, PodCondition, Probe } from '../types.ts';
import { cloneData } from '../util/clone.ts';
import { containerBehaviour } from './commands.ts';

/** The kubelet's private memory about one pod (plain data, snapshotted). */
interface KubeletPod {
  key: string;
  uid: string;
  node: string;
  /** Sandbox created (pod IP assigned). */
  sandbox: boolean;
  /** Queued task sequence numbers, cancelled on termination. */
  tasks: number[];
  /** Failed pull attempts of the container being pulled. */
  pullFailures: number;
  /** Crash count per container (index into init containers then containers). */
  crashes: number[];
  /** When the current image pull started. */
  pullStartedAt: number;
  /** What an idle retry loop waits for, so a new ConfigMap, Secret or Service can wake it at once. */
  waitingFor?: { stage: 'mount' | 'nslookup'; container: number };
  mountFailures: number;
  /** True while the pod is stuck in a retry loop that only repeats a failure (counts as settled). */
  idle: boolean;
  terminating: boolean;
  /** The last sidecar (slot index) that let the walk go on to the next container; a restart does not again. */
  handedOver?: number;
  /** While sidecars stop one by one after the main containers: when the grace period runs out. */
  stopBy?: number;
}

interface Slot {
  container: Container;
  init: boolean;
  /** A restartable init container (`restartPolicy: Always`): started in init order, then kept running. */
  sidecar: boolean;
  /** Index within spec.initContainers or spec.containers. */
  index: number;
  /** The events' fieldPath, e.g. spec.containers{app}. */
  path: string;
  /** Event messages about this container, written once for all pods sharing it. */
  says: { pulling: string; present: string; created: string; started: string; stopping: string };
}

/** From a container, the messages of its routine events (kubelet wording). */
function says(container: Container): Slot['says'] {
  const image = container.image ?? '';
  return {
    pulling: `Pulling image "${image}"`,
    present: `Container image "${image}" already present on machine`,
    created: `Created container: ${container.name}`,
    started: `Started container ${container.name}`,
    stopping: `Stopping container ${container.name}`,
  };
}

const slotCache = new WeakMap<object, { init: unknown; list: Slot[] }>();

/**
 * From a pod, its containers in start order (init containers first). Kept per containers
 * list, which a DaemonSet's pods share: every kubelet step asks, and a pod's containers never
 * change in place (an image update stores new containers). Read-only.
 */
function slots(pod: Pod): Slot[] {
  const key: object = pod.spec.containers ?? pod.spec;
  const cached = slotCache.get(key);
  if (cached && cached.init === pod.spec.initContainers) return cached.list;
  const list = computeSlots(pod);
  slotCache.set(key, { init: pod.spec.initContainers, list });
  return list;
}

function computeSlots(pod: Pod): Slot[] {
  const init = (pod.spec.initContainers ?? []).map((container, index) => ({
    container,
    init: true,
    sidecar: isSidecar(container),
    index,
    path: `spec.initContainers{${container.name}}`,
    says: says(container),
  }));
  const regular = (pod.spec.containers ?? []).map((container, index) => ({
    container,
    init: false,
    sidecar: false,
    index,
    path: `spec.containers{${container.name}}`,
    says: says(container),
  }));
  return [...init, ...regular];
}

/** Whether an init container is a sidecar (IsRestartableInitContainer, pkg/api/v1/pod/util.go). */
function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

const imageIds = new Map<string, string>();

/** From a parsed image reference, the image ID a started container reports (one per image). */
function imageId(ref: { repository: string; full: string }): string {
  let id = imageIds.get(ref.full);
  if (id === undefined)
    imageIds.set(ref.full, (id = `${ref.repository}@sha256:${fakeDigest(ref.full)}`));
  return id;
}

function statusOf(pod: Pod, slot: Slot): ContainerStatus | undefined {
  const list = slot.init ? pod.status.initContainerStatuses : pod.status.containerStatuses;
  return list?.[slot.index];
}

function emptyStatus(container: Container, reason: string): ContainerStatus {
  return {
    name: container.name,
    state: { waiting: { reason } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: parseImage(container.image ?? '').full,
    imageID: '',
    started: false,
  };
}

function setCondition(
  pod: Pod,
  type: string,
  status: 'True' | 'False',
  now: number,
  reason?: string,
  message?: string,
): void {
  const conditions = (pod.status.conditions ??= []);
  const index = conditions.findIndex((c) => c.type === type);
  const existing = index >= 0 ? conditions[index] : undefined;
  if (
    existing &&
    existing.status === status &&
    existing.reason === reason &&
    existing.message === message
  )
    return;
  // A fresh object rather than deleting fields: deletes push V8 objects into slow dictionary mode.
  const c: PodCondition = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime:
      existing && existing.status === status
        ? (existing.lastTransitionTime ?? toTimestamp(now))
        : toTimestamp(now),
  };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  if (existing) {
    conditions[index] = c;
    return;
  }
  conditions.push(c);
  // Kubelet's order, with the scheduler's PodScheduled last (kubectl describe shows them so).
  // A stable insertion sort in place: the same order as Array.sort, without its allocations
  // (this runs on every status change of every pod; there are at most six conditions).
  for (let i = 1; i < conditions.length; i++) {
    const item = conditions[i];
    const rank = CONDITION_ORDER.indexOf(item.type);
    let j = i - 1;
    while (j >= 0 && CONDITION_ORDER.indexOf(conditions[j].type) > rank) {
      conditions[j + 1] = conditions[j];
      j--;
    }
    conditions[j + 1] = item;
  }
}

const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
  'DisruptionTarget',
];

/**
 * From a pod, the Initialized/Ready/ContainersReady conditions the kubelet derives from container
 * statuses (pkg/kubelet/status/generate.go). A sidecar counts as initialized once started, and
 * its readiness counts toward Ready, listed before the regular containers.
 */
function refreshConditions(pod: Pod, now: number): void {
  const specInit = pod.spec.initContainers ?? [];
  const init = pod.status.initContainerStatuses ?? [];
  const statuses = pod.status.containerStatuses ?? [];
  // HasAnyRegularContainerStarted: once a regular container ran, a restarting sidecar does not
  // take the pod back to uninitialized.
  const regularStarted = statuses.some((s) => s.state.running || s.state.terminated);
  const pendingInit: string[] = [];
  const unready: string[] = [];
  let pendingRegularInit = 0;
  for (let i = 0; i < init.length; i++) {
    const s = init[i];
    if (specInit[i] && isSidecar(specInit[i])) {
      if (!s.started) pendingInit.push(s.name);
      if (!s.ready) unready.push(s.name);
    } else if (!(s.state.terminated && s.state.terminated.exitCode === 0)) {
      pendingInit.push(s.name);
      pendingRegularInit++;
    }
  }
  if (pendingInit.length > 0 && !regularStarted)
    setCondition(
      pod,
      'Initialized',
      'False',
      now,
      'ContainersNotInitialized',
      `containers with incomplete status: [${pendingInit.join(' ')}]`,
    );
  else setCondition(pod, 'Initialized', 'True', now);
  for (const s of statuses) if (!s.ready) unready.push(s.name);
  if (unready.length > 0) {
    const message = `containers with unready status: [${unready.join(' ')}]`;
    setCondition(pod, 'Ready', 'False', now, 'ContainersNotReady', message);
    setCondition(pod, 'ContainersReady', 'False', now, 'ContainersNotReady', message);
  } else {
    setCondition(pod, 'Ready', 'True', now);
    setCondition(pod, 'ContainersReady', 'True', now);
  }
  // getPhase: Pending until every container has started once; then Running (restartPolicy Always).
  // Regular containers only start after every sidecar started, so a sidecar restarting since
  // then does not hold the phase back.
  const everStarted =
    statuses.length > 0 &&
    statuses.every((s) => s.state.running || s.lastState.terminated || s.state.terminated);
  if (pod.status.phase === 'Pending' && everStarted && pendingRegularInit === 0)
    pod.status.phase = 'Running';
}

function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!Object.hasOwn(lim, r) || (Object.hasOwn(req, r) && String(req[r]) !== String(lim[r])))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A configMap or secret volume whose object does not exist (the pod cannot be mounted). */
export interface MissingVolume {
  /** The volume's name in the pod spec. */
  volume: string;
  source: 'ConfigMap' | 'Secret';
  /** The name of the missing ConfigMap or Secret. */
  name: string;
}

/**
 * From a pod and a way to ask whether an object exists ("namespace/name"), the first
 * non-optional configMap or secret volume whose object is missing: what keeps the kubelet's
 * volume manager from mounting it (FailedMount).
 */
export function findMissingVolume(
  pod: Pod,
  exists: (kind: 'ConfigMap' | 'Secret', key: string) => boolean,
): MissingVolume | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of pod.spec.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !exists('ConfigMap', `${ns}/${v.configMap.name}`))
      return { volume: v.name, source: 'ConfigMap', name: v.configMap.name };
    if (v.secret && !v.secret.optional && !exists('Secret', `${ns}/${v.secret.secretName}`))
      return { volume: v.name, source: 'Secret', name: v.secret.secretName };
  }
  return undefined;
}

/**
 * From how often a container has crashed before this crash, how long the kubelet waits before
 * it starts it again: the first restart is immediate, then 10 s, 20 s, ... up to 300 s.
 */
export function crashBackOffMs(crashes: number): number {
  return crashes === 0
    ? 0
    : backoff(TIMING.crashBackoffInitial, TIMING.crashBackoffMax, crashes - 1);
}

/** The stages of a pod's lifecycle; each queued kubelet task names one. */
export type Stage =
  | 'sync'
  | 'mount'
  | 'sandbox'
  | 'pull'
  | 'pulled'
  | 'imageBackOff'
  | 'start'
  | 'sidecarStarted'
  | 'initDone'
  | 'nslookup'
  | 'crash'
  | 'ready'
  | 'halt'
  | 'stop';

/** A queued stage of one pod: `container` indexes init containers, then containers. */
type StageTask = {
  type: 'kubelet';
  pod: string;
  stage: Stage;
  container: number;
};

/** One row of the stage table: what running the stage does (it queues the stages that follow). */
type StageRun = (kubelet: Kubelet, state: KubeletPod, pod: Pod, i: number, list: Slot[]) => void;

/** What the kubelet needs beyond the common context. */
export interface KubeletContext extends ControllerContext {
  /** From a node name, the number the API server registered it under (0 when it has none). */
  registeredNodeNumber(node: string): number;
}

interface KubeletState {
  pods: KubeletPod[];
  nodeImages: [string, string[]][];
  podIps: [string, number][];
}

/**
 * The kubelets of every node, as one controller. It only runs on its timers (each stage is a
 * task), so it drains nothing. It is first in the controller list: the settle report names
 * changing pods before anything else, and it hears of a bound pod before taint eviction does.
 */
export class Kubelet implements Controller {
  readonly name = 'kubelet';
  readonly taskTypes = ['kubelet'];
  /** Its memory per pod, by uid. */
  private pods = new Map<string, KubeletPod>();
  /** Images each node has pulled. */
  private nodeImages = new Map<string, Set<string>>();
  /** The last pod IP handed out per node (the host part of its podCIDR). */
  private podIps = new Map<string, number>();

  /**
   * The stage table: from a stage, what it does. The comment on each row says where it leads;
   * 'halt' and 'stop' are the stages of a terminating pod (run() checks them first): 'halt'
   * stops the main containers (container -1) or one sidecar, 'stop' removes the pod.
   */
  private static readonly STAGES: { readonly [S in Exclude<Stage, 'stop' | 'halt'>]: StageRun } = {
    // Pending with empty container statuses → mount.
    sync: (k, state, pod) => k.sync(state, pod),
    // Volumes present → sandbox; a missing ConfigMap or Secret → FailedMount and mount again.
    mount: (k, state, pod) => k.mount(state, pod),
    // Pod IP assigned → pull of the first container (or ready when there is none).
    sandbox: (k, state, pod) => k.sandboxReady(state, pod),
    // Image present → start; else Pulling → pulled.
    pull: (k, state, pod, i, list) => k.pull(state, pod, i, list),
    // Pulled → start; a failed pull → ErrImagePull → imageBackOff.
    pulled: (k, state, pod, i, list) => k.pulled(state, pod, i, list),
    // ImagePullBackOff → pull after the back-off.
    imageBackOff: (k, state, pod, i, list) => k.imageBackOff(state, pod, list[i]),
    // Running; an init container → initDone, nslookup or crash; a sidecar or container → the next one (and crash if it exits).
    start: (k, state, pod, i, list) => k.start(state, pod, i, list),
    // A sidecar's startup probe passed (or it has none) → ready, and the next container once.
    sidecarStarted: (k, state, pod, i, list) => k.sidecarStarted(state, pod, i, list),
    // An init container Completed → the next container.
    initDone: (k, state, pod, i, list) => k.initDone(state, pod, i, list),
    // The Service resolves → initDone; else nslookup again.
    nslookup: (k, state, pod, i, list) => k.nslookup(state, pod, i, list),
    // Terminated with an error → pull after the crash back-off (CrashLoopBackOff).
    crash: (k, state, pod, i, list) => k.crash(state, pod, i, list),
    // Running containers ready (when the node is Ready); the end of the walk.
    ready: (k, state, pod) => k.ready(state, pod),
  };

  constructor(private readonly context: KubeletContext) {}

  runTask(task: Task, seq: number): void {
    const { pod, stage, container } = task as StageTask;
    this.run(pod, stage, container, seq);
  }

  observe({ kind, object, change }: StoreChange): void {
    if (change !== 'add') return;
    if (kind === 'ConfigMap' || kind === 'Secret' || kind === 'Service')
      this.poke(object.metadata.namespace ?? 'default');
    // A pod created with spec.nodeName skips the scheduler: the kubelet takes it directly, if
    // there is one. A node that does not exist has none, so the pod stays Pending as created.
    else if (kind === 'Pod' && this.hasNode(object as Pod)) this.podBound(object as Pod);
    else if (kind === 'Node') this.nodeRegistered(object as Node);
  }

  podForceDeleted(pod: Pod): void {
    const state = this.pods.get(pod.metadata.uid);
    if (state) for (const seq of state.tasks) this.context.queue.cancel(seq);
    this.pods.delete(pod.metadata.uid);
  }

  describeBusy(tasks: readonly QueuedTask[]): string | undefined {
    const pods = new Set<string>();
    for (const t of tasks) {
      const state = this.pods.get((t.task as StageTask).pod);
      if (state) pods.add(state.key);
    }
    if (pods.size === 0) return undefined;
    return `${pods.size} pod(s) still changing (e.g. ${[...pods].sort()[0]})`;
  }

  snapshot(): KubeletState {
    const byKey = <V>(a: [string, V], b: [string, V]): number => (a[0] < b[0] ? -1 : 1);
    return {
      pods: [...this.pods.values()]
        .map((k) => cloneData(k))
        .sort((a, b) => (a.uid < b.uid ? -1 : 1)),
      nodeImages: [...this.nodeImages.entries()].sort(byKey).map(([k, v]) => [k, [...v].sort()]),
      podIps: [...this.podIps.entries()].sort(byKey),
    };
  }

  restore(state: unknown): void {
    const saved = state as KubeletState | undefined;
    this.pods = new Map((saved?.pods ?? []).map((k) => [k.uid, cloneData(k)]));
    this.nodeImages = new Map((saved?.nodeImages ?? []).map(([k, v]) => [k, new Set(v)]));
    this.podIps = new Map(saved?.podIps ?? []);
  }

  /** From a pod just bound to a node, starts the kubelet's work on it. */
  podBound(pod: Pod): void {
    const state: KubeletPod = {
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      uid: pod.metadata.uid,
      node: pod.spec.nodeName ?? '',
      sandbox: false,
      tasks: [],
      pullFailures: 0,
      crashes: slots(pod).map(() => 0),
      pullStartedAt: 0,
      mountFailures: 0,
      idle: false,
      terminating: false,
    };
    this.pods.set(pod.metadata.uid, state);
    this.after(state, 'sync', 0, jitter(TIMING.kubeletPickup, this.context.random));
  }

  /** From a pod whose deletionTimestamp was just set, starts graceful termination. */
  podDeleting(pod: Pod, graceSeconds: number): void {
    const state = this.pods.get(pod.metadata.uid);
    if (!state) {
      // No kubelet finishes the deletion of a pod bound to a node that does not exist: it stays
      // Terminating until pod GC force-deletes it.
      if (!this.hasNode(pod)) return;
      this.context.store.remove(pod);
      return;
    }
    if (state.terminating) return;
    state.terminating = true;
    for (const seq of state.tasks) this.context.queue.cancel(seq);
    state.tasks = [];
    state.idle = false;
    if (!state.sandbox || graceSeconds <= 0) {
      this.after(state, 'stop', 0, 0);
      return;
    }
    // Killing events for each running container (killContainer: "Stopping container c"): the
    // kubelet asks all at once; we list them in the order they stop, main containers, then
    // sidecars last to first (terminationOrdering in kuberuntime_termination_order.go).
    const list = slots(pod);
    const order = [...list.filter((s) => !s.sidecar), ...list.filter((s) => s.sidecar).reverse()];
    for (const slot of order) {
      if (statusOf(pod, slot)?.state.running) {
        this.context.recordEvent(
          pod,
          'Normal',
          'Killing',
          slot.says.stopping,
          'kubelet',
          state.node,
          slot.path,
        );
      }
    }
    const delay = Math.min(graceSeconds * 1000, jitter(TIMING.containerStop, this.context.random));
    if (list.some((s) => s.sidecar && statusOf(pod, s)?.state.running)) {
      state.stopBy = this.context.now + graceSeconds * 1000;
      this.after(state, 'halt', -1, delay);
      return;
    }
    this.after(state, 'stop', 0, delay);
  }

  /**
   * From a terminating pod with sidecars, marks the main containers (i = -1) or sidecar i
   * stopped, then waits for the next sidecar, last to first, within what is left of the grace
   * period; after the first sidecar, the pod is removed.
   */
  private halt(state: KubeletPod, pod: Pod, i: number): void {
    const list = slots(pod);
    const now = this.context.now;
    let next = -1;
    for (let j = (i < 0 ? list.length : i) - 1; j >= 0 && next < 0; j--)
      if (list[j].sidecar && statusOf(pod, list[j])?.state.running) next = j;
    this.context.store.update(pod, (p) => {
      for (const slot of i < 0 ? list.filter((s) => !s.init) : [list[i]]) {
        const s = statusOf(p, slot);
        const running = s?.state.running;
        if (!s || !running) continue;
        // A simulated process exits cleanly on SIGTERM.
        s.state = {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: running.startedAt,
            finishedAt: toTimestamp(now),
          },
        };
        s.ready = false;
        s.started = false;
      }
      refreshConditions(p, now);
    });
    if (next < 0) {
      this.after(state, 'stop', 0, 0);
      return;
    }
    const left = Math.max(0, (state.stopBy ?? now) - now);
    this.after(
      state,
      'halt',
      next,
      Math.min(left, jitter(TIMING.containerStop, this.context.random)),
    );
  }

  /** From a node whose Ready condition became True again, restores Ready on its running pods. */
  nodeReadyAgain(node: string): void {
    this.reportReady(node, false);
  }

  /**
   * From a Node object just created, restores Ready on the running pods it still has that are
   * not Ready. A node deleted and created again under the same name within podgc's quarantine
   * keeps its pods, and its kubelet, the source of truth of pod status, sends its own status
   * again where the API's differs (pkg/kubelet/status/status_manager.go needsReconcile). Without
   * this, a pod whose containers turned ready while the Node was gone, or that the node
   * controller marked not ready before it went, stayed Running 0/1 for good.
   */
  private nodeRegistered(node: Node): void {
    this.adoptBoundPods(node.metadata.name);
    if (readyStatus(node) === 'True') this.reportReady(node.metadata.name, true);
  }

  /**
   * From a node name just registered, starts the pods bound to that name while no node had it
   * (a kubelet runs every pod whose spec.nodeName is its node, however old, unless it has ended).
   * One already being deleted is only stopped, which finishes its deletion.
   */
  private adoptBoundPods(node: string): void {
    const key = (pod: Pod): string => `${pod.metadata.namespace}/${pod.metadata.name}`;
    const ended = (pod: Pod): boolean =>
      pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
    const waiting = this.context.store
      .podsOnNode(node)
      .filter((pod) => !this.pods.has(pod.metadata.uid) && !ended(pod))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
    for (const pod of waiting) {
      this.podBound(pod);
      if (pod.metadata.deletionTimestamp)
        this.podDeleting(pod, pod.metadata.deletionGracePeriodSeconds ?? 0);
    }
  }

  /** From a pod, whether it is bound to a node that exists (and so has a kubelet). */
  private hasNode(pod: Pod): boolean {
    const node = pod.spec.nodeName;
    return node !== undefined && node !== '' && this.context.store.get('Node', node) !== undefined;
  }

  /** From a node and whether to skip pods already Ready, queues the ready stage of its running pods. */
  private reportReady(node: string, onlyNotReady: boolean): void {
    for (const pod of this.context.store.podsOnNode(node)) {
      const state = this.pods.get(pod.metadata.uid);
      if (!state || state.terminating) continue;
      if (
        onlyNotReady &&
        pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
      )
        continue;
      const allRunning = (pod.status.containerStatuses ?? []).every((s) => s.state.running);
      if (allRunning && (pod.status.containerStatuses ?? []).length > 0)
        this.after(state, 'ready', 0, jitter(TIMING.readyAfterStart, this.context.random));
    }
  }

  /** From a namespace that just got a ConfigMap, Secret or Service, retries pods waiting on it now. */
  private poke(namespace: string): void {
    const waiting = [...this.pods.values()].filter(
      (st) => st.waitingFor && !st.terminating && st.key.startsWith(`${namespace}/`),
    );
    waiting.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const state of waiting) {
      const wait = state.waitingFor;
      if (!wait) continue;
      for (const seq of state.tasks) this.context.queue.cancel(seq);
      state.tasks = [];
      state.idle = false;
      state.waitingFor = undefined;
      this.after(state, wait.stage, wait.container, 0);
    }
  }

  /** From a pod's uid, a stage, its container index and the task's sequence number, runs that stage. */
  private run(uid: string, stage: Stage, container: number, seq: number): void {
    const state = this.pods.get(uid);
    if (!state) return;
    // In place: this runs for every kubelet step of every pod.
    const at = state.tasks.indexOf(seq);
    if (at >= 0) state.tasks.splice(at, 1);
    const pod = this.context.store.get('Pod', state.key);
    if (!pod || pod.metadata.uid !== uid) {
      this.pods.delete(uid);
      return;
    }
    state.waitingFor = undefined;
    if (stage === 'stop') {
      // The containers have stopped: the kubelet's final delete.
      this.pods.delete(uid);
      this.context.store.remove(pod);
      return;
    }
    if (stage === 'halt') {
      this.halt(state, pod, container);
      return;
    }
    if (state.terminating) return;
    Kubelet.STAGES[stage](this, state, pod, container, slots(pod));
  }

  private after(state: KubeletPod, stage: Stage, container: number, delay: number): void {
    const task: StageTask = { type: 'kubelet', pod: state.uid, stage, container };
    const seq = this.context.queue.push(this.context.now + delay, task, state.idle);
    state.tasks.push(seq);
  }

  private event(
    pod: Pod,
    state: KubeletPod,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    slot?: Slot,
  ): void {
    this.context.recordEvent(pod, type, reason, message, 'kubelet', state.node, slot?.path);
  }

  private sync(state: KubeletPod, pod: Pod): void {
    const node = this.context.store.get('Node', state.node);
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    const hasInit = (pod.spec.initContainers ?? []).length > 0;
    const now = this.context.now;
    this.context.store.update(pod, (p) => {
      p.status.phase = 'Pending';
      if (hostIP) {
        p.status.hostIP = hostIP;
        (p.status as { hostIPs?: { ip: string }[] }).hostIPs = [{ ip: hostIP }];
      }
      p.status.startTime = toTimestamp(now);
      p.status.qosClass = qosClass(p);
      // convertToAPIContainerStatuses: PodInitializing while init containers exist, else ContainerCreating.
      const reason = hasInit ? 'PodInitializing' : 'ContainerCreating';
      if (hasInit)
        p.status.initContainerStatuses = (p.spec.initContainers ?? []).map((c) =>
          emptyStatus(c, 'PodInitializing'),
        );
      p.status.containerStatuses = (p.spec.containers ?? []).map((c) => emptyStatus(c, reason));
      setCondition(p, 'PodReadyToStartContainers', 'False', now);
      refreshConditions(p, now);
    });
    this.mount(state, pod);
  }

  private mount(state: KubeletPod, pod: Pod): void {
    const missing = this.missingVolume(pod);
    if (missing) {
      this.event(
        pod,
        state,
        'Warning',
        'FailedMount',
        `MountVolume.SetUp failed for volume "${missing.volume}" : ${missing.message}`,
      );
      const delay = backoff(TIMING.mountRetryInitial, TIMING.mountRetryMax, state.mountFailures);
      state.mountFailures++;
      state.idle = true;
      state.waitingFor = { stage: 'mount', container: 0 };
      this.after(state, 'mount', 0, delay);
      return;
    }
    state.idle = false;
    this.after(state, 'sandbox', 0, jitter(TIMING.sandboxCreate, this.context.random));
  }

  private sandboxReady(state: KubeletPod, pod: Pod): void {
    state.sandbox = true;
    const ip = this.allocatePodIp(pod, state.node);
    const now = this.context.now;
    this.context.store.update(pod, (p) => {
      p.status.podIP = ip;
      (p.status as { podIPs?: { ip: string }[] }).podIPs = [{ ip }];
      setCondition(p, 'PodReadyToStartContainers', 'True', now);
    });
    this.begin(state, pod, 0, slots(pod));
  }

  private begin(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    if (i >= list.length) {
      const readiness = pod.spec.containers.find((c) => c.readinessProbe);
      this.after(state, 'ready', 0, this.probeDelay(readiness?.readinessProbe));
      return;
    }
    if (i > 0 && list[i - 1].init && !list[i].init) {
      // Init containers done: regular containers now wait in ContainerCreating... as the kubelet reports PodInitializing until created.
      const now = this.context.now;
      this.context.store.update(pod, (p) => refreshConditions(p, now));
    }
    this.pull(state, pod, i, list);
  }

  /** From a readiness or startup probe, how long after the start it first succeeds; without one, the next status sync. */
  private probeDelay(probe: Probe | undefined): number {
    if (!probe) return jitter(TIMING.readyAfterStart, this.context.random);
    return (
      (probe.initialDelaySeconds ?? 0) * 1000 +
      jitter({ min: 0, max: (probe.periodSeconds ?? 10) * 1000 }, this.context.random)
    );
  }

  private pull(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const image = slot.container.image ?? '';
    const policy =
      slot.container.imagePullPolicy ??
      (parseImage(image).tag === 'latest' ? 'Always' : 'IfNotPresent');
    const cached = this.nodeImages.get(state.node)?.has(parseImage(image).full) ?? false;
    if (policy !== 'Always' && cached) {
      this.event(pod, state, 'Normal', 'Pulled', slot.says.present, slot);
      this.after(state, 'start', i, jitter(TIMING.containerStart, this.context.random));
      return;
    }
    this.event(pod, state, 'Normal', 'Pulling', slot.says.pulling, slot);
    state.pullStartedAt = this.context.now;
    const result = pullImage(image);
    // A cached image only needs its manifest checked; a fresh pull takes time by size.
    const sizeMs = result.ok && !cached ? (result.size / 2 ** 20) * TIMING.pullMsPerMiB : 0;
    const delay = jitter(
      { min: TIMING.pullOverhead.min + sizeMs, max: TIMING.pullOverhead.max + sizeMs },
      this.context.random,
    );
    this.after(state, 'pulled', i, delay);
  }

  private pulled(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const image = slot.container.image ?? '';
    const result = pullImage(image);
    const ref = parseImage(image);
    if (!result.ok) {
      const message = `Failed to pull image "${image}": ${result.message}`;
      this.event(pod, state, 'Warning', 'Failed', message, slot);
      this.event(pod, state, 'Warning', 'Failed', 'Error: ErrImagePull', slot);
      this.setWaiting(pod, slot, 'ErrImagePull', message);
      state.pullFailures++;
      state.idle = state.pullFailures > 1;
      this.after(state, 'imageBackOff', i, jitter({ min: 500, max: 2000 }, this.context.random));
      return;
    }
    state.pullFailures = 0;
    state.idle = false;
    const took = formatGoDuration(this.context.now - state.pullStartedAt);
    this.addNodeImage(state.node, ref.full);
    this.event(
      pod,
      state,
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${result.size} bytes.`,
      slot,
    );
    this.after(state, 'start', i, jitter(TIMING.containerStart, this.context.random));
  }

  private imageBackOff(state: KubeletPod, pod: Pod, slot: Slot): void {
    const image = slot.container.image ?? '';
    const message = `Back-off pulling image "${image}"`;
    this.event(pod, state, 'Normal', 'BackOff', message, slot);
    this.event(pod, state, 'Warning', 'Failed', 'Error: ImagePullBackOff', slot);
    this.setWaiting(pod, slot, 'ImagePullBackOff', message);
    // From here on, nothing changes but the retry: the pod counts as settled.
    state.idle = true;
    const i = slots(pod).findIndex((s) => s.init === slot.init && s.index === slot.index);
    this.after(
      state,
      'pull',
      i,
      backoff(TIMING.imageBackoffInitial, TIMING.imageBackoffMax, state.pullFailures - 1),
    );
  }

  private setWaiting(pod: Pod, slot: Slot, reason: string, message?: string): void {
    const now = this.context.now;
    this.context.store.update(pod, (p) => {
      const s = statusOf(p, slot);
      if (!s) return;
      s.state = { waiting: message ? { reason, message } : { reason } };
      s.ready = false;
      s.started = false;
      refreshConditions(p, now);
    });
  }

  private start(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const ref = parseImage(slot.container.image ?? '');
    const behaviour = containerBehaviour(slot.container);
    const now = this.context.now;
    const restart = state.crashes[i] > 0;
    const containerID = `containerd://${fakeDigest(`${state.uid}/${i}/${state.crashes[i]}`)}`;
    this.event(pod, state, 'Normal', 'Created', slot.says.created, slot);
    this.event(pod, state, 'Normal', 'Started', slot.says.started, slot);
    this.context.store.update(pod, (p) => {
      const s = statusOf(p, slot);
      if (!s) return;
      s.state = { running: { startedAt: toTimestamp(now) } };
      s.imageID = imageId(ref);
      s.containerID = containerID;
      // A sidecar with a startup probe has not started until the probe passes (sidecarStarted).
      s.started = !(slot.sidecar && slot.container.startupProbe);
      // Without a readiness probe the kubelet reports a running container ready at the next status sync.
      s.ready = false;
      if (restart) s.restartCount += 1;
      refreshConditions(p, now);
    });
    if (slot.sidecar) {
      // computeInitContainerActions: the next init container starts once a sidecar has started
      // (its startup probe passed), not finished; the sidecar keeps running, and any exit,
      // even 0, restarts it with the crash back-off whatever the pod's restartPolicy.
      if (behaviour.kind === 'exit')
        this.after(state, 'crash', i, jitter(TIMING.crashRun, this.context.random));
      const probe = slot.container.startupProbe;
      if (probe) this.after(state, 'sidecarStarted', i, this.probeDelay(probe));
      else this.sidecarStarted(state, pod, i, list);
      return;
    }
    if (slot.init) {
      if (behaviour.kind === 'nslookup') {
        // The script's first lookup answers at once when the Service already exists. Only a
        // missing Service makes it an idle retry loop, which settle may stop at: marking this
        // one idle too left the pod at Init:0/1 for good when the Service came first.
        if (this.serviceExists(pod, behaviour.service)) {
          state.idle = false;
          this.after(state, 'nslookup', i, 0);
        } else {
          state.idle = true;
          state.waitingFor = { stage: 'nslookup', container: i };
          this.after(state, 'nslookup', i, TIMING.nslookupPoll);
        }
      } else if (behaviour.kind === 'exit' && behaviour.code !== 0) {
        this.after(state, 'crash', i, jitter(TIMING.crashRun, this.context.random));
      } else {
        this.after(state, 'initDone', i, jitter(TIMING.initContainerRun, this.context.random));
      }
      return;
    }
    if (behaviour.kind === 'exit')
      this.after(state, 'crash', i, jitter(TIMING.crashRun, this.context.random));
    if (restart) {
      const delay = jitter(TIMING.readyAfterStart, this.context.random);
      this.after(state, 'ready', 0, delay);
      return;
    }
    this.begin(state, pod, i + 1, list);
  }

  private sidecarStarted(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    // It exited before its startup probe passed: its restart probes again.
    if (!statusOf(pod, slot)?.state.running) return;
    if (!statusOf(pod, slot)?.started) {
      const now = this.context.now;
      this.context.store.update(pod, (p) => {
        const s = statusOf(p, slot);
        if (s) s.started = true;
        refreshConditions(p, now);
      });
    }
    this.after(state, 'ready', 0, this.probeDelay(slot.container.readinessProbe));
    if (state.handedOver === undefined || state.handedOver < i) {
      state.handedOver = i;
      this.begin(state, pod, i + 1, list);
    }
  }

  private initDone(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const now = this.context.now;
    state.idle = false;
    this.context.store.update(pod, (p) => {
      const s = statusOf(p, slot);
      if (!s) return;
      const startedAt = s.state.running?.startedAt ?? toTimestamp(now);
      s.state = {
        terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: toTimestamp(now) },
      };
      s.ready = true;
      s.started = false;
      refreshConditions(p, now);
    });
    this.begin(state, pod, i + 1, list);
  }

  private nslookup(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const behaviour = containerBehaviour(list[i].container);
    if (behaviour.kind === 'nslookup' && !this.serviceExists(pod, behaviour.service)) {
      state.idle = true;
      state.waitingFor = { stage: 'nslookup', container: i };
      this.after(state, 'nslookup', i, TIMING.nslookupPoll);
      return;
    }
    this.initDone(state, pod, i, list);
  }

  /** From a pod and a Service name, whether that Service exists in the pod's namespace (what its DNS lookup finds). */
  private serviceExists(pod: Pod, service: string): boolean {
    return !!this.context.store.get('Service', `${pod.metadata.namespace ?? 'default'}/${service}`);
  }

  private crash(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const behaviour = containerBehaviour(slot.container);
    const code = behaviour.kind === 'exit' ? behaviour.code : 1;
    const now = this.context.now;
    const crashes = state.crashes[i];
    this.context.store.update(pod, (p) => {
      const s = statusOf(p, slot);
      if (!s) return;
      const startedAt = s.state.running?.startedAt ?? toTimestamp(now);
      // The runtime's reason: Completed for exit code 0 (a sidecar or container that exits cleanly), else Error.
      const reason = code === 0 ? 'Completed' : 'Error';
      s.state = {
        terminated: { exitCode: code, reason, startedAt, finishedAt: toTimestamp(now) },
      };
      s.ready = false;
      s.started = false;
      refreshConditions(p, now);
    });
    state.crashes[i] = crashes + 1;
    const delay = crashBackOffMs(crashes);
    const uidText = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    if (delay > 0) {
      const message = `back-off ${formatGoDuration(delay)} restarting failed container=${slot.container.name} pod=${uidText}`;
      this.context.store.update(pod, (p) => {
        const s = statusOf(p, slot);
        if (!s) return;
        s.lastState = { terminated: s.state.terminated as NonNullable<typeof s.state.terminated> };
        s.state = { waiting: { reason: 'CrashLoopBackOff', message } };
      });
      this.event(
        pod,
        state,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${slot.container.name} in pod ${uidText}`,
        slot,
      );
    } else {
      this.context.store.update(pod, (p) => {
        const s = statusOf(p, slot);
        if (!s) return;
        s.lastState = { terminated: s.state.terminated as NonNullable<typeof s.state.terminated> };
      });
    }
    // A restart goes through the image step again: Always re-pulls, IfNotPresent reports "already present".
    this.after(state, 'pull', i, delay);
  }

  private ready(state: KubeletPod, pod: Pod): void {
    const now = this.context.now;
    const node = this.context.store.get('Node', state.node);
    const nodeReady = node !== undefined && readyStatus(node) === 'True';
    this.context.store.update(pod, (p) => {
      for (const s of p.status.containerStatuses ?? []) s.ready = !!s.state.running && nodeReady;
      // A started sidecar without a readiness probe is ready too (prober manager UpdatePodStatus).
      const specInit = p.spec.initContainers ?? [];
      const init = p.status.initContainerStatuses ?? [];
      for (let j = 0; j < init.length; j++)
        if (specInit[j] && isSidecar(specInit[j]))
          init[j].ready = !!init[j].state.running && !!init[j].started && nodeReady;
      refreshConditions(p, now);
    });
  }

  /** From a pod, the first configMap or secret volume whose object is missing, worded as the volume manager does. */
  private missingVolume(pod: Pod): { volume: string; message: string } | undefined {
    const store = this.context.store;
    const missing = findMissingVolume(pod, (kind, key) => store.get(kind, key) !== undefined);
    if (!missing) return undefined;
    const what = missing.source === 'ConfigMap' ? 'configmap' : 'secret';
    return { volume: missing.volume, message: `${what} "${missing.name}" not found` };
  }

  /** Records that a node has an image. */
  private addNodeImage(node: string, image: string): void {
    let set = this.nodeImages.get(node);
    if (!set) this.nodeImages.set(node, (set = new Set()));
    set.add(image);
  }

  /** From a pod and its node, the pod IP: the node IP for hostNetwork pods, else the next address in the node's podCIDR. */
  private allocatePodIp(pod: Pod, node: string): string {
    const n = this.context.registeredNodeNumber(node);
    if (pod.spec.hostNetwork) return nodeIp(n);
    const next = ((this.podIps.get(node) ?? 1) % 254) + 1;
    this.podIps.set(node, next);
    return `10.${128 + Math.floor(n / 256)}.${n % 256}.${next}`;
  }
}
