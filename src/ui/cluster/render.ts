/**
 * The only code that writes the cluster view's DOM. It draws what layout.ts computed, with d3's
 * keyed joins (`data(items, d => d.key)`), so a pod that stays keeps its element and a
 * replaced pod visibly leaves while its successor arrives.
 *
 * Test hooks (relied on by other tests and the docs): each card has `data-node="NAME"`; each
 * pod chip, inside its node's card, has `data-pod`, `data-phase` (kubectl's STATUS),
 * `data-ready` and `data-revision` (its controller-revision-hash). Elements on their way out
 * lose these attributes at once (they become `data-leaving`), so the hooks always match the
 * latest snapshot even while an exit animation plays.
 */
import { select, type BaseType, type Selection } from 'd3';
import {
  VIRTUALISE_FROM,
  type CardLayout,
  type CardRow,
  type ChipLayout,
  type ClusterLayout,
} from './layout.ts';
import type { NodeModel, PodModel } from './cluster-model.ts';
import type { ClusterSelection } from './selection.ts';
import { ENTER_CLASS, fadeOutAndRemove } from './motion.ts';

/** What the renderer needs besides the layout. */
export interface RenderOptions {
  selection: ClusterSelection;
  /** Name of the selected DaemonSet for sentences on cards, or undefined. */
  daemonSetName: string | undefined;
  /** No movement at all when the learner asked for reduced motion. */
  reducedMotion: boolean;
  onselect: (selection: ClusterSelection) => void;
}

/** RenderOptions plus what applyClusterView works out once per draw. */
interface DrawOptions extends RenderOptions {
  /** Whether newly refusing nodes flash: not on the first draw, where every banner is new. */
  flash: boolean;
}

/**
 * Per card element, the layout card it was last drawn from and what else that drawing read
 * (see drawnContext). layout.ts keeps a card object only while its node, pods, verdict and
 * position are unchanged, so a card drawn from the same object in the same context is
 * already right and is left alone: a snapshot that changes a few pods redraws a few cards.
 */
const drawnFrom = new WeakMap<Element, { card: CardLayout; context: string }>();

/** Per canvas, the latest click handler, so cards left alone still call the current one. */
const latestSelect = new WeakMap<Element, RenderOptions['onselect']>();

/** Per chip element, the pod model and drawing state it was last drawn from (see applyChips). */
const chipDrawnFrom = new WeakMap<Element, { pod: PodModel; state: string }>();

/**
 * From the canvas element, the layout and the cards in view, draws (or updates) every card,
 * row and chip; `cards` is a subset of `layout.cards` when the view is virtualised.
 */
export function applyClusterView(
  canvas: HTMLElement,
  layout: ClusterLayout,
  cards: CardLayout[],
  options: RenderOptions,
): void {
  const root = select(canvas);
  root.style('height', `${layout.height}px`);
  // Big clusters move without animation: thousands of animated layers cost more than they
  // teach. `data-motion` switches on ClusterView.svelte's transitions of `translate`.
  const animate = !options.reducedMotion && layout.cards.length < VIRTUALISE_FROM;
  const firstDraw = !canvas.hasAttribute('data-drawn');
  canvas.setAttribute('data-drawn', '');
  if (animate !== canvas.hasAttribute('data-motion'))
    canvas.toggleAttribute('data-motion', animate);
  latestSelect.set(canvas, options.onselect);
  const draw: DrawOptions = {
    ...options,
    onselect: (selection) => latestSelect.get(canvas)?.(selection),
    reducedMotion: !animate,
    flash: animate && !firstDraw,
  };

  const joined = root
    // Cards on their way out keep their class until removed; they are no longer in the join.
    .selectAll<HTMLDivElement, CardLayout>(':scope > .cv-card:not(.is-leaving)')
    .data(cards, (d) => d.key)
    .join(
      (enter) => enter.append('div').attr('class', animate ? `cv-card ${ENTER_CLASS}` : 'cv-card'),
      (update) => update,
      (exit) => applyLeaving(exit, draw.reducedMotion),
    );
  const context = `${layout.density}|${layout.model.rolling}|${options.daemonSetName ?? ''}`;
  const changed = joined.filter(function (d) {
    const last = drawnFrom.get(this);
    return !(
      last &&
      last.card === d &&
      last.context === `${context}|${selectedIn(d, options.selection)}`
    );
  });
  applyCards(changed, layout, draw);
  changed.each(function (d) {
    drawnFrom.set(this, { card: d, context: `${context}|${selectedIn(d, options.selection)}` });
  });
}

