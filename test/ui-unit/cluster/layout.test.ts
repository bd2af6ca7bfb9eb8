import { describe, expect, it } from 'vitest';
import {
  filterModel,
  shortenKey,
  shortenPrefixes,
  layoutCluster,
  toDensity,
  visibleCards,
  VIRTUALISE_FROM,
  FULL_MIN_W,
} from '../../../src/ui/cluster/layout.ts';
import { toClusterModel } from '../../../src/ui/cluster/cluster-model.ts';
import { makeNode, makePod, makeRevision, makeSnapshot, rolloutScene } from './fixtures.ts';
import type { Pod } from '../../../src/protocol/cluster.ts';

const FLUENTD = { namespace: 'default', name: 'fluentd' };

describe('toClusterModel', () => {
  it('puts each pod on the node it is bound to or targeted at', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const byName = Object.fromEntries(model.nodes.map((n) => [n.name, n.pods.map((p) => p.name)]));
    expect(byName['worker-1']).toEqual(['fluentd-aaaaa']);
    // The Pending pod is not bound yet but its matchFields term names worker-3.
    expect(byName['worker-3']).toEqual(['fluentd-ccccc', 'web-1']);
    expect(byName['control-plane']).toEqual([]);
  });

  it('marks pods of the current revision new and others old', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const pods = model.nodes.flatMap((n) => n.pods);
    const role = (name: string) => pods.find((p) => p.name === name);
    expect(model.currentHash).toBe('new111');
    expect(role('fluentd-aaaaa')).toMatchObject({ role: 'current', revision: 2 });
    expect(role('fluentd-bbbbb')).toMatchObject({ role: 'old', revision: 1 });
    expect(role('web-1')).toMatchObject({ role: 'other', owner: undefined });
  });

  it('copies verdicts from the snapshot and names the card state', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const state = Object.fromEntries(model.nodes.map((n) => [n.name, n.state]));
    expect(state).toEqual({
      'control-plane': 'excluded',
      'worker-1': 'runs',
      'worker-2': 'runs',
      'worker-3': 'unfit',
      'worker-4': 'may-stay',
    });
    expect(model.nodes[3].reason).toBe('Insufficient cpu');
  });

  it('shows no verdict when no DaemonSet is selected', () => {
    const model = toClusterModel(rolloutScene(), undefined);
    expect(model.nodes.every((n) => n.state === 'none')).toBe(true);
    expect(model.nodes.flatMap((n) => n.pods).every((p) => p.role === 'other')).toBe(true);
  });

  it('prints node status, roles and taints as kubectl does', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const [cp, , w2, , w4] = model.nodes;
    expect(cp.roles).toEqual(['control-plane']);
    expect(cp.taints[0].text).toBe('node-role.kubernetes.io/control-plane:NoSchedule');
    expect(w2.statusText).toBe('Ready,SchedulingDisabled');
    expect(w4.statusText).toBe('NotReady');
  });

  it('lists the labels the DaemonSet selects on first and hides kubelet noise', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const keys = model.nodes[1].keyLabels.map((l) => l.key);
    expect(keys[0]).toBe('disk');
    expect(model.nodes[1].keyLabels[0].selected).toBe(true);
    expect(keys).not.toContain('kubernetes.io/hostname');
  });

  it('shows well-known labels only where they tell nodes apart', () => {
    const same = makeSnapshot({
      nodes: [
        makeNode('a', { labels: { 'kubernetes.io/arch': 'amd64', gpu: 'true' } }),
        makeNode('b', { labels: { 'kubernetes.io/arch': 'amd64' } }),
      ],
    });
    const keys = (snapshot: typeof same) =>
      toClusterModel(snapshot, undefined).nodes.map((n) => n.keyLabels.map((l) => l.key));
    expect(keys(same)).toEqual([['gpu'], []]);
    const mixed = makeSnapshot({
      nodes: [
        makeNode('a', { labels: { 'kubernetes.io/arch': 'amd64' } }),
        makeNode('b', { labels: { 'kubernetes.io/arch': 'arm64' } }),
      ],
    });
    expect(keys(mixed)).toEqual([['kubernetes.io/arch'], ['kubernetes.io/arch']]);
  });

  it('sums requests of bound pods only against allocatable', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const cpu = model.nodes[3].resources.find((r) => r.name === 'cpu');
    expect(cpu).toMatchObject({
      requested: 0.4,
      allocatable: 0.5,
      requestedText: '400m',
      allocatableText: '500m',
    });
  });

  it('collects pods without a node apart', () => {
    const snapshot = makeSnapshot({
      nodes: [makeNode('a')],
      pods: [makePod('loose'), makePod('gone', { node: 'deleted' })],
    });
    expect(toClusterModel(snapshot, undefined).unplaced.map((p) => p.name)).toEqual([
      'loose',
      'gone',
    ]);
  });
});

