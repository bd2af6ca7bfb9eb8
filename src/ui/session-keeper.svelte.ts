/**
 * Keeps the sandbox session across reloads: the command log and the editor's texts (applied or
 * not) are written to storage a moment after they change, and read back when the page loads.
 * Lessons are not saved here: a lesson keeps its own progress (ProgressStore) and reopens at its
 * start, so only the free sandbox, where the learner's work is the whole point, is kept.
 */
import type { CommandLog, FileMap } from '../protocol/messages.ts';
import { ENGINE_VERSION } from '../share/engine-version.ts';
import type { HashResult } from '../share/link.ts';
import {
  clearSession,
  saveSession,
  type LoadResult,
  type SavedSession,
  type StorageLike,
} from '../share/persist.ts';
import type { OpenFile } from './editor/files.svelte.ts';
import type { Playground } from './playground.svelte.ts';
import { toHash } from './lessons/route.ts';

/** The storage key prefix of the main site; embeds pass their own. */
export const MAIN_PREFIX = 'daemonset-playground:main:';

/** How long after a change the session is written (changes meanwhile join that write). */
export const SAVE_DELAY_MS = 400;

/** How the page starts: from a saved session or afresh, and what to tell the learner. */
export interface StartPlan {
  saved?: SavedSession;
  /** A message or notice to show above the page, if any. */
  message?: string;
}

/**
 * From what storage held and whether the page opens the sandbox, how to start: a saved sandbox
 * session is restored (with its version notice); a damaged one starts afresh with its message.
 * A lesson route ignores the saved sandbox session, which stays for the next visit.
 */
export function planStart(loaded: LoadResult, sandboxRoute: boolean): StartPlan {
  if (loaded.type === 'reset') return { message: loaded.message };
  if (loaded.type === 'empty' || !sandboxRoute || loaded.saved.session.lessonId !== undefined)
    return {};
  const message = loaded.notices.length > 0 ? loaded.notices.join(' ') : undefined;
  return { saved: loaded.saved, message };
}

/** What the page opens with: a plan, and the hash to put in the address bar instead, if any. */
export interface OpenPlan extends StartPlan {
  /** A share link or a bad hash is replaced by the route it opens once read. */
  replaceHash?: string;
  /**
   * A link made in a lesson reopens that lesson: `saved` holds its replayed log, and the
   * lesson's text, tabs and goals are put over it instead of building the lesson's start.
   */
  lessonId?: string;
}

/** From a command log, the files open after its last command (what the editor shows). */
export function lastFiles(log: CommandLog): FileMap {
  let files = log.files;
  for (const entry of log.entries) if (entry.files) files = entry.files;
  return files;
}

/**
 * From the URL hash read by `parseHash` and the saved session (read only when needed), how the
 * page opens: a share link replays its session (with its notices), in the lesson it was made in
 * or else in the sandbox; a bad link says why and opens the default sandbox; a route restores
 * the saved sandbox session as `planStart` says. A lesson's log begins with the lines that
 * built the lesson's start, so replaying it rebuilds the start and the learner's work on top.
 */
export function planOpen(hash: HashResult, loaded: () => LoadResult): OpenPlan {
  if (hash.type === 'route') return planStart(loaded(), hash.route.name === 'sandbox');
  if (hash.type === 'error')
    return {
      message: `${hash.error.message} The playground opened the default sandbox.`,
      replaceHash: '#/sandbox',
    };
  const { session } = hash;
  const lessonId = session.lessonId;
  return {
    saved: {
      session: { log: session.log, engineVersion: session.engineVersion },
      editor: lastFiles(session.log),
    },
    message: hash.notices.length > 0 ? hash.notices.join(' ') : undefined,
    ...(lessonId === undefined
      ? { replaceHash: '#/sandbox' }
      : { lessonId, replaceHash: toHash({ kind: 'lesson', id: lessonId }) }),
  };
}

/** From a file map, the editor's open files in the map's order. */
export function openFiles(files: FileMap): OpenFile[] {
  return Object.keys(files).map((name) => ({ name, text: files[name] }));
}

/** From the client's log and the editor's texts, the sandbox session to keep. */
export function sandboxSession(log: CommandLog, editor: FileMap): SavedSession {
  return { session: { log, engineVersion: ENGINE_VERSION }, editor };
}

/** Writes the sandbox session when it changes, and forgets it for "New sandbox". */
export class SessionKeeper {
  /** The last message for the learner (a refused storage, a reset session), if any. */
  message: string | undefined = $state();
  #storage: StorageLike | undefined;
  #prefix: string;
  #playground: Playground;
  #inSandbox: () => boolean;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Keeps `playground`'s session in `storage` under `prefix` while `inSandbox()` holds. */
  constructor(
    storage: StorageLike | undefined,
    prefix: string,
    playground: Playground,
    inSandbox: () => boolean,
  ) {
    this.#storage = storage;
    this.#prefix = prefix;
    this.#playground = playground;
    this.#inSandbox = inSandbox;
  }

  /**
   * Starts watching: each edit, each finished command and each cluster change schedules a
   * write; leaving the page writes at once. Returns the function that stops it.
   */
  watch(): () => void {
    const stop = $effect.root(() => {
      $effect(() => {
        const p = this.#playground;
        // Read what changes with the session, so the effect runs again when it does.
        for (const f of p.files.files) void f.text;
        const last = p.console.entries.at(-1);
        void [p.console.entries.length, last?.result, p.client.version, this.#inSandbox()];
        this.#schedule();
      });
    });
    const flush = () => this.save();
    addEventListener('pagehide', flush);
    return () => {
      stop();
      removeEventListener('pagehide', flush);
      clearTimeout(this.#timer);
    };
  }

  /** Writes the session now, if the page is in the sandbox. */
  save(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#storage || !this.#inSandbox()) return;
    const p = this.#playground;
    const result = saveSession(
      this.#storage,
      this.#prefix,
      sandboxSession(p.client.log, p.files.toMap()),
    );
    if (!result.ok) this.message = result.message;
  }

  /** Forgets the saved session (the page then starts the sandbox afresh). */
  forget(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#storage) clearSession(this.#storage, this.#prefix);
  }

  // A pending write is not pushed back: while the clock plays the cluster changes every tick,
  // and a write that waited for quiet would never come.
  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }
}