/** From a card and the selection, what of the card is selected ('' for nothing). */
function selectedIn(card: CardLayout, selection: ClusterSelection): string {
  if (isNodeSelected(card, selection)) return 'node';
  const chip = card.chips.find((c) => isPodSelected(c.pod, selection));
  return chip ? `pod:${chip.key}` : '';
}

/** From the canvas element, removes every card (no snapshot to draw). */
export function applyEmptyView(canvas: HTMLElement): void {
  select(canvas)
    .style('height', null)
    .attr('data-drawn', null)
    .selectAll(':scope > .cv-card')
    .remove();
}

function applyLeaving<E extends HTMLElement, D, P extends BaseType, PD>(
  exit: Selection<E, D, P, PD>,
  instant: boolean,
) {
  // Strip the hooks first, so tests and screen readers see the new state immediately.
  exit
    .attr('data-leaving', function () {
      return this.getAttribute('data-node') ?? this.getAttribute('data-pod') ?? '';
    })
    .attr('data-node', null)
    .attr('data-pod', null)
    .attr('aria-hidden', 'true')
    .classed('is-leaving', true)
    .selectAll('[data-pod]')
    .attr('data-pod', null);
  exit.selectAll('button,[tabindex]').attr('tabindex', '-1');
  if (instant) {
    exit.remove();
  } else {
    exit.each(function () {
      fadeOutAndRemove(this);
    });
  }
}

function applyCards<P extends BaseType, PD>(
  cards: Selection<HTMLDivElement, CardLayout, P, PD>,
  layout: ClusterLayout,
  options: DrawOptions,
): void {
  const tiny = layout.density === 'tiny';
  cards
    .each(function (d) {
      const selected = isNodeSelected(d, options.selection);
      const label = cardLabel(d, options.daemonSetName);
      setAttr(this, 'data-node', d.node?.name ?? null);
      setAttr(this, 'data-unplaced', d.kind === 'unplaced' ? '' : null);
      setAttr(this, 'data-state', d.node?.state ?? null);
      setAttr(this, 'data-status', d.node?.statusText ?? null);
      setClass(this, 'is-selected', selected);
      setClass(this, 'is-not-ready', d.node !== undefined && !d.node.ready);
      setClass(this, 'is-cordoned', d.node?.cordoned === true);
      setStyle(this, 'width', `${d.w}px`);
      setStyle(this, 'height', `${d.h}px`);
      // A card that moved slides there: the canvas's CSS transition of `translate` (a new card
      // has no earlier place, so it just appears there).
      setStyle(this, 'translate', `${d.x}px ${d.y}px`);
      setAttr(this, 'role', tiny ? 'button' : 'group');
      setAttr(this, 'tabindex', tiny ? '0' : null);
      setAttr(this, 'aria-pressed', tiny ? String(selected) : null);
      setAttr(this, 'aria-label', label);
      setAttr(this, 'title', tiny ? label : null);
    })
    .on('click', (event: MouseEvent, d) => {
      if (d.node) options.onselect({ kind: 'node', name: d.node.name });
    })
    .on('keydown', (event: KeyboardEvent, d) => {
      if (!tiny || !d.node) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        options.onselect({ kind: 'node', name: d.node.name });
      }
    });
  cards.each(function (card) {
    const el = select<HTMLDivElement, CardLayout>(this);
    applyRows(el, card, layout, options);
    applyChips(el, card, layout, options);
  });
}

function rowKey(row: CardRow): string {
  switch (row.type) {
    case 'label':
      return `label:${row.key}`;
    case 'taint':
      return `taint:${row.text}`;
    case 'resource':
      return `resource:${row.name}`;
    case 'more':
      return `more:${row.text}`;
    default:
      return row.type;
  }
}

function applyRows<P extends BaseType, PD>(
  cardEl: Selection<HTMLDivElement, CardLayout, P, PD>,
  card: CardLayout,
  layout: ClusterLayout,
  options: DrawOptions,
): void {
  const rows = cardEl
    .selectAll<HTMLDivElement, CardRow>(':scope > .cv-row')
    .data(card.rows, rowKey)
    .join(
      (enter) =>
        enter
          .append('div')
          .attr('class', (d) => `cv-row cv-row-${d.type}`)
          .each(function (row) {
            // A verdict that appears (a node starts refusing) flashes once to draw the eye.
            if (row.type === 'verdict' && options.flash) this.classList.add('cv-flash');
          }),
      (update) => update,
      (exit) => exit.remove(),
    );
  rows.each(function (row) {
    setStyle(this, 'top', `${row.y}px`);
    setStyle(this, 'height', `${row.h}px`);
    applyRowContent(this, row, card, layout, options);
  });
}

