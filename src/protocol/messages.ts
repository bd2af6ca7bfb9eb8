/**
 * The typed protocol between the page (src/client) and the engine worker (src/worker).
 * Every request carries an id that its reply echoes; snapshots carry a version that only grows,
 * so the page can drop anything older than what it already shows.
 */
import type {
  ClusterSnapshot,
  CommandResult,
  Event,
  FileDrift,
  Kind,
  ManifestDiagnostic,
} from './cluster.ts';

/** Open editor files by name, the page's side of the console's FileSource. */
export type FileMap = Record<string, string>;

/** One command of the log: what was typed, at which simulated instant, with which files. */
export interface LogEntry {
  /** Simulated ms at which the command ran. */
  atMs: number;
  line: string;
  /** The open files when it ran; absent when unchanged since the previous entry. */
  files?: FileMap;
}

/**
 * The command log, the source of truth for a session: replaying it on a fresh cluster with the
 * same seed gives the same cluster.
 */
export interface CommandLog {
  seed: number;
  /** The files open before the first command. */
  files: FileMap;
  entries: LogEntry[];
}

/** An object events are about, by kind and name (and namespace, when it has one). */
export interface EventSubject {
  kind: Kind;
  name: string;
  namespace?: string;
}

/**
 * One consumer's interest in events: every event created or changed after resourceVersion
 * `since` (0: from the start), optionally only those about one object. The page may hold
 * several at once (the why panel, a timeline, a lesson's goals), each from its own version.
 * Snapshots carry no events of their own: at 500 nodes every event would be most of each
 * snapshot, so events travel only to subscriptions, and only once per version.
 */
export interface EventSubscription {
  /** Chosen by the page, unique among its open subscriptions. */
  key: number;
  since: number;
  about?: EventSubject;
}

/** The events one subscription has not seen yet, oldest version first. */
export interface EventBatch {
  key: number;
  /** Each event's latest version; one the consumer already has replaces it (same uid). */
  events: Event[];
}

/**
 * A lesson goal as the page sends it: the goal language's data (src/lessons/goals.ts), whose
 * predicates the protocol does not spell out. The worker validates every goal against the
 * goal schema before evaluating it, as lessons are loaded into other people's pages.
 */
export interface GoalSpec {
  readonly id: string;
  readonly text: string;
}

/** Whether one lesson goal holds now, as the worker evaluated it. */
export interface GoalState {
  id: string;
  met: boolean;
  /** Why it is unmet, or why the goals could not be read (empty when met). */
  detail: string;
}

/** Page to worker. */
export type WorkerRequest =
  | {
      type: 'start';
      id: number;
      log: CommandLog;
      /** Advance to this simulated instant after the replay (where the last page view was). */
      untilMs: number;
      playing: boolean;
      /** The new worker's snapshots continue from here, so versions keep growing across rebuilds. */
      baseVersion: number;
      /**
       * False when lines follow at once (a lesson's start): no snapshot of the empty cluster is
       * posted, and the page keeps its picture until the last line's snapshot replaces it.
       */
      snapshot?: boolean;
    }
  | {
      type: 'run';
      id: number;
      line: string;
      files: FileMap;
      /**
       * False when the page sends more lines right behind this one (a lesson's start): the
       * reply carries no snapshot, and the last line's snapshot shows what they all did.
       */
      snapshot?: boolean;
    }
  | { type: 'complete'; id: number; line: string; files: FileMap }
  | { type: 'diagnose'; id: number; fileName: string; text: string }
  /** Plays or pauses the clock; `speed` (simulated ms per real ms) is kept when absent. */
  | { type: 'setPlaying'; id: number; playing: boolean; speed?: number }
  /**
   * The page has drawn snapshot `version`. Not answered: it lets the worker hold back the next
   * snapshot of a playing clock until the page has caught up (back-pressure).
   */
  | { type: 'drawn'; id: number; version: number }
  /**
   * Opens a subscription. Not answered: the worker posts a snapshot with the events it has not
   * seen, if any, and from then on every snapshot carries the newer ones.
   */
  | { type: 'subscribe'; id: number; subscription: EventSubscription }
  /** Closes the subscription with this key. Not answered. */
  | { type: 'unsubscribe'; id: number; key: number }
  /**
   * A lesson begins now: the worker starts recording a timeline from the cluster as it is and
   * evaluates these goals over it after every command and clock step. An empty list ends the
   * lesson. Not answered: the next snapshot (sent at once) carries the goal states. A `start`
   * ends any lesson, so a rebuilt worker is sent its goals again after the replay.
   */
  | { type: 'goals'; id: number; goals: readonly GoalSpec[] }
  /**
   * The learner stopped the open `kubectl get -w` (Ctrl+C, or the Stop watching button). Not
   * answered: rows the worker printed before it are dropped by the page.
   */
  | { type: 'stopWatch'; id: number };

/**
 * The cluster after a change. `internal` is left out (null): the page only draws, and the
 * worker keeps what it needs to continue. To spare the copy between threads, kinds listed in
 * `reused` (and the verdicts, when `verdictsReused`) are sent empty: they are unchanged since
 * this worker's previous snapshot, and the page keeps its own copy of them. A worker's first
 * snapshot is always whole.
 */
