/**
 * The learner's progress as stored in localStorage and exported to a file: which lessons are
 * done and what they predicted. The stored text is versioned; a value this page cannot read
 * (corrupted, from another app, from a newer version) is replaced by empty progress and a
 * sentence saying so, never a blank page.
 */

/** The storage key, shared by every lesson. */
export const PROGRESS_KEY = 'dsp-progress';
/** The version this page writes; an export names it too. */
export const PROGRESS_VERSION = 1;

/** Progress as the page uses it. */
export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** Ids of the lessons whose goals were all met at least once. */
  done: string[];
  /** Per lesson, per predict question, the choice the learner made. */
  predictions: Record<string, Record<string, string>>;
}

/** Progress with nothing done. */
export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, done: [], predictions: {} };
}

/** What reading a stored or imported text gave: the progress, and a problem if it was unreadable. */
export interface ReadProgress {
  progress: Progress;
  /** A sentence for the learner when the text could not be used (the progress is then empty). */
  problem?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * From a stored or imported text (null: nothing stored), the progress. Every part is checked:
 * progress is read by the page on start, so a value it trips on would break every load.
 */
export function readProgress(text: string | null): ReadProgress {
  if (text === null || text === '') return { progress: emptyProgress() };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { progress: emptyProgress(), problem: 'it is not valid JSON' };
  }
  if (!isRecord(value) || !('version' in value))
    return { progress: emptyProgress(), problem: 'it is not DaemonSet Playground progress' };
  if (value.version !== PROGRESS_VERSION)
    return {
      progress: emptyProgress(),
      problem: `it is version ${JSON.stringify(value.version)}, and this page reads version ${PROGRESS_VERSION}`,
    };
  const { done, predictions } = value;
  if (!Array.isArray(done) || !done.every((d) => typeof d === 'string'))
    return { progress: emptyProgress(), problem: '"done" is not a list of lesson ids' };
  if (
    !isRecord(predictions) ||
    !Object.values(predictions).every(
      (p) => isRecord(p) && Object.values(p).every((c) => typeof c === 'string'),
    )
  )
    return { progress: emptyProgress(), problem: '"predictions" is not a map of answers' };
  return {
    progress: {
      version: PROGRESS_VERSION,
      done: [...new Set(done)],
      predictions: predictions as Record<string, Record<string, string>>,
    },
  };
}

/** From progress, the text stored and exported (stable key order, readable by a person). */
export function writeProgress(progress: Progress): string {
  return `${JSON.stringify(
    { version: progress.version, done: progress.done, predictions: progress.predictions },
    null,
    2,
  )}\n`;
}
