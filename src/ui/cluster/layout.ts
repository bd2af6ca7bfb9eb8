/**
 * Where everything goes in the cluster view: pure (snapshot, selected DaemonSet and viewport
 * width in; cards, rows and chips with positions out), unit-tested in Node. render.ts draws
 * exactly what this returns and nothing else.
 */
import type { ClusterSnapshot } from '../../protocol/cluster.ts';
import {
  toClusterModel,
  withNodes,
  type ClusterModel,
  type NodeModel,
  type PodModel,
} from './cluster-model.ts';
import type { DaemonSetRef } from './selection.ts';

/**
 * How much each card shows: `full` cards list labels, taints, resources and named chips;
 * `compact` cards show a name, marks and small chips (hundreds of nodes); `tiny` tiles show
 * one square per node (thousands).
 */
export type Density = 'full' | 'compact' | 'tiny';

/** One line of a full card, drawn by render.ts according to its type. */
export type CardRow =
  | {
      type: 'header';
      y: number;
      h: number;
      /** The roles badge fits beside the node's name (full cards only; else it is left out). */
      roles?: boolean;
    }
  | { type: 'status'; y: number; h: number }
  | {
      type: 'label';
      y: number;
      h: number;
      key: string;
      value: string;
      selected: boolean;
      /** `key=value`, shortened to fit the card (the full text goes in a tooltip). */
      short: string;
    }
  | {
      type: 'taint';
      y: number;
      h: number;
      text: string;
      effect: string;
      /** The taint's `key[=value]`, shortened to fit beside its effect badge. */
      short: string;
      /** The effect badge sits on a second line: the key did not fit beside it. */
      wrap: boolean;
    }
  | { type: 'more'; y: number; h: number; text: string }
  | {
      type: 'resource';
      y: number;
      h: number;
      name: string;
      text: string;
      /** requested / allocatable, clamped to [0, 1] for the bar; over 1 shows as full. */
      fraction: number;
      over: boolean;
    }
  | {
      type: 'verdict';
      y: number;
      h: number;
      /** The reason with long well-known key prefixes shortened (`…/not-ready:NoSchedule`). */
      short: string;
      /** Lines of text the banner shows on a full card (3 or 4); longer text ends in `…`. */
      lines?: number;
    };

/** A pod chip, positioned inside its card. */
export interface ChipLayout {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  pod: PodModel;
}

/** A node card (or the pseudo-card holding pods with no node), positioned in the view. */
export interface CardLayout {
  key: string;
  kind: 'node' | 'unplaced';
  x: number;
  y: number;
  w: number;
  h: number;
  /** The node, or undefined for the unplaced pseudo-card. */
  node: NodeModel | undefined;
  rows: CardRow[];
  chips: ChipLayout[];
  /** Pods that did not fit on a compact card or tiny tile. */
  hiddenPods: number;
}

/** The view: its size and every card. Cards are ordered by y, then x. */
export interface ClusterLayout {
  density: Density;
  width: number;
  height: number;
  cards: CardLayout[];
  model: ClusterModel;
}

/** Up to this many nodes, cards show everything. */
export const FULL_MAX_NODES = 24;
/** Up to this many nodes, compact cards; beyond, tiny tiles. */
export const COMPACT_MAX_NODES = 800;
/** From this many cards on, only the cards in view are drawn. */
export const VIRTUALISE_FROM = 300;

const GAP = 10;
const PAD = 10;
/**
 * Full cards share the width like a CSS grid's `repeat(auto-fill, minmax(FULL_MIN_W, 1fr))`:
 * as many columns as fit at this width, then each card widens to fill its column, so the five
 * nodes of the sandbox sit in three columns beside the editor instead of two and a gap.
 */
export const FULL_MIN_W = 180;
const SIZES = {
  full: { w: FULL_MIN_W, chipH: 40, chipGap: 6, columns: 2 },
  compact: { w: 150, chipH: 16, chipGap: 4, columns: 7 },
  tiny: { w: 26, chipH: 14, chipGap: 0, columns: 1 },
} as const;
const LINE = 18;
const MAX_LABELS = 3;
const MAX_TAINTS = 3;
/** STATUS texts longer than this do not fit a half-width chip. */
const LONG_STATUS = 12;
/** Width of one character of the cards' 12 px monospace text, to shorten labels to fit. */
const MONO_CHAR_W = 7.3;
/** Average width of a character of 12 px sans-serif text, to count a banner's lines. */
const SANS_CHAR_W = 6.8;
/** Characters of a typical banner's lead, `No log-collector pod: `. */
const VERDICT_LEAD = 22;