export interface SnapshotMessage {
  type: 'snapshot';
  version: number;
  snapshot: ClusterSnapshot;
  reused?: Kind[];
  verdictsReused?: boolean;
  /**
   * For a kind named here, `snapshot.objects[kind]` holds only the objects that are new or
   * changed, and the list is rebuilt in order from this array: an index into the page's
   * previous list of that kind for an unchanged object, -1 for the next changed one.
   */
  patched?: Partial<Record<Kind, Int32Array>>;
  /**
   * Parallel to `snapshot.verdicts`: where an entry is an array, that DaemonSet's `nodes`
   * hold only the node verdicts that are new or changed, and its list is rebuilt as for
   * `patched`, from the nodes of the same DaemonSet (by namespace and name) in the page's
   * previous verdicts. Unchanged node verdicts thus keep their identity on the page, which
   * is how the cluster view knows which cards to leave alone.
   */
  verdictNodesPatched?: (Int32Array | null)[];
  /**
   * For each open subscription with anything new, the events written since the previous
   * batch it got (or since its `since`). Absent when no subscription has anything new.
   */
  events?: EventBatch[];
  /**
   * The lesson's goal states, in the lesson's order, when any changed since the previous
   * snapshot (and always in the first snapshot after a `goals` request). Absent: unchanged.
   */
  goals?: GoalState[];
}

/** Worker to page. */
export type WorkerMessage =
  | { type: 'started'; id: number; timeMs: number }
  | {
      type: 'ran';
      id: number;
      /**
       * What the console printed, and in `touched` the objects the command created, changed
       * or deleted, so the page never has to read them out of kubectl's text.
       */
      result: CommandResult;
      atMs: number;
      timeMs: number;
      /**
       * The cluster after the command (absent only from a reply the page made up for a
       * command lost in a crash). It travels inside the reply so the page takes in the
       * picture and the result in one go: what the page does with the result (the console's output, following an
       * applied DaemonSet) is then drawn together with the snapshot, once.
       */
      snapshot?: SnapshotMessage;
    }
  | { type: 'completed'; id: number; items: string[] }
  | {
      type: 'diagnosed';
      id: number;
      diagnostics: ManifestDiagnostic[];
      /** What the cluster changed since the file was applied; absent when nothing. */
      drift?: FileDrift;
    }
  /**
   * The clock after a setPlaying: where it stands and, when anything is queued, the instant
   * of the next change (what a step advances to).
   */
  | {
      type: 'playingChanged';
      id: number;
      playing: boolean;
      speed: number;
      timeMs: number;
      nextDueAt?: number;
    }
  | SnapshotMessage
  /** Sent at least every HEARTBEAT_MS while the worker is alive, with the clock. */
  | { type: 'heartbeat'; timeMs: number; playing: boolean }
  /** Long work starts (a settle, a replay); heartbeats may pause for up to `limitMs`. */
  | { type: 'busy'; reason: string; limitMs: number }
  /**
   * During long work, at heartbeat pace: the operations (objects applied, checked or
   * replayed) done so far. It counts as a heartbeat.
   */
  | { type: 'progress'; done: number }
  | { type: 'idle' }
  /**
   * Rows the open `kubectl get -w` printed while the clock played by itself (rows printed
   * during a command are part of its result instead).
   */
  | { type: 'watchOutput'; out: string }
  /** Handling a request threw; the page rebuilds the worker from its log. */
  | { type: 'failed'; id: number | null; message: string };

/** The clock speeds offered, as simulated seconds per real second; the worker keeps to these. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50] as const;

/** How often the worker says it is alive. */
export const HEARTBEAT_MS = 500;
/** Silence longer than this, outside announced long work, means the worker is stuck. */
export const HEARTBEAT_TIMEOUT_MS = 2000;

/** For the `default:` branch of an exhaustive switch: a new message type fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

/**
 * Checks the shape of something received from the other side, so handlers never cast
 * `event.data`. It only checks the discriminant; the rest is trusted (both sides are ours).
 */
export function isWorkerMessage(data: unknown): data is WorkerMessage {
  if (typeof data !== 'object' || data === null || !('type' in data)) return false;
  return typeof data.type === 'string' && WORKER_MESSAGE_TYPES.has(data.type);
}

/** The request counterpart of isWorkerMessage. */
export function isWorkerRequest(data: unknown): data is WorkerRequest {
  if (typeof data !== 'object' || data === null || !('type' in data) || !('id' in data))
    return false;
  return (
    typeof data.type === 'string' && REQUEST_TYPES.has(data.type) && typeof data.id === 'number'
  );
}

const WORKER_MESSAGE_TYPES = new Set<string>([
  'started',
  'ran',
  'completed',
  'diagnosed',
  'playingChanged',
  'snapshot',
  'heartbeat',
  'busy',
  'progress',
  'idle',
  'watchOutput',
  'failed',
] satisfies WorkerMessage['type'][]);

const REQUEST_TYPES = new Set<string>([
  'start',
  'run',
  'complete',
  'diagnose',
  'setPlaying',
  'drawn',
  'subscribe',
  'unsubscribe',
  'goals',
  'stopWatch',
] satisfies WorkerRequest['type'][]);
