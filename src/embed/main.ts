/**
 * Entry of embed.html, the page a docs site puts in an iframe. It stays small: it reads the
 * parameters (showing what is wrong with them instead of a blank frame), shows a poster with a
 * "Load playground" button, and speaks the postMessage API. The playground itself (boot.ts,
 * the engine worker, the cluster view) is fetched only when the reader clicks, or at once with
 * `autoload=1` or when the host sends `load` or `run`. See docs/embedding.md.
 */
import { COURSE } from '../lessons/course.ts';
import {
  parseEmbedParams,
  readLesson,
  readScenario,
  withContent,
  type EmbedContent,
  type EmbedParams,
  type EmbedTheme,
} from './params.ts';
import {
  message,
  OriginGate,
  readHostMessage,
  type EmbedPhase,
  type HostMessage,
  type PlaygroundMessage,
} from './protocol.ts';
import type { EmbedHooks, RunningEmbed } from './boot.ts';
import '../ui/global.css';
import './poster.css';

type Body = Parameters<EmbedHooks['post']>[0];

const host = window.parent !== window ? window.parent : undefined;

/** One embed on its page: the poster, then the playground, and the host's messages. */
class Embed {
  #root: HTMLElement;
  #params: EmbedParams;
  #gate: OriginGate;
  #phase: EmbedPhase = 'poster';
  #running: Promise<RunningEmbed> | undefined;
  #panelsGiven = new URLSearchParams(location.search).has('panels');

  constructor(root: HTMLElement, params: EmbedParams) {
    this.#root = root;
    this.#params = params;
    this.#gate = new OriginGate(params.origins);
  }

