/**
 * The timeline goals about history read: every moment of the cluster since the lesson began,
 * where a moment is the cluster after one object write. The writes come from the recorder the
 * worker and the checker keep on the engine's change feed (`src/engine/history.ts`), step by
 * step: after each command and clock step they hand over the writes made since the last step
 * and the view that ends it. So a pod that was unavailable for a moment inside one step (and
 * available again by its end) is seen, where sampling the views alone would miss it.
 *
 * The moments are judged as they come and not kept (`GoalTracker` remembers each history
 * predicate's first failure), so a long lesson costs no memory here.
 */
import type { DaemonSet, Kind, KubeObject, Node, Pod } from '../protocol/cluster.ts';
import { GoalTracker, type Goal, type GoalResult, type Sample } from './goals.ts';

/** One object write, as the recorder reports it (the engine's `HistoryEntry` fits). */
export interface TimelineWrite {
  timeMs: number;
  change: 'add' | 'update' | 'delete';
  kind: Kind;
  object: KubeObject;
}

/** The kinds history predicates read; writes of other kinds make no new moment. */
type TrackedKind = 'Pod' | 'Node' | 'DaemonSet';
const TRACKED: readonly TrackedKind[] = ['Pod', 'Node', 'DaemonSet'];
const isTracked = (kind: Kind): kind is TrackedKind => (TRACKED as readonly Kind[]).includes(kind);

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** The moments of a lesson, judged by its goals as they come. */
export class Timeline {
  #tracker: GoalTracker;
  #objects: { [K in TrackedKind]: Map<string, KubeObject> } = {
    Pod: new Map(),
    Node: new Map(),
    DaemonSet: new Map(),
  };
  /** The last view: its objects of other kinds fill the moments between views. */
  #view: Sample;

  /** From the lesson's goals and the cluster as the lesson begins (its first moment). */
  constructor(goals: readonly Goal[], start: Sample) {
    this.#tracker = new GoalTracker(goals, start);
    this.#view = start;
    this.#load(start);
  }

  /** The last view (the cluster now, as of the last step). */
  get now(): Sample {
    return this.#view;
  }

  /**
   * Takes one step: the writes made since the last step, in order, then the view that ends it.
   * Each write of a pod, node or DaemonSet is a moment history goals are judged at (with the
   * verdicts of the step's view, the engine's judgement of which nodes a DaemonSet should
   * run on); the view is the last moment of the step. Goals about now read the view alone, so
   * without history goals the writes are not even looked at.
   */
  step(writes: readonly TimelineWrite[], view: Sample): void {
    if (this.#tracker.readsHistory) {
      for (const write of writes) {
        if (!isTracked(write.kind)) continue;
        const objects = this.#objects[write.kind];
        if (write.change === 'delete') objects.delete(keyOf(write.object));
        else objects.set(keyOf(write.object), write.object);
        this.#tracker.observe(this.#moment(write.timeMs, view));
      }
    }
    this.#view = view;
    // The view is the truth at the step's end, whatever writes a reader may have missed.
    this.#load(view);
    this.#tracker.observe(view);
  }

  /** Every goal's result now, in the lesson's order. */
  results(): GoalResult[] {
    return this.#tracker.results();
  }

  #load(view: Sample): void {
    for (const kind of TRACKED) {
      const objects = this.#objects[kind];
      objects.clear();
      for (const obj of view.objects[kind] as readonly KubeObject[]) objects.set(keyOf(obj), obj);
    }
  }

  /** The cluster after one write: the tracked objects as they are now, the rest as last viewed. */
  #moment(timeMs: number, view: Sample): Sample {
    return {
      timeMs,
      verdicts: view.verdicts,
      objects: {
        ...this.#view.objects,
        Pod: [...this.#objects.Pod.values()] as Pod[],
        Node: [...this.#objects.Node.values()] as Node[],
        DaemonSet: [...this.#objects.DaemonSet.values()] as DaemonSet[],
      },
    };
  }
}
