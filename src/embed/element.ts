/**
 * `<daemonset-playground>`: the custom element a docs page uses instead of writing the iframe
 * itself. Built on its own into `dist/embed.js` (scripts/embed-element-plugin.ts), a classic
 * script with a stable name, so a page can load it from any playground deploy. It turns its
 * attributes into embed.html's parameters, makes the handshake, and exposes the postMessage
 * API as methods (`run`, `load`, `setTheme`) and DOM events (`ready`, `applied`, `goalMet`,
 * `resize`, `error`, each with the message as `detail`). See docs/embedding.md.
 */
import {
  isPlaygroundMessage,
  message,
  type HostMessage,
  type PlaygroundMessage,
} from './protocol.ts';

/** Attributes passed on to embed.html as they are. */
const FORWARDED = ['lesson', 'scenario', 'panels', 'theme', 'origins'] as const;
/** Boolean attributes: present means `=1`. */
const FLAGS = ['readonly', 'autoplay', 'autoload'] as const;
/** The frame's height when the page gives none. */
const DEFAULT_HEIGHT = '480px';

// Read while this script runs: a classic script knows its own address, so embed.html is found
// next to it wherever the playground is deployed.
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src;

type WithoutEnvelope<M> = M extends unknown ? Omit<M, 'source' | 'version'> : never;
type Body = WithoutEnvelope<HostMessage>;

/** The element: one iframe in a shadow root. */
class DaemonSetPlaygroundElement extends HTMLElement {
  static observedAttributes = [...FORWARDED, ...FLAGS, 'height', 'embed-id', 'src', 'title'];

  #frame: HTMLIFrameElement | undefined;
  #origin = '';
  #handshaken = false;
  #queue: Body[] = [];
  #requests = 0;
  #onMessage = (event: MessageEvent): void => this.#receive(event);

  connectedCallback(): void {
    if (!this.#frame) {
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent =
        ':host{display:block}iframe{display:block;width:100%;height:100%;border:0;border-radius:inherit;background:transparent}';
      const frame = document.createElement('iframe');
      frame.setAttribute('allow', 'clipboard-write');
      frame.setAttribute('loading', 'lazy');
      root.append(style, frame);
      this.#frame = frame;
    }
    addEventListener('message', this.#onMessage);
    this.#navigate();
  }

  disconnectedCallback(): void {
    removeEventListener('message', this.#onMessage);
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.#frame || old === value) return;
    if (name === 'height') this.#applyHeight();
    else if (
      name === 'theme' &&
      this.#handshaken &&
      (value === 'light' || value === 'dark' || value === 'auto')
    )
      // A theme change needs no reload: the running embed switches.
      this.setTheme(value);
    else if (name === 'title') this.#frame.title = this.#title();
    else this.#navigate();
  }

  /** The embed.html URL these attributes ask for. */
  get embedUrl(): string {
    const base = this.getAttribute('src') ?? new URL('embed.html', scriptSrc ?? location.href).href;
    const url = new URL(base, location.href);
    for (const name of FORWARDED) {
      const value = this.getAttribute(name);
      if (value !== null) url.searchParams.set(name, value);
    }
    for (const name of FLAGS) if (this.hasAttribute(name)) url.searchParams.set(name, '1');
    const height = this.getAttribute('height');
    if (height !== null) url.searchParams.set('height', height);
    const id = this.getAttribute('embed-id') ?? (/^[\w-]{1,64}$/.test(this.id) ? this.id : '');
    if (id !== '') url.searchParams.set('id', id);
    return url.href;
  }

  /**
   * Runs a console line in the embed, visibly, loading it first if needed. Returns the request
   * id its `applied` event carries.
   */
  run(command: string): string {
    const requestId = `r${++this.#requests}`;
    this.#send({ type: 'run', command, requestId });
    return requestId;
  }

  /** Opens a lesson (`{ lesson: id }`) or a scenario (`{ scenario: shareLink }`). */
  load(what: { lesson: string } | { scenario: string }): void {
    this.#send({ type: 'load', ...what });
  }

  /** Switches the embed's theme without reloading it. */
  setTheme(theme: 'light' | 'dark' | 'auto'): void {
    this.#send({ type: 'setTheme', theme });
  }

  #title(): string {
    const lesson = this.getAttribute('lesson');
    return (
      this.getAttribute('title') ??
      (lesson ? `DaemonSet Playground: lesson ${lesson}` : 'DaemonSet Playground')
    );
  }

  #navigate(): void {
    const frame = this.#frame;
    if (!frame) return;
    const src = this.embedUrl;
    this.#origin = new URL(src).origin;
    this.#handshaken = false;
    frame.title = this.#title();
    this.#applyHeight();
    if (frame.src !== src) frame.src = src;
  }

  #applyHeight(): void {
    const height = this.getAttribute('height');
    const css =
      height === null || height === 'auto'
        ? DEFAULT_HEIGHT
        : /^\d+$/.test(height)
          ? `${height}px`
          : height;
    this.style.height = css;
  }

  /** Sends now if the handshake is done, else once the embed says it is there. */
  #send(body: Body): void {
    if (this.#handshaken) this.#post(body);
    else this.#queue.push(body);
  }

  #post(body: Body): void {
    this.#frame?.contentWindow?.postMessage(message<HostMessage>(body), this.#origin);
  }

  #receive(event: MessageEvent): void {
    // Only this element's own frame, from the playground's origin, is listened to.
    if (!this.#frame || event.source !== this.#frame.contentWindow) return;
    if (event.origin !== this.#origin || !isPlaygroundMessage(event.data)) return;
    const data: PlaygroundMessage = event.data;
    if (data.type === 'ready' && !this.#handshaken) {
      // The first `ready` of a page load, sent to any parent: pin this page's origin, then send
      // what waited. It is not an event of the element: the embed's answer to `hello` is.
      this.#handshaken = true;
      this.#post({ type: 'hello' });
      for (const body of this.#queue.splice(0)) this.#post(body);
      return;
    }
    if (data.type === 'resize' && this.getAttribute('height') === 'auto')
      this.style.height = `${Math.max(240, data.height)}px`;
    this.dispatchEvent(new CustomEvent(data.type, { detail: data }));
  }
}

if (!customElements.get('daemonset-playground'))
  customElements.define('daemonset-playground', DaemonSetPlaygroundElement);
