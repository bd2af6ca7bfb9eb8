import { describe, expect, it } from 'vitest';
import { FILTERS } from '../../../src/engine/scheduling/filters.ts';
import type { FilterName, NodeVerdict } from '../../../src/protocol/cluster.ts';
import { checkTitle, explainVerdict } from '../../../src/ui/why/explain.ts';
import { passVerdict } from './fixtures.ts';

const taintVerdict = (effect: string, shouldContinueRunning: boolean): NodeVerdict => ({
  node: 'n1',
  shouldRun: false,
  shouldContinueRunning,
  checks: [
    {
      check: 'taints',
      passed: false,
      message: 'node(s) had untolerated taint {dedicated: gpu}',
      items: [
        { subject: `dedicated=gpu:${effect}`, passed: false, detail: 'no toleration matches' },
      ],
    },
  ],
});

describe('explainVerdict', () => {
  it('says an existing pod may stay on a NoSchedule taint', () => {
    const text = explainVerdict(taintVerdict('NoSchedule', true), {
      daemonSet: 'fluentd',
      hasPod: true,
    });
    expect(text).toMatch(
      /^An existing pod may stay: .*dedicated=gpu:NoSchedule.* only blocks new pods/,
    );
  });

  it('says no new pod comes on a NoSchedule taint when none is there', () => {
    const text = explainVerdict(taintVerdict('NoSchedule', true), {
      daemonSet: 'fluentd',
      hasPod: false,
    });
    expect(text).toMatch(/No new pod on n1/);
  });

  it('says NoExecute evicts running pods too', () => {
    const text = explainVerdict(taintVerdict('NoExecute', false), {
      daemonSet: 'fluentd',
      hasPod: false,
    });
    expect(text).toMatch(/NoExecute also evicts pods that are already running/);
  });

  it('explains a label mismatch with the failed terms', () => {
    const verdict: NodeVerdict = {
      node: 'n1',
      shouldRun: false,
      shouldContinueRunning: false,
      checks: [
        {
          check: 'nodeSelector',
          passed: false,
          message: "node(s) didn't match Pod's node affinity/selector",
          items: [{ subject: 'disk=ssd', passed: false, detail: 'node has disk=hdd' }],
        },
      ],
    };
    expect(explainVerdict(verdict, { daemonSet: 'fluentd', hasPod: false })).toMatch(
      /labels do not match the DaemonSet's nodeSelector \(disk=ssd\)/,
    );
  });

  it('says a pod that should run but does not fit stays Pending', () => {
    const verdict = passVerdict('n1');
    verdict.checks = verdict.checks.map((c) =>
      c.check === 'resources' ? { ...c, passed: false, message: 'Insufficient cpu' } : c,
    );
    expect(explainVerdict(verdict, { daemonSet: 'fluentd', hasPod: true })).toMatch(
      /should run fluentd.*Insufficient cpu.*stays Pending/,
    );
  });

  it('says a node that passes every check keeps exactly one pod', () => {
    expect(explainVerdict(passVerdict('n1'), { daemonSet: 'fluentd', hasPod: true })).toMatch(
      /n1 runs fluentd/,
    );
  });

  it('explains a node the labels exclude by its labels, even when a NoSchedule taint fails first', () => {
    const verdict: NodeVerdict = {
      ...taintVerdict('NoSchedule', false),
      checks: [
        ...taintVerdict('NoSchedule', false).checks,
        {
          check: 'nodeSelector',
          passed: false,
          message: "node(s) didn't match Pod's node affinity/selector",
          items: [{ subject: 'disk=ssd', passed: false, detail: 'node has no label disk' }],
        },
      ],
    };
    expect(explainVerdict(verdict, { daemonSet: 'fluentd', hasPod: false })).toMatch(
      /^No pod on n1: its labels do not match the DaemonSet's nodeSelector \(disk=ssd\)/,
    );
  });

  it('never says every check passes while a check fails, whichever filter it is, known or not', () => {
    const names = [...FILTERS.map((f) => f.name), 'aFilterFromANewerEngine' as FilterName];
    for (const name of names) {
      for (const shouldRun of [true, false]) {
        const verdict = passVerdict('n1');
        verdict.shouldRun = shouldRun;
        verdict.shouldContinueRunning = shouldRun;
        verdict.checks = [
          ...verdict.checks.filter((c) => c.check !== name),
          { check: name, passed: false, message: `rejected by ${name}` },
        ];
        for (const hasPod of [true, false]) {
          const text = explainVerdict(verdict, { daemonSet: 'fluentd', hasPod });
          expect(text, `${name} shouldRun=${shouldRun}`).not.toMatch(/every check passes/);
          expect(text, `${name} shouldRun=${shouldRun}`).toMatch(/^(No|n1)/);
        }
      }
    }
    const unknown = passVerdict('n1');
    unknown.checks.push({ check: 'gpuTopology' as FilterName, passed: false, message: 'no GPU' });
    expect(explainVerdict(unknown, { daemonSet: 'fluentd', hasPod: true })).toMatch(
      /should run fluentd.*cannot place it: no GPU\./,
    );
  });

  it('titles a check by its name when the page does not know it', () => {
    expect(checkTitle('taints')).toBe('Taints and tolerations');
    expect(checkTitle('gpuTopology')).toBe('gpuTopology');
  });
});
