/**
 * The embed page's URL parameters (`embed.html?lesson=...&panels=...`), read and checked in one
 * place. Everything here is pure: the page passes `location.search` and shows the errors this
 * returns as they are, so a docs author who mistypes a parameter sees why, never a blank frame.
 * See docs/embedding.md for what each parameter means.
 */
import { decodeShareLink } from '../share/link.ts';
import { LESSON_ID, LIMITS, type SharedSession } from '../share/session.ts';

/** A region the embed can show. `why` is the explanation pane under the cluster picture. */
export type PanelName = 'lesson' | 'editor' | 'cluster' | 'console' | 'why';

/** Every panel name, in the order the embed lays them out (the cluster comes first). */
export const PANELS: readonly PanelName[] = ['cluster', 'lesson', 'editor', 'console', 'why'];

/** The colour scheme: `auto` follows the reader's system setting. */
export type EmbedTheme = 'light' | 'dark' | 'auto';

/** What the embed opens: a lesson, a shared scenario, or the default sandbox. */
export type EmbedContent =
  | { kind: 'sandbox' }
  | { kind: 'lesson'; id: string }
  | { kind: 'scenario'; session: SharedSession; notices: string[] };

/** The parameters once checked. */
export interface EmbedParams {
  content: EmbedContent;
  /** The panels to show, in layout order (see PANELS); always holds `cluster`. */
  panels: PanelName[];
  readonly: boolean;
  theme: EmbedTheme;
  /** The simulated clock plays in real time once the playground is loaded. */
  autoplay: boolean;
  /** Load at once instead of showing the "Load playground" poster. */
  autoload: boolean;
  /** The frame height the custom element asked for, as given (`480`, `480px`, `30rem`, `auto`). */
  height: string | undefined;
  /** Origins allowed to drive the embed by postMessage; empty: pinned by the first handshake. */
  origins: string[];
  /** The author's name for this embed (`id=`), if given. */
  id: string | undefined;
  /** The storage key prefix of this embed's session (one per id and content). */
  storagePrefix: string;
}

/** The parameters, or every reason they cannot be used, each a sentence for the page. */
export type ParamsResult = { ok: true; params: EmbedParams } | { ok: false; errors: string[] };

/** Parameters the page knows; any other is reported, since it is most likely a typo. */
const KNOWN = new Set([
  'lesson',
  'scenario',
  'panels',
  'readonly',
  'theme',
  'autoplay',
  'autoload',
  'height',
  'origins',
  'id',
]);

/** At most this many allowed origins; a docs site needs a handful. */
export const MAX_ORIGINS = 20;

const EMBED_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HEIGHT = /^(auto|\d{2,4}(px)?|\d{1,3}(\.\d+)?(rem|em|vh))$/;

/** Where a storage key of the embed starts; the main site uses `daemonset-playground:main:`. */
export const EMBED_PREFIX = 'daemonset-playground:embed:';

/**
 * From a URL's query string (`?lesson=...`, with or without the `?`), the embed's parameters
 * or the list of problems with them. A scenario is decoded here with the share links' own
 * decoder and limits, so a hostile one costs a bounded amount of work.
 */
export function parseEmbedParams(search: string): ParamsResult {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!KNOWN.has(name)) errors.push(`Unknown parameter "${clip(name)}".`);
    else if (seen.has(name)) errors.push(`The parameter "${name}" is given more than once.`);
    seen.add(name);
  }

  const content = readContent(query, errors);
  const readonly = readFlag(query, 'readonly', errors);
  const autoplay = readFlag(query, 'autoplay', errors);
  const autoload = readFlag(query, 'autoload', errors);

  const themeText = query.get('theme') ?? 'auto';
  const theme: EmbedTheme =
    themeText === 'light' || themeText === 'dark' || themeText === 'auto' ? themeText : 'auto';
  if (theme !== themeText)
    errors.push(`theme must be light, dark or auto, not "${clip(themeText)}".`);

  const height = query.get('height') ?? undefined;
  if (height !== undefined && !HEIGHT.test(height))
    errors.push(
      `height must be a number of pixels (480 or 480px), a length in rem, em or vh, or auto, not "${clip(height)}".`,
    );

  const id = query.get('id') ?? undefined;
  if (id !== undefined && !EMBED_ID.test(id))
    errors.push('id must be 1 to 64 letters, digits, "-" or "_".');

  const origins = readOrigins(query.get('origins'), errors);
  const panels = readPanels(query.get('panels'), content, errors);

  if (errors.length > 0 || content === undefined) return { ok: false, errors };
  return {
    ok: true,
    params: {
      content,
      panels,
      readonly,
      theme,
      autoplay,
      autoload,
      height,
      origins,
      id,
      storagePrefix: `${EMBED_PREFIX}${id ?? 'default'}:${contentKey(content)}:`,
    },
  };
}

