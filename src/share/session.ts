/**
 * A shared session, the limits every way in (link, saved session, scenario file) holds it to,
 * and the one validator they all use. A session is its command log (seed, files, timed
 * commands), plus the lesson it belongs to and the engine version that recorded it. Anything
 * read from outside is untrusted: a crafted link must fail with a learner-readable message
 * after a bounded amount of work, never throw and never pollute a prototype.
 */
import type { CommandLog, FileMap, LogEntry } from '../protocol/messages.ts';
import { ENGINE_VERSION } from './engine-version.ts';

/** A session as the page keeps it and a link restores it. */
export interface SharedSession {
  log: CommandLog;
  /** The lesson the session belongs to (`#/lessons/<id>`), absent for the sandbox. */
  lessonId?: string;
  /** The ENGINE_VERSION the session was recorded with. */
  engineVersion: number;
}

/**
 * What every import accepts at most. A link is opened without asking, so these bound the work
 * a crafted one can cause: the worker replays every command, and advances the simulated clock
 * to the last entry's instant.
 */
export const LIMITS = {
  /** Characters of a link's payload (after `#v1/`). Browsers take far longer URLs. */
  linkChars: 100_000,
  /** Characters of the decompressed payload, and of an imported scenario file. */
  payloadChars: 2_000_000,
  commands: 2_000,
  /** Characters of one command line. */
  lineChars: 4_096,
  /** Distinct file names in one file map. */
  files: 100,
  /** Characters of one file name. */
  fileNameChars: 256,
  /** Characters of one file's text. */
  fileChars: 262_144,
  /** The latest simulated instant a command may run at: one simulated day. */
  simulatedMs: 86_400_000,
  /** Characters of a lesson id. */
  lessonIdChars: 128,
} as const;

/** Why a session could not be read. Each comes with a message the page can show as it is. */
export type ShareErrorCode =
  | 'not-a-link'
  | 'unknown-route'
  | 'newer-version'
  | 'unknown-version'
  | 'corrupt'
  | 'truncated'
  | 'too-big'
  | 'too-many-commands'
  | 'too-many-files'
  | 'too-late'
  | 'invalid';

/** A failure to read a session, with a message for the learner. */
export interface ShareError {
  code: ShareErrorCode;
  message: string;
}

/** A session read from outside, with notices to show beside it (an engine version change). */
export type SessionResult =
  { ok: true; session: SharedSession; notices: string[] } | { ok: false; error: ShareError };

/**
 * From a code and a sentence saying what is wrong, the error. The message says only that: the
 * caller adds what it did instead (a link opens the default sandbox, an import keeps the
 * current session).
 */
export function shareError(code: ShareErrorCode, message: string): ShareError {
  return { code, message };
}

