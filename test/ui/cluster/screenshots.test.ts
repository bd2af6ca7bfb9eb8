/**
 * Renders the cluster view, the why panel, the table and the node actions side by side in
 * both themes and saves screenshots under test/ui/cluster/__screenshots__/review (gitignored), for a person
 * to look at. Runs only when
 * VITE_DSP_SCREENSHOTS=1, so the normal suite writes nothing outside the repository.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import ClusterView from '../../../src/ui/cluster/ClusterView.svelte';
import ClusterTable from '../../../src/ui/cluster/ClusterTable.svelte';
import DaemonSetPicker from '../../../src/ui/cluster/DaemonSetPicker.svelte';
import NodeActions from '../../../src/ui/cluster/NodeActions.svelte';
import WhyPanel from '../../../src/ui/why/WhyPanel.svelte';
import type { ClusterSelection } from '../../../src/ui/cluster/selection.ts';
import type { ClusterSnapshot } from '../../../src/protocol/cluster.ts';
import {
  makeDaemonSet,
  makeNode,
  makePod,
  makeRevision,
  makeSnapshot,
  passVerdict,
  rolloutScene,
} from '../../ui-unit/cluster/fixtures.ts';
import { createRealCluster } from './real-cluster.ts';

const enabled = Boolean(import.meta.env.VITE_DSP_SCREENSHOTS);
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  delete document.documentElement.dataset.theme;
});

function scene(snapshot: ClusterSnapshot, selection: ClusterSelection, ds = 'fluentd') {
  const root = document.createElement('div');
  root.style.cssText =
    'display:grid;grid-template-columns:1fr 380px;grid-template-rows:auto 1fr;gap:0;width:1280px;height:900px;background:Canvas;color:CanvasText;color-scheme:inherit';
  document.body.style.margin = '0';
  document.body.append(root);
  const top = document.createElement('div');
  top.style.cssText = 'grid-column:1 / 3;padding:6px 10px';
  const left = document.createElement('div');
  left.style.cssText = 'min-height:0;display:flex;flex-direction:column';
  const right = document.createElement('div');
  right.style.cssText = 'min-height:0;overflow:auto;border-left:1px solid #8884';
  root.append(top, left, right);
  const selected = { namespace: 'default', name: ds };
  const common = { snapshot, selectedDaemonSet: selected, selection, onselect: () => {} };
  const instances = [
    mount(DaemonSetPicker, {
      target: top,
      props: { snapshot, selectedDaemonSet: selected, onchange: () => {} },
    }),
    mount(ClusterView, { target: left, props: common }),
    mount(WhyPanel, { target: right, props: common }),
    mount(NodeActions, {
      target: right,
      props: { snapshot, selection, run: () => {}, addNode: () => {} },
    }),
  ];
  flushSync();
  cleanups.push(() => {
    instances.forEach((i) => unmount(i));
    root.remove();
  });
  return root;
}

describe.runIf(enabled)('screenshots for review', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`renders the hand-made rollout scene in the ${theme} theme`, async () => {
      await page.viewport(1280, 900);
      document.documentElement.dataset.theme = theme;
      const root = scene(rolloutScene(), {
        kind: 'pod',
        namespace: 'default',
        name: 'fluentd-ccccc',
      });
      await new Promise((r) => setTimeout(r, 400));
      const path = await page.screenshot({
        element: root,
        path: `__screenshots__/review/dsp-fixture-${theme}.png`,
      });
      expect(path).toContain('dsp-fixture');
    });

    it(`renders a real cluster mid-rollout in the ${theme} theme`, async () => {
      await page.viewport(1280, 900);
      document.documentElement.dataset.theme = theme;
      const real = createRealCluster();
      real.run(
        'kubectl apply -f nodes.yaml',
        'kubectl apply -f more-nodes.yaml',
        'kubectl apply -f ds.yaml',
        'sim settle',
        'kubectl cordon worker-4',
        'sim node worker-6 condition Ready=False',
        'sim settle',
        'kubectl rollout restart ds/fluentd',
        'sim wait 3s',
      );
      const snapshot = real.snapshot();
      const pending = snapshot.objects.Pod.find((p) => !p.spec.nodeName);
      const root = scene(
        snapshot,
        pending ? { kind: 'pod', namespace: 'default', name: pending.metadata.name } : undefined,
      );
      await new Promise((r) => setTimeout(r, 400));
      const path = await page.screenshot({
        element: root,
        path: `__screenshots__/review/dsp-cluster-${theme}.png`,
      });
      expect(path).toContain('dsp-cluster');
    });
  }

  it('renders failing and terminating pods from a real cluster', async () => {
    await page.viewport(1280, 900);
    const real = createRealCluster();
    real.run(
      'kubectl apply -f nodes.yaml',
      'kubectl apply -f more-nodes.yaml',
      'kubectl apply -f ds.yaml',
      'sim settle',
      'kubectl set image ds/fluentd fluentd=quay.io/fluentd_elasticsearch/fluentd:v0.0.0-nope',
      'sim wait 40s',
    );
    const snapshot = real.snapshot();
    const root = scene(snapshot, undefined);
    await new Promise((r) => setTimeout(r, 400));
    await page.screenshot({
      element: root,
      path: '__screenshots__/review/dsp-cluster-failing.png',
    });
  });

  it('renders init containers, a replaced pod and a NoExecute taint from a real cluster', async () => {
    await page.viewport(1280, 900);
    const real = createRealCluster();
    real.run(
      'kubectl apply -f nodes.yaml',
      'kubectl apply -f more-nodes.yaml',
      'kubectl apply -f ds.yaml',
      'kubectl apply -f agent.yaml',
      'sim wait 20s',
    );
    const victim = real
      .snapshot()
      .objects.Pod.find(
        (p) => p.spec.nodeName === 'worker-1' && p.metadata.name.startsWith('fluentd'),
      );
    real.run(
      `kubectl delete pod ${victim?.metadata.name}`,
      'kubectl taint nodes worker-5 maintenance=now:NoExecute',
      'sim wait 1s',
    );
    const root = scene(real.snapshot(), { kind: 'node', name: 'worker-5' });
    await new Promise((r) => setTimeout(r, 400));
    await page.screenshot({
      element: root,
      path: '__screenshots__/review/dsp-cluster-lifecycle.png',
    });
  });

  it('renders the table and a 500-node cluster', async () => {
    await page.viewport(1280, 900);
    const nodes = Array.from({ length: 500 }, (_, i) =>
      makeNode(`node-${String(i).padStart(3, '0')}`, {
        taints:
          i % 7 === 0 ? [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] : undefined,
        ready: i % 50 === 3 ? 'False' : 'True',
      }),
    );
    const pods = nodes
      .filter((_, i) => i % 7 !== 0)
      .map((n, i) =>
        makePod(`agent-${i}`, {
          node: n.metadata.name,
          owner: 'agent',
          hash: i % 3 ? 'new' : 'old',
          phase: i % 11 ? 'Running' : 'Pending',
        }),
      );
    const verdicts = nodes.map((n, i) =>
      i % 7 === 0
        ? {
            node: n.metadata.name,
            shouldRun: false,
            shouldContinueRunning: true,
            checks: [
              {
                check: 'taints' as const,
                passed: false,
                message: 'node(s) had untolerated taint {dedicated: gpu}',
                items: [
                  { subject: 'dedicated=gpu:NoSchedule', passed: false, detail: 'no toleration' },
                ],
              },
            ],
          }
        : passVerdict(n.metadata.name),
    );
    const snapshot = makeSnapshot({
      nodes,
      pods,
      daemonSets: [makeDaemonSet('agent')],
      revisions: [makeRevision('agent', 'old', 1), makeRevision('agent', 'new', 2)],
      verdicts: [{ namespace: 'default', name: 'agent', nodes: verdicts }],
    });
    const root = scene(snapshot, { kind: 'node', name: 'node-007' }, 'agent');
    await new Promise((r) => setTimeout(r, 400));
    await page.screenshot({ element: root, path: '__screenshots__/review/dsp-cluster-500.png' });

    const table = document.createElement('div');
    table.style.cssText = 'width:1000px;height:700px;overflow:auto';
    document.body.append(table);
    const t = mount(ClusterTable, {
      target: table,
      props: {
        snapshot: rolloutScene(),
        selectedDaemonSet: { namespace: 'default', name: 'fluentd' },
        selection: { kind: 'node', name: 'worker-3' },
        onselect: () => {},
      },
    });
    flushSync();
    cleanups.push(() => {
      unmount(t);
      table.remove();
    });
    await page.screenshot({ element: table, path: '__screenshots__/review/dsp-cluster-table.png' });
  });
});
