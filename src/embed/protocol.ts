/**
 * The embed's postMessage API: the messages a host page and the playground exchange, the check
 * that turns an untrusted `event.data` into one of them, and the origin rule that decides who
 * may drive an embed. Pure: no window, no DOM, so the rule is tested on its own. Documented for
 * host authors in docs/embedding.md; the custom element (element.ts) speaks the same messages.
 */

/** The marker every message carries, so a page with other postMessage traffic can tell ours. */
export const MESSAGE_SOURCE = 'daemonset-playground';

/** The protocol version; a message with another version is not ours to read. */
export const PROTOCOL_VERSION = 1;

/** The longest command a host may send (the console's own line limit). */
export const MAX_COMMAND_CHARS = 4096;

/** Longest string read from a host message otherwise (a scenario link, a lesson id). */
export const MAX_FIELD_CHARS = 100_000;

/** What every message carries besides its own fields. */
interface Envelope {
  source: typeof MESSAGE_SOURCE;
  version: typeof PROTOCOL_VERSION;
}

/** Host to playground. */
export type HostMessage = Envelope &
  (
    | { type: 'hello' }
    /** Opens a lesson (by id) or a scenario (a share link or its `#v1/...` hash). */
    | { type: 'load'; lesson?: string; scenario?: string }
    /** Runs a console line, visibly, as if typed. `requestId` comes back in its `applied`. */
    | { type: 'run'; command: string; requestId?: string }
    | { type: 'setTheme'; theme: 'light' | 'dark' | 'auto' }
  );

/** How far the embed is: showing its poster, starting, or running. */
export type EmbedPhase = 'poster' | 'loading' | 'running';

/** An object a command created, changed or deleted (as CommandResult.touched). */
export interface AppliedObject {
  kind: string;
  name: string;
  namespace?: string;
  action: string;
}

/** Playground to host. */
export type PlaygroundMessage = Envelope &
  /**
   * The embed is there (`poster`), or its playground is running (`running`). The first one,
   * sent before any handshake, carries nothing but the phase; see `readyMessage`.
   */
  (
    | { type: 'ready'; phase: EmbedPhase; id?: string; lesson?: string }
    /** A console line finished: its exit status and what it touched. */
    | {
        type: 'applied';
        command: string;
        exit: number;
        touched: AppliedObject[];
        /** Who ran it: the host (by `run`) or the reader (console, editor, lesson, clock). */
        by: 'host' | 'page';
        requestId?: string;
      }
    /** A lesson goal turned met; `allMet` when it was the last one. */
    | { type: 'goalMet'; lesson: string; goal: string; text: string; allMet: boolean }
    /** The height the embed's content wants, in CSS pixels. */
    | { type: 'resize'; height: number }
    /** A host message was understood but could not be done (a bad scenario, a refused line). */
    | { type: 'error'; message: string; requestId?: string }
  );

/** A message's `type` for each direction. */
export type HostMessageType = HostMessage['type'];
export type PlaygroundMessageType = PlaygroundMessage['type'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isShortString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/** Whether `data` carries our marker and version (the rest is checked by the reader). */
function isOurs(data: unknown): data is Record<string, unknown> {
  return (
    isRecord(data) &&
    data.source === MESSAGE_SOURCE &&
    data.version === PROTOCOL_VERSION &&
    typeof data.type === 'string'
  );
}

/**
 * From an untrusted `event.data`, the host message it is, or undefined for anything else
 * (another library's message, a malformed or oversized one). Never throws; the result is a
 * fresh object, so getters or prototypes of the input are not kept.
 */
export function readHostMessage(data: unknown): HostMessage | undefined {
  try {
    if (!isOurs(data)) return undefined;
    const base = { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION } as const;
    switch (data.type) {
      case 'hello':
        return { ...base, type: 'hello' };
      case 'load': {
        const { lesson, scenario } = data;
        const hasLesson = lesson !== undefined;
        const hasScenario = scenario !== undefined;
        if (hasLesson === hasScenario) return undefined;
        if (hasLesson)
          return isShortString(lesson, 128) ? { ...base, type: 'load', lesson } : undefined;
        return isShortString(scenario, MAX_FIELD_CHARS)
          ? { ...base, type: 'load', scenario }
          : undefined;
      }
      case 'run': {
        const { command, requestId } = data;
        if (!isShortString(command, MAX_COMMAND_CHARS) || command.trim() === '') return undefined;
        if (requestId !== undefined && !isShortString(requestId, 128)) return undefined;
        return requestId === undefined
          ? { ...base, type: 'run', command }
          : { ...base, type: 'run', command, requestId };
      }
      case 'setTheme': {
        const { theme } = data;
        return theme === 'light' || theme === 'dark' || theme === 'auto'
          ? { ...base, type: 'setTheme', theme }
          : undefined;
      }
      default:
        return undefined;
    }
  } catch {
    // A proxy or a getter that throws is not a message from a well-behaved host.
    return undefined;
  }
}

/**
 * From an untrusted `event.data`, whether it is a playground message (for hosts: the custom
 * element and the demo page). Checks the envelope and the `type`; fields are read as sent.
 */
export function isPlaygroundMessage(data: unknown): data is PlaygroundMessage {
  if (!isOurs(data)) return false;
  return ['ready', 'applied', 'goalMet', 'resize', 'error'].includes(data.type as string);
}

/** Builds a message with the envelope filled in. */
export function message<M extends HostMessage | PlaygroundMessage>(
  body: DistributiveOmit<M, 'source' | 'version'>,
): M {
  return { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION, ...body } as M;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The origin rule. With an allow-list (`origins=`), only those origins may drive the embed.
 * Without one, the first origin to send a valid `hello` is pinned, and from then on only that
 * origin is heard. Messages from anyone else are dropped without a reply, and nothing throws.
 */
export class OriginGate {
  readonly #allowed: readonly string[];
  #pinned: string | undefined;

  /** `allowed` is the checked `origins=` list (canonical origins), or empty. */
  constructor(allowed: readonly string[]) {
    this.#allowed = allowed;
  }

  /** The origin the handshake pinned, if any (never set when an allow-list is given). */
  get pinned(): string | undefined {
    return this.#pinned;
  }

  /**
   * Whether a message from `origin` may be acted on. A `hello` from the first origin to send
   * one pins it (when there is no allow-list). `origin` is `MessageEvent.origin`; the opaque
   * origin `"null"` (sandboxed frames, file: pages) is never allowed to pin.
   */
  accept(origin: string, message: HostMessage): boolean {
    if (this.#allowed.length > 0) return this.#allowed.includes(origin);
    if (this.#pinned !== undefined) return origin === this.#pinned;
    if (message.type !== 'hello' || origin === 'null' || origin === '') return false;
    this.#pinned = origin;
    return true;
  }

  /**
   * The target origins a message with state may be posted to: the pinned origin, or each
   * allowed origin (the browser delivers a message only when the parent's origin is the
   * target, so at most one of them arrives). Empty before a handshake: then nothing is sent.
   */
  targets(): string[] {
    if (this.#allowed.length > 0) return [...this.#allowed];
    return this.#pinned === undefined ? [] : [this.#pinned];
  }
}
