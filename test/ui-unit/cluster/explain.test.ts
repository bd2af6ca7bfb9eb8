import { describe, expect, it } from 'vitest';
import type { NodeVerdict } from '../../../src/protocol/cluster.ts';
import { explainVerdict } from '../../../src/ui/why/explain.ts';
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
});
