/**
 * Share links: a session in the URL hash as `#v<version>/<lz-string payload>`, and the page's
 * routes (`#/sandbox`, `#/lessons/<id>`) beside them. Every function takes and returns strings;
 * none reads `location`. Decoding goes through a table of link versions, so a link made today
 * keeps opening after the format moves on: a new version gets its own decoder and the old ones
 * stay. See docs/sharing.md.
 */
import lzString from 'lz-string';
import type { FileMap } from '../protocol/messages.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import { decompressBounded } from './lz-bounded.ts';
import {
  LESSON_ID,
  LIMITS,
  shareError,
  validateSession,
  type SessionResult,
  type ShareError,
  type SharedSession,
} from './session.ts';

/** The link version `encodeShareLink` writes. */
export const LINK_VERSION = 1;

/** A page of the playground that a hash names. */
export type Route = { name: 'sandbox' } | { name: 'lesson'; lessonId: string };

/** What a URL hash holds: a route, a shared session, or why it is neither. */
export type HashResult =
  | { type: 'route'; route: Route }
  | { type: 'share'; session: SharedSession; notices: string[] }
  | { type: 'error'; error: ShareError };

/**
 * Version 1's payload, compact because it travels in a URL: `v` engine version, `s` seed, `l`
 * lesson id, `f` the files before the first command, and `e` the commands as
 * `[atMs, line]` or `[atMs, line, changes]`, where `changes` holds only the files whose text
 * changed since the command before (null for a file closed), not the whole set again.
 */
interface PayloadV1 {
  v: number;
  s: number;
  l?: string;
  f: FileMap;
  e: ([number, string] | [number, string, Record<string, string | null>])[];
}

