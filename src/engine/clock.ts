/**
 * The simulated clock: a task queue ordered by (dueAt, seq), so two tasks due at the same
 * instant always run in the order they were queued, and simulated timestamps derived from a
 * fixed epoch.
 *
 * The epoch is EPOCH_MS of src/kube/constants.ts (2026-01-01T00:00:00Z): simulated time 0 is
 * that instant, so every creationTimestamp, lastTransitionTime and Event timestamp is the same on
 * every run.
 */
import { EPOCH_MS } from '../kube/constants.ts';

/** From simulated milliseconds, an RFC 3339 timestamp with second precision, as the API server writes. */
export function toTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Many objects are stamped within the same simulated second; format it once.
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

let lastSecond = Number.NaN;
let lastText = '';

/** From an RFC 3339 timestamp, simulated milliseconds (NaN when it does not parse). */
export function fromTimestamp(timestamp: string): number {
  return Date.parse(timestamp) - EPOCH_MS;
}

/**
 * A unit of deferred work: plain data so the queue can be snapshotted. `type` names the
 * controller's kind of task (each controller lists the types it owns); the other fields are the
 * controller's own, which it reads back with the shape it queued.
 */
export type Task = { readonly type: string } & Readonly<Record<string, string | number>>;

export interface QueuedTask {
  dueAt: number;
  seq: number;
  task: Task;
  /**
   * True for work that does not count as "the cluster is still changing" for settle: retries
   * that only repeat a failure (image pull back-off, missing volume).
   */
  idle: boolean;
}

function before(a: QueuedTask, b: QueuedTask): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
}

/** A binary heap of tasks with cancellation by sequence number. */
export class TaskQueue {
  private heap: QueuedTask[] = [];
  private cancelled = new Set<number>();
  /** Live entries by sequence number, for cancellation and due-time lookups without a scan. */
  private bySeq = new Map<number, QueuedTask>();
  private nextSeq = 1;
  /** Live (not cancelled) tasks that are not idle; settle waits for this to reach 0. */
  private busy = 0;

  /** From a due time, a task and whether it is idle, the task's sequence number. */
  push(dueAt: number, task: Task, idle = false): number {
    const entry: QueuedTask = { dueAt, seq: this.nextSeq++, task, idle };
    this.insert(entry);
    this.bySeq.set(entry.seq, entry);
    if (!idle) this.busy++;
    return entry.seq;
  }

  /** From a sequence number, cancels that task if it is still queued. */
  cancel(seq: number | undefined): void {
    if (seq === undefined) return;
    const entry = this.bySeq.get(seq);
    if (!entry) return;
    this.bySeq.delete(seq);
    this.cancelled.add(seq);
    if (!entry.idle) this.busy--;
  }

  /** The due time of the earliest live task. */
  peekDueAt(): number | undefined {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0].dueAt : undefined;
  }

  /** Removes and returns the earliest live task when it is due at or before `now`. */
  popDue(now: number): QueuedTask | undefined {
    this.dropCancelled();
    if (this.heap.length === 0 || this.heap[0].dueAt > now) return undefined;
    const top = this.extract();
    this.bySeq.delete(top.seq);
    if (!top.idle) this.busy--;
    return top;
  }

  /** From a sequence number, the due time of that task if it is still queued. */
  dueAtOf(seq: number | undefined): number | undefined {
    return seq === undefined ? undefined : this.bySeq.get(seq)?.dueAt;
  }

  /** Whether any non-idle task is queued. */
  hasBusyWork(): boolean {
    return this.busy > 0;
  }

  /** Non-idle tasks, for a settle report. */
  busyTasks(): QueuedTask[] {
    return this.heap
      .filter((e) => !e.idle && !this.cancelled.has(e.seq))
      .sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** A plain copy of the queue in (dueAt, seq) order. */
  toJSON(): { nextSeq: number; tasks: QueuedTask[] } {
    const tasks = this.heap
      .filter((e) => !this.cancelled.has(e.seq))
      .map((e) => ({ dueAt: e.dueAt, seq: e.seq, task: { ...e.task }, idle: e.idle }))
      .sort((a, b) => (before(a, b) ? -1 : 1));
    return { nextSeq: this.nextSeq, tasks };
  }

  /** From `toJSON()` output, a queue that continues exactly. */
  static fromJSON(data: { nextSeq: number; tasks: QueuedTask[] }): TaskQueue {
    const queue = new TaskQueue();
    queue.nextSeq = data.nextSeq;
    for (const t of data.tasks) {
      const entry = { dueAt: t.dueAt, seq: t.seq, task: { ...t.task }, idle: t.idle };
      queue.insert(entry);
      queue.bySeq.set(entry.seq, entry);
      if (!t.idle) queue.busy++;
    }
    return queue;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0].seq)) {
      this.cancelled.delete(this.heap[0].seq);
      this.extract();
    }
  }

  private insert(entry: QueuedTask): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      // Plain swaps: a destructuring swap allocates an array per step on this hot path.
      const t = heap[i];
      heap[i] = heap[parent];
      heap[parent] = t;
      i = parent;
    }
  }

  private extract(): QueuedTask {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as QueuedTask;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        const t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
        i = m;
      }
    }
    return top;
  }
}
