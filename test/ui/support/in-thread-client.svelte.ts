/**
 * The app's own client (WorkerEngineClient) over the real worker host (EngineHost) run on the
 * page's thread, for component tests: the same snapshot deltas, event subscriptions and
 * replies as the app, without a worker to start. Real time is a manual clock, so the clock
 * plays only when a test calls `tick` (tests usually move time with `sim wait`).
 */
import type { CommandResult } from '../../../src/protocol/cluster.ts';
import {
  isWorkerRequest,
  type FileMap,
  type WorkerMessage,
  type WorkerRequest,
} from '../../../src/protocol/messages.ts';
import { WorkerEngineClient } from '../../../src/client/worker-client.svelte.ts';
import { EngineHost, TICK_MS, type Runtime } from '../../../src/worker/engine-host.ts';
import { runtime as realRuntime } from '../../../src/worker/runtime.ts';
import { manualClock } from '../../worker/manual-clock.ts';

/** Silence the client tolerates: the manual clock sends no heartbeats unless a test ticks. */
const NEVER_SILENT_MS = 2_000_000_000;

/**
 * A stand-in for `new Worker(...)` whose "thread" is an EngineHost here: messages are copied
 * as postMessage copies them, and each hop waits a microtask, as between threads they wait.
 */
class InThreadWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  #host: EngineHost | undefined;

  constructor(runtime: Runtime, clock: ReturnType<typeof manualClock>) {
    this.#host = new EngineHost(runtime, clock, (message: WorkerMessage) => {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (this.#host) this.onmessage?.(new MessageEvent('message', { data: copy }));
      });
    });
  }

  postMessage(request: WorkerRequest): void {
    const copy: unknown = structuredClone(request);
    queueMicrotask(() => {
      if (isWorkerRequest(copy)) this.#host?.receive(copy);
    });
  }

  terminate(): void {
    this.#host?.dispose();
    this.#host = undefined;
  }
}

/** The in-thread client; `runtime` defaults to the real engine and console. */
export class InThreadClient extends WorkerEngineClient {
  /** Every line run, in order (what a test may assert on). */
  readonly lines: string[] = [];
  readonly #clock: ReturnType<typeof manualClock>;

  /** Starts an empty cluster with `seed` (1 by default) and `files` open. */
  constructor(options: { seed?: number; files?: FileMap; runtime?: Runtime } = {}) {
    const clock = manualClock();
    super({
      createWorker: () =>
        new InThreadWorker(options.runtime ?? realRuntime, clock) as unknown as Worker,
      seed: options.seed ?? 1,
      files: { ...(options.files ?? {}) },
      playing: false,
      heartbeatTimeoutMs: NEVER_SILENT_MS,
    });
    this.#clock = clock;
  }

  override run(
    line: string,
    files: FileMap,
    onResult?: (result: CommandResult) => void,
    options?: { snapshot?: boolean },
  ): Promise<CommandResult> {
    this.lines.push(line);
    return super.run(line, files, onResult, options);
  }

  /** Lets `ms` of real time pass in ticks of the worker's timer (a playing clock advances). */
  tick(ms: number): void {
    for (let left = ms; left > 0; left -= TICK_MS) {
      this.#clock.t += Math.min(TICK_MS, left);
      this.#clock.fire();
    }
  }
}