/** The notice for a session recorded by another engine version, or none for this one. */
export function versionNotices(recorded: number, current: number = ENGINE_VERSION): string[] {
  if (recorded === current) return [];
  const when = recorded < current ? 'an older' : 'a newer';
  return [
    `This scenario was recorded with ${when} version of the simulator (engine ${recorded}, this is engine ${current}). The playground replays it anyway; the results may differ from what its author saw.`,
  ];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A lesson id as routes spell it: letters, digits, `-`, `_`, `.` and `/` between words. */
export const LESSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/**
 * From an untrusted value, a file map with a null prototype, so a file named `__proto__` or
 * `constructor` is a file like any other; or the error that rules it out. `where` names the map
 * in the message.
 */
export function readFileMap(
  value: unknown,
  where: string,
): { ok: true; files: FileMap } | { ok: false; error: ShareError } {
  const fail = (error: ShareError) => ({ ok: false as const, error });
  if (!isRecord(value))
    return fail(shareError('invalid', `The files of ${where} are not a list of named files.`));
  const names = Object.keys(value);
  if (names.length > LIMITS.files)
    return fail(
      shareError(
        'too-many-files',
        `${where[0].toUpperCase()}${where.slice(1)} has ${names.length} files; the playground takes at most ${LIMITS.files}.`,
      ),
    );
  const files: FileMap = Object.create(null) as FileMap;
  for (const name of names) {
    const text = value[name];
    if (name.length === 0 || name.length > LIMITS.fileNameChars)
      return fail(
        shareError(
          'invalid',
          `A file name in ${where} is empty or longer than ${LIMITS.fileNameChars} characters.`,
        ),
      );
    if (typeof text !== 'string')
      return fail(
        shareError(
          'invalid',
          `The file ${JSON.stringify(name.slice(0, 80))} in ${where} has no text.`,
        ),
      );
    if (text.length > LIMITS.fileChars)
      return fail(
        shareError(
          'too-big',
          `The file ${JSON.stringify(name.slice(0, 80))} in ${where} is longer than ${LIMITS.fileChars} characters.`,
        ),
      );
    Object.defineProperty(files, name, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ok: true, files };
}

/** The fields of a session in plain form, as the scenario file and saved sessions hold it. */
export interface PlainSession {
  seed: unknown;
  files: unknown;
  entries: unknown;
  lessonId?: unknown;
  engineVersion: unknown;
}

/**
 * From a session's fields read from outside, the session and its notices, or the first thing
 * wrong with it. Entry file maps are full maps (what was open when the command ran). Counts are
 * checked before anything is walked, so a huge array costs nothing.
 */
export function validateSession(
  plain: PlainSession,
  current: number = ENGINE_VERSION,
): SessionResult {
  const fail = (error: ShareError): SessionResult => ({ ok: false, error });
  const { seed, engineVersion, lessonId } = plain;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return fail(
      shareError(
        'invalid',
        'The scenario has no valid seed (a whole number from 0 to 4294967295).',
      ),
    );
  if (typeof engineVersion !== 'number' || !Number.isInteger(engineVersion) || engineVersion < 1)
    return fail(
      shareError('invalid', 'The scenario does not say which simulator version recorded it.'),
    );
  if (
    lessonId !== undefined &&
    (typeof lessonId !== 'string' ||
      lessonId.length > LIMITS.lessonIdChars ||
      !LESSON_ID.test(lessonId))
  )
    return fail(
      shareError('invalid', 'The scenario names a lesson in a form the playground does not know.'),
    );
  const read = readFileMap(plain.files, 'the scenario');
  if (!read.ok) return fail(read.error);
  const files = read.files;
  if (!Array.isArray(plain.entries))
    return fail(shareError('invalid', 'The scenario has no list of commands.'));
  if (plain.entries.length > LIMITS.commands)
    return fail(
      shareError(
        'too-many-commands',
        `The scenario has ${plain.entries.length} commands; the playground replays at most ${LIMITS.commands}.`,
      ),
    );
  const entries: LogEntry[] = [];
  let lastMs = 0;
  for (const [index, raw] of plain.entries.entries()) {
    const n = index + 1;
    if (!isRecord(raw))
      return fail(shareError('invalid', `Command ${n} of the scenario is not a command.`));
    const { atMs, line } = raw;
    if (typeof line !== 'string')
      return fail(shareError('invalid', `Command ${n} of the scenario has no text.`));
    if (line.length > LIMITS.lineChars || /[\r\n]/.test(line))
      return fail(
        shareError(
          'invalid',
          `Command ${n} of the scenario is not one line of at most ${LIMITS.lineChars} characters.`,
        ),
      );
    if (typeof atMs !== 'number' || !Number.isInteger(atMs) || atMs < 0)
      return fail(
        shareError('invalid', `Command ${n} of the scenario has no valid simulated time.`),
      );
    if (atMs > LIMITS.simulatedMs)
      return fail(
        shareError(
          'too-late',
          `Command ${n} of the scenario runs after ${LIMITS.simulatedMs / 3_600_000} simulated hours, later than the playground replays.`,
        ),
      );
    if (atMs < lastMs)
      return fail(
        shareError(
          'invalid',
          `Command ${n} of the scenario runs earlier than the command before it.`,
        ),
      );
    lastMs = atMs;
    const entry: LogEntry = { atMs, line };
    if (raw.files !== undefined) {
      const entryFiles = readFileMap(raw.files, `command ${n}`);
      if (!entryFiles.ok) return fail(entryFiles.error);
      entry.files = entryFiles.files;
    }
    entries.push(entry);
  }
  const session: SharedSession = { log: { seed, files, entries }, engineVersion };
  if (lessonId !== undefined) session.lessonId = lessonId as string;
  return { ok: true, session, notices: versionNotices(engineVersion, current) };
}
