/**
 * The shape every controller has: its own state, a narrow view of the engine, and the hooks the
 * engine calls. The engine keeps an ordered list of controllers (cluster.ts CONTROLLERS) and
 * knows nothing else about them: it drains them in list order, hands each its own queued
 * tasks, tells each about store changes, and snapshots and restores each one's state under its
 * name. See src/engine/README.md for the order and the recipe for adding one.
 */
import type { QueuedTask, Task, TaskQueue } from './clock.ts';
import type { Random } from './random.ts';
import type { Change, PodFacts, Store } from './store.ts';
import type { Kind, KubeObject, Pod, PodCondition } from './types.ts';

/** Records a core/v1 Event about an object (through the recorders' correlator). */
export type RecordEvent = (
  obj: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
  host?: string,
  fieldPath?: string,
) => void;

/**
 * What every controller may use. The engine itself is the context (so a dry run's or a
 * restore's replacement generator and queue are always the current ones), typed down to this.
 */
export interface ControllerContext {
  readonly store: Store;
  /** Simulated time, ms since the epoch of clock.ts. */
  readonly now: number;
  readonly queue: TaskQueue;
  readonly random: Random;
  readonly recordEvent: RecordEvent;
}

/** The pod writes several controllers share (deletion with its grace period, conditions). */
export interface PodActions {
  /** From a pod and an optional grace period, graceful deletion (unbound or terminal pods go at once). */
  deletePod(pod: Pod, gracePeriodSeconds?: number): void;
  /** From a pod, removes it from the store now (grace period 0). */
  forceDeletePod(pod: Pod): void;
  /** From a pod and a condition, adds or replaces that condition. */
  addPodCondition(pod: Pod, condition: Omit<PodCondition, 'lastTransitionTime'>): void;
}

/** One store change as an informer delivers it; `before` holds a pod's facts before an update or delete. */
export interface StoreChange {
  readonly kind: Kind;
  readonly object: KubeObject;
  readonly change: Change;
  readonly before: PodFacts | undefined;
}

/**
 * A controller. Every hook is optional; a controller implements those it needs. The engine
 * calls each hook on every controller in list order, so the order of the list is also the
 * order in which controllers queue tasks in reaction to one change (which decides which of two
 * tasks due at the same instant runs first).
 */
export interface Controller {
  /** Its key in snapshots and in the settle report. */
  readonly name: string;
  /** The `type`s of the queued tasks it owns; the engine hands those tasks to `runTask`. */
  readonly taskTypes?: readonly string[];
  /**
   * Runs the work it has pending at the current instant and says whether there was any; the
   * engine then starts again from the first controller, so earlier controllers see what a later
   * one did before it runs again.
   */
  drain?(): boolean;
  /** From one of its own tasks that fell due and its sequence number, runs it. */
  runTask?(task: Task, seq: number): void;
  /** From a store change, notes what it must look at again (an informer's event handler). */
  observe?(change: StoreChange): void;
  /** From a pod the scheduler just bound (after its Scheduled event), starts work on it. */
  podBound?(pod: Pod): void;
  /** From a pod whose deletionTimestamp was just set and its grace period, starts termination. */
  podDeleting?(pod: Pod, graceSeconds: number): void;
  /** From a pod that is removed without a grace period, forgets it. */
  podForceDeleted?(pod: Pod): void;
  /** From its own non-idle queued tasks, a phrase for the settle report when it has one. */
  describeBusy?(tasks: readonly QueuedTask[]): string | undefined;
  /** Its state as plain, sorted data (no shared references). */
  snapshot?(): unknown;
  /** From what `snapshot` returned (or undefined), its state again, and its derived indexes rebuilt from the store. */
  restore?(state: unknown): void;
}