function applyRowContent(
  el: HTMLDivElement,
  row: CardRow,
  card: CardLayout,
  layout: ClusterLayout,
  options: DrawOptions,
): void {
  const node = card.node;
  switch (row.type) {
    case 'header': {
      if (!node) {
        applyText(el, 'cv-title', 'Pods with no node');
        return;
      }
      const button = childOf(el, 'button', 'cv-node-button');
      setAttr(button, 'type', 'button');
      setAttr(button, 'aria-pressed', String(isNodeSelected(card, options.selection)));
      setAttr(button, 'aria-label', cardLabel(card, options.daemonSetName));
      applyText(button, 'cv-node-name', node.name);
      const marks: string[] = [];
      if (layout.density === 'compact') {
        if (!node.ready) marks.push('⚠');
        if (node.cordoned) marks.push('⊘');
        if (node.taints.length > 0) marks.push(`⚑${node.taints.length}`);
      }
      setAttr(applyText(el, 'cv-marks', marks.join(' ')), 'aria-hidden', 'true');
      applyText(el, 'cv-roles', row.roles ? node.roles.join(',') : '');
      return;
    }
    case 'status': {
      if (!node) return;
      const badges = node.statusText.split(',').map((text) => ({ text }));
      select(el)
        .selectAll<HTMLSpanElement, { text: string }>('span.cv-badge')
        .data(badges, (d) => d.text)
        .join('span')
        .attr('class', (d) => `cv-badge cv-badge-${d.text}`)
        .each(
          textOf((d) =>
            d.text === 'Ready'
              ? '✓ Ready'
              : d.text === 'SchedulingDisabled'
                ? 'SchedulingDisabled'
                : `⚠ ${d.text}`,
          ),
        );
      return;
    }
    case 'label': {
      setClass(el, 'is-selected-key', row.selected);
      const full = `${row.key}=${row.value}`;
      setAttr(
        el,
        'title',
        row.short !== full
          ? full
          : row.selected
            ? 'The selected DaemonSet selects on this label'
            : null,
      );
      applyText(el, 'cv-label', row.short);
      return;
    }
    case 'taint': {
      // The effect gets its own badge so truncating a long key never hides it.
      setAttr(el, 'data-effect', row.effect);
      setAttr(el, 'data-wrap', row.wrap ? '' : null);
      setAttr(el, 'title', `taint ${row.text}`);
      applyText(el, 'cv-taint', row.short);
      applyText(el, 'cv-taint-effect', row.effect);
      return;
    }
    case 'more':
      applyText(el, 'cv-more', row.text);
      return;
    case 'resource': {
      setClass(el, 'is-over', row.over);
      applyText(el, 'cv-resource-name', row.name);
      const bar = childOf(el, 'span', 'cv-bar');
      setAttr(bar, 'role', 'meter');
      setAttr(bar, 'aria-label', `${row.name} requested`);
      setAttr(bar, 'aria-valuemin', '0');
      setAttr(bar, 'aria-valuemax', '100');
      setAttr(bar, 'aria-valuenow', String(Math.round(row.fraction * 100)));
      setAttr(bar, 'aria-valuetext', row.text);
      setStyle(childOf(bar, 'span', 'cv-bar-fill'), 'width', `${row.fraction * 100}%`);
      applyText(el, 'cv-resource-text', row.text);
      return;
    }
    case 'verdict': {
      if (!node) return;
      setAttr(el, 'data-state', node.state);
      setAttr(el, 'data-lines', row.lines ? String(row.lines) : null);
      const { icon, short, long } = verdictWords(node, options.daemonSetName);
      const shown = verdictWords({ ...node, reason: row.short }, options.daemonSetName).long;
      setAttr(applyText(el, 'cv-verdict-icon', icon), 'aria-hidden', 'true');
      applyText(el, 'cv-verdict-text', layout.density === 'full' ? shown : short);
      setAttr(el, 'title', long);
      return;
    }
  }
}

/** From a node, the icon and words of its verdict banner (short for compact cards). */
function verdictWords(
  node: NodeModel,
  ds: string | undefined,
): { icon: string; short: string; long: string } {
  const reason = node.reason ?? '';
  const name = ds ?? 'this DaemonSet';
  switch (node.state) {
    case 'excluded':
      return { icon: '✕', short: 'no pod here', long: `No ${name} pod: ${reason}` };
    case 'may-stay':
      return {
        icon: '◐',
        short: 'pod may stay',
        long: `Pod may stay, no new one: ${reason}`,
      };
    case 'unfit':
      return { icon: '○', short: 'Pending', long: `Pod cannot be scheduled: ${reason}` };
    default:
      return { icon: '', short: '', long: '' };
  }
}

