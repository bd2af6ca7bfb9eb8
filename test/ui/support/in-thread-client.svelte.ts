/**
 * An EngineClient that runs the real console and engine on the page's own thread, for
 * component tests: same answers as the worker, no worker start-up, no real-time clock (playing
 * only flips a flag; tests move time with `sim wait`).
 */
import type { EngineClient, EngineStatus } from '../../../src/client/engine-client.ts';
import type {
  ClusterSnapshot,
  CommandResult,
  ManifestDiagnostic,
} from '../../../src/protocol/cluster.ts';
import type { CommandLog, FileMap } from '../../../src/protocol/messages.ts';
import {
  createFileSource,
  type ConsoleLike,
  type Runtime,
} from '../../../src/worker/engine-host.ts';
import { runtime as realRuntime } from '../../../src/worker/runtime.ts';

/** The in-thread client; `runtime` defaults to the real engine and console. */
export class InThreadClient implements EngineClient {
  snapshot: ClusterSnapshot | undefined = $state.raw();
  version = $state(0);
  timeMs = $state(0);
  playing = $state(false);
  status: EngineStatus = $state('ready');
  notice: string | undefined = $state();
  readonly log: CommandLog;
  /** Every line run, in order (what a test may assert on). */
  readonly lines: string[] = [];

  #runtime: Runtime;
  #console: ConsoleLike;
  #files: FileMap;

  /** Creates an empty cluster with `seed`. */
  constructor(options: { seed?: number; files?: FileMap; runtime?: Runtime } = {}) {
    this.#runtime = options.runtime ?? realRuntime;
    this.#files = { ...(options.files ?? {}) };
    this.log = { seed: options.seed ?? 1, files: { ...this.#files }, entries: [] };
    const cluster = this.#runtime.createCluster({ seed: this.log.seed });
    this.#console = this.#runtime.createConsole({
      cluster,
      files: createFileSource(() => this.#files),
    });
    this.#publish();
  }

  async run(line: string, files: FileMap): Promise<CommandResult> {
    this.#files = { ...files };
    const atMs = this.#console.cluster.now;
    const result = this.#console.run(line);
    this.lines.push(line);
    this.log.entries.push({ atMs, line, files: { ...files } });
    this.#publish();
    return result;
  }

  async complete(line: string, files: FileMap): Promise<string[]> {
    this.#files = { ...files };
    return this.#console.complete(line);
  }

  async diagnose(fileName: string, text: string): Promise<ManifestDiagnostic[]> {
    return this.#runtime.diagnoseManifest(text, fileName, this.#console.cluster);
  }

  async setPlaying(playing: boolean): Promise<void> {
    this.playing = playing;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  dispose(): void {}

  #publish(): void {
    this.snapshot = { ...this.#console.cluster.snapshot(), internal: null };
    this.version += 1;
    this.timeMs = this.snapshot.timeMs;
  }
}
