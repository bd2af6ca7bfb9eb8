/**
 * A whole scenario as one readable YAML file, to export and import: the seed, the engine
 * version, the lesson, the files as block literals and the commands with their simulated
 * times. Import holds the file to the same limits as a share link. js-yaml is used directly
 * (src/share may not import the console's reader): the core schema, no aliases, a small
 * nesting depth, and duplicate keys refused, so a crafted file can neither expand nor nest its
 * way past the limits. js-yaml 5 keeps `__proto__` as an ordinary key.
 */
import { CORE_SCHEMA, dump, load } from 'js-yaml';
import { ENGINE_VERSION } from './engine-version.ts';
import {
  LIMITS,
  shareError,
  validateSession,
  type SessionResult,
  type SharedSession,
} from './session.ts';

/** The format name a scenario file starts with, and the version `toScenarioYaml` writes. */
export const SCENARIO_FORMAT = 'daemonset-playground/scenario';
export const SCENARIO_VERSION = 1;

/** Deeper than any scenario file (root, commands, a command, its files, a file). */
const MAX_DEPTH = 6;

/** From a session, the scenario file's text. */
export function toScenarioYaml(session: SharedSession): string {
  const { log } = session;
  const document: Record<string, unknown> = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    engineVersion: session.engineVersion,
  };
  if (session.lessonId !== undefined) document.lesson = session.lessonId;
  document.seed = log.seed;
  document.files = log.files;
  document.commands = log.entries.map((entry) =>
    entry.files === undefined
      ? { atMs: entry.atMs, line: entry.line }
      : { atMs: entry.atMs, line: entry.line, files: entry.files },
  );
  const header = [
    '# A DaemonSet Playground scenario. Import it in the playground to replay it.',
    '# files: the editor files before the first command. commands: each line as typed, at its',
    '# simulated time in ms; a command with files ran with those files open instead.',
  ].join('\n');
  return `${header}\n${dump(document, { lineWidth: -1 })}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * From a scenario file's text and this page's engine version, the session and its notices, or
 * a typed error with a message for the learner (who then keeps the current session).
 */
export function fromScenarioYaml(text: string, current: number = ENGINE_VERSION): SessionResult {
  const fail = (code: Parameters<typeof shareError>[0], message: string): SessionResult => ({
    ok: false,
    error: shareError(code, message),
  });
  if (text.length > LIMITS.payloadChars)
    return fail(
      'too-big',
      `This file is longer than the ${LIMITS.payloadChars} characters a scenario may have.`,
    );
  let document: unknown;
  try {
    document = load(text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: MAX_DEPTH });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return fail('corrupt', `This file is not a scenario the playground can read: ${reason}.`);
  }
  if (!isRecord(document) || document.format !== SCENARIO_FORMAT)
    return fail(
      'invalid',
      `This file is not a playground scenario (it must start with format: ${SCENARIO_FORMAT}).`,
    );
  const { version } = document;
  if (typeof version === 'number' && version > SCENARIO_VERSION)
    return fail(
      'newer-version',
      `This scenario was made by a newer playground (scenario version ${version}; this one reads up to ${SCENARIO_VERSION}). Reload the page to get the latest version.`,
    );
  if (version !== SCENARIO_VERSION)
    return fail('unknown-version', 'This scenario has no version the playground knows.');
  return validateSession(
    {
      seed: document.seed,
      files: document.files ?? {},
      entries: document.commands ?? [],
      lessonId: document.lesson ?? undefined,
      engineVersion: document.engineVersion,
    },
    current,
  );
}