function applyChips<P extends BaseType, PD>(
  cardEl: Selection<HTMLDivElement, CardLayout, P, PD>,
  card: CardLayout,
  layout: ClusterLayout,
  options: DrawOptions,
): void {
  const tiny = layout.density === 'tiny';
  const full = layout.density === 'full';
  const animate = !options.reducedMotion;
  let chips = cardEl
    .selectAll<HTMLElement, ChipLayout>(':scope > .cv-chip:not(.is-leaving)')
    // The density is part of the key: tiny tiles use spans, other cards buttons, so a chip
    // must be rebuilt, not reused, when the density changes.
    .data(card.chips, (d) => `${layout.density}:${d.key}`)
    .join(
      (enter) =>
        enter
          .append(tiny ? 'span' : 'button')
          .attr('class', animate ? `cv-chip ${ENTER_CLASS}` : 'cv-chip'),
      (update) => update,
      (exit) => applyLeaving(exit, options.reducedMotion),
    );
  // A chip drawn from the same pod model (the model layer reuses a pod's model while it is
  // unchanged) at the same place, size, selection and rollout state is already right.
  const rolling = layout.model.rolling;
  const chipState = (d: ChipLayout): string =>
    `${d.x},${d.y},${d.w},${d.h},${isPodSelected(d.pod, options.selection)},${rolling}`;
  chips = chips.filter(function (d) {
    const last = chipDrawnFrom.get(this);
    return !(last && last.pod === d.pod && last.state === chipState(d));
  });
  chips
    .each(function (d) {
      const pod = d.pod;
      const selected = isPodSelected(pod, options.selection);
      const label = podLabel(
        pod,
        full ? `${pod.status} ${revisionWords(pod, rolling)}` : undefined,
      );
      setAttr(this, 'type', tiny ? null : 'button');
      setAttr(this, 'data-pod', pod.name);
      setAttr(this, 'data-namespace', pod.namespace);
      setAttr(this, 'data-phase', pod.status);
      setAttr(this, 'data-ready', String(pod.ready));
      setAttr(this, 'data-revision', pod.revisionHash);
      setAttr(this, 'data-role', pod.role);
      setAttr(this, 'data-family', pod.family);
      setClass(this, 'is-selected', selected);
      setAttr(this, 'aria-pressed', tiny ? null : String(selected));
      setAttr(this, 'aria-label', tiny ? null : label);
      setAttr(this, 'title', label);
      setStyle(this, 'width', `${d.w}px`);
      setStyle(this, 'height', `${d.h}px`);
      setStyle(this, 'translate', `${d.x}px ${d.y}px`);
    })
    .on('click', (event: MouseEvent, d) => {
      // Tiny tiles select the node; elsewhere a chip selects its pod, not the card under it.
      if (tiny) return;
      event.stopPropagation();
      options.onselect({ kind: 'pod', namespace: d.pod.namespace, name: d.pod.name });
    });
  chips.each(function (chip) {
    // The glyph is drawn by CSS from data-glyph, so it is not part of the chip's text: the
    // text is what the chip's name says ("Running rev 1"), for speech input and axe alike.
    const glyph = applyText(this, 'cv-chip-glyph', '');
    setAttr(glyph, 'data-glyph', phaseGlyph(chip.pod));
    setAttr(glyph, 'aria-hidden', 'true');
    applyText(this, 'cv-chip-status', full ? chip.pod.status : '');
    const rev = applyText(
      this,
      'cv-chip-rev',
      full ? revisionWords(chip.pod, layout.model.rolling) : '',
    );
    // A space between the two lines: white space between flex items never shows, but it keeps
    // them two words in the chip's text ("Running rev 1", as its name says) for speech input.
    if (rev.previousSibling?.nodeType !== Node.TEXT_NODE) rev.before(' ');
    chipDrawnFrom.set(this, { pod: chip.pod, state: chipState(chip) });
  });

  const more = card.hiddenPods > 0 && !tiny ? [card.hiddenPods] : [];
  cardEl
    .selectAll<HTMLSpanElement, number>(':scope > .cv-more-pods')
    .data(more)
    .join('span')
    .attr('class', 'cv-more-pods')
    .style('top', `${(card.chips.at(-1)?.y ?? 0) + 20}px`)
    .each(textOf((n) => `+${n} pods`));
}

/**
 * From a pod and whether a rollout is under way, the words of its chip's second line:
 * "rev 2 · new" and "rev 1 · old" during a rollout, plain "rev 1" otherwise, else the owner.
 */
