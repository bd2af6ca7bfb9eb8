/**
 * The learner's progress as reactive state, kept in localStorage after every change. Reading
 * never fails: an unreadable value is replaced and `notice` says what happened.
 */
import {
  PROGRESS_KEY,
  emptyProgress,
  readProgress,
  writeProgress,
  type Progress,
} from './progress.ts';

/** The part of the Storage API the store uses (tests pass a Map-backed one). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Done lessons and predictions, saved as they change. */
export class ProgressStore {
  progress: Progress = $state(emptyProgress());
  /** A sentence for the learner when stored or imported progress could not be used. */
  notice: string | undefined = $state();
  #storage: ProgressStorage | undefined;

  /** Reads the stored progress from `storage` (undefined: keep it in memory only). */
  constructor(storage: ProgressStorage | undefined) {
    this.#storage = storage;
    let text: string | null = null;
    try {
      text = storage?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      // Storage can be switched off (private windows, sandboxed embeds): progress then lives
      // only as long as the page.
    }
    const read = readProgress(text);
    this.progress = read.progress;
    if (read.problem) {
      this.notice = `Your saved progress could not be read (${read.problem}), so it was reset.`;
      this.#save();
    }
  }

  /** Whether the lesson was completed. */
  isDone(lessonId: string): boolean {
    return this.progress.done.includes(lessonId);
  }

  /** Marks a lesson completed (kept even if its goals become unmet later). */
  markDone(lessonId: string): void {
    if (this.isDone(lessonId)) return;
    this.progress.done.push(lessonId);
    this.#save();
  }

  /** The choice made for a predict question, if any. */
  prediction(lessonId: string, questionId: string): string | undefined {
    return this.progress.predictions[lessonId]?.[questionId];
  }

  /** Records a choice for a predict question. */
  predict(lessonId: string, questionId: string, choice: string): void {
    this.progress.predictions[lessonId] = {
      ...this.progress.predictions[lessonId],
      [questionId]: choice,
    };
    this.#save();
  }

  /** Forgets a lesson's predictions (resetting the lesson asks them again). */
  forgetPredictions(lessonId: string): void {
    if (!(lessonId in this.progress.predictions)) return;
    delete this.progress.predictions[lessonId];
    this.#save();
  }

  /** The progress as the text of an export file. */
  exportText(): string {
    return writeProgress(this.progress);
  }

  /** Replaces the progress with an imported file's; returns the problem if it was refused. */
  importText(text: string): string | undefined {
    const read = readProgress(text);
    if (read.problem) return `That file is not progress this page can read: ${read.problem}.`;
    this.progress = read.progress;
    this.#save();
    return undefined;
  }

  /** Says nothing more about a problem the learner has read. */
  dismissNotice(): void {
    this.notice = undefined;
  }

  #save(): void {
    try {
      this.#storage?.setItem(PROGRESS_KEY, writeProgress(this.progress));
    } catch {
      this.notice =
        'Your progress cannot be saved in this browser; it lasts until the page closes.';
    }
  }
}
