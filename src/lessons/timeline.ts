/**
 * The timeline goals about history read: every moment of the cluster since the lesson began,
 * where a moment is the cluster after one object write. The writes come from the recorder the
 * worker and the checker keep on the engine's change feed (`src/engine/history.ts`), step by
 * step: after each command and clock step they hand over the writes made since the last step
 * and the view that ends it. So a pod that was unavailable for a moment inside one step (and
 * available again by its end) is seen, where sampling the views alone would miss it.
 *
 * The moments are judged as they come and not kept (`GoalTracker` remembers each history
 * predicate's first failure and follows what it needs write by write), so a long lesson costs
 * no memory here and a write costs only itself.
 */
import { GoalTracker, type Goal, type GoalResult, type GoalWrite, type Sample } from './goals.ts';

/** One object write, as the recorder reports it (the engine's `HistoryEntry` fits). */
export type TimelineWrite = GoalWrite;

/** The moments of a lesson, judged by its goals as they come. */
export class Timeline {
  #tracker: GoalTracker;

  /** From the lesson's goals and the cluster as the lesson begins (its first moment). */
  constructor(goals: readonly Goal[], start: Sample) {
    this.#tracker = new GoalTracker(goals, start);
  }

  /** The last view (the cluster now, as of the last step). */
  get now(): Sample {
    return this.#tracker.now;
  }

  /**
   * Takes one step: the writes made since the last step, in order, then the view that ends it.
   * Each write is a moment history goals are judged at (with the verdicts of the step's view,
   * the engine's judgement of which nodes a DaemonSet should run on); the view is the last
   * moment of the step, and the truth whatever writes a reader may have missed. Goals about
   * now read the view alone, so without history goals the writes are not even looked at.
   */
  step(writes: readonly TimelineWrite[], view: Sample): void {
    if (this.#tracker.readsHistory && writes.length > 0) {
      this.#tracker.beginStep(view.verdicts);
      for (const write of writes) this.#tracker.write(write);
    }
    this.#tracker.observe(view);
  }

  /** Every goal's result now, in the lesson's order. */
  results(): GoalResult[] {
    return this.#tracker.results();
  }
}