  start(): void {
    applyTheme(this.#params.theme);
    addEventListener('message', (event) => this.#onMessage(event));
    // Before any handshake the host's origin is unknown, so this first `ready` goes to any
    // parent: it says only that an embed is here and how far it is, nothing about its session.
    if (this.#params.autoload) this.#phase = 'loading';
    host?.postMessage(message<PlaygroundMessage>({ type: 'ready', phase: this.#phase }), '*');
    this.#watchSize();
    if (this.#params.autoload) this.#load().catch(() => undefined);
    else this.#showPoster();
  }

  /** Posts a message with state to the allowed or pinned host origin only. */
  #post(body: Body): void {
    if (!host) return;
    const data = message<PlaygroundMessage>(body);
    for (const origin of this.#gate.targets()) host.postMessage(data, origin);
  }

  #onMessage(event: MessageEvent): void {
    // Only the page that frames the embed may drive it; another frame posting here is ignored.
    if (host === undefined || event.source !== host) return;
    const msg = readHostMessage(event.data);
    if (msg === undefined || !this.#gate.accept(event.origin, msg)) return;
    // A failed load has said so on the page and to the host already (see #boot).
    this.#handle(msg).catch(() => undefined);
  }

  async #handle(msg: HostMessage): Promise<void> {
    switch (msg.type) {
      case 'hello':
        this.#post(this.#readyBody());
        return;
      case 'setTheme':
        this.#params = { ...this.#params, theme: msg.theme };
        applyTheme(msg.theme);
        (await this.#running)?.setTheme(msg.theme);
        return;
      case 'load': {
        const read =
          msg.lesson !== undefined ? readLesson(msg.lesson) : readScenario(msg.scenario ?? '');
        if (!read.ok) {
          this.#post({ type: 'error', message: read.error });
          return;
        }
        await this.#reload(read.content);
        return;
      }
      case 'run': {
        // The `applied` message comes from the playground, as for any line it runs.
        await (await this.#load()).run(msg.command, msg.requestId);
        return;
      }
    }
  }

  #readyBody(): Body {
    const { content, id } = this.#params;
    return {
      type: 'ready',
      phase: this.#phase,
      ...(id !== undefined ? { id } : {}),
      ...(content.kind === 'lesson' ? { lesson: content.id } : {}),
    };
  }

  /** Loads the playground once; later calls get the same one. */
  #load(): Promise<RunningEmbed> {
    this.#running ??= this.#boot();
    return this.#running;
  }

  async #boot(): Promise<RunningEmbed> {
    this.#phase = 'loading';
    this.#root.replaceChildren(statusLine('Loading the playground…'));
    this.#watchSize();
    try {
      const { startEmbed } = await import('./boot.ts');
      this.#root.replaceChildren();
      const running = await startEmbed(this.#root, this.#params, {
        post: (body) => this.#post(body),
        reset: () => {
          this.#reload(this.#params.content).catch(() => undefined);
        },
      });
      this.#phase = 'running';
      this.#post(this.#readyBody());
      return running;
    } catch (error) {
      console.error('The playground could not load', error);
      this.#root.replaceChildren(
        statusLine('The playground could not load. Reload the page to try again.', true),
      );
      this.#post({ type: 'error', message: 'The playground could not load.' });
      throw error;
    }
  }

  /** Replaces the running playground with `content` (a host's `load`, or Reset). */
  async #reload(content: EmbedContent): Promise<void> {
    const previous = this.#running;
    this.#running = undefined;
    if (previous) (await previous.catch(() => undefined))?.dispose();
    this.#params = withContent(this.#params, content, this.#panelsGiven);
    await this.#load();
  }

  #showPoster(): void {
    const poster = document.createElement('div');
    poster.className = 'poster';
    const heading = document.createElement('h1');
    heading.innerHTML = '<span aria-hidden="true" class="logo">◈</span> ';
    heading.append(posterTitle(this.#params.content));
    const about = document.createElement('p');
    about.textContent = posterText(this.#params.content);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Load playground';
    button.addEventListener('click', () => {
      button.disabled = true;
      this.#load().catch(() => undefined);
    });
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent =
      'A simulated Kubernetes cluster that runs in your browser. Nothing is sent anywhere.';
    poster.append(heading, about, button, note);
    this.#root.replaceChildren(poster);
  }

  #sizeWatched = false;
  /** Tells the host the height the content wants, whenever it changes. */
  #watchSize(): void {
    if (this.#sizeWatched || !host) return;
    this.#sizeWatched = true;
    let last = 0;
    new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height === last) return;
      last = height;
      this.#post({ type: 'resize', height });
    }).observe(document.body);
  }
}

/** Sets the colour scheme on the root element (`auto` follows the system). */
function applyTheme(theme: EmbedTheme): void {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

function posterTitle(content: EmbedContent): string {
  if (content.kind === 'lesson') {
    for (const chapter of COURSE.chapters)
      for (const lesson of chapter.lessons) if (lesson.id === content.id) return lesson.title;
    return 'DaemonSet Playground lesson';
  }
  return content.kind === 'scenario' ? 'A DaemonSet scenario' : 'DaemonSet Playground';
}

function posterText(content: EmbedContent): string {
  if (content.kind === 'lesson') {
    for (const chapter of COURSE.chapters)
      for (const lesson of chapter.lessons)
        if (lesson.id === content.id) return `${lesson.summary} (${lesson.minutes} min)`;
    return `Lesson ${content.id}.`;
  }
  if (content.kind === 'scenario') {
    const count = content.session.log.entries.length;
    return `A cluster built by ${count} command${count === 1 ? '' : 's'}: watch it, then try your own.`;
  }
  return 'Try DaemonSets on a small simulated cluster: apply manifests, add nodes, watch the pods.';
}

function statusLine(text: string, alert = false): HTMLElement {
  const p = document.createElement('p');
  p.className = 'status';
  p.textContent = text;
  if (alert) p.setAttribute('role', 'alert');
  return p;
}

/** The page for parameters that cannot be used: each problem, and where they are explained. */
function showErrors(target: HTMLElement, errors: string[]): void {
  const box = document.createElement('div');
  box.className = 'poster errors';
  box.setAttribute('role', 'alert');
  const heading = document.createElement('h1');
  heading.textContent = 'This embed cannot start';
  const list = document.createElement('ul');
  for (const e of errors) {
    const item = document.createElement('li');
    item.textContent = e;
    list.append(item);
  }
  const help = document.createElement('p');
  help.className = 'note';
  help.textContent =
    'The page embedding the playground has a mistake in its embed parameters; docs/embedding.md in the playground lists them.';
  box.append(heading, list, help);
  target.replaceChildren(box);
}

const root = document.getElementById('app');
if (!root) throw new Error('embed.html has no #app element');
const parsed = parseEmbedParams(location.search);
if (!parsed.ok) showErrors(root, parsed.errors);
else new Embed(root, parsed.params).start();
