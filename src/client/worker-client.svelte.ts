/**
 * The page's handle on the engine worker, after the Svelte REPL's Bundler.svelte.ts: it owns
 * the worker, holds the latest snapshot as reactive state and turns requests into promises.
 *
 * It also keeps the command log. If the worker throws, or stays silent for longer than
 * HEARTBEAT_TIMEOUT_MS outside long work it announced, the client says so, replaces the worker
 * and replays the log into the new one, so nothing the learner typed is lost.
 */
import type { ClusterSnapshot, CommandResult, Event, Kind } from '../protocol/cluster.ts';
import {
  HEARTBEAT_TIMEOUT_MS,
  assertNever,
  isWorkerMessage,
  type CommandLog,
  type EventSubject,
  type FileMap,
  type GoalSpec,
  type GoalState,
  type SnapshotMessage,
  type WorkerMessage,
  type WorkerRequest,
} from '../protocol/messages.ts';
import type { EngineClient, EngineStatus, FileCheck, WorkInProgress } from './engine-client.ts';

/** Requests as callers write them: the client adds the id. */
type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'id'>
    : never
  : never;

/** The reply each request type resolves with. */
interface Replies {
  start: Extract<WorkerMessage, { type: 'started' }>;
  run: Extract<WorkerMessage, { type: 'ran' }>;
  complete: Extract<WorkerMessage, { type: 'completed' }>;
  diagnose: Extract<WorkerMessage, { type: 'diagnosed' }>;
  setPlaying: Extract<WorkerMessage, { type: 'playingChanged' }>;
}

interface Pending {
  request: WorkerRequest;
  /** For a run: told the result in the very task the reply arrived in (see EngineClient.run). */
  onResult?: (result: CommandResult) => void;
  resolve(reply: Replies[keyof Replies]): void;
  /** What the request resolves with if the worker dies while handling it. */
  fallback(): void;
}

/** How the client is set up. */
export interface WorkerClientOptions {
  /** Makes a fresh engine worker (main.ts passes the Vite worker constructor). */
  createWorker(): Worker;
  seed: number;
  /** Files open before the first command. */
  files: FileMap;
  playing: boolean;
  /**
   * A command log to start from (a saved or shared session): the first worker replays it, as
   * a rebuilt one replays the log so far. Its seed and files win over `seed` and `files`.
   */
  log?: CommandLog;
  /** Silence that counts as stuck (tests shorten it). */
  heartbeatTimeoutMs?: number;
}

/** A worker has this long to load and answer `start` (module load counts, on slow machines too). */
const BOOT_TIMEOUT_MS = 20_000;
/** How late a watchdog timer may fire before we blame the page rather than the worker. */
const LATE_TIMER_MS = 300;
const LATE_TIMER_GRACE_MS = 1000;

/**
 * A command shows as busy only once it has run this long: most finish at once, and a status
 * that flips to busy and back for them would redraw the page twice while the learner waits
 * for the picture.
 */
export const BUSY_SHOWN_AFTER_MS = 400;

/** More rebuilds than this within RECOVERY_WINDOW_MS means something is broken for good. */
const MAX_RECOVERIES = 3;
const RECOVERY_WINDOW_MS = 20_000;

/** The worker-backed EngineClient used by the app. */
export class WorkerEngineClient implements EngineClient {
  // $state.raw: a snapshot is replaced whole, never mutated, and deep proxies over thousands of
  // pods would cost more than the drawing.
  snapshot: ClusterSnapshot | undefined = $state.raw();
  version = $state(0);
  timeMs = $state(0);
  playing = $state(false);
  speed = $state(1);
  status: EngineStatus = $state('starting');
  progress: WorkInProgress | undefined = $state();
  notice: string | undefined = $state();
  goals: readonly GoalState[] | undefined = $state.raw();
  watching = $state(false);
  readonly log: CommandLog;
  /** The lesson's goals, sent again to a rebuilt worker after its replay. */
  #goals: readonly GoalSpec[] = [];

