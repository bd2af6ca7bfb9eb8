/**
 * The lesson being played: which one (from the route), its bundle and rendered text, the goal
 * states the engine sends, hints shown, predictions, and the actions of the lesson panel
 * (run a command from the text, show the solution, reset, go to the next lesson). Every
 * command goes through the playground's console, so the learner sees it run.
 */
import type { CommandResult } from '../../protocol/cluster.ts';
import type { GoalState } from '../../protocol/messages.ts';
import type { PredictQuestion } from '../../lessons/loader.ts';
import { filesOfLine } from '../../lessons/loader.ts';
import { COURSE, loadLessonBundle, type LessonBundle } from '../../lessons/course.ts';
import type { OpenFile } from '../editor/files.svelte.ts';
import type { Playground } from '../playground.svelte.ts';
import type { ProgressStore } from './progress-store.svelte.ts';
import type { Route } from './route.ts';
import type { ProseSegment } from './markdown.ts';

/** A goal as the panel shows it. */
export interface GoalView {
  id: string;
  text: string;
  met: boolean;
  detail: string;
}

/** Pause between the steps of a played solution, so each can be seen (ms). */
const SOLUTION_STEP_MS = 700;
/** The same with reduced motion: still one step at a time, without the wait. */
const SOLUTION_STEP_REDUCED_MS = 150;

/** What the sandbox starts from: its files and start lines (src/lessons/sandbox.ts). */
export interface SandboxStart {
  files: OpenFile[];
  startCommands: string[];
  playing: boolean;
}

/** Every lesson id in course order. */
const LESSON_ORDER = COURSE.chapters.flatMap((c) => c.lessons.map((l) => l.id));

/** The lesson panel's state and actions. */
export class LessonState {
  route: Route = $state({ kind: 'sandbox' });
  /** The open lesson's bundle, once loaded. */
  bundle: LessonBundle | undefined = $state.raw();
  /** Its text as sanitised HTML, cut after each command a question is asked before. */
  prose: ProseSegment[] = $state.raw([]);
  /** `loading` until the bundle and its cluster are there; `missing` for an unknown id. */
  status: 'idle' | 'loading' | 'ready' | 'missing' = $state('idle');
  hintsShown = $state(0);
  /** Question ids whose command has run (the answer and explanation are then shown). */
  observed: Record<string, true> = $state({});
  /** The question the learner tried to skip by running its command first. */
  asking: string | undefined = $state();
  /** A solution is being played. */
  solving = $state(false);

  readonly playground: Playground;
  readonly progress: ProgressStore;
  #seq = 0;
  #reducedMotion: () => boolean;
  #sandbox: SandboxStart;