function readContent(query: URLSearchParams, errors: string[]): EmbedContent | undefined {
  const lesson = query.get('lesson');
  const scenario = query.get('scenario');
  if (lesson !== null && scenario !== null) {
    errors.push('Give either lesson or scenario, not both.');
    return undefined;
  }
  if (lesson !== null) {
    const read = readLesson(lesson);
    if (!read.ok) errors.push(read.error);
    return read.ok ? read.content : undefined;
  }
  if (scenario !== null) {
    const read = readScenario(scenario);
    if (!read.ok) errors.push(read.error);
    return read.ok ? read.content : undefined;
  }
  return { kind: 'sandbox' };
}

/**
 * From a scenario as a host gives it (a share link, its hash `#v1/...`, or the part after the
 * `#`), the content it opens, or a sentence saying why it cannot be opened.
 */
export function readScenario(
  text: string,
): { ok: true; content: EmbedContent } | { ok: false; error: string } {
  const hashAt = text.indexOf('#');
  const result = decodeShareLink(hashAt >= 0 ? text.slice(hashAt + 1) : text);
  if (!result.ok)
    return { ok: false, error: `The scenario cannot be opened: ${result.error.message}` };
  return {
    ok: true,
    content: { kind: 'scenario', session: result.session, notices: result.notices },
  };
}

/**
 * From a lesson id as a host gives it, the content it opens, or why it cannot be opened.
 * Whether the lesson exists is the course's to say; this checks only its spelling.
 */
export function readLesson(
  id: string,
): { ok: true; content: EmbedContent } | { ok: false; error: string } {
  if (id.length > LIMITS.lessonIdChars || !LESSON_ID.test(id))
    return {
      ok: false,
      error: `"${clip(id)}" is not a lesson id (for example 01-one-pod-per-node).`,
    };
  return { ok: true, content: { kind: 'lesson', id } };
}

/**
 * The parameters with other content (the host sent `load`): its own storage key, and the lesson
 * panel added for a lesson when the author left the panels to their defaults.
 */
export function withContent(
  params: EmbedParams,
  content: EmbedContent,
  panelsGiven: boolean,
): EmbedParams {
  const panels =
    !panelsGiven && content.kind === 'lesson' && !params.panels.includes('lesson')
      ? PANELS.filter((p) => p === 'lesson' || params.panels.includes(p))
      : params.panels.filter((p) => p !== 'lesson' || content.kind === 'lesson');
  return {
    ...params,
    content,
    panels,
    storagePrefix: `${EMBED_PREFIX}${params.id ?? 'default'}:${contentKey(content)}:`,
  };
}

function readFlag(query: URLSearchParams, name: string, errors: string[]): boolean {
  const value = query.get(name);
  if (value === null || value === '0' || value === 'false') return false;
  if (value === '' || value === '1' || value === 'true') return true;
  errors.push(`${name} must be 1 or 0, not "${clip(value)}".`);
  return false;
}

/** From the `origins` value, each origin in its canonical form (`https://docs.example.com`). */
function readOrigins(value: string | null, errors: string[]): string[] {
  if (value === null) return [];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) {
    errors.push('origins is empty: list the host pages allowed to drive the embed.');
    return [];
  }
  if (items.length > MAX_ORIGINS) {
    errors.push(`origins lists ${items.length} origins; the embed takes at most ${MAX_ORIGINS}.`);
    return [];
  }
  const origins: string[] = [];
  for (const item of items) {
    const origin = canonicalOrigin(item);
    if (origin === undefined)
      errors.push(
        `"${clip(item)}" is not an origin: write the scheme, host and port only (https://docs.example.com).`,
      );
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

/**
 * An http(s) origin in the form `MessageEvent.origin` reports it, or undefined when the text
 * is anything more (a path, a query) or less (no scheme).
 */
export function canonicalOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    return undefined;
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]+\/./i.test(text)) return undefined;
  return url.origin;
}

/**
 * The panels to show, in layout order. Without `panels=` a lesson shows everything and a
 * scenario or the sandbox everything but the lesson column. The cluster is always shown: the
 * other panels act on it, and an embed without it would have nothing to watch.
 */
function readPanels(
  value: string | null,
  content: EmbedContent | undefined,
  errors: string[],
): PanelName[] {
  const wanted = new Set<string>();
  if (value === null) {
    for (const p of PANELS) if (p !== 'lesson' || content?.kind === 'lesson') wanted.add(p);
  } else {
    for (const raw of value.split(',')) {
      const name = raw.trim();
      if (name === '') continue;
      if ((PANELS as readonly string[]).includes(name)) wanted.add(name);
      else
        errors.push(
          `Unknown panel "${clip(name)}": panels are lesson, editor, cluster, console and why.`,
        );
    }
    if (wanted.has('lesson') && content !== undefined && content.kind !== 'lesson')
      errors.push('The lesson panel needs a lesson: add lesson=<id>, or leave the panel out.');
  }
  wanted.add('cluster');
  return PANELS.filter((p) => wanted.has(p));
}

/** A short, stable name for what the embed opens, so a changed scenario starts afresh. */
function contentKey(content: EmbedContent): string {
  if (content.kind === 'sandbox') return 'sandbox';
  if (content.kind === 'lesson') return `lesson:${content.id}`;
  return `scenario:${fnv1a(JSON.stringify(content.session.log))}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a fingerprint for a storage key, not a security measure. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Untrusted text quoted in a message, cut short so a huge value cannot flood the page. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