  #options: WorkerClientOptions;
  #worker: Worker | undefined;
  #generation = 0;
  #nextId = 1;
  // Bookkeeping, not state the page draws: a plain Map on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #pending = new Map<number, Pending>();
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  #silenceLimitMs: number;
  #busy = false;
  /** The silence the long work in hand may keep (its `busy` message's limit). */
  #busyLimitMs = 0;
  /** The long work in hand, drawn as `progress` once it has run BUSY_SHOWN_AFTER_MS. */
  #work: WorkInProgress | undefined;
  #busyShown: ReturnType<typeof setTimeout> | undefined;
  #booting = false;
  #lastFiles: FileMap;
  #recoveries: number[] = [];
  /** Runs already sent again after a silence (a second silence blames them). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never drawn
  #retried = new Set<number>();
  #disposed = false;
  /**
   * Open event subscriptions by key, each with the newest resourceVersion it has heard, so a
   * rebuilt worker is asked only for what they have not heard.
   */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never drawn
  #subscriptions = new Map<
    number,
    { since: number; about: EventSubject | undefined; listener: (events: Event[]) => void }
  >();
  #nextSubscription = 1;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never drawn
  #watchListeners = new Set<(rows: string) => void>();

  /** Starts the worker with an empty log, or replaying `options.log`. */
  constructor(options: WorkerClientOptions) {
    this.#options = options;
    this.#silenceLimitMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    const start = options.log;
    this.log = start
      ? {
          seed: start.seed,
          files: { ...start.files },
          entries: start.entries.map((e) => ({ ...e })),
        }
      : { seed: options.seed, files: { ...options.files }, entries: [] };
    // The next command records its files only if they differ from the last ones it replays.
    let lastFiles = this.log.files;
    for (const entry of this.log.entries) if (entry.files) lastFiles = entry.files;
    this.#lastFiles = { ...lastFiles };
    this.playing = options.playing;
    this.#boot();
  }

