import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import ClusterView from '../../../src/ui/cluster/ClusterView.svelte';
import type { ClusterSelection } from '../../../src/ui/cluster/selection.ts';
import { makeNode, makePod, makeSnapshot, rolloutScene } from '../../ui-unit/cluster/fixtures.ts';
import { mountIn, type Mounted } from './harness.svelte.ts';

const FLUENTD = { namespace: 'default', name: 'fluentd' };
let mounted: Mounted<Record<string, unknown>> | undefined;

afterEach(() => {
  mounted?.destroy();
  mounted = undefined;
});

function mountScene(selections: ClusterSelection[] = []) {
  mounted = mountIn(ClusterView, {
    snapshot: rolloutScene(),
    selectedDaemonSet: FLUENTD,
    selection: undefined as ClusterSelection,
    onselect: (s: ClusterSelection) => selections.push(s),
  });
  return mounted.target;
}

describe('ClusterView', () => {
  it('draws one card per node with its pods inside, carrying the test hooks', () => {
    const root = mountScene();
    expect(root.querySelectorAll('[data-node]')).toHaveLength(5);
    const chip = root.querySelector('[data-node="worker-1"] [data-pod="fluentd-aaaaa"]');
    expect(chip?.getAttribute('data-phase')).toBe('Running');
    expect(chip?.getAttribute('data-ready')).toBe('true');
    expect(chip?.getAttribute('data-revision')).toBe('new111');
    const pending = root.querySelector('[data-node="worker-3"] [data-pod="fluentd-ccccc"]');
    expect(pending?.getAttribute('data-phase')).toBe('Pending');
    expect(pending?.getAttribute('data-ready')).toBe('false');
  });

  it('marks old and new revisions differently, not only by colour', () => {
    const root = mountScene();
    const newChip = root.querySelector<HTMLElement>('[data-pod="fluentd-aaaaa"]')!;
    const oldChip = root.querySelector<HTMLElement>('[data-pod="fluentd-bbbbb"]')!;
    expect(newChip.textContent).toContain('rev 2 · new');
    expect(oldChip.textContent).toContain('rev 1 · old');
    expect(getComputedStyle(oldChip).backgroundImage).toContain('repeating-linear-gradient');
    expect(getComputedStyle(newChip).backgroundImage).toBe('none');
  });

  it('shows the verdict reason on nodes that should not run the DaemonSet', () => {
    const root = mountScene();
    const cp = root.querySelector('[data-node="control-plane"]')!;
    expect(cp.getAttribute('data-state')).toBe('excluded');
    expect(cp.querySelector('.cv-row-verdict')?.textContent).toContain('untolerated taint');
    expect(root.querySelector('[data-node="worker-4"]')?.getAttribute('data-state')).toBe(
      'may-stay',
    );
    expect(root.querySelector('[data-node="worker-3"] .cv-row-verdict')?.textContent).toContain(
      'Insufficient cpu',
    );
    expect(root.querySelector('[data-node="worker-1"] .cv-row-verdict')).toBeNull();
  });

  it('shows taints with their effect, cordon and NotReady, and resource numbers', () => {
    const root = mountScene();
    const taint = root.querySelector('[data-node="control-plane"] .cv-row-taint');
    expect(taint?.getAttribute('data-effect')).toBe('NoSchedule');
    expect(taint?.textContent).toBe('…/control-planeNoSchedule');
    expect(taint?.getAttribute('title')).toBe(
      'taint node-role.kubernetes.io/control-plane:NoSchedule',
    );
    expect(root.querySelector('[data-node="worker-2"]')?.textContent).toContain(
      'SchedulingDisabled',
    );
    expect(root.querySelector('[data-node="worker-4"]')?.textContent).toContain('NotReady');
    expect(root.querySelector('[data-node="worker-3"] .cv-resource-text')?.textContent).toBe(
      '400m / 500m',
    );
  });

  it('selects a node or a pod by click and by keyboard', async () => {
    const selections: ClusterSelection[] = [];
    mountScene(selections);
    await page.elementLocator(document.querySelector('[data-pod="fluentd-ccccc"]')!).click();
    expect(selections.at(-1)).toEqual({ kind: 'pod', namespace: 'default', name: 'fluentd-ccccc' });
    await page.elementLocator(document.querySelector('[data-node="worker-2"]')!).click({
      position: { x: 5, y: 5 },
    });
    expect(selections.at(-1)).toEqual({ kind: 'node', name: 'worker-2' });
    document.querySelector<HTMLElement>('[data-node="worker-1"] .cv-node-button')!.focus();
    await userEvent.keyboard('{Enter}');
    expect(selections.at(-1)).toEqual({ kind: 'node', name: 'worker-1' });
    document.querySelector<HTMLElement>('[data-pod="fluentd-aaaaa"]')!.focus();
    await userEvent.keyboard(' ');
    expect(selections.at(-1)).toEqual({ kind: 'pod', namespace: 'default', name: 'fluentd-aaaaa' });
  });

  it('moves between nodes with the arrow keys', async () => {
    mountScene();
    document.querySelector<HTMLElement>('[data-node="control-plane"] .cv-node-button')!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement?.closest('[data-node]')?.getAttribute('data-node')).toBe(
      'worker-1',
    );
    await userEvent.keyboard('{End}');
    expect(document.activeElement?.closest('[data-node]')?.getAttribute('data-node')).toBe(
      'worker-4',
    );
    await userEvent.keyboard('{Home}');
    expect(document.activeElement?.closest('[data-node]')?.getAttribute('data-node')).toBe(
      'control-plane',
    );
  });

  it('replaces a pod in place and drops the hooks of the one that left at once', () => {
    const root = mountScene();
    const next = rolloutScene();
    next.objects.Pod = next.objects.Pod.filter((p) => p.metadata.name !== 'fluentd-bbbbb');
    next.objects.Pod.push(
      makePod('fluentd-eeeee', {
        node: 'worker-2',
        owner: 'fluentd',
        hash: 'new111',
        phase: 'Pending',
        waiting: 'ContainerCreating',
      }),
    );
    mounted!.props.snapshot = next;
    flushSync();
    expect(root.querySelector('[data-pod="fluentd-bbbbb"]')).toBeNull();
    const fresh = root.querySelector('[data-node="worker-2"] [data-pod="fluentd-eeeee"]');
    expect(fresh?.getAttribute('data-phase')).toBe('ContainerCreating');
  });

  it('fades new pods in, visible from the first frame, by opacity and scale only', () => {
    const root = mountScene();
    const chip = root.querySelector<HTMLElement>('[data-pod="fluentd-aaaaa"]')!;
    const arrivals = chip.getAnimations() as CSSAnimation[];
    expect(arrivals.map((a) => a.animationName)).toEqual(['cv-chip-enter']);
    const animated = (arrivals[0].effect as KeyframeEffect)
      .getKeyframes()
      .flatMap((k) =>
        Object.keys(k).filter(
          (p) => !['offset', 'easing', 'composite', 'computedOffset'].includes(p),
        ),
      );
    expect(new Set(animated)).toEqual(new Set(['opacity', 'scale']));
    // Its first frame already shows it, faint and small, not invisible.
    const first = (arrivals[0].effect as KeyframeEffect).getKeyframes()[0];
    expect(Number(first.opacity)).toBeGreaterThan(0);
  });

  it('slides a card that moves from its old place by a transition of translate', async () => {
    const root = mountScene();
    const card = root.querySelector<HTMLElement>('[data-node="worker-2"]')!;
    // Where the card is drawn on the canvas (which may itself move when the view narrows).
    const place = () => {
      const c = card.getBoundingClientRect();
      const p = card.parentElement!.getBoundingClientRect();
      return [Math.round(c.left - p.left), Math.round(c.top - p.top)];
    };
    const before = place();
    // A narrower view reflows the grid.
    root.style.width = '520px';
    const transitions = () => card.getAnimations().filter((a) => a instanceof CSSTransition);
    await expect.poll(() => transitions().length).toBeGreaterThan(0);
    const slides = transitions();
    expect(slides.map((a) => a.transitionProperty)).toEqual(['translate']);
    // On its first frame the card is still where it was.
    slides[0].pause();
    slides[0].currentTime = 0;
    expect(place()).toEqual(before);
    slides[0].finish();
    expect(place()).not.toEqual(before);
  });

  it('narrows a big cluster to the nodes that need attention', async () => {
    const nodes = Array.from({ length: 30 }, (_, i) =>
      makeNode(`n${String(i).padStart(2, '0')}`, { ready: i === 7 ? 'False' : 'True' }),
    );
    mounted = mountIn(ClusterView, {
      snapshot: makeSnapshot({ nodes }),
      selectedDaemonSet: undefined,
      selection: undefined as ClusterSelection,
      onselect: () => {},
    });
    expect(mounted.target.querySelectorAll('[data-node]')).toHaveLength(30);
    await page.getByRole('checkbox', { name: 'only nodes that need attention' }).click();
    expect(
      [...mounted.target.querySelectorAll('[data-node]')].map((n) => n.getAttribute('data-node')),
    ).toEqual(['n07']);
    await page.getByRole('checkbox', { name: 'only nodes that need attention' }).click();
    await page.getByRole('searchbox', { name: 'Find' }).fill('n2');
    expect(mounted.target.querySelectorAll('[data-node]')).toHaveLength(10);
    expect(mounted.target.textContent).toContain('10 of 30 nodes');
  });

  it('scrolls a node selected elsewhere into view, drawing it if it was virtualised away', async () => {
    const nodes = Array.from({ length: 2000 }, (_, i) =>
      makeNode(`n${String(i).padStart(4, '0')}`),
    );
    mounted = mountIn(ClusterView, {
      snapshot: makeSnapshot({ nodes }),
      selectedDaemonSet: undefined,
      selection: undefined as ClusterSelection,
      onselect: () => {},
    });
    expect(mounted.target.querySelector('[data-node="n1999"]')).toBeNull();
    mounted.props.selection = { kind: 'node', name: 'n1999' };
    flushSync();
    await expect
      .poll(() => mounted!.target.querySelector('[data-node="n1999"]'), { timeout: 5000 })
      .not.toBeNull();
    expect(mounted.target.querySelector('[data-node="n1999"]')?.classList).toContain('is-selected');
  });

  it('switches to tiles for thousands of nodes and draws only those in view', () => {
    const nodes = Array.from({ length: 2000 }, (_, i) =>
      makeNode(`n${String(i).padStart(4, '0')}`),
    );
    const pods = nodes.map((n, i) =>
      makePod(`a-${i}`, { node: n.metadata.name, owner: 'agent', hash: 'h' }),
    );
    mounted = mountIn(ClusterView, {
      snapshot: makeSnapshot({ nodes, pods }),
      selectedDaemonSet: { namespace: 'default', name: 'agent' },
      selection: undefined as ClusterSelection,
      onselect: () => {},
    });
    const drawn = mounted.target.querySelectorAll('[data-node]').length;
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(2000);
    expect(mounted.target.querySelector('.canvas')?.getAttribute('data-density')).toBe('tiny');
  });
});