describe('layoutCluster', () => {
  it('places full cards in rows that fit the width without overlapping', () => {
    const layout = layoutCluster(rolloutScene(), FLUENTD, 800);
    expect(layout.density).toBe('full');
    for (const card of layout.cards) expect(card.x + card.w).toBeLessThanOrEqual(800);
    for (const a of layout.cards) {
      for (const b of layout.cards) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.key} overlaps ${b.key}`).toBe(false);
      }
    }
    expect(layout.height).toBeGreaterThanOrEqual(Math.max(...layout.cards.map((c) => c.y + c.h)));
  });

  it('keeps every chip inside its card', () => {
    const layout = layoutCluster(rolloutScene(), FLUENTD, 600);
    for (const card of layout.cards) {
      for (const chip of card.chips) {
        expect(chip.x + chip.w).toBeLessThanOrEqual(card.w);
        expect(chip.y + chip.h).toBeLessThanOrEqual(card.h);
      }
    }
  });

  it('gives a long STATUS a whole row so it is never cut', () => {
    const snapshot = makeSnapshot({
      nodes: [makeNode('a')],
      pods: [
        makePod('p1', { node: 'a', phase: 'Pending', waiting: 'ImagePullBackOff' }),
        makePod('p2', { node: 'a' }),
        makePod('p3', { node: 'a' }),
      ],
    });
    const [card] = layoutCluster(snapshot, undefined, 800).cards;
    const [long, a, b] = card.chips;
    expect(long.w).toBeGreaterThan(a.w * 1.5);
    expect(a.y).toBeGreaterThan(long.y);
    expect(b.y).toBe(a.y);
    expect(b.y + b.h).toBeLessThanOrEqual(card.h);
  });

  it('adds a verdict row only to nodes that do not simply run the DaemonSet', () => {
    const layout = layoutCluster(rolloutScene(), FLUENTD, 1200);
    const withVerdict = layout.cards
      .filter((c) => c.rows.some((r) => r.type === 'verdict'))
      .map((c) => c.node?.name);
    expect(withVerdict).toEqual(['control-plane', 'worker-3', 'worker-4']);
  });

  it('shortens long keys where they say least, keeping the name after the prefix', () => {
    expect(shortenKey('node.kubernetes.io/not-ready', 17)).toBe('…/not-ready');
    expect(shortenKey('disk=ssd', 17)).toBe('disk=ssd');
    expect(shortenKey('a-very-long-label-without-prefix=1', 10)).toBe('a-very-lo…');
    expect(shortenKey('topology.kubernetes.io/zone=eu-west-1a', 30)).toBe('…/zone=eu-west-1a');
    expect(
      shortenPrefixes('untolerated taint node-role.kubernetes.io/control-plane:NoSchedule'),
    ).toBe('untolerated taint …/control-plane:NoSchedule');
    expect(shortenPrefixes('labels miss nodeSelector disk=ssd')).toBe(
      'labels miss nodeSelector disk=ssd',
    );
  });

  it('filters a big cluster by name, label or taint, or to the nodes that need attention', () => {
    const model = toClusterModel(rolloutScene(), FLUENTD);
    const names = (filter: { text: string; problemsOnly: boolean }) =>
      filterModel(model, filter).nodes.map((n) => n.name);
    expect(names({ text: 'worker-1', problemsOnly: false })).toEqual(['worker-1']);
    expect(names({ text: 'disk=hdd', problemsOnly: false })).toEqual(['worker-3']);
    expect(names({ text: 'NoSchedule', problemsOnly: false })).toEqual(['control-plane']);
    expect(names({ text: '', problemsOnly: true })).toEqual([
      'control-plane',
      'worker-2',
      'worker-3',
      'worker-4',
    ]);
  });

  it('shares the width among as many card columns as fit, with no empty column left over', () => {
    for (const width of [400, 600, 700, 1000]) {
      const layout = layoutCluster(rolloutScene(), FLUENTD, width);
      const columns = new Set(layout.cards.map((c) => c.x)).size;
      expect(columns).toBe(Math.min(5, Math.floor((width - 20 + 10) / (FULL_MIN_W + 10))));
      for (const card of layout.cards) {
        expect(card.w).toBeGreaterThanOrEqual(FULL_MIN_W);
        expect(card.x + card.w).toBeLessThanOrEqual(width - 10);
      }
      // The right edge of the last column is within a pixel per column of the right margin.
      const right = Math.max(...layout.cards.map((c) => c.x + c.w));
      if (columns < 5) expect(width - 10 - right).toBeLessThanOrEqual(columns);
    }
  });

  it('shortens labels to the width of the card', () => {
    const snapshot = makeSnapshot({
      nodes: [makeNode('a', { labels: { 'example.com/a-rather-long-label-key': 'value-1' } })],
    });
    const short = (width: number) =>
      layoutCluster(snapshot, undefined, width)
        .cards[0].rows.filter((r) => r.type === 'label')
        .map((r) => r.short);
    expect(short(220)).toEqual(['…/a-rather-long-label-k…']);
    expect(short(380)).toEqual(['example.com/a-rather-long-label-key=value-1']);
  });

  it('shows the roles badge only where the whole node name fits beside it', () => {
    const snapshot = makeSnapshot({
      nodes: [
        makeNode('control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      ],
    });
    const roles = (width: number) =>
      layoutCluster(snapshot, undefined, width).cards[0].rows.find((r) => r.type === 'header');
    expect(roles(200)).toMatchObject({ roles: false });
    expect(roles(380)).toMatchObject({ roles: true });
  });

  it('gives a refusal banner a fourth line on a card too narrow for it in three', () => {
    const snapshot = rolloutScene();
    const banner = (width: number) =>
      layoutCluster(snapshot, FLUENTD, width)
        .cards.find((c) => c.node?.name === 'control-plane')
        ?.rows.find((r) => r.type === 'verdict');
    expect(banner(200)).toMatchObject({ lines: 4, h: 72 });
    expect(banner(380)).toMatchObject({ lines: 3, h: 56 });
  });

  it('is one column on a narrow viewport', () => {
    const layout = layoutCluster(rolloutScene(), FLUENTD, 200);
    expect(new Set(layout.cards.map((c) => c.x)).size).toBe(1);
  });

  it('switches to compact cards and tiny tiles as the cluster grows', () => {
    expect(toDensity(5)).toBe('full');
    expect(toDensity(500)).toBe('compact');
    expect(toDensity(5000)).toBe('tiny');
  });

  it('lays out 5,000 nodes as tiles and draws only the cards in view', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) =>
      makeNode(`node-${String(i).padStart(4, '0')}`),
    );
    const pods = nodes.map((n, i) =>
      makePod(`agent-${i}`, { node: n.metadata.name, owner: 'agent', hash: 'h1' }),
    );
    const snapshot = makeSnapshot({ nodes, pods });
    const layout = layoutCluster(snapshot, { namespace: 'default', name: 'agent' }, 1200);
    expect(layout.density).toBe('tiny');
    expect(layout.cards).toHaveLength(5000);
    const visible = visibleCards(layout, 0, 600);
    expect(visible.length).toBeLessThan(layout.cards.length / 4);
    expect(visible.length).toBeGreaterThan(0);
  });

  it('draws every card of a small cluster even when scrolled', () => {
    const layout = layoutCluster(rolloutScene(), FLUENTD, 400);
    expect(layout.cards.length).toBeLessThan(VIRTUALISE_FROM);
    expect(visibleCards(layout, 5000, 100)).toHaveLength(layout.cards.length);
  });
});

describe('layoutCluster with the previous layout', () => {
  /** The scene with one pod replaced by a changed copy, every other object shared. */
  function withPod(
    snapshot: ReturnType<typeof rolloutScene>,
    name: string,
    change: (pod: Pod) => Pod,
  ) {
    return {
      ...snapshot,
      timeMs: snapshot.timeMs + 5000,
      objects: {
        ...snapshot.objects,
        Pod: snapshot.objects.Pod.map((p) => (p.metadata.name === name ? change(p) : p)),
      },
    };
  }
  const readyAgain = (pod: Pod): Pod =>
    makePod(pod.metadata.name, { node: 'worker-4', owner: 'fluentd', hash: 'new111' });

  it('equals a fresh layout, and keeps the very cards of nodes that did not change', () => {
    const first = rolloutScene();
    const before = layoutCluster(first, FLUENTD, 800);
    const second = withPod(first, 'fluentd-ddddd', readyAgain);
    const reused = layoutCluster(second, FLUENTD, 800, undefined, undefined, before);
    expect(reused).toEqual(layoutCluster(second, FLUENTD, 800));
    const same = reused.cards.filter((c, i) => c === before.cards[i]).map((c) => c.node?.name);
    expect(same).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  });

  it('equals a fresh layout when the DaemonSet, the filter, the width or the density change', () => {
    const first = rolloutScene();
    const second = withPod(first, 'fluentd-ddddd', readyAgain);
    const before = layoutCluster(first, FLUENTD, 800);
    const variants: Parameters<typeof layoutCluster>[] = [
      [second, undefined, 800],
      [second, FLUENTD, 800, undefined, { text: 'worker', problemsOnly: false }],
      [second, FLUENTD, 800, undefined, { text: '', problemsOnly: true }],
      [second, FLUENTD, 500],
      [second, FLUENTD, 800, 'compact'],
      [second, FLUENTD, 800, 'tiny'],
    ];
    for (const args of variants) {
      const fresh = layoutCluster(...args);
      const [snapshot, selected, width, density, filter] = args;
      expect(layoutCluster(snapshot, selected, width, density, filter, before)).toEqual(fresh);
      // And back again, from the variant to the original inputs.
      expect(layoutCluster(first, FLUENTD, 800, undefined, undefined, fresh)).toEqual(before);
    }
  });

  it('equals a fresh layout when a node changes, a pod moves or the revision rolls on', () => {
    const first = rolloutScene();
    const before = layoutCluster(first, FLUENTD, 800);
    const cordoned = {
      ...first,
      objects: {
        ...first.objects,
        Node: first.objects.Node.map((n) =>
          n.metadata.name === 'worker-1' ? makeNode('worker-1', { unschedulable: true }) : n,
        ),
      },
    };
    const moved = withPod(first, 'web-1', () =>
      makePod('web-1', { node: 'worker-1', cpu: '400m' }),
    );
    const rolled = {
      ...first,
      objects: {
        ...first.objects,
        ControllerRevision: [
          ...first.objects.ControllerRevision,
          makeRevision('fluentd', 'next222', 3),
        ],
      },
    };
    for (const next of [cordoned, moved, rolled]) {
      expect(layoutCluster(next, FLUENTD, 800, undefined, undefined, before)).toEqual(
        layoutCluster(next, FLUENTD, 800),
      );
    }
  });
});
