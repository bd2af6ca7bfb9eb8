/**
 * A lesson's goals in the worker, next to the engine: the timeline they read (one sample after
 * every command and every instant the clock stopped at, since the lesson began) and their
 * states, evaluated only when the timeline got a new sample.
 */
import type { ClusterSnapshot } from '../engine/operations.ts';
import { evaluateGoal, parseGoals, toSample, type Goal } from '../lessons/goals.ts';
import { createTimeline } from '../lessons/timeline.ts';
import type { GoalSpec, GoalState } from '../protocol/messages.ts';

/** Predicates that read every sample, not only the last one. */
const HISTORY_PREDICATES = ['alwaysAvailable', 'atMostUnavailable'] as const;

/** The goals of the lesson being played, their timeline, and what the page was last sent. */
export class LessonGoals {
  readonly goals: readonly Goal[];
  /** Whether a goal reads history, so every instant the clock stops at must be recorded. */
  readonly history: boolean;
  /** Set when the page's goals did not fit the goal schema: every goal is then unmet with it. */
  readonly problem: string | undefined;
  #specs: readonly GoalSpec[];
  #timeline = createTimeline();
  #states: GoalState[] = [];
  /** The last sample the states were evaluated at (samples are compared by identity). */
  #evaluatedAt: unknown;
  #sent: GoalState[] | undefined;

  /**
   * From the goals the page sent (validated here: lessons are other people's data) and the
   * cluster as the lesson begins.
   */
  constructor(specs: readonly GoalSpec[], view: ClusterSnapshot) {
    this.#specs = specs;
    const { goals, issues } = parseGoals(specs);
    this.goals = goals ?? [];
    this.problem =
      goals === undefined
        ? `the lesson's goals could not be read: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
        : undefined;
    this.history = this.goals.some((g) => HISTORY_PREDICATES.some((p) => g[p] !== undefined));
    this.#timeline.reset(toSample(view));
  }

  /** Adds a view of the cluster (the same objects as the last sample are not kept twice). */
  record(view: ClusterSnapshot): void {
    this.#timeline.record(toSample(view));
  }

  /** Every goal's state now, in the lesson's order. */
  states(): GoalState[] {
    const last = this.#timeline.samples.at(-1);
    if (last === this.#evaluatedAt) return this.#states;
    this.#evaluatedAt = last;
    if (this.problem !== undefined) {
      this.#states = this.#specs.map((g) => ({ id: g.id, met: false, detail: this.problem ?? '' }));
      return this.#states;
    }
    this.#states = this.goals.map((goal) => {
      const result = evaluateGoal(goal, this.#timeline.samples);
      return { id: goal.id, met: result.met, detail: result.detail };
    });
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
