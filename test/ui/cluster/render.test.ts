import { afterEach, describe, expect, it } from 'vitest';
import { layoutCluster } from '../../../src/ui/cluster/layout.ts';
import { applyClusterView, type RenderOptions } from '../../../src/ui/cluster/render.ts';
import { rolloutScene } from '../../ui-unit/cluster/fixtures.ts';

const FLUENTD = { namespace: 'default', name: 'fluentd' };
let canvas: HTMLDivElement;
afterEach(() => canvas?.remove());

function draw(snapshot = rolloutScene(), options: Partial<RenderOptions> = {}) {
  const layout = layoutCluster(snapshot, FLUENTD, 900);
  applyClusterView(canvas, layout, layout.cards, {
    selection: undefined,
    daemonSetName: 'fluentd',
    reducedMotion: true,
    onselect: () => {},
    ...options,
  });
}

type ScenePod = ReturnType<typeof rolloutScene>['objects']['Pod'][number];

/**
 * Draws the rollout scene, then lays out (reusing the first layout) the scene with one pod
 * changed by `change`; returns that layout, not yet drawn, and the options used.
 */
function drawThenChange(name: string, change: (pod: ScenePod) => ScenePod) {
  canvas = document.createElement('div');
  document.body.append(canvas);
  const options: RenderOptions = {
    selection: undefined,
    daemonSetName: 'fluentd',
    reducedMotion: true,
    onselect: () => {},
  };
  const first = rolloutScene();
  const before = layoutCluster(first, FLUENTD, 900);
  applyClusterView(canvas, before, before.cards, options);
  const second = {
    ...first,
    objects: {
      ...first.objects,
      Pod: first.objects.Pod.map((p) => (p.metadata.name === name ? change(p) : p)),
    },
  };
  return { after: layoutCluster(second, FLUENTD, 900, undefined, undefined, before), options };
}

