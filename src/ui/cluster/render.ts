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
// selection.transition() and interrupt() are added to d3-selection by d3-transition as a side
// effect; d3 declares `sideEffects: false`, so without this import a production build may drop
// them and the first animated update throws.
import 'd3-transition';
import {
  VIRTUALISE_FROM,
  type CardLayout,
  type CardRow,
  type ChipLayout,
  type ClusterLayout,
} from './layout.ts';
import type { NodeModel, PodModel } from './cluster-model.ts';
import type { ClusterSelection } from './selection.ts';

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

const MOVE_MS = 350;
const FADE_MS = 300;

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
  // Big clusters move without animation: thousands of timers cost more than they teach.
  const animate = !options.reducedMotion && layout.cards.length < VIRTUALISE_FROM;
  const firstDraw = !canvas.hasAttribute('data-drawn');
  canvas.setAttribute('data-drawn', '');
  latestSelect.set(canvas, options.onselect);
  const draw: DrawOptions = {
    ...options,
    onselect: (selection) => latestSelect.get(canvas)?.(selection),
    reducedMotion: !animate,
    flash: animate && !firstDraw,
  };
  const duration = animate ? MOVE_MS : 0;

  const joined = root
    .selectAll<HTMLDivElement, CardLayout>(':scope > .cv-card')
    .data(cards, (d) => d.key)
    .join(
      (enter) =>
        enter
          .append('div')
          .attr('class', 'cv-card')
          .style('opacity', animate ? '0' : '1')
          .style('transform', (d) => `translate(${d.x}px, ${d.y}px)`)
          .attr('data-pos', (d) => `${d.x},${d.y}`)
          .call((s) => {
            if (animate) s.transition().duration(duration).style('opacity', '1');
          }),
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
  applyCards(changed, layout, draw, duration);
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
    exit.transition().duration(FADE_MS).style('opacity', '0').style('scale', '0.6').remove();
  }
}

function applyCards<P extends BaseType, PD>(
  cards: Selection<HTMLDivElement, CardLayout, P, PD>,
  layout: ClusterLayout,
  options: DrawOptions,
  duration: number,
): void {
  const tiny = layout.density === 'tiny';
  cards
    .attr('data-node', (d) => d.node?.name ?? null)
    .attr('data-unplaced', (d) => (d.kind === 'unplaced' ? '' : null))
    .attr('data-state', (d) => d.node?.state ?? null)
    .attr('data-status', (d) => d.node?.statusText ?? null)
    .classed('is-selected', (d) => isNodeSelected(d, options.selection))
    .classed('is-not-ready', (d) => d.node !== undefined && !d.node.ready)
    .classed('is-cordoned', (d) => d.node?.cordoned === true)
    .style('width', (d) => `${d.w}px`)
    .style('height', (d) => `${d.h}px`)
    .attr('role', tiny ? 'button' : 'group')
    .attr('tabindex', tiny ? '0' : null)
    .attr('aria-pressed', (d) => (tiny ? String(isNodeSelected(d, options.selection)) : null))
    .attr('aria-label', (d) => cardLabel(d, options.daemonSetName))
    .attr('title', (d) => (tiny ? cardLabel(d, options.daemonSetName) : null))
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
  // Only cards that moved get a transition, so a snapshot that changes one pod costs little.
  const moved = cards.filter(function (d) {
    return this.getAttribute('data-pos') !== `${d.x},${d.y}`;
  });
  moved.attr('data-pos', (d) => `${d.x},${d.y}`);
  if (duration > 0) {
    moved
      .transition('move')
      .duration(duration)
      .style('transform', (d) => `translate(${d.x}px, ${d.y}px)`);
  } else {
    moved.interrupt('move').style('transform', (d) => `translate(${d.x}px, ${d.y}px)`);
  }

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
  rows.style('top', (d) => `${d.y}px`).style('height', (d) => `${d.h}px`);
  rows.each(function (row) {
    const el = select<HTMLDivElement, CardRow>(this);
    applyRowContent(el, row, card, layout, options);
  });
}

