/**
 * The kubelet as a table of stages (in the manner of kwok's Stage objects): each bound pod walks
 * sync → volumes → sandbox → (pull → start) per init container → (pull → start) per container →
 * Ready, with ErrImagePull/ImagePullBackOff, CrashLoopBackOff and FailedMount detours, and
 * graceful termination. Statuses, reasons and event texts follow the real kubelet
 * (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses and getPhase,
 * pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer and killContainer,
 * pkg/kubelet/images/image_manager.go EnsureImageExists, pkg/kubelet/status/generate.go,
 * pkg/kubelet/volumemanager).
 */
import { toTimestamp } from '../clock.ts';
import type { Engine } from '../cluster.ts';
import { fakeDigest, parseImage, pullImage } from '../registry.ts';
import { TIMING, backoff, formatGoDuration, jitter } from '../timing.ts';
import type { Container, ContainerStatus, Pod, PodCondition } from '../types.ts';
import { containerBehaviour } from './commands.ts';

/** The kubelet's private memory about one pod (plain data, snapshotted). */
export interface KubeletPod {
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
  waitingFor?: { action: 'mount' | 'nslookup'; container: number };
  mountFailures: number;
  /** True while the pod is stuck in a retry loop that only repeats a failure (counts as settled). */
  idle: boolean;
  terminating: boolean;
}

interface Slot {
  container: Container;
  init: boolean;
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
    index,
    path: `spec.initContainers{${container.name}}`,
    says: says(container),
  }));
  const regular = (pod.spec.containers ?? []).map((container, index) => ({
    container,
    init: false,
    index,
    path: `spec.containers{${container.name}}`,
    says: says(container),
  }));
  return [...init, ...regular];
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