  /** The goals with their states (unmet until the engine has judged them). */
  goals: GoalView[] = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup built per derivation
    const states = new Map<string, GoalState>(
      (this.playground.client.goals ?? []).map((g) => [g.id, g]),
    );
    return (this.bundle?.lesson.goals ?? []).map((g) => {
      const state = states.get(g.id);
      return { id: g.id, text: g.text, met: state?.met ?? false, detail: state?.detail ?? '' };
    });
  });

  /** Every goal is met (the lesson is complete). */
  allMet: boolean = $derived(
    this.status === 'ready' && this.goals.length > 0 && this.goals.every((g) => g.met),
  );

  /** The lesson after this one in the course, if any. */
  nextId: string | undefined = $derived.by(() => {
    const id = this.bundle?.lesson.id;
    if (id === undefined) return undefined;
    return LESSON_ORDER[LESSON_ORDER.indexOf(id) + 1];
  });

  /** Listens to every line the playground runs, to see predicted commands happen. */
  constructor(
    playground: Playground,
    progress: ProgressStore,
    sandbox: SandboxStart,
    reducedMotion: () => boolean = () => false,
  ) {
    this.playground = playground;
    this.progress = progress;
    this.#sandbox = sandbox;
    this.#reducedMotion = reducedMotion;
    playground.onRan = (line, result) => this.#heard(line, result);
  }

  /**
   * Goes to a route: opens the lesson, or starts the sandbox afresh. `fresh` says the cluster
   * is still the empty one the page started with (the first route after loading).
   */
  async go(route: Route, fresh = false): Promise<void> {
    if (route.kind === 'lesson') {
      await this.open(route.id);
      return;
    }
    const seq = ++this.#seq;
    this.route = route;
    this.bundle = undefined;
    this.status = 'idle';
    this.solving = false;
    const sandbox = this.#sandbox;
    if (!fresh) await this.playground.restart(sandbox.files);
    // The start script runs through the console like anything typed, so it is in the log; the
    // clock plays only once the cluster is set up.
    for (const line of sandbox.startCommands) {
      if (seq !== this.#seq) return;
      await this.playground.run(line);
    }
    if (seq !== this.#seq) return;
    if (sandbox.playing) await this.playground.client.setPlaying(true);
    for (const f of sandbox.files) void this.playground.diagnose(f.name);
  }

  /** Opens a lesson: loads its bundle and text, builds its starting cluster, sends its goals. */
  async open(id: string): Promise<void> {
    const seq = ++this.#seq;
    const bundle = await this.#load(id, seq);
    if (bundle) await this.#start(bundle, seq);
  }

  /**
   * Opens a lesson over the cluster the engine already holds (a share link's log, replayed when
   * the page started): its text and goals, without building its start again, and the editor's
   * tabs as the link left them. A question whose command is in the log was answered before.
   */
  async resume(id: string): Promise<void> {
    const seq = ++this.#seq;
    const bundle = await this.#load(id, seq);
    if (!bundle) return;
    const ran = this.playground.client.log.entries.map((e) => e.line);
    for (const q of bundle.lesson.predict)
      if (ran.includes(q.before)) this.observed = { ...this.observed, [q.id]: true };
    this.playground.client.setGoals(bundle.lesson.goals);
    this.status = 'ready';
    for (const f of this.playground.files.files) void this.playground.diagnose(f.name);
    if (this.nextId !== undefined) void loadLessonBundle(this.nextId);
  }

  /** Shows lesson `id` as loading, then its bundle and text (none for an unknown id). */
  async #load(id: string, seq: number): Promise<LessonBundle | undefined> {
    this.route = { kind: 'lesson', id };
    this.status = 'loading';
    this.solving = false;
    const [bundle, markdown] = await Promise.all([loadLessonBundle(id), import('./markdown.ts')]);
    if (seq !== this.#seq) return undefined;
    if (!bundle) {
      this.bundle = undefined;
      this.status = 'missing';
      return undefined;
    }
    this.bundle = bundle;
    this.prose = markdown.renderSegments(
      bundle.lesson.prose,
      bundle.lesson.predict.map((q) => q.before),
    );
    this.hintsShown = 0;
    this.observed = {};
    this.asking = undefined;
    return bundle;
  }

  /** Starts the lesson again from its starting cluster, with its files as they were. */
  async reset(): Promise<void> {
    const bundle = this.bundle;
    if (!bundle) return;
    const seq = ++this.#seq;
    this.solving = false;
    this.observed = {};
    this.asking = undefined;
    this.progress.forgetPredictions(bundle.lesson.id);
    await this.#start(bundle, seq);
  }

  /** Shows the next hint. */
  showHint(): void {
    const count = this.bundle?.lesson.hints.length ?? 0;
    if (this.hintsShown < count) this.hintsShown += 1;
  }

  /**
   * Runs a command from the lesson's text. A command a question must be answered before is not
   * run until it is: the question is pointed out instead.
   */
  async runCommand(line: string): Promise<void> {
    const question = this.#unansweredBefore(line);
    if (question) {
      this.asking = question.id;
      return;
    }
    await this.#runScriptLine(line);
  }

  /** Records the learner's choice for a question (before its command runs). */
  choose(question: PredictQuestion, choice: string): void {
    const id = this.bundle?.lesson.id;
    if (id === undefined || this.observed[question.id]) return;
    this.progress.predict(id, question.id, choice);
  }

  /** The learner's choice for a question, if made. */
  choice(question: PredictQuestion): string | undefined {
    const id = this.bundle?.lesson.id;
    return id === undefined ? undefined : this.progress.prediction(id, question.id);
  }

  /** Runs the command a question is about, once a choice is made. */
  async runPredicted(question: PredictQuestion): Promise<void> {
    if (this.choice(question) === undefined) return;
    this.asking = undefined;
    await this.#runScriptLine(question.before);
  }

  /**
   * Loads the solution's files into editor tabs, then plays solution.sim one line at a time
   * through the console, pausing between lines so each can be followed.
   */
  async showSolution(): Promise<void> {
    const bundle = this.bundle;
    if (!bundle || this.solving) return;
    const seq = this.#seq;
    this.solving = true;
    const lines = bundle.lesson.scripts.solution;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local de-duplication
    const names = [...new Set(lines.flatMap((l) => filesOfLine(l).map(clean)))];
    for (const name of names) {
      const text = bundle.lesson.assets[name];
      if (text !== undefined) this.playground.files.load(name, text);
    }
    try {
      for (const [i, line] of lines.entries()) {
        if (seq !== this.#seq) return;
        if (i > 0) await wait(this.#reducedMotion() ? SOLUTION_STEP_REDUCED_MS : SOLUTION_STEP_MS);
        if (seq !== this.#seq) return;
        await this.#runScriptLine(line);
      }
    } finally {
      if (seq === this.#seq) this.solving = false;
    }
  }

  /** Marks the lesson done once every goal is met (called by the panel when `allMet` turns). */
  markDoneIfComplete(): void {
    const id = this.bundle?.lesson.id;
    if (id !== undefined && this.allMet) this.progress.markDone(id);
  }

  /** A question whose command is `line` and that has no choice yet. */
  #unansweredBefore(line: string): PredictQuestion | undefined {
    return this.bundle?.lesson.predict.find(
      (q) => q.before === line.trim() && !this.observed[q.id] && this.choice(q) === undefined,
    );
  }

  /**
   * A line ran (however it was started): the questions it answers are now observed. A refused
   * line did not do what the question asks about, so its question stays open (a lesson may
   * have the learner try its command too early first, to see why it is refused).
   */
  #heard(line: string, result: CommandResult): void {
    if (result.exit !== 0) return;
    for (const q of this.bundle?.lesson.predict ?? [])
      if (q.before === line) this.observed = { ...this.observed, [q.id]: true };
  }

  /**
   * Runs a line of a lesson's script in the console. Its `-f` files are opened as tabs first
   * (from the lesson, unless open already: the learner's edits stay), and the tab it applies
   * is shown, so the learner sees what it applies.
   */
  async #runScriptLine(line: string): Promise<void> {
    const assets = this.bundle?.lesson.assets ?? {};
    for (const name of filesOfLine(line).map(clean)) {
      const text = assets[name];
      const open = this.playground.files.files.some((f) => f.name === name);
      if (open) this.playground.files.open(name);
      else if (text !== undefined) this.playground.files.load(name, text);
    }
    await this.playground.run(line);
  }

  /** Builds the lesson's starting cluster through the console, then begins its goals. */
  async #start(bundle: LessonBundle, seq: number): Promise<void> {
    const { lesson } = bundle;
    this.status = 'loading';
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, never drawn
    const tabs = new Map<string, string>();
    for (const name of lesson.files) tabs.set(name, lesson.assets[name] ?? '');
    for (const step of bundle.start)
      for (const [name, text] of Object.entries(step.files))
        if (!tabs.has(name)) tabs.set(name, text);
    const count = bundle.start.reduce((n, step) => n + step.lines.length, 0);
    // The restart and the start lines are sent together, without waiting for the worker
    // between them (it handles requests in order): a switch waits for the engine once, not a
    // round trip a line. Only the last line brings a snapshot, so the page draws the new
    // cluster once instead of after every line (and never the empty one in between).
    const runs: Promise<unknown>[] = [
      this.playground.restart(
        [...tabs].map(([name, text]) => ({ name, text })),
        lesson.files[0],
        count > 0,
      ),
    ];
    // The start runs through the console like anything typed, each file from its own tab
    // (each line carries the files as they are when it is sent).
    let sent = 0;
    for (const step of bundle.start) {
      for (const [name, text] of Object.entries(step.files))
        this.playground.files.setText(name, text);
      for (const line of step.lines) {
        sent += 1;
        runs.push(this.playground.run(line, { quiet: sent < count }));
      }
    }
    await Promise.all(runs);
    if (seq !== this.#seq) return;
    // The learner's tabs are the lesson's own files (its `files`), as written. Files earlier
    // lessons applied were open while the start ran; they are closed now, as a pile of them
    // would wrap the tab bar over the editor. The editor loads the texts again only when the
    // tabs or their texts differ from what the start left.
    const files = this.playground.files;
    if (lesson.files.length > 0) {
      const wanted = lesson.files.map((name) => ({ name, text: lesson.assets[name] ?? '' }));
      const same =
        files.files.length === wanted.length &&
        wanted.every((w, i) => files.files[i].name === w.name && files.files[i].text === w.text);
      if (same) files.open(wanted[0].name);
      else files.replace(wanted);
    }
    this.playground.client.setGoals(lesson.goals);
    if (lesson.clock === 'playing') await this.playground.client.setPlaying(true);
    if (seq !== this.#seq) return;
    this.status = 'ready';
    // The files are checked (a worker round trip each, then editor markers) once the new
    // cluster is painted, so that work does not compete with the frame the learner waits for.
    afterPaint(() => {
      if (seq !== this.#seq) return;
      for (const f of this.playground.files.files) void this.playground.diagnose(f.name);
    });
    // The next lesson is the likeliest switch: its chunk is fetched now, while the learner reads.
    if (this.nextId !== undefined) void loadLessonBundle(this.nextId);
    prefetchCourse();
  }
}

/** Whether the lesson chunks have been asked for in the background already. */
let prefetching = false;

/**
 * Fetches every lesson's chunk in the background, one per idle moment, so that a lesson
 * picked from the list opens without a network round trip (they are a few KiB each, and the
 * offline cache holds them anyway).
 */
function prefetchCourse(): void {
  if (prefetching) return;
  prefetching = true;
  const ids = [...LESSON_ORDER];
  const idle = (next: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: 2000 });
    else setTimeout(next, 50);
  };
  const step = (): void => {
    const id = ids.shift();
    if (id === undefined) return;
    // A chunk that cannot be fetched now is fetched again when its lesson opens.
    loadLessonBundle(id).then(
      () => idle(step),
      () => idle(step),
    );
  };
  idle(step);
}

/** Calls `work` after the next frame is painted (at once where there are no frames). */
function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(work, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(work, 0));
}

function clean(path: string): string {
  return path.replace(/^\.\//, '');
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