function applyRowContent<P extends BaseType, PD>(
  el: Selection<HTMLDivElement, CardRow, P, PD>,
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
      const button = el
        .selectAll<HTMLButtonElement, null>('button.cv-node-button')
        .data([null])
        .join('button')
        .attr('class', 'cv-node-button')
        .attr('type', 'button')
        .attr('aria-pressed', String(isNodeSelected(card, options.selection)))
        .attr('aria-label', cardLabel(card, options.daemonSetName));
      applyText(button, 'cv-node-name', node.name);
      const marks: string[] = [];
      if (layout.density === 'compact') {
        if (!node.ready) marks.push('⚠');
        if (node.cordoned) marks.push('⊘');
        if (node.taints.length > 0) marks.push(`⚑${node.taints.length}`);
      }
      applyText(el, 'cv-marks', marks.join(' '));
      applyText(el, 'cv-roles', layout.density === 'full' ? node.roles.join(',') : '');
      el.select('.cv-marks').attr('aria-hidden', 'true');
      return;
    }
    case 'status': {
      if (!node) return;
      const badges = node.statusText.split(',').map((text) => ({ text }));
      el.selectAll<HTMLSpanElement, { text: string }>('span.cv-badge')
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
    case 'label':
      el.classed('is-selected-key', row.selected).attr(
        'title',
        row.selected ? 'The selected DaemonSet selects on this label' : null,
      );
      applyText(el, 'cv-label', row.short);
      if (row.short !== `${row.key}=${row.value}`) el.attr('title', `${row.key}=${row.value}`);
      return;
    case 'taint': {
      // The effect gets its own badge so truncating a long key never hides it.
      el.attr('data-effect', row.effect).attr('title', `taint ${row.text}`);
      applyText(el, 'cv-taint', row.short);
      applyText(el, 'cv-taint-effect', row.effect);
      return;
    }
    case 'more':
      applyText(el, 'cv-more', row.text);
      return;
    case 'resource': {
      el.classed('is-over', row.over);
      applyText(el, 'cv-resource-name', row.name);
      const bar = el
        .selectAll<HTMLSpanElement, null>('span.cv-bar')
        .data([null])
        .join('span')
        .attr('class', 'cv-bar')
        .attr('role', 'meter')
        .attr('aria-label', `${row.name} requested`)
        .attr('aria-valuemin', '0')
        .attr('aria-valuemax', '100')
        .attr('aria-valuenow', String(Math.round(row.fraction * 100)))
        .attr('aria-valuetext', row.text);
      bar
        .selectAll<HTMLSpanElement, null>('span.cv-bar-fill')
        .data([null])
        .join('span')
        .attr('class', 'cv-bar-fill')
        .style('width', `${row.fraction * 100}%`);
      applyText(el, 'cv-resource-text', row.text);
      return;
    }
    case 'verdict': {
      if (!node) return;
      el.attr('data-state', node.state);
      const { icon, short, long } = verdictWords(node, options.daemonSetName);
      const shown = verdictWords({ ...node, reason: row.short }, options.daemonSetName).long;
      applyText(el, 'cv-verdict-icon', icon);
      el.select('.cv-verdict-icon').attr('aria-hidden', 'true');
      applyText(el, 'cv-verdict-text', layout.density === 'full' ? shown : short);
      el.attr('title', long);
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
  const duration = options.reducedMotion ? 0 : FADE_MS;
  let chips = cardEl
    .selectAll<HTMLElement, ChipLayout>(':scope > .cv-chip')
    // The density is part of the key: tiny tiles use spans, other cards buttons, so a chip
    // must be rebuilt, not reused, when the density changes.
    .data(card.chips, (d) => `${layout.density}:${d.key}`)
    .join(
      (enter) =>
        enter
          .append(tiny ? 'span' : 'button')
          .attr('class', 'cv-chip')
          .style('left', (d) => `${d.x}px`)
          .style('top', (d) => `${d.y}px`)
          .attr('data-pos', (d) => `${d.x},${d.y}`)
          .style('opacity', duration > 0 ? '0' : '1')
          .style('scale', duration > 0 ? '0.4' : '1')
          .call((s) => {
            if (duration > 0) {
              s.transition().duration(duration).style('opacity', '1').style('scale', '1');
            }
          }),
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
    .attr('type', tiny ? null : 'button')
    .attr('data-pod', (d) => d.pod.name)
    .attr('data-namespace', (d) => d.pod.namespace)
    .attr('data-phase', (d) => d.pod.status)
    .attr('data-ready', (d) => String(d.pod.ready))
    .attr('data-revision', (d) => d.pod.revisionHash)
    .attr('data-role', (d) => d.pod.role)
    .attr('data-family', (d) => d.pod.family)
    .classed('is-selected', (d) => isPodSelected(d.pod, options.selection))
    .attr('aria-pressed', (d) => (tiny ? null : String(isPodSelected(d.pod, options.selection))))
    .attr('aria-label', (d) => (tiny ? null : podLabel(d.pod)))
    .attr('title', (d) => podLabel(d.pod))
    .style('width', (d) => `${d.w}px`)
    .style('height', (d) => `${d.h}px`)
    .on('click', (event: MouseEvent, d) => {
      // Tiny tiles select the node; elsewhere a chip selects its pod, not the card under it.
      if (tiny) return;
      event.stopPropagation();
      options.onselect({ kind: 'pod', namespace: d.pod.namespace, name: d.pod.name });
    });
  const moved = chips.filter(function (d) {
    return this.getAttribute('data-pos') !== `${d.x},${d.y}`;
  });
  moved.attr('data-pos', (d) => `${d.x},${d.y}`);
  if (duration > 0) {
    moved
      .transition('move')
      .duration(MOVE_MS)
      .style('left', (d) => `${d.x}px`)
      .style('top', (d) => `${d.y}px`);
  } else {
    moved
      .interrupt('move')
      .style('left', (d) => `${d.x}px`)
      .style('top', (d) => `${d.y}px`);
  }
  chips.each(function (chip) {
    const el = select<HTMLElement, ChipLayout>(this);
    applyText(el, 'cv-chip-glyph', phaseGlyph(chip.pod)).attr('aria-hidden', 'true');
    applyText(el, 'cv-chip-status', full ? chip.pod.status : '');
    applyText(el, 'cv-chip-rev', full ? revisionWords(chip.pod, layout.model.rolling) : '');
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

function podLabel(pod: PodModel): string {
  const parts = [`Pod ${pod.name}`, pod.status, pod.ready ? 'ready' : 'not ready'];
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

/** Sets the text of the parent's single child span with this class, creating it once. */
function applyText<E extends HTMLElement, D, P extends BaseType, PD>(
  parent: Selection<E, D, P, PD>,
  className: string,
  text: string,
): Selection<HTMLSpanElement, null, E, D> {
  return parent
    .selectAll<HTMLSpanElement, null>(`:scope > span.${className}`)
    .data([null])
    .join('span')
    .attr('class', className)
    .each(textOf(() => text));
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
