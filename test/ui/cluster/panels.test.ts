import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import ClusterTable from '../../../src/ui/cluster/ClusterTable.svelte';
import DaemonSetPicker from '../../../src/ui/cluster/DaemonSetPicker.svelte';
import NodeActions from '../../../src/ui/cluster/NodeActions.svelte';
import type { ClusterSelection, DaemonSetRef } from '../../../src/ui/cluster/selection.ts';
import WhyPanel from '../../../src/ui/why/WhyPanel.svelte';
import { makeDaemonSet, rolloutScene } from '../../ui-unit/cluster/fixtures.ts';
import { mountIn, type Mounted } from './harness.svelte.ts';

const FLUENTD = { namespace: 'default', name: 'fluentd' };
let mounted: Mounted<Record<string, unknown>> | undefined;

afterEach(() => {
  mounted?.destroy();
  mounted = undefined;
});

describe('WhyPanel', () => {
  function mountWhy(selection: ClusterSelection, selections: ClusterSelection[] = []) {
    mounted = mountIn(WhyPanel, {
      snapshot: rolloutScene(),
      selectedDaemonSet: FLUENTD,
      selection,
      onselect: (s: ClusterSelection) => selections.push(s),
    });
    return mounted.target;
  }

  it('invites a click when nothing is selected', () => {
    expect(mountWhy(undefined).textContent).toContain('Click a node or a pod');
  });

  it('explains a Pending pod with the failing check, its data and its events', () => {
    const root = mountWhy({ kind: 'pod', namespace: 'default', name: 'fluentd-ccccc' });
    expect(root.querySelector('[data-testid="why-pod-status"]')?.textContent).toContain('Pending');
    const failed = root.querySelector('[data-check="resources"]');
    expect(failed?.getAttribute('data-passed')).toBe('false');
    expect(failed?.textContent).toContain('Insufficient cpu');
    expect(failed?.textContent).toContain('requested 1, used 400m, allocatable 500m');
    expect(root.querySelector('[data-testid="why-sentence"]')?.textContent).toMatch(
      /should run fluentd.*stays Pending/,
    );
    const event = root.querySelector('.events [data-reason="FailedScheduling"]');
    expect(event?.textContent).toContain('0/5 nodes are available');
    expect(root.textContent).not.toContain('Successfully assigned');
  });

  it('says an existing pod may stay on a node tainted NoSchedule by NotReady', () => {
    const root = mountWhy({ kind: 'node', name: 'worker-4' });
    expect(root.querySelector('[data-testid="why-sentence"]')?.textContent).toMatch(
      /^An existing pod may stay: .*not-ready:NoSchedule.*only blocks new pods/,
    );
    expect(root.textContent).toContain('shouldRun: false');
    expect(root.textContent).toContain('shouldContinueRunning: true');
  });

  it('lets the learner jump from a node to one of its pods', async () => {
    const selections: ClusterSelection[] = [];
    mountWhy({ kind: 'node', name: 'worker-3' }, selections);
    await page.getByRole('button', { name: 'web-1' }).click();
    expect(selections).toEqual([{ kind: 'pod', namespace: 'default', name: 'web-1' }]);
  });

  it("leads with the engine's diagnosis of a pod, above the facts, and keeps the verdict below", () => {
    const snapshot = rolloutScene();
    snapshot.diagnosis = {
      pods: [
        {
          namespace: 'default',
          name: 'fluentd-aaaaa',
          uid: 'uid-pod-fluentd-aaaaa',
          diagnosis: {
            stage: 'notRunning',
            reason: 'missingVolume',
            volume: 'config',
            source: 'ConfigMap',
            name: 'fluentd-config',
          },
        },
      ],
      rollouts: [],
    };
    mounted = mountIn(WhyPanel, {
      snapshot,
      selectedDaemonSet: FLUENTD,
      selection: { kind: 'pod', namespace: 'default', name: 'fluentd-aaaaa' },
      onselect: () => {},
    });
    const panel = mounted.target.querySelector('[data-why]');
    const lead = panel?.querySelector('h2 + p');
    expect(lead?.getAttribute('data-from')).toBe('pod');
    expect(lead?.textContent).toMatch(
      /^Placed, but not running: the kubelet cannot mount volume "config" because ConfigMap "fluentd-config" does not exist/,
    );
    expect(panel?.querySelector('[data-testid="why-sentence"]')?.textContent).toMatch(
      /every check passes/,
    );
  });

  it('follows the selection as it changes', () => {
    const root = mountWhy({ kind: 'node', name: 'worker-1' });
    expect(root.querySelector('h2')?.textContent).toContain('worker-1');
    mounted!.props.selection = { kind: 'node', name: 'gone' };
    flushSync();
    expect(root.textContent).toContain('Node gone no longer exists');
  });
});

