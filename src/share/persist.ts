/**
 * Keeping the current session across reloads: pure functions over a Storage-like object
 * (localStorage in the page, a Map in tests). Each embed passes its own key prefix, so two
 * embeds on one page keep separate sessions. The value is versioned and read as untrusted: a
 * damaged, foreign or future value gives a typed `reset` with a message, never an exception.
 */
import type { FileMap } from '../protocol/messages.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import { decodeShareLink, encodeShareLink } from './link.ts';
import { readFileMap, type SharedSession } from './session.ts';

/** What the persistence needs of `localStorage`; each call may throw, as browsers' do. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What a reload restores: the session and the editor's texts, applied or not. */
export interface SavedSession {
  session: SharedSession;
  /** Every open editor file by name, as typed, whether or not it was applied. */
  editor: FileMap;
}

/** The outcome of reading the saved session. */
export type LoadResult =
  | { type: 'empty' }
  | { type: 'restored'; saved: SavedSession; notices: string[] }
  /** Something was stored but cannot be used; the page starts afresh and says why. */
  | { type: 'reset'; message: string };

/** The format name and version of the stored value, so a foreign value is told apart. */
const FORMAT = 'daemonset-playground/session';
const STORED_VERSION = 1;

/**
 * Version 1 of the stored value. The log travels as its share link, which is compact (file
 * changes only, compressed) and goes through the link's own limits when read back.
 */
interface StoredV1 {
  format: typeof FORMAT;
  version: 1;
  link: string;
  editor: FileMap;
}

/** From a key prefix (one per embed), the storage key of its session. */
export function sessionKey(prefix: string): string {
  return `${prefix}session`;
}

/**
 * From a storage, a key prefix and the session to keep, whether it was written; a full or
 * refused storage gives a message instead of an exception.
 */
export function saveSession(
  storage: StorageLike,
  prefix: string,
  saved: SavedSession,
): { ok: true } | { ok: false; message: string } {
  const value: StoredV1 = {
    format: FORMAT,
    version: STORED_VERSION,
    link: encodeShareLink(saved.session),
    editor: saved.editor,
  };
  try {
    storage.setItem(sessionKey(prefix), JSON.stringify(value));
    return { ok: true };
  } catch {
    return {
      ok: false,
      message:
        'The browser did not let the playground keep this session (storage is full or turned off): a reload will start afresh.',
    };
  }
}

/** From a storage and a key prefix, forgets the session ("New sandbox"); a refusal is ignored. */
export function clearSession(storage: StorageLike, prefix: string): void {
  try {
    storage.removeItem(sessionKey(prefix));
  } catch {
    // Nothing stored can be read back either, so there is nothing left to forget.
  }
}

const reset = (why: string): LoadResult => ({
  type: 'reset',
  message: `${why} The playground started a new session.`,
});

/**
 * From a storage, a key prefix and this page's engine version, the saved session with its
 * notices, `empty` when none was saved, or `reset` with a message when what was saved cannot
 * be used (damaged, from another program, from a newer playground, or unreadable storage).
 */
export function loadSession(
  storage: StorageLike,
  prefix: string,
  current: number = ENGINE_VERSION,
): LoadResult {
  let text: string | null;
  try {
    text = storage.getItem(sessionKey(prefix));
  } catch {
    return reset('The browser does not let the playground read its saved session here.');
  }
  if (text === null) return { type: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reset('The saved session was damaged.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return reset('The saved session was not one the playground wrote.');
  const stored = value as Record<string, unknown>;
  if (stored.format !== FORMAT) return reset('The saved session was not one the playground wrote.');
  if (typeof stored.version === 'number' && stored.version > STORED_VERSION)
    return reset('The saved session was written by a newer playground.');
  if (stored.version !== STORED_VERSION || typeof stored.link !== 'string')
    return reset('The saved session was damaged.');
  const decoded = decodeShareLink(stored.link, current);
  if (!decoded.ok)
    return reset(`The saved session could not be replayed: ${decoded.error.message}`);
  const editor = readFileMap(stored.editor, 'the editor');
  if (!editor.ok) return reset(`The saved editor files could not be read: ${editor.error.message}`);
  return {
    type: 'restored',
    saved: { session: decoded.session, editor: editor.files },
    notices: decoded.notices,
  };
}
