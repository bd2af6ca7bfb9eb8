import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import ClusterView from '../../../src/ui/cluster/ClusterView.svelte';
import NodeActions from '../../../src/ui/cluster/NodeActions.svelte';
import type { ClusterSelection } from '../../../src/ui/cluster/selection.ts';
import WhyPanel from '../../../src/ui/why/WhyPanel.svelte';
import { mountIn, type Mounted } from './harness.svelte.ts';
import { createRealCluster } from './real-cluster.ts';

const FLUENTD = { namespace: 'default', name: 'fluentd' };
const mounts: Mounted<Record<string, unknown>>[] = [];
afterEach(() => {
  while (mounts.length) mounts.pop()!.destroy();
});

function setUp() {
  const real = createRealCluster();
  real.run('kubectl apply -f nodes.yaml', 'kubectl apply -f ds.yaml', 'sim settle');
  const view = mountIn(ClusterView, {
    snapshot: real.snapshot(),
    selectedDaemonSet: FLUENTD,
    selection: undefined as ClusterSelection,
    onselect: () => {},
  });
  mounts.push(view);
  const refresh = () => {
    view.props.snapshot = real.snapshot();
    flushSync();
  };
  return { real, view, root: view.target, refresh };
}

describe('ClusterView on a real simulated cluster', () => {
  it('runs fluentd where labels and taints allow and says why not elsewhere', () => {
    const { root, real } = setUp();
    const pod = root.querySelector('[data-node="worker-1"] [data-pod]');
    expect(pod?.getAttribute('data-phase')).toBe('Running');
    expect(pod?.getAttribute('data-ready')).toBe('true');
    const podObject = real
      .snapshot()
      .objects.Pod.find((p) => p.metadata.name === pod?.getAttribute('data-pod'));
    expect(pod?.getAttribute('data-revision')).toBe(
      podObject?.metadata.labels?.['controller-revision-hash'],
    );
    expect(root.querySelector('[data-node="worker-2"] [data-pod]')).toBeNull();
    expect(root.querySelector('[data-node="worker-2"]')?.getAttribute('data-state')).toBe(
      'excluded',
    );
    expect(root.querySelector('[data-node="worker-2"] .cv-row-verdict')?.textContent).toContain(
      'disk=ssd',
    );
    const banner = root.querySelector('[data-node="control-plane"] .cv-row-verdict');
    // The card shortens the well-known prefix; the tooltip keeps kubectl's full spelling.
    expect(banner?.textContent).toContain('untolerated taint …/control-plane:NoSchedule');
    expect(banner?.getAttribute('title')).toContain(
      'node-role.kubernetes.io/control-plane:NoSchedule',
    );
  });

  it('shows the pod that does not fit as Pending on its node', () => {
    const { root } = setUp();
    const pending = root.querySelector('[data-node="worker-3"] [data-pod]');
    expect(pending?.getAttribute('data-phase')).toBe('Pending');
    expect(pending?.getAttribute('data-ready')).toBe('false');
    expect(root.querySelector('[data-node="worker-3"]')?.getAttribute('data-state')).toBe('unfit');
    expect(root.querySelector('[data-node="worker-3"] .cv-row-verdict')?.textContent).toContain(
      'Insufficient cpu',
    );
  });

  it('colours pods by revision during a rollout and ends on the new one', () => {
    const { root, real, refresh } = setUp();
    const before = root
      .querySelector('[data-node="worker-1"] [data-pod]')
      ?.getAttribute('data-revision');
    real.run('kubectl rollout restart ds/fluentd', 'sim settle');
    refresh();
    const chip = root.querySelector('[data-node="worker-1"] [data-pod]');
    expect(chip?.getAttribute('data-revision')).not.toBe(before);
    expect(chip?.getAttribute('data-role')).toBe('current');
    expect(chip?.textContent).toContain('rev 2');
    // Once no old pod is left, the chip stops calling itself new.
    expect(chip?.textContent).not.toContain('new');
  });

  function mountActions(real: ReturnType<typeof setUp>['real'], refresh: () => void, node: string) {
    const lines: string[] = [];
    mounts.push(
      mountIn(NodeActions, {
        snapshot: real.snapshot(),
        selection: { kind: 'node', name: node } as ClusterSelection,
        run: (line: string) => {
          lines.push(line);
          real.run(line);
          refresh();
        },
        addNode: () => {},
      }),
    );
    return lines;
  }

  it('runs node actions through the console and redraws from the new snapshot', async () => {
    const { root, real, refresh } = setUp();
    const lines = mountActions(real, refresh, 'worker-1');
    await page.getByRole('button', { name: 'Cordon' }).click();
    expect(root.querySelector('[data-node="worker-1"]')?.getAttribute('data-status')).toBe(
      'Ready,SchedulingDisabled',
    );
    // Cordoning never removes a daemon pod: it tolerates node.kubernetes.io/unschedulable.
    expect(root.querySelector('[data-node="worker-1"] [data-pod]')).not.toBeNull();
    await page.getByRole('button', { name: 'Mark NotReady' }).click();
    expect(root.querySelector('[data-node="worker-1"]')?.getAttribute('data-status')).toBe(
      'NotReady,SchedulingDisabled',
    );
    expect(lines).toEqual(['kubectl cordon worker-1', 'sim node worker-1 condition Ready=False']);
  });

  it('creates a pod when a new label makes the node match the nodeSelector', async () => {
    const { root, real, refresh } = setUp();
    const lines = mountActions(real, refresh, 'worker-2');
    await page.getByRole('textbox', { name: 'Key' }).first().fill('disk');
    await page.getByRole('textbox', { name: 'Value' }).first().fill('ssd');
    await page.getByRole('button', { name: 'Set label' }).click();
    expect(lines).toEqual(['kubectl label nodes worker-2 disk=ssd --overwrite']);
    // The DaemonSet controller reacts to the node change at once.
    expect(root.querySelector('[data-node="worker-2"]')?.getAttribute('data-state')).toBe('runs');
    expect(root.querySelector('[data-node="worker-2"] [data-pod]')).not.toBeNull();
  });

  it('explains a Pending pod with the scheduler event in the why panel', () => {
    const { root, real } = setUp();
    const name = root.querySelector('[data-node="worker-3"] [data-pod]')!.getAttribute('data-pod')!;
    const why = mountIn(WhyPanel, {
      snapshot: real.snapshot(),
      selectedDaemonSet: FLUENTD,
      selection: { kind: 'pod', namespace: 'default', name } as ClusterSelection,
      onselect: () => {},
    });
    mounts.push(why);
    expect(why.target.querySelector('[data-check="resources"]')?.getAttribute('data-passed')).toBe(
      'false',
    );
    expect(why.target.querySelector('[data-reason="FailedScheduling"]')?.textContent).toContain(
      'Insufficient cpu',
    );
    expect(why.target.querySelector('[data-testid="why-sentence"]')?.textContent).toContain(
      'stays Pending',
    );
  });
});