  /** Runs a console line; it enters the log with the simulated time the worker ran it at. */
  async run(
    line: string,
    files: FileMap,
    onResult?: (result: CommandResult) => void,
    options: { snapshot?: boolean } = {},
  ): Promise<CommandResult> {
    const reply = await this.#request(
      { type: 'run', line, files, ...(options.snapshot === false ? { snapshot: false } : {}) },
      onResult,
    );
    return reply.result;
  }

  /** Tab completion candidates. */
  async complete(line: string, files: FileMap): Promise<string[]> {
    return (await this.#request({ type: 'complete', line, files })).items;
  }

  /** Diagnostics for one file, and its drift from the cluster. */
  async diagnose(fileName: string, text: string): Promise<FileCheck> {
    const reply = await this.#request({ type: 'diagnose', fileName, text });
    return { diagnostics: reply.diagnostics, ...(reply.drift ? { drift: reply.drift } : {}) };
  }

  /** Plays or pauses the simulated clock. */
  async setPlaying(playing: boolean): Promise<void> {
    this.playing = playing;
    await this.#request({ type: 'setPlaying', playing });
  }

  /** Starts over on an empty cluster in the same worker (see EngineClient.restart). */
  async restart(files: FileMap, options: { snapshot?: boolean } = {}): Promise<void> {
    this.watching = false;
    this.#goals = [];
    this.goals = undefined;
    this.log.files = { ...files };
    this.log.entries.length = 0;
    this.#lastFiles = { ...files };
    this.playing = false;
    // The new cluster numbers its objects from the start again: every subscription hears it
    // from the beginning.
    for (const s of this.#subscriptions.values()) s.since = 0;
    const reply = await this.#request({
      type: 'start',
      log: { seed: this.log.seed, files: { ...files }, entries: [] },
      untilMs: 0,
      playing: false,
      baseVersion: this.version,
      ...(options.snapshot === false ? { snapshot: false } : {}),
    });
    for (const key of this.#subscriptions.keys()) this.#postSubscribe(this.#worker, key);
    this.timeMs = reply.timeMs;
  }

  /** Sends the lesson's goals (see EngineClient.setGoals). */
  setGoals(goals: readonly GoalSpec[]): void {
    this.#goals = goals;
    this.goals = undefined;
    this.#worker?.postMessage({ type: 'goals', id: this.#nextId++, goals } satisfies WorkerRequest);
  }

  /** Sets how many simulated seconds pass per real second while the clock plays. */
  async setSpeed(speed: number): Promise<void> {
    this.speed = speed;
    const reply = await this.#request({ type: 'setPlaying', playing: this.playing, speed });
    this.speed = reply.speed;
  }

  /** Pauses the clock; resolves with the simulated ms until the next change, if any is queued. */
  async nextChange(): Promise<number | undefined> {
    this.playing = false;
    const reply = await this.#request({ type: 'setPlaying', playing: false });
    return reply.nextDueAt === undefined ? undefined : Math.max(0, reply.nextDueAt - reply.timeMs);
  }

  /** Opens an event subscription in the worker (see EngineClient.subscribeEvents). */
  subscribeEvents(
    options: { since: number; about?: EventSubject },
    listener: (events: Event[]) => void,
  ): () => void {
    const key = this.#nextSubscription++;
    this.#subscriptions.set(key, { since: options.since, about: options.about, listener });
    this.#postSubscribe(this.#worker, key);
    return () => {
      if (!this.#subscriptions.delete(key)) return;
      this.#worker?.postMessage({
        type: 'unsubscribe',
        id: this.#nextId++,
        key,
      } satisfies WorkerRequest);
    };
  }

  #postSubscribe(worker: Worker | undefined, key: number): void {
    const s = this.#subscriptions.get(key);
    if (!s) return;
    worker?.postMessage({
      type: 'subscribe',
      id: this.#nextId++,
      subscription: { key, since: s.since, ...(s.about ? { about: s.about } : {}) },
    } satisfies WorkerRequest);
  }

  /** Hands each subscription its batch, noting the newest version it has heard. */
  #deliver(message: SnapshotMessage): void {
    for (const batch of message.events ?? []) {
      const s = this.#subscriptions.get(batch.key);
      if (!s) continue;
      for (const e of batch.events) s.since = Math.max(s.since, Number(e.metadata.resourceVersion));
      s.listener(batch.events);
    }
  }

  /** Hears the open watch's rows (see EngineClient.onWatchOutput). */
  onWatchOutput(listener: (rows: string) => void): () => void {
    this.#watchListeners.add(listener);
    return () => this.#watchListeners.delete(listener);
  }

  /** Ends the open watch; rows already on their way are dropped. */
  stopWatch(): void {
    if (!this.watching) return;
    this.watching = false;
    this.#worker?.postMessage({ type: 'stopWatch', id: this.#nextId++ } satisfies WorkerRequest);
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** Stops the worker for good. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#watchdog);
    clearTimeout(this.#busyShown);
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  /** Sends a request; the promise settles with its reply (never rejects). */
  #request<B extends RequestBody & { type: keyof Replies }>(
    body: B,
    onResult?: (result: CommandResult) => void,
  ): Promise<Replies[B['type']]> {
    const id = this.#nextId++;
    const request = { ...body, id } as WorkerRequest;
    return new Promise((resolve) => {
      this.#pending.set(id, {
        request,
        onResult,
        resolve: resolve as Pending['resolve'],
        fallback: () => (resolve as Pending['resolve'])(fallbackReply(request)),
      });
      this.#worker?.postMessage(request);
    });
  }

  #boot(): void {
    const generation = ++this.#generation;
    // A new worker replays the log with no watch left open.
    this.watching = false;
    const worker = this.#options.createWorker();
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<unknown>) => {
      if (generation !== this.#generation) return;
      if (!isWorkerMessage(event.data)) return;
      this.#handle(event.data);
    };
    worker.onerror = (event) => {
      if (generation !== this.#generation) return;
      event.preventDefault();
      this.#recover(null, `the simulation crashed (${event.message || 'worker error'})`);
    };
    worker.onmessageerror = () => {
      if (generation === this.#generation)
        this.#recover(null, 'a message from the simulation could not be read');
    };
    const start: WorkerRequest = {
      type: 'start',
      id: this.#nextId++,
      log: this.log,
      untilMs: this.timeMs,
      playing: this.playing,
      baseVersion: this.version,
    };
    this.#pending.set(start.id, {
      request: start,
      resolve: () => {
        this.status = 'ready';
      },
      fallback: () => {},
    });
    worker.postMessage(start);
    // The lesson's timeline starts again after the replay: history before the rebuild is lost.
    if (this.#goals.length > 0)
      worker.postMessage({
        type: 'goals',
        id: this.#nextId++,
        goals: this.#goals,
      } satisfies WorkerRequest);
    // A rebuilt worker plays at the speed the learner chose (speed is pace, not history, so
    // the log does not hold it). The reply has no one waiting and is dropped.
    if (this.speed !== 1) {
      worker.postMessage({
        type: 'setPlaying',
        id: this.#nextId++,
        playing: this.playing,
        speed: this.speed,
      } satisfies WorkerRequest);
    }
    for (const key of this.#subscriptions.keys()) this.#postSubscribe(worker, key);
    // Requests made before a rebuild go to the new worker after the replay, in order.
    for (const [id, pending] of this.#pending)
      if (id !== start.id) worker.postMessage(pending.request);
    // Loading the worker's code is long work too; heartbeats start once it has started.
    this.#booting = true;
    this.#armWatchdog(Math.max(BOOT_TIMEOUT_MS, this.#silenceLimitMs));
  }

  #handle(message: WorkerMessage): void {
    if (message.type === 'started') this.#booting = false;
    this.#armWatchdog(this.#busy || this.#booting ? undefined : this.#silenceLimitMs);
    switch (message.type) {
      case 'snapshot':
        this.#show(message);
        return;
      case 'heartbeat':
        this.timeMs = message.timeMs;
        this.playing = message.playing;
        return;
      case 'busy': {
        this.#busy = true;
        this.#busyLimitMs = message.limitMs;
        const work: WorkInProgress = { reason: message.reason, done: 0, startedAt: Date.now() };
        this.#work = work;
        clearTimeout(this.#busyShown);
        this.#busyShown = setTimeout(() => {
          if (!this.#busy || this.#work !== work) return;
          if (this.status === 'ready') this.status = 'busy';
          this.progress = { ...work };
        }, BUSY_SHOWN_AFTER_MS);
        this.#armWatchdog(message.limitMs);
        return;
      }
      case 'progress':
        // Long work that says how far it got is alive: its silence counts again from now.
        if (this.#busy) this.#armWatchdog(this.#busyLimitMs);
        if (this.#work) {
          this.#work.done = message.done;
          if (this.progress) this.progress = { ...this.#work };
        }
        return;
      case 'idle':
        this.#busy = false;
        this.#work = undefined;
        this.progress = undefined;
        clearTimeout(this.#busyShown);
        this.status = 'ready';
        this.#armWatchdog(this.#silenceLimitMs);
        return;
      case 'failed': {
        const culprit = message.id;
        this.#recover(culprit, `the simulation failed (${message.message})`);
        return;
      }
      case 'ran': {
        if (message.snapshot) this.#show(message.snapshot);
        this.#record(message);
        this.watching = message.result.watching === true;
        this.timeMs = Math.max(this.timeMs, message.timeMs);
        // Synchronously, in this task: what the caller changes on hearing the result lands in
        // the same Svelte flush as the snapshot, so the page draws the two together, once.
        this.#pending.get(message.id)?.onResult?.(message.result);
        this.#settle(message.id, message);
        return;
      }
      case 'started':
        this.timeMs = Math.max(this.timeMs, message.timeMs);
        this.#settle(message.id, message);
        return;
      case 'playingChanged':
        this.timeMs = Math.max(this.timeMs, message.timeMs);
        this.#settle(message.id, message);
        return;
      case 'completed':
      case 'diagnosed':
        this.#settle(message.id, message);
        return;
      case 'watchOutput':
        if (this.watching) for (const listener of this.#watchListeners) listener(message.out);
        return;
      default:
        assertNever(message);
    }
  }

  /** Takes in a snapshot message, unless it is older than the picture already shown. */
  #show(message: SnapshotMessage): void {
    // A late snapshot from before a newer one would move the picture backwards. Its events
    // are still new to their subscriptions (each batch is sent once), so they are delivered.
    if (message.version <= this.version) {
      this.#deliver(message);
      return;
    }
    this.version = message.version;
    this.snapshot = withReused(message, this.snapshot);
    if (message.goals) this.goals = message.goals;
    // After the picture, so a listener that reads the snapshot sees the one its events came with.
    this.#deliver(message);
    // A user-timing mark, so benchmarks and the Performance panel can see snapshot arrivals.
    performance.mark('dsp:snapshot', { detail: message.version });
    this.#reportDrawn(message.version);
    if (message.snapshot.timeMs > this.timeMs) this.timeMs = message.snapshot.timeMs;
  }

  /**
   * Tells the worker once the frame showing `version` has been painted (the frame after the
   * one whose effects drew it), so a playing clock sends no faster than the page draws.
   */
  #reportDrawn(version: number): void {
    const worker = this.#worker;
    if (typeof requestAnimationFrame !== 'function') {
      worker?.postMessage({ type: 'drawn', id: this.#nextId++, version } satisfies WorkerRequest);
      return;
    }
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (worker === this.#worker) {
          worker?.postMessage({
            type: 'drawn',
            id: this.#nextId++,
            version,
          } satisfies WorkerRequest);
        }
      }, 0),
    );
  }

  #settle(id: number, reply: Replies[keyof Replies]): void {
    const pending = this.#pending.get(id);
    // A reply nobody waits for (its request was answered by a fallback) is dropped.
    if (!pending) return;
    this.#pending.delete(id);
    pending.resolve(reply);
  }

  /** Adds a finished command to the log, with the files only when they changed. */
  #record(message: Extract<WorkerMessage, { type: 'ran' }>): void {
    const pending = this.#pending.get(message.id);
    if (!pending || pending.request.type !== 'run') return;
    const { line, files } = pending.request;
    const changed = !sameFiles(files, this.#lastFiles);
    if (changed) this.#lastFiles = { ...files };
    this.log.entries.push(
      changed ? { atMs: message.atMs, line, files: { ...files } } : { atMs: message.atMs, line },
    );
  }

  #armWatchdog(limitMs: number | undefined): void {
    if (limitMs === undefined || this.#disposed) return;
    clearTimeout(this.#watchdog);
    const armedAt = Date.now();
    this.#watchdog = setTimeout(() => {
      // A timer that fires well after its time means this page was blocked, not the worker:
      // its heartbeats may be queued behind us, so give them a moment to arrive first.
      const late = Date.now() - armedAt - limitMs;
      if (late > LATE_TIMER_MS) {
        this.#armWatchdog(LATE_TIMER_GRACE_MS);
        return;
      }
      this.#recover(
        undefined,
        `the simulation stopped responding for ${Math.round(limitMs / 1000)} s`,
      );
    }, limitMs);
  }

  /**
   * Replaces the worker and replays the log. `culprit` is the request that failed (null when
   * the worker itself failed, undefined when it went silent): it is answered with an error and
   * not sent again, so a command that crashes the engine cannot crash it forever.
   */
  #recover(culprit: number | null | undefined, reason: string): void {
    if (this.#disposed) return;
    clearTimeout(this.#watchdog);
    this.#worker?.terminate();
    this.#busy = false;
    this.#work = undefined;
    this.progress = undefined;
    clearTimeout(this.#busyShown);
    const now = Date.now();
    this.#recoveries = this.#recoveries.filter((t) => now - t < RECOVERY_WINDOW_MS);
    this.#recoveries.push(now);

    // Silence without a named culprit: the oldest unanswered run is what the worker was busy
    // with. A slow machine can cause silence too, so that run is sent again once; only if it
    // is still unanswered after a second rebuild is it blamed. A failure outside any request
    // (null) blames no request.
    let blamed = culprit ?? undefined;
    if (culprit === undefined) {
      for (const [id, p] of this.#pending) {
        if (p.request.type !== 'run') continue;
        if (this.#retried.has(id)) blamed = id;
        else this.#retried.add(id);
        break;
      }
    }
    const failed = blamed !== undefined ? this.#pending.get(blamed) : undefined;
    if (blamed !== undefined) this.#pending.delete(blamed);
    // The new worker's start replays the log, so a pending start (a restart) is answered now.
    for (const [id, p] of this.#pending)
      if (p.request.type === 'start') {
        this.#pending.delete(id);
        p.fallback();
      }
    failed?.fallback();

    if (this.#recoveries.length > MAX_RECOVERIES) {
      this.status = 'recovering';
      this.notice = `Sorry: ${reason}, again. The playground stopped retrying; reload the page to start over.`;
      for (const p of this.#pending.values()) p.fallback();
      this.#pending.clear();
      this.#worker = undefined;
      return;
    }
    // A crash outside any command happened while the clock was playing: pause it, or the
    // rebuilt cluster would play straight into the same failure.
    if (failed === undefined && culprit === null) this.playing = false;
    const lost = failed?.request.type === 'run' ? ` "${failed.request.line}" was not run.` : '';
    this.notice = `${capitalize(reason)}. It was rebuilt from your ${this.log.entries.length} earlier commands.${lost}`;
    this.status = 'recovering';
    this.#boot();
  }
}

/**
 * The snapshot a message describes: kinds it names as reused (and the verdicts, if reused)
 * come from the snapshot already shown, and patched kinds and node verdicts are rebuilt from
 * it. The same worker sent that one (a worker's first snapshot is whole, and messages from a
 * replaced worker are ignored).
 */
function withReused(message: SnapshotMessage, shown: ClusterSnapshot | undefined): ClusterSnapshot {
  const { snapshot, reused, verdictsReused, patched, verdictNodesPatched } = message;
  if (
    !shown ||
    ((!reused || reused.length === 0) && !verdictsReused && !patched && !verdictNodesPatched)
  )
    return snapshot;
  const objects = { ...snapshot.objects };
  for (const kind of reused ?? []) {
    (objects as Record<string, unknown>)[kind] = shown.objects[kind];
  }
  for (const [kind, order] of Object.entries(patched ?? {}) as [Kind, Int32Array][]) {
    const previous: readonly unknown[] = shown.objects[kind];
    const changed: readonly unknown[] = snapshot.objects[kind];
    let next = 0;
    (objects as Record<string, unknown>)[kind] = Array.from(order, (index) =>
      index >= 0 ? previous[index] : changed[next++],
    );
  }
  let verdicts = verdictsReused ? shown.verdicts : snapshot.verdicts;
  if (!verdictsReused && verdictNodesPatched) {
    const before = new Map(shown.verdicts.map((v) => [`${v.namespace}/${v.name}`, v]));
    verdicts = snapshot.verdicts.map((v, i) => {
      const order = verdictNodesPatched[i];
      if (!order) return v;
      const previous = before.get(`${v.namespace}/${v.name}`)?.nodes ?? [];
      let next = 0;
      return {
        ...v,
        nodes: Array.from(order, (index) => (index >= 0 ? previous[index] : v.nodes[next++])),
      };
    });
  }
  return { ...snapshot, objects, verdicts };
}

function fallbackReply(request: WorkerRequest): Replies[keyof Replies] {
  switch (request.type) {
    case 'run':
      return {
        type: 'ran',
        id: request.id,
        atMs: 0,
        timeMs: 0,
        result: {
          exit: 1,
          out: '',
          err: 'error: the simulation stopped while running this command; the cluster was rebuilt without it\n',
          touched: [],
        },
      };
    case 'complete':
      return { type: 'completed', id: request.id, items: [] };
    case 'diagnose':
      return { type: 'diagnosed', id: request.id, diagnostics: [] };
    case 'setPlaying':
      return {
        type: 'playingChanged',
        id: request.id,
        playing: request.playing,
        speed: request.speed ?? 1,
        timeMs: 0,
      };
    case 'start':
      return { type: 'started', id: request.id, timeMs: 0 };
    case 'drawn':
    case 'subscribe':
    case 'unsubscribe':
    case 'goals':
    case 'stopWatch':
      throw new Error(`${request.type} is never pending`);
    default:
      return assertNever(request);
  }
}

function sameFiles(a: FileMap, b: FileMap): boolean {
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