/** From a session, its link hash (`#v1/...`), recording the session's engine version. */
export function encodeShareLink(session: SharedSession): string {
  const { log } = session;
  let open: FileMap = log.files;
  const entries: PayloadV1['e'] = log.entries.map((entry) => {
    if (entry.files === undefined) return [entry.atMs, entry.line];
    const changes: Record<string, string | null> = Object.create(null) as Record<
      string,
      string | null
    >;
    for (const name of Object.keys(entry.files))
      if (!Object.hasOwn(open, name) || open[name] !== entry.files[name])
        setOwn(changes, name, entry.files[name]);
    for (const name of Object.keys(open))
      if (!Object.hasOwn(entry.files, name)) setOwn(changes, name, null);
    open = entry.files;
    return [entry.atMs, entry.line, changes];
  });
  const payload: PayloadV1 = { v: session.engineVersion, s: log.seed, f: log.files, e: entries };
  if (session.lessonId !== undefined) payload.l = session.lessonId;
  return `#v${LINK_VERSION}/${lzString.compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

/** Defines an own property, so a name like `__proto__` is stored as data. */
function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Version 1: an lz-string compressed JSON `PayloadV1`. */
function decodeV1(text: string, current: number): SessionResult {
  const fail = (error: ShareError): SessionResult => ({ ok: false, error });
  const unpacked = decompressBounded(text, LIMITS.payloadChars);
  if (!unpacked.ok) {
    if (unpacked.reason === 'too-big')
      return fail(
        shareError(
          'too-big',
          `This link unpacks to more than ${LIMITS.payloadChars} characters, more than a playground scenario needs.`,
        ),
      );
    if (unpacked.reason === 'truncated')
      return fail(
        shareError('truncated', 'This link is cut short: it was probably not copied whole.'),
      );
    return fail(shareError('corrupt', 'This link is damaged: it is not a playground scenario.'));
  }
  let payload: unknown;
  try {
    payload = JSON.parse(unpacked.text);
  } catch {
    return fail(shareError('corrupt', 'This link is damaged: its scenario cannot be read.'));
  }
  if (!isRecord(payload) || !Array.isArray(payload.e))
    return fail(shareError('invalid', 'This link does not hold a playground scenario.'));
  if (payload.e.length > LIMITS.commands)
    return fail(
      shareError(
        'too-many-commands',
        `This link has ${payload.e.length} commands; the playground replays at most ${LIMITS.commands}.`,
      ),
    );
  if (!isRecord(payload.f)) return fail(shareError('invalid', 'This link has no files.'));
  // Rebuild each command's full file map from the changes it carries.
  let open: Record<string, unknown> = payload.f;
  const entries: unknown[] = [];
  for (const [index, raw] of payload.e.entries()) {
    if (!Array.isArray(raw) || raw.length < 2 || raw.length > 3)
      return fail(shareError('invalid', `Command ${index + 1} of this link is damaged.`));
    const entry: Record<string, unknown> = { atMs: raw[0], line: raw[1] };
    if (raw.length === 3) {
      const changes: unknown = raw[2];
      if (!isRecord(changes))
        return fail(
          shareError('invalid', `The files of command ${index + 1} of this link are damaged.`),
        );
      const names = Object.keys(changes);
      if (names.length > LIMITS.files)
        return fail(
          shareError(
            'too-many-files',
            `Command ${index + 1} of this link changes ${names.length} files; the playground takes at most ${LIMITS.files}.`,
          ),
        );
      const next: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const name of Object.keys(open)) setOwn(next, name, open[name]);
      for (const name of names) {
        if (changes[name] === null) delete next[name];
        else setOwn(next, name, changes[name]);
      }
      if (Object.keys(next).length > LIMITS.files)
        return fail(
          shareError(
            'too-many-files',
            `Command ${index + 1} of this link has more than ${LIMITS.files} files open.`,
          ),
        );
      entry.files = next;
      open = next;
    }
    entries.push(entry);
  }
  return validateSession(
    { seed: payload.s, files: payload.f, entries, lessonId: payload.l, engineVersion: payload.v },
    current,
  );
}

/**
 * The decoder of each link version ever written. Add a version here with its own decoder and
 * keep the old ones, so every link made keeps opening.
 */
const DECODERS: Readonly<Record<number, (payload: string, current: number) => SessionResult>> = {
  1: decodeV1,
};

/**
 * From a link hash (`#v1/...`, with or without the `#`) and the engine version of this page,
 * the session and its notices, or a typed error with a learner-readable message. Work is
 * bounded by LIMITS whatever the input.
 */
export function decodeShareLink(hash: string, current: number = ENGINE_VERSION): SessionResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  // Only the first characters are matched, so a huge hash costs nothing here.
  const match = /^v(\d{1,6})\//.exec(text.slice(0, 8));
  if (match === null)
    return {
      ok: false,
      error: shareError('not-a-link', 'This address is not a playground share link.'),
    };
  const version = Number(match[1]);
  let payload = text.slice(match[0].length);
  // Some chat and mail programs percent-encode `$` and `+` when they pass a link on.
  if (payload.includes('%') && payload.length <= LIMITS.linkChars * 3) {
    try {
      payload = decodeURIComponent(payload);
    } catch {
      // Not percent-encoding after all: the decoder calls the stray `%` damage.
    }
  }
  const decode = Object.hasOwn(DECODERS, version) ? DECODERS[version] : undefined;
  if (decode === undefined) {
    if (version > LINK_VERSION)
      return {
        ok: false,
        error: shareError(
          'newer-version',
          `This link was made by a newer playground (link format v${version}; this one reads up to v${LINK_VERSION}). Reload the page to get the latest version.`,
        ),
      };
    return {
      ok: false,
      error: shareError(
        'unknown-version',
        `This link's format (v${version}) was never used by the playground.`,
      ),
    };
  }
  if (payload.length > LIMITS.linkChars)
    return {
      ok: false,
      error: shareError(
        'too-big',
        `This link is ${payload.length} characters long; the playground opens links of at most ${LIMITS.linkChars}.`,
      ),
    };
  return decode(payload, current);
}

/** From a route, its hash. */
export function routeHash(route: Route): string {
  return route.name === 'sandbox'
    ? '#/sandbox'
    : `#/lessons/${route.lessonId.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * From a URL hash (with or without its `#`), what it holds: a route (an empty hash is the
 * sandbox), a shared session, or an error to show before opening the default sandbox.
 */
export function parseHash(hash: string, current: number = ENGINE_VERSION): HashResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '' || text === '/' || text === '/sandbox')
    return { type: 'route', route: { name: 'sandbox' } };
  if (text.startsWith('/')) {
    const lesson = /^\/lessons\/(.+)$/s.exec(text);
    if (lesson !== null && lesson[1].length <= LIMITS.lessonIdChars * 3) {
      let id: string | undefined;
      try {
        id = lesson[1].split('/').map(decodeURIComponent).join('/');
      } catch {
        id = undefined;
      }
      if (id !== undefined && id.length <= LIMITS.lessonIdChars && LESSON_ID.test(id))
        return { type: 'route', route: { name: 'lesson', lessonId: id } };
    }
    return {
      type: 'error',
      error: shareError('unknown-route', 'This address names no page of the playground.'),
    };
  }
  const result = decodeShareLink(text, current);
  return result.ok
    ? { type: 'share', session: result.session, notices: result.notices }
    : { type: 'error', error: result.error };
}
