/**
 * What the page asks of the simulated cluster. The worker-backed client implements it for the
 * app; component tests use an in-thread one (test/ui/support). Implementations keep the latest
 * snapshot as reactive state, so components read it directly.
 */
import type {
  ClusterSnapshot,
  CommandResult,
  Event,
  FileDrift,
  ManifestDiagnostic,
} from '../protocol/cluster.ts';
import type {
  CommandLog,
  EventSubject,
  FileMap,
  GoalSpec,
  GoalState,
} from '../protocol/messages.ts';

/** How the connection to the engine is doing, for the page's status line. */
export type EngineStatus = 'starting' | 'ready' | 'busy' | 'recovering';

/** Long work the worker announced, once it has run long enough to show. */
export interface WorkInProgress {
  /** The command line, or what else the worker is doing (`replay`, `check FILE`). */
  reason: string;
  /** Operations done so far (objects applied, checked or replayed), as last reported. */
  done: number;
  /** When it started, in the page's `Date.now()` ms. */
  startedAt: number;
}

/** One file checked against the cluster. */
export interface FileCheck {
  diagnostics: ManifestDiagnostic[];
  /** The objects the cluster changed after the file was applied; undefined when none. */
  drift?: FileDrift;
}

/** The page's handle on the engine. */
export interface EngineClient {
  /** The latest cluster picture, undefined until the first one arrives. */
  readonly snapshot: ClusterSnapshot | undefined;
  /** Grows with every snapshot shown. */
  readonly version: number;
  /** The simulated clock as last reported, in ms (moves while playing). */
  readonly timeMs: number;
  readonly playing: boolean;
  /** Simulated seconds per real second while playing (one of the worker's SPEEDS). */
  readonly speed: number;
  readonly status: EngineStatus;
  /** The long work in hand once it has run a moment, for the page to show; else undefined. */
  readonly progress: WorkInProgress | undefined;
  /** A sentence for the learner when something went wrong and was repaired, else undefined. */
  readonly notice: string | undefined;
  /** Every command run so far, with its simulated time: replaying it rebuilds the cluster. */
  readonly log: CommandLog;
  /** The lesson's goal states as the engine last evaluated them; undefined outside a lesson. */
  readonly goals: readonly GoalState[] | undefined;

  /**
   * Runs one console line against the files open now; resolves with what the console printed.
   * A client may also call `onResult` with it as soon as it arrives, in the same task as the
   * snapshot showing what the line did, so state the caller changes then (its console entry,
   * the DaemonSet to follow) is drawn together with that snapshot rather than a moment later.
   * With `snapshot: false` (more lines are sent right behind this one) no snapshot comes with
   * it: the last line's shows what they all did.
   */
  run(
    line: string,
    files: FileMap,
    onResult?: (result: CommandResult) => void,
    options?: { snapshot?: boolean },
  ): Promise<CommandResult>;
  /** Tab completion candidates for a partial console line. */
  complete(line: string, files: FileMap): Promise<string[]>;
  /**
   * Problems in one file (YAML, API validation, advisor), for editor markers, and what the
   * cluster changed since the file was applied.
   */
  diagnose(fileName: string, text: string): Promise<FileCheck>;
  /** Starts or stops the clock running on its own in real time. */
  setPlaying(playing: boolean): Promise<void>;
  /** Sets the clock's speed (simulated per real time); speed is pace, not history. */
  setSpeed(speed: number): Promise<void>;
  /**
   * Pauses the clock and resolves with the simulated ms until the next moment the cluster
   * changes (undefined when nothing is queued): what a step waits.
   */
  nextChange(): Promise<number | undefined>;
  /**
   * Subscribes to events: `listener` hears every event created or changed after resourceVersion
   * `since` (0: all), only those `about` one object if given, in batches that arrive with the
   * snapshots (in the same task, so a panel draws them with the picture). An event heard again
   * is a newer version of it (same uid). Snapshots themselves carry no events. Returns the
   * unsubscribe function.
   */
  subscribeEvents(
    options: { since: number; about?: EventSubject },
    listener: (events: Event[]) => void,
  ): () => void;
  /**
   * Starts over on an empty cluster (same seed) with `files` open and the clock paused: the
   * log begins again and any lesson ends. Resolves once the engine has started. With
   * `snapshot: false` (lines follow at once) the empty cluster is not sent: the picture stays
   * until the lines' snapshot replaces it.
   */
  restart(files: FileMap, options?: { snapshot?: boolean }): Promise<void>;
  /**
   * A lesson begins now: the engine evaluates `goals` after every command and clock step, over
   * a timeline recorded from this moment, and `goals` (the states) follows. An empty list ends
   * the lesson.
   */
  setGoals(goals: readonly GoalSpec[]): void;
  /**
   * Whether a `kubectl get -w` is open: the last command's result said so, and the learner has
   * not stopped it since (a rebuilt or restarted engine has none open).
   */
  readonly watching: boolean;
  /**
   * Hears the rows the open watch prints while the clock plays by itself, in order, and no
   * more once it is stopped (rows printed during a command come in its result). Returns the
   * function that stops listening.
   */
  onWatchOutput(listener: (rows: string) => void): () => void;
  /** Ends the open watch (the learner's Ctrl+C). */
  stopWatch(): void;
  /** Forgets the notice once the learner has read it. */
  dismissNotice(): void;
  dispose(): void;
}