/**
 * From a snapshot, the selected DaemonSet and the viewport width in CSS pixels, the cluster
 * view's layout. `density` may be forced (e.g. by a "compact" toggle); by default it follows
 * the node count. With the `previous` layout (of an earlier snapshot), nodes whose inputs did
 * not change keep their models and, where they stay in place, their very card objects: the
 * result equals a fresh layout, but costs little when a snapshot changes a few pods, and
 * render.ts skips the cards it already drew.
 */
export function layoutCluster(
  snapshot: ClusterSnapshot,
  selected: DaemonSetRef | undefined,
  width: number,
  density?: Density,
  filter?: NodeFilter,
  previous?: ClusterLayout,
): ClusterLayout {
  const model = toClusterModel(snapshot, selected, previous?.model);
  return layoutModel(filter ? filterModel(model, filter) : model, width, density, previous);
}

/** What the learner narrowed a big cluster to. */
export interface NodeFilter {
  /** Matched against node names and `key=value` labels, case-insensitively. */
  text: string;
  /** Keep only nodes that need attention (see needsAttention). */
  problemsOnly: boolean;
}

/** From a model and a filter, the model with only the matching nodes. */
export function filterModel(model: ClusterModel, filter: NodeFilter): ClusterModel {
  const text = filter.text.trim().toLowerCase();
  if (!text && !filter.problemsOnly) return model;
  const nodes = model.nodes.filter(
    (n) =>
      (!filter.problemsOnly || needsAttention(n)) &&
      (!text ||
        n.name.toLowerCase().includes(text) ||
        n.keyLabels.some((l) => `${l.key}=${l.value}`.toLowerCase().includes(text)) ||
        n.taints.some((t) => t.text.toLowerCase().includes(text))),
  );
  return withNodes(model, nodes);
}

/**
 * From a node, whether it needs a learner's attention: the selected DaemonSet does not simply
 * run there (per the engine's verdict), the node is not Ready or cordoned, or a pod on it is
 * Pending or failing.
 */
export function needsAttention(node: NodeModel): boolean {
  return (
    (node.state !== 'runs' && node.state !== 'none') ||
    !node.ready ||
    node.cordoned ||
    node.pods.some((p) => p.family === 'pending' || p.family === 'failing')
  );
}

/**
 * From a cluster model, a viewport width and optionally an earlier layout, the layout (see
 * layoutCluster). A node model already laid out at this density in `previous` keeps its card,
 * the same object when its position is unchanged too; cards are never changed once returned.
 */
export function layoutModel(
  model: ClusterModel,
  width: number,
  density?: Density,
  previous?: ClusterLayout,
): ClusterLayout {
  const chosen = density ?? toDensity(model.nodes.length);
  const size = SIZES[chosen];
  const usable = Math.max(size.w, width - 2 * GAP);
  const columns = Math.max(1, Math.floor((usable + GAP) / (size.w + GAP)));
  // Whole pixels, so positions and sizes stay the same numbers on every machine.
  const cardW = chosen === 'full' ? Math.floor((usable - (columns - 1) * GAP) / columns) : size.w;
  const earlier = new Map<NodeModel, CardLayout>();
  if (previous?.density === chosen) {
    for (const card of previous.cards)
      if (card.node && card.w === cardW) earlier.set(card.node, card);
  }
  const unplaced = model.unplaced.length > 0 ? [layoutUnplaced(model.unplaced, chosen, cardW)] : [];
  const laid: CardLayout[] = [
    ...model.nodes.map((node) => earlier.get(node) ?? layoutCard(node, chosen, cardW)),
    ...unplaced,
  ];

  // A row grid rather than masonry: a card that grows pushes its row down but never jumps to
  // another column, so learners keep their bearings while pods come and go.
  const cards: CardLayout[] = [];
  let y = GAP;
  for (let start = 0; start < laid.length; start += columns) {
    const row = laid.slice(start, start + columns);
    let rowH = 0;
    for (const card of row) rowH = Math.max(rowH, card.h);
    row.forEach((card, i) => {
      const x = GAP + i * (cardW + GAP);
      cards.push(card.x === x && card.y === y ? card : { ...card, x, y });
    });
    y += rowH + GAP;
  }
  return { density: chosen, width, height: Math.max(y, 2 * GAP), cards, model };
}