function revisionWords(pod: PodModel, rolling: boolean): string {
  const rev = pod.revision !== undefined ? `rev ${pod.revision}` : pod.revisionHash || 'pod';
  if (pod.role === 'current') return rolling ? `${rev} · new` : rev;
  if (pod.role === 'old') return `${rev} · old`;
  return pod.owner ? (pod.owner.split('/')[1] ?? pod.owner) : 'bare pod';
}

/** A glyph per phase family, so the phase reads without colour. */
function phaseGlyph(pod: PodModel): string {
  switch (pod.family) {
    case 'ready':
      return '✓';
    case 'starting':
      return '…';
    case 'pending':
      return '○';
    case 'failing':
      return '!';
    case 'terminating':
      return '✕';
    case 'done':
      return '■';
  }
}

/**
 * A chip's accessible name. It holds the words the chip shows (`shown`, when it shows any), so
 * a learner using speech input can say what they see to press it.
 */
function podLabel(pod: PodModel, shown: string | undefined): string {
  const parts = [`Pod ${pod.name}`, shown ?? pod.status, pod.ready ? 'ready' : 'not ready'];
  if (pod.role === 'current') parts.push(`${revisionText(pod)}, current revision`);
  else if (pod.role === 'old') parts.push(`${revisionText(pod)}, old revision`);
  else if (pod.owner) parts.push(`owned by ${pod.owner}`);
  return parts.join(', ');
}

function revisionText(pod: PodModel): string {
  return pod.revision !== undefined ? `revision ${pod.revision}` : `hash ${pod.revisionHash}`;
}

function cardLabel(card: CardLayout, ds: string | undefined): string {
  const node = card.node;
  if (!node) return `Pods with no node: ${card.chips.length}`;
  const parts = [`Node ${node.name}`, node.statusText];
  if (node.roles.length > 0) parts.push(`role ${node.roles.join(',')}`);
  if (node.taints.length > 0) parts.push(`taints ${node.taints.map((t) => t.text).join(' ')}`);
  parts.push(`${node.pods.length} pod${node.pods.length === 1 ? '' : 's'}`);
  const words = verdictWords(node, ds).long;
  if (words) parts.push(words);
  return parts.join(', ');
}

function isNodeSelected(card: CardLayout, selection: ClusterSelection): boolean {
  return selection?.kind === 'node' && card.node?.name === selection.name;
}

function isPodSelected(pod: PodModel, selection: ClusterSelection): boolean {
  return (
    selection?.kind === 'pod' &&
    selection.name === pod.name &&
    selection.namespace === pod.namespace
  );
}

/**
 * Sets the text of the parent's child span with this class, appending it the first time;
 * returns the span. Plain DOM, not a d3 join: it runs for every text on every card redrawn.
 */
function applyText(parent: Element, className: string, text: string): HTMLSpanElement {
  const span = childOf(parent, 'span', className);
  if (span.textContent !== text) span.textContent = text;
  return span;
}

/** The parent's child `tag` element whose class is exactly `className`, appended if missing. */
function childOf<K extends 'span' | 'button'>(
  parent: Element,
  tag: K,
  className: string,
): HTMLElementTagNameMap[K] {
  const upper = tag.toUpperCase();
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === upper && child.className === className)
      return child as HTMLElementTagNameMap[K];
  }
  const made = document.createElement(tag);
  made.className = className;
  parent.append(made);
  return made;
}

/**
 * Sets an attribute (null removes it) unless it already has that value. The browser skips
 * an unchanged value itself, but the check is cheaper than the call and keeps mutation
 * observers (tests, assistive tools) from hearing about writes that changed nothing.
 */
function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Adds or removes a class, touching the element only when that changes something. */
function setClass(el: Element, name: string, on: boolean): void {
  if (el.classList.contains(name) !== on) el.classList.toggle(name, on);
}

/** Sets an inline style property unless it already has that value. */
function setStyle(el: HTMLElement, name: string, value: string): void {
  if (el.style.getPropertyValue(name) !== value) el.style.setProperty(name, value);
}

/**
 * From a function of the datum, an `each` callback that sets an element's text only where it
 * differs: setting the same text replaces the text node anyway, and the browser restyles it
 * (every card of a 20-node cluster is redrawn when a DaemonSet lands on all of them).
 */
function textOf<D>(value: (d: D) => string): (this: HTMLElement, d: D) => void {
  return function (d) {
    const text = value(d);
    if (this.textContent !== text) this.textContent = text;
  };
}
