/**
 * A lesson's goals in the worker, next to the engine: the timeline they read and their states,
 * evaluated only when the timeline took a step. Goals about history read every write the
 * cluster made since the lesson began, from a recorder on the engine's change feed
 * (`ClusterHistory`); goals about now read the view each snapshot builds anyway.
 */
import type { ClusterHistory } from '../engine/history.ts';
import type { ClusterSnapshot } from '../engine/operations.ts';
import { parseGoals, readsHistory, toSample, type Goal } from '../lessons/goals.ts';
import { Timeline } from '../lessons/timeline.ts';
import type { GoalSpec, GoalState } from '../protocol/messages.ts';

/** The goals of the lesson being played, their timeline, and what the page was last sent. */
export class LessonGoals {
  readonly goals: readonly Goal[];
  /** Whether a goal reads history, so the writes between views must be recorded. */
  readonly history: boolean;
  /** Set when the page's goals did not fit the goal schema: every goal is then unmet with it. */
  readonly problem: string | undefined;
  #specs: readonly GoalSpec[];
  #timeline: Timeline;
  /** The recorder the history goals read, and the seq of the first entry not yet read. */
  #recorder: ClusterHistory | undefined;
  #read = 0;
  #states: GoalState[] = [];
  /** The view the states were last evaluated at (views are compared by identity). */
  #evaluatedAt: unknown;
  #sent: GoalState[] | undefined;

  /**
   * From the goals the page sent (validated here: lessons are other people's data), the
   * cluster as the lesson begins, and a function that starts a recorder of its writes (called
   * only when a goal reads history).
   */
  constructor(
    specs: readonly GoalSpec[],
    view: ClusterSnapshot,
    startRecorder: () => ClusterHistory,
  ) {
    this.#specs = specs;
    const { goals, issues } = parseGoals(specs);
    this.goals = goals ?? [];
    this.problem =
      goals === undefined
        ? `the lesson's goals could not be read: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
        : undefined;
    this.history = this.goals.some(readsHistory);
    if (this.history) {
      this.#recorder = startRecorder();
      this.#read = this.#recorder.nextSeq;
    }
    this.#timeline = new Timeline(this.goals, toSample(view));
  }

  /**
   * A step ends with this view of the cluster: the writes recorded since the last step, then
   * the view, are the timeline's next moments.
   */
  record(view: ClusterSnapshot): void {
    const recorder = this.#recorder;
    // A step of more writes than the recorder keeps (thousands of nodes) has its oldest ones
    // folded away unread: those moments are not judged, the view that ends the step still is.
    const writes = recorder ? recorder.since(this.#read).entries : [];
    if (recorder) this.#read = recorder.nextSeq;
    this.#timeline.step(writes, toSample(view));
  }

  /** Every goal's state now, in the lesson's order. */
  states(): GoalState[] {
    const now = this.#timeline.now;
    if (now === this.#evaluatedAt) return this.#states;
    this.#evaluatedAt = now;
    if (this.problem !== undefined) {
      this.#states = this.#specs.map((g) => ({ id: g.id, met: false, detail: this.problem ?? '' }));
      return this.#states;
    }
    this.#states = this.#timeline.results().map((result, i) => ({
      id: this.goals[i].id,
      met: result.met,
      detail: result.detail,
    }));
    return this.#states;
  }

  /** Whether the states now differ from those the page was last sent (or none were sent). */
  hasUnsent(): boolean {
    const now = this.states();
    const sent = this.#sent;
    return !(
      sent &&
      sent.length === now.length &&
      sent.every((s, i) => s.met === now[i].met && s.detail === now[i].detail)
    );
  }

  /** The states if the page has not been sent them yet (then counted as sent), else undefined. */
  unsent(): GoalState[] | undefined {
    if (!this.hasUnsent()) return undefined;
    this.#sent = this.states();
    return this.#sent;
  }
}