/** From a node count, the density that keeps the view readable and fast. */
export function toDensity(nodeCount: number): Density {
  if (nodeCount <= FULL_MAX_NODES) return 'full';
  if (nodeCount <= COMPACT_MAX_NODES) return 'compact';
  return 'tiny';
}

/**
 * From a layout and the visible vertical band [top, top + height), the cards to draw: all of
 * them for small clusters, else those overlapping the band plus one screen of margin.
 */
export function visibleCards(layout: ClusterLayout, top: number, height: number): CardLayout[] {
  if (layout.cards.length < VIRTUALISE_FROM) return layout.cards;
  const from = top - height;
  const to = top + 2 * height;
  return layout.cards.filter((c) => c.y + c.h >= from && c.y <= to);
}

function layoutCard(node: NodeModel, density: Density, cardW: number): CardLayout {
  const size = { ...SIZES[density], w: cardW };
  if (density === 'tiny') {
    const pod = node.pods.find((p) => p.role !== 'other') ?? node.pods[0];
    const inset = (size.w - size.chipH) / 2;
    return {
      key: node.uid,
      kind: 'node',
      x: 0,
      y: 0,
      w: size.w,
      h: size.w,
      node,
      rows: [],
      chips: pod ? [{ key: pod.uid, x: inset, y: inset, w: size.chipH, h: size.chipH, pod }] : [],
      hiddenPods: Math.max(0, node.pods.length - 1),
    };
  }
  const rows: CardRow[] = [];
  let y = PAD;
  const push = (row: CardRow) => {
    rows.push(row);
    y += row.h;
  };
  if (density === 'full') {
    // Characters of monospace text that fit across the card's inner width.
    const chars = Math.floor((cardW - 2 * PAD) / MONO_CHAR_W);
    // The name comes first: the roles badge shows only if it fits beside the whole name
    // (14 px bold is about 8.5 px a character, the badge's 11 px text about 6.5 plus its edges).
    const rolesW = node.roles.length > 0 ? node.roles.join(',').length * 6.5 + 20 : 0;
    const roles = node.roles.length > 0 && node.name.length * 8.5 + rolesW <= cardW - 2 * PAD;
    push({ type: 'header', y, h: 22, roles });
    push({ type: 'status', y, h: 22 });
    for (const label of node.keyLabels.slice(0, MAX_LABELS)) {
      push({
        type: 'label',
        y,
        h: LINE,
        ...label,
        short: shortenKey(`${label.key}=${label.value}`, chars),
      });
    }
    const moreLabels = node.keyLabels.length - MAX_LABELS;
    if (moreLabels > 0) push({ type: 'more', y, h: LINE, text: `+${moreLabels} more labels` });
    for (const taint of node.taints.slice(0, MAX_TAINTS)) {
      const keyValue = taint.value ? `${taint.key}=${taint.value}` : taint.key;
      // Room left beside the flag and the effect badge, in monospace characters. On a narrow
      // card where the key would be cut at its end, the badge goes to a second line instead.
      const beside = shortenKey(keyValue, Math.max(8, chars - 4 - taint.effect.length));
      const wrap = beside.endsWith('…');
      push({
        type: 'taint',
        y,
        h: wrap ? 2 * LINE + 2 : LINE + 2,
        text: taint.text,
        effect: taint.effect,
        short: wrap ? shortenKey(keyValue, chars - 2) : beside,
        wrap,
      });
    }
    if (node.taints.length > MAX_TAINTS) {
      push({ type: 'more', y, h: LINE, text: `+${node.taints.length - MAX_TAINTS} more taints` });
    }
    y += 4;
    for (const r of node.resources) {
      const fraction = r.allocatable > 0 ? r.requested / r.allocatable : r.requested > 0 ? 2 : 0;
      push({
        type: 'resource',
        y,
        h: LINE,
        name: r.name,
        text: `${r.requestedText} / ${r.allocatableText}`,
        fraction: Math.min(1, Math.max(0, fraction)),
        over: fraction > 1,
      });
    }
    if (node.state !== 'runs' && node.state !== 'none') {
      y += 4;
      // Three lines of 12 px text and the banner's padding, or four where a narrow card needs
      // them: the lead ("No log-collector pod:") and the reason, wrapped at spaces.
      const short = shortenPrefixes(node.reason ?? '');
      const perLine = Math.max(8, Math.floor((cardW - 54) / SANS_CHAR_W));
      const lines = Math.ceil(VERDICT_LEAD / perLine) + wrappedLines(short, perLine) > 3 ? 4 : 3;
      push({ type: 'verdict', y, h: lines === 4 ? 72 : 56, short, lines });
    }
  } else {
    push({ type: 'header', y, h: 20 });
    if (node.state !== 'runs' && node.state !== 'none') {
      push({ type: 'verdict', y, h: 18, short: shortenPrefixes(node.reason ?? '') });
    }
  }
  y += 6;
  const inner = size.w - 2 * PAD;
  const maxChips = density === 'full' ? Infinity : size.columns * 2;
  const shown = node.pods.slice(0, maxChips);
  const chips = placeChips(shown, density, PAD, y, inner);
  const chipRows = chipRowCount(chips, size);
  y += chipRows * (size.chipH + size.chipGap);
  return {
    key: node.uid,
    kind: 'node',
    x: 0,
    y: 0,
    w: size.w,
    h: Math.max(y + PAD - (chipRows > 0 ? size.chipGap : 0), density === 'full' ? 120 : 48),
    node,
    rows,
    chips,
    hiddenPods: node.pods.length - shown.length,
  };
}