describe('ClusterTable', () => {
  it('lists nodes with status, taints, pods and the verdict', () => {
    mounted = mountIn(ClusterTable, {
      snapshot: rolloutScene(),
      selectedDaemonSet: FLUENTD,
      selection: undefined as ClusterSelection,
      onselect: () => {},
    });
    const root = mounted.target;
    expect(root.querySelectorAll('tbody tr')).toHaveLength(5);
    const cp = root.querySelector('[data-table-node="control-plane"]')!;
    expect(cp.textContent).toContain('node-role.kubernetes.io/control-plane:NoSchedule');
    expect(cp.textContent).toContain('Not for this DaemonSet');
    const w2 = root.querySelector('[data-table-node="worker-2"]')!;
    expect(w2.textContent).toContain('Ready,SchedulingDisabled');
    expect(w2.textContent).toContain('revision 1, old');
    expect(root.querySelector('caption')?.textContent).toContain('fluentd');
  });

  it('selects a pod from its button', async () => {
    const selections: ClusterSelection[] = [];
    mounted = mountIn(ClusterTable, {
      snapshot: rolloutScene(),
      selectedDaemonSet: FLUENTD,
      selection: undefined as ClusterSelection,
      onselect: (s: ClusterSelection) => selections.push(s),
    });
    await page.getByRole('button', { name: 'fluentd-bbbbb' }).click();
    expect(selections).toEqual([{ kind: 'pod', namespace: 'default', name: 'fluentd-bbbbb' }]);
  });
});

describe('NodeActions', () => {
  function mountActions(selection: ClusterSelection) {
    const commands: string[] = [];
    const added: [string, Record<string, string>][] = [];
    mounted = mountIn(NodeActions, {
      snapshot: rolloutScene(),
      selection,
      run: (c: string) => commands.push(c),
      addNode: (name: string, labels: Record<string, string>) => added.push([name, labels]),
    });
    return { commands, added };
  }

  it('runs the real kubectl and sim lines for the selected node', async () => {
    const { commands } = mountActions({ kind: 'node', name: 'worker-2' });
    await page.getByRole('button', { name: 'Uncordon' }).click();
    await page.getByRole('button', { name: 'Mark NotReady' }).click();
    await page.getByRole('button', { name: 'Remove label disk' }).click();
    await page.getByRole('button', { name: 'Delete node' }).click();
    await page.getByRole('button', { name: 'Really delete worker-2?' }).click();
    expect(commands).toEqual([
      'kubectl uncordon worker-2',
      'sim node worker-2 condition Ready=False',
      'kubectl label nodes worker-2 disk-',
      'kubectl delete node worker-2',
    ]);
  });

  it('adds and removes taints and labels from forms', async () => {
    const { commands } = mountActions({ kind: 'pod', namespace: 'default', name: 'fluentd-ddddd' });
    // A pod selection starts the actions on the pod's node.
    expect(mounted!.target.querySelector('select')?.value).toBe('worker-4');
    await page.getByRole('textbox', { name: 'Key' }).nth(1).fill('dedicated');
    await page.getByRole('textbox', { name: 'Value' }).nth(1).fill('gpu');
    await page.getByRole('combobox', { name: 'Effect' }).selectOptions('NoExecute');
    await page.getByRole('button', { name: 'Add taint' }).click();
    await page.getByRole('textbox', { name: 'Key' }).first().fill('disk');
    await page.getByRole('textbox', { name: 'Value' }).first().fill('nvme');
    await page.getByRole('button', { name: 'Set label' }).click();
    expect(commands).toEqual([
      'kubectl taint nodes worker-4 dedicated=gpu:NoExecute',
      'kubectl label nodes worker-4 disk=nvme --overwrite',
    ]);
  });

  it('resizes a node with sim node NAME allocatable, naming only the resources filled in', async () => {
    const { commands } = mountActions({ kind: 'node', name: 'worker-2' });
    await page.getByRole('textbox', { name: 'CPU' }).fill('8');
    await page.getByRole('textbox', { name: 'Pods' }).fill('50');
    await page.getByRole('button', { name: 'Resize' }).click();
    expect(commands).toEqual(['sim node worker-2 allocatable cpu=8 pods=50']);
  });

  it('removes a taint with kubectl taint KEY:EFFECT-', async () => {
    const { commands } = mountActions({ kind: 'node', name: 'control-plane' });
    await page
      .getByRole('button', {
        name: 'Remove taint node-role.kubernetes.io/control-plane:NoSchedule',
      })
      .click();
    expect(commands).toEqual([
      'kubectl taint nodes control-plane node-role.kubernetes.io/control-plane:NoSchedule-',
    ]);
  });

  it('asks the page to add a node with its labels', async () => {
    const { added } = mountActions(undefined);
    await page.getByRole('textbox', { name: 'Name' }).fill('worker-9');
    await page.getByRole('textbox', { name: 'Labels' }).fill('disk=ssd, zone=b');
    await userEvent.keyboard('{Enter}');
    expect(added).toEqual([['worker-9', { disk: 'ssd', zone: 'b' }]]);
  });
});

describe('DaemonSetPicker', () => {
  it('lists DaemonSets and reports the choice', async () => {
    const snapshot = rolloutScene();
    snapshot.objects.DaemonSet.push(makeDaemonSet('node-exporter'));
    const picks: (DaemonSetRef | undefined)[] = [];
    mounted = mountIn(DaemonSetPicker, {
      snapshot,
      selectedDaemonSet: FLUENTD,
      onchange: (ds: DaemonSetRef | undefined) => picks.push(ds),
    });
    const select = page.getByRole('combobox', { name: 'DaemonSet' });
    await select.selectOptions('default/node-exporter');
    expect(picks).toEqual([{ namespace: 'default', name: 'node-exporter' }]);
  });
});