/** From a pod, the Initialized/Ready/ContainersReady conditions the kubelet derives from container statuses. */
function refreshConditions(pod: Pod, now: number): void {
  const init = pod.status.initContainerStatuses ?? [];
  const pendingInit = init
    .filter((s) => !(s.state.terminated && s.state.terminated.exitCode === 0))
    .map((s) => s.name);
  if (pendingInit.length > 0)
    setCondition(
      pod,
      'Initialized',
      'False',
      now,
      'ContainersNotInitialized',
      `containers with incomplete status: [${pendingInit.join(' ')}]`,
    );
  else setCondition(pod, 'Initialized', 'True', now);
  const statuses = pod.status.containerStatuses ?? [];
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  if (unready.length > 0) {
    const message = `containers with unready status: [${unready.join(' ')}]`;
    setCondition(pod, 'Ready', 'False', now, 'ContainersNotReady', message);
    setCondition(pod, 'ContainersReady', 'False', now, 'ContainersNotReady', message);
  } else {
    setCondition(pod, 'Ready', 'True', now);
    setCondition(pod, 'ContainersReady', 'True', now);
  }
  // getPhase: Pending until every container has started once; then Running (restartPolicy Always).
  const everStarted =
    statuses.length > 0 &&
    statuses.every((s) => s.state.running || s.lastState.terminated || s.state.terminated);
  if (pod.status.phase === 'Pending' && everStarted && pendingInit.length === 0)
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

export class Kubelet {
  constructor(private readonly engine: Engine) {}

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
    this.engine.kubeletPods.set(pod.metadata.uid, state);
    this.after(state, 'sync', 0, jitter(TIMING.kubeletPickup, this.engine.random));
  }

  /** From a pod whose deletionTimestamp was just set, starts graceful termination. */
  podDeleting(pod: Pod, graceSeconds: number): void {
    const state = this.engine.kubeletPods.get(pod.metadata.uid);
    if (!state) {
      this.engine.finalizePodDeletion(pod);
      return;
    }
    if (state.terminating) return;
    state.terminating = true;
    for (const seq of state.tasks) this.engine.queue.cancel(seq);
    state.tasks = [];
    state.idle = false;
    if (!state.sandbox || graceSeconds <= 0) {
      this.after(state, 'stop', 0, 0);
      return;
    }
    // Killing events for each running container (killContainer: "Stopping container c").
    for (const slot of slots(pod)) {
      if (statusOf(pod, slot)?.state.running) {
        this.engine.recordEvent(
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
    const delay = Math.min(graceSeconds * 1000, jitter(TIMING.containerStop, this.engine.random));
    this.after(state, 'stop', 0, delay);
  }

  /** From a node whose Ready condition became True again, restores Ready on its running pods. */
  nodeReadyAgain(node: string): void {
    for (const pod of this.engine.store.podsOnNode(node)) {
      const state = this.engine.kubeletPods.get(pod.metadata.uid);
      if (!state || state.terminating) continue;
      const allRunning = (pod.status.containerStatuses ?? []).every((s) => s.state.running);
      if (allRunning && (pod.status.containerStatuses ?? []).length > 0)
        this.after(state, 'ready', 0, jitter(TIMING.readyAfterStart, this.engine.random));
    }
  }

  /** From a namespace that just got a ConfigMap, Secret or Service, retries pods waiting on it now. */
  poke(namespace: string): void {
    const waiting = [...this.engine.kubeletPods.values()].filter(
      (st) => st.waitingFor && !st.terminating && st.key.startsWith(`${namespace}/`),
    );
    waiting.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const state of waiting) {
      const wait = state.waitingFor;
      if (!wait) continue;
      for (const seq of state.tasks) this.engine.queue.cancel(seq);
      state.tasks = [];
      state.idle = false;
      state.waitingFor = undefined;
      this.after(state, wait.action, wait.container, 0);
    }
  }

  /** From a queued kubelet task, runs it. */
  run(uid: string, action: string, container: number, seq: number): void {
    const state = this.engine.kubeletPods.get(uid);
    if (!state) return;
    // In place: this runs for every kubelet step of every pod.
    const at = state.tasks.indexOf(seq);
    if (at >= 0) state.tasks.splice(at, 1);
    const pod = this.engine.store.get('Pod', state.key);
    if (!pod || pod.metadata.uid !== uid) {
      this.engine.kubeletPods.delete(uid);
      return;
    }
    state.waitingFor = undefined;
    if (action === 'stop') {
      this.engine.kubeletPods.delete(uid);
      this.engine.finalizePodDeletion(pod);
      return;
    }
    if (state.terminating) return;
    const list = slots(pod);
    const slot = list[container];
    switch (action) {
      case 'sync':
        return this.sync(state, pod);
      case 'mount':
        return this.mount(state, pod);
      case 'sandbox':
        return this.sandboxReady(state, pod);
      case 'pull':
        return this.pull(state, pod, container, list);
      case 'pulled':
        return this.pulled(state, pod, container, list);
      case 'imageBackOff':
        return this.imageBackOff(state, pod, slot);
      case 'start':
        return this.start(state, pod, container, list);
      case 'initDone':
        return this.initDone(state, pod, container, list);
      case 'nslookup':
        return this.nslookup(state, pod, container, list);
      case 'crash':
        return this.crash(state, pod, container, list);
      case 'ready':
        return this.ready(state, pod);
    }
  }

  private after(state: KubeletPod, action: string, container: number, delay: number): void {
    const seq = this.engine.queue.push(
      this.engine.now + delay,
      { type: 'kubelet', pod: state.uid, action, container },
      state.idle,
    );
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
    this.engine.recordEvent(pod, type, reason, message, 'kubelet', state.node, slot?.path);
  }

  private sync(state: KubeletPod, pod: Pod): void {
    const node = this.engine.store.get('Node', state.node);
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    const hasInit = (pod.spec.initContainers ?? []).length > 0;
    const now = this.engine.now;
    this.engine.store.update(pod, (p) => {
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
    const missing = this.engine.missingVolume(pod);
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
      state.waitingFor = { action: 'mount', container: 0 };
      this.after(state, 'mount', 0, delay);
      return;
    }
    state.idle = false;
    this.after(state, 'sandbox', 0, jitter(TIMING.sandboxCreate, this.engine.random));
  }

  private sandboxReady(state: KubeletPod, pod: Pod): void {
    state.sandbox = true;
    const ip = this.engine.allocatePodIp(pod, state.node);
    const now = this.engine.now;
    this.engine.store.update(pod, (p) => {
      p.status.podIP = ip;
      (p.status as { podIPs?: { ip: string }[] }).podIPs = [{ ip }];
      setCondition(p, 'PodReadyToStartContainers', 'True', now);
    });
    this.begin(state, pod, 0, slots(pod));
  }

  private begin(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    if (i >= list.length) {
      const readiness = pod.spec.containers.find((c) => c.readinessProbe);
      const delay = readiness?.readinessProbe
        ? (readiness.readinessProbe.initialDelaySeconds ?? 0) * 1000 +
          jitter(
            { min: 0, max: (readiness.readinessProbe.periodSeconds ?? 10) * 1000 },
            this.engine.random,
          )
        : jitter(TIMING.readyAfterStart, this.engine.random);
      this.after(state, 'ready', 0, delay);
      return;
    }
    if (i > 0 && list[i - 1].init && !list[i].init) {
      // Init containers done: regular containers now wait in ContainerCreating... as the kubelet reports PodInitializing until created.
      const now = this.engine.now;
      this.engine.store.update(pod, (p) => refreshConditions(p, now));
    }
    this.pull(state, pod, i, list);
  }

  private pull(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const image = slot.container.image ?? '';
    const policy =
      slot.container.imagePullPolicy ??
      (parseImage(image).tag === 'latest' ? 'Always' : 'IfNotPresent');
    const cached = this.engine.nodeHasImage(state.node, parseImage(image).full);
    if (policy !== 'Always' && cached) {
      this.event(pod, state, 'Normal', 'Pulled', slot.says.present, slot);
      this.after(state, 'start', i, jitter(TIMING.containerStart, this.engine.random));
      return;
    }
    this.event(pod, state, 'Normal', 'Pulling', slot.says.pulling, slot);
    state.pullStartedAt = this.engine.now;
    const result = pullImage(image);
    // A cached image only needs its manifest checked; a fresh pull takes time by size.
    const sizeMs = result.ok && !cached ? (result.size / 2 ** 20) * TIMING.pullMsPerMiB : 0;
    const delay = jitter(
      { min: TIMING.pullOverhead.min + sizeMs, max: TIMING.pullOverhead.max + sizeMs },
      this.engine.random,
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
      this.after(state, 'imageBackOff', i, jitter({ min: 500, max: 2000 }, this.engine.random));
      return;
    }
    state.pullFailures = 0;
    state.idle = false;
    const took = formatGoDuration(this.engine.now - state.pullStartedAt);
    this.engine.addNodeImage(state.node, ref.full);
    this.event(
      pod,
      state,
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${result.size} bytes.`,
      slot,
    );
    this.after(state, 'start', i, jitter(TIMING.containerStart, this.engine.random));
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
    const now = this.engine.now;
    this.engine.store.update(pod, (p) => {
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
    const now = this.engine.now;
    const restart = state.crashes[i] > 0;
    const containerID = `containerd://${fakeDigest(`${state.uid}/${i}/${state.crashes[i]}`)}`;
    this.event(pod, state, 'Normal', 'Created', slot.says.created, slot);
    this.event(pod, state, 'Normal', 'Started', slot.says.started, slot);
    this.engine.store.update(pod, (p) => {
      const s = statusOf(p, slot);
      if (!s) return;
      s.state = { running: { startedAt: toTimestamp(now) } };
      s.imageID = imageId(ref);
      s.containerID = containerID;
      s.started = true;
      // Without a readiness probe the kubelet reports a running container ready at the next status sync.
      s.ready = false;
      if (restart) s.restartCount += 1;
      refreshConditions(p, now);
    });
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
          state.waitingFor = { action: 'nslookup', container: i };
          this.after(state, 'nslookup', i, TIMING.nslookupPoll);
        }
      } else if (behaviour.kind === 'exit' && behaviour.code !== 0) {
        this.after(state, 'crash', i, jitter(TIMING.crashRun, this.engine.random));
      } else {
        this.after(state, 'initDone', i, jitter(TIMING.initContainerRun, this.engine.random));
      }
      return;
    }
    if (behaviour.kind === 'exit')
      this.after(state, 'crash', i, jitter(TIMING.crashRun, this.engine.random));
    if (restart) {
      const delay = jitter(TIMING.readyAfterStart, this.engine.random);
      this.after(state, 'ready', 0, delay);
      return;
    }
    this.begin(state, pod, i + 1, list);
  }

  private initDone(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const now = this.engine.now;
    state.idle = false;
    this.engine.store.update(pod, (p) => {
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
      state.waitingFor = { action: 'nslookup', container: i };
      this.after(state, 'nslookup', i, TIMING.nslookupPoll);
      return;
    }
    this.initDone(state, pod, i, list);
  }

  /** From a pod and a Service name, whether that Service exists in the pod's namespace (what its DNS lookup finds). */
  private serviceExists(pod: Pod, service: string): boolean {
    return !!this.engine.store.get('Service', `${pod.metadata.namespace ?? 'default'}/${service}`);
  }

  private crash(state: KubeletPod, pod: Pod, i: number, list: Slot[]): void {
    const slot = list[i];
    const behaviour = containerBehaviour(slot.container);
    const code = behaviour.kind === 'exit' ? behaviour.code : 1;
    const now = this.engine.now;
    const crashes = state.crashes[i];
    this.engine.store.update(pod, (p) => {
      const s = statusOf(p, slot);
      if (!s) return;
      const startedAt = s.state.running?.startedAt ?? toTimestamp(now);
      s.state = {
        terminated: { exitCode: code, reason: 'Error', startedAt, finishedAt: toTimestamp(now) },
      };
      s.ready = false;
      s.started = false;
      refreshConditions(p, now);
    });
    state.crashes[i] = crashes + 1;
    // The first restart is immediate; then the back-off runs 10 s, 20 s, ... 300 s (kubelet's crash back-off).
    const delay =
      crashes === 0 ? 0 : backoff(TIMING.crashBackoffInitial, TIMING.crashBackoffMax, crashes - 1);
    const uidText = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    if (delay > 0) {
      const message = `back-off ${formatGoDuration(delay)} restarting failed container=${slot.container.name} pod=${uidText}`;
      this.engine.store.update(pod, (p) => {
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
      this.engine.store.update(pod, (p) => {
        const s = statusOf(p, slot);
        if (!s) return;
        s.lastState = { terminated: s.state.terminated as NonNullable<typeof s.state.terminated> };
      });
    }
    // A restart goes through the image step again: Always re-pulls, IfNotPresent reports "already present".
    this.after(state, 'pull', i, delay);
  }

  private ready(state: KubeletPod, pod: Pod): void {
    const now = this.engine.now;
    const nodeReady = this.engine.nodeReadyStatus(state.node) === 'True';
    this.engine.store.update(pod, (p) => {
      for (const s of p.status.containerStatuses ?? []) s.ready = !!s.state.running && nodeReady;
      refreshConditions(p, now);
    });
  }
}