function layoutUnplaced(pods: PodModel[], density: Density, cardW: number): CardLayout {
  const size =
    density === 'full'
      ? { ...SIZES.full, w: cardW }
      : SIZES[density === 'tiny' ? 'compact' : density];
  const header = density === 'full' ? 22 : 20;
  const y = PAD + header + 6;
  const chips = placeChips(
    pods,
    density === 'tiny' ? 'compact' : density,
    PAD,
    y,
    size.w - 2 * PAD,
  );
  const chipRows = chipRowCount(chips, size);
  return {
    key: '__unplaced',
    kind: 'unplaced',
    x: 0,
    y: 0,
    w: size.w,
    h: y + chipRows * (size.chipH + size.chipGap) + PAD,
    node: undefined,
    rows: [{ type: 'header', y: PAD, h: header }],
    chips,
    hiddenPods: 0,
  };
}

function placeChips(
  pods: PodModel[],
  density: 'full' | 'compact',
  x0: number,
  y0: number,
  inner: number,
): ChipLayout[] {
  const size = SIZES[density];
  const w =
    density === 'full' ? (inner - (size.columns - 1) * size.chipGap) / size.columns : size.chipH;
  const chips: ChipLayout[] = [];
  let column = 0;
  let row = 0;
  for (const pod of pods) {
    // A long STATUS (ImagePullBackOff, Init:CrashLoopBackOff) takes a whole row on a full
    // card, so the word that explains the problem is never cut.
    const span = density === 'full' && pod.status.length > LONG_STATUS ? size.columns : 1;
    if (column + span > size.columns) {
      column = 0;
      row++;
    }
    chips.push({
      key: pod.uid,
      x: x0 + column * (w + size.chipGap),
      y: y0 + row * (size.chipH + size.chipGap),
      w: span * w + (span - 1) * size.chipGap,
      h: size.chipH,
      pod,
    });
    column += span;
  }
  return chips;
}

/** Rows of chips that placeChips fills. */
function chipRowCount(chips: ChipLayout[], size: { chipH: number; chipGap: number }): number {
  if (chips.length === 0) return 0;
  const last = chips[chips.length - 1];
  return Math.round((last.y - chips[0].y) / (size.chipH + size.chipGap)) + 1;
}

/** From a text and a line length in characters, the lines a greedy wrap at spaces fills. */
function wrappedLines(text: string, perLine: number): number {
  let lines = 0;
  let used = perLine;
  for (const word of text.split(' ').filter(Boolean)) {
    if (used + 1 + word.length <= perLine) {
      used += 1 + word.length;
    } else {
      // A word longer than a line breaks across lines (the banner wraps anywhere).
      lines += Math.ceil(word.length / perLine);
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

/**
 * From a label or taint text and a length in characters, the text shortened where it says
 * least: `node.kubernetes.io/not-ready` becomes `…/not-ready`, because the prefix is shared by
 * many keys and the name is what tells them apart. Too long even so: cut at the end with `…`.
 */
export function shortenKey(text: string, max: number): string {
  if (text.length <= max) return text;
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const rest = `…${text.slice(slash)}`;
    if (rest.length <= max) return rest;
    return `${rest.slice(0, max - 1)}…`;
  }
  return `${text.slice(0, max - 1)}…`;
}

/** From a sentence, the same with `x.kubernetes.io/` style key prefixes shortened to `…/`. */
export function shortenPrefixes(text: string): string {
  return text.replace(/(?<![\w./-])[a-z0-9.-]*(?:kubernetes|k8s)\.io\//g, '…/');
}