describe('applyClusterView', () => {
  it('with reduced motion, shows and removes pods at once', () => {
    canvas = document.createElement('div');
    document.body.append(canvas);
    draw();
    const chip = canvas.querySelector<HTMLElement>('[data-pod="fluentd-aaaaa"]')!;
    expect(chip.classList).not.toContain('cv-enter');
    expect(chip.getAnimations()).toHaveLength(0);
    expect(getComputedStyle(chip).opacity).toBe('1');
    const next = rolloutScene();
    next.objects.Pod = next.objects.Pod.filter((p) => p.metadata.name !== 'fluentd-aaaaa');
    draw(next);
    expect(canvas.querySelector('[data-pod="fluentd-aaaaa"]')).toBeNull();
    expect(canvas.querySelector('[data-leaving]')).toBeNull();
  });

  it('animates a leaving pod without its test hooks, then removes it', async () => {
    canvas = document.createElement('div');
    document.body.append(canvas);
    draw(rolloutScene(), { reducedMotion: false });
    const next = rolloutScene();
    next.objects.Pod = next.objects.Pod.filter((p) => p.metadata.name !== 'fluentd-aaaaa');
    draw(next, { reducedMotion: false });
    expect(canvas.querySelector('[data-pod="fluentd-aaaaa"]')).toBeNull();
    const leaving = canvas.querySelector('[data-leaving="fluentd-aaaaa"]');
    expect(leaving?.getAttribute('aria-hidden')).toBe('true');
    await new Promise((r) => setTimeout(r, 600));
    expect(canvas.querySelector('[data-leaving]')).toBeNull();
  });

  it('flashes the banner of a node that starts refusing, but not on the first draw', () => {
    canvas = document.createElement('div');
    document.body.append(canvas);
    draw(rolloutScene(), { reducedMotion: false });
    expect(canvas.querySelector('.cv-flash')).toBeNull();
    const next = rolloutScene();
    const verdict = next.verdicts[0].nodes.find((v) => v.node === 'worker-1')!;
    verdict.shouldRun = false;
    verdict.shouldContinueRunning = false;
    verdict.checks = [
      {
        check: 'taints',
        passed: false,
        message: 'node(s) had untolerated taint {maintenance: now}',
        items: [{ subject: 'maintenance=now:NoExecute', passed: false, detail: 'no toleration' }],
      },
    ];
    draw(next, { reducedMotion: false });
    expect(canvas.querySelectorAll('.cv-flash')).toHaveLength(1);
    expect(canvas.querySelector('[data-node="worker-1"] .cv-flash')?.textContent).toContain(
      'maintenance=now:NoExecute',
    );
  });

  it('keeps the element of a pod that stays, so focus survives a new snapshot', () => {
    canvas = document.createElement('div');
    document.body.append(canvas);
    draw();
    const chip = canvas.querySelector<HTMLElement>('[data-pod="fluentd-bbbbb"]')!;
    chip.focus();
    const next = rolloutScene();
    next.objects.Pod[1].status.containerStatuses![0].state = {
      waiting: { reason: 'CrashLoopBackOff' },
    };
    draw(next);
    expect(canvas.querySelector('[data-pod="fluentd-bbbbb"]')).toBe(chip);
    expect(chip.getAttribute('data-phase')).toBe('CrashLoopBackOff');
    expect(document.activeElement).toBe(chip);
  });

  it('redrawing a card keeps the text nodes whose words did not change', () => {
    canvas = document.createElement('div');
    document.body.append(canvas);
    draw();
    const name = canvas.querySelector('[data-node="worker-4"] .cv-node-name')!;
    const textNode = name.firstChild;
    const next = rolloutScene();
    next.objects.Pod = next.objects.Pod.map((p) =>
      p.metadata.name === 'fluentd-ddddd' ? { ...p, status: { phase: 'Pending' as const } } : p,
    );
    const observer = new MutationObserver(() => {});
    observer.observe(canvas, { subtree: true, childList: true, characterData: true });
    // A fresh layout (no reuse): every card is drawn again, yet unchanged words stay put.
    draw(next);
    const records = observer.takeRecords();
    expect(canvas.querySelector('[data-node="worker-4"] .cv-node-name')!.firstChild).toBe(textNode);
    expect(records.some((r) => r.target === name)).toBe(false);
  });

  it('on a card drawn again, leaves alone the chips of pods that did not change', () => {
    // worker-3 holds fluentd-ccccc and web-1; only fluentd-ccccc changes.
    const { after, options } = drawThenChange('fluentd-ccccc', (p) => ({
      ...p,
      metadata: { ...p.metadata, labels: { ...p.metadata.labels, x: 'y' } },
    }));
    const web = canvas.querySelector('[data-pod="web-1"]')!;
    const observer = new MutationObserver(() => {});
    observer.observe(canvas, {
      subtree: true,
      attributes: true,
      characterData: true,
      childList: true,
    });
    applyClusterView(canvas, after, after.cards, options);
    const records = observer.takeRecords();
    expect(records.some((r) => web.contains(r.target))).toBe(false);
    expect(canvas.querySelector('[data-pod="web-1"]')).toBe(web);
  });

  it('leaves alone the cards whose layout card and selection did not change', () => {
    const { after, options } = drawThenChange('fluentd-ddddd', (p) => ({
      ...p,
      status: { phase: 'Pending' as const },
    }));
    const touched = (records: MutationRecord[]) =>
      new Set(
        // The canvas itself gets its height again on every draw.
        records
          .filter((r) => r.target !== canvas)
          .map((r) =>
            (r.target instanceof Element ? r.target : r.target.parentElement)
              ?.closest('[data-node]')
              ?.getAttribute('data-node'),
          ),
      );
    const observer = new MutationObserver(() => {});
    observer.observe(canvas, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    applyClusterView(canvas, after, after.cards, options);
    expect(touched(observer.takeRecords())).toEqual(new Set(['worker-4']));
    expect(canvas.querySelector('[data-pod="fluentd-ddddd"]')?.getAttribute('data-phase')).toBe(
      'Pending',
    );
    // Selecting a pod redraws its card only; the click handlers of cards left alone still
    // reach the newest onselect.
    const picked: unknown[] = [];
    applyClusterView(canvas, after, after.cards, {
      ...options,
      selection: { kind: 'pod', namespace: 'default', name: 'fluentd-aaaaa' },
      onselect: (s) => picked.push(s),
    });
    expect(touched(observer.takeRecords())).toEqual(new Set(['worker-1']));
    canvas.querySelector<HTMLElement>('[data-node="worker-2"]')!.click();
    expect(picked).toEqual([{ kind: 'node', name: 'worker-2' }]);
    observer.disconnect();
  });

  it('marks arrivals for the fade-in and places cards and chips by translate', () => {
    canvas = document.createElement('div');
    document.body.append(canvas);
    draw(rolloutScene(), { reducedMotion: false });
    // ClusterView.svelte's rules fade arrivals in and slide moves (see its component test).
    expect(canvas.hasAttribute('data-motion')).toBe(true);
    const chip = canvas.querySelector<HTMLElement>('[data-pod="fluentd-aaaaa"]')!;
    const card = canvas.querySelector<HTMLElement>('[data-node="worker-2"]')!;
    expect(chip.classList).toContain('cv-enter');
    expect(card.classList).toContain('cv-enter');
    const wide = card.style.translate;
    const narrow = layoutCluster(rolloutScene(), FLUENTD, 500);
    applyClusterView(canvas, narrow, narrow.cards, {
      selection: undefined,
      daemonSetName: 'fluentd',
      reducedMotion: false,
      onselect: () => {},
    });
    const moved = narrow.cards.find((c) => c.node?.name === 'worker-2')!;
    expect(card.style.translate).toBe(`${moved.x}px ${moved.y}px`);
    expect(card.style.translate).not.toBe(wide);
    // No motion asked for: the canvas says so, and the CSS transitions stay off.
    draw(rolloutScene(), { reducedMotion: true });
    expect(canvas.hasAttribute('data-motion')).toBe(false);
  });
});
