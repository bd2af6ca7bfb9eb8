import { describe, expect, it } from 'vitest';
import type { NodeVerdict, VerdictCheck } from '../../../src/protocol/cluster.ts';
import { firstFailedCheck, toReasonText } from '../../../src/ui/cluster/cluster-model.ts';

const failed = (check: VerdictCheck['check'], subject: string): VerdictCheck => ({
  check,
  passed: false,
  message: `${check} failed`,
  items: [{ subject, passed: false, detail: '' }],
});

const passed = (check: VerdictCheck['check']): VerdictCheck => ({
  check,
  passed: true,
  message: '',
});

const verdict = (checks: VerdictCheck[]): NodeVerdict => ({
  node: 'control-plane',
  shouldRun: false,
  shouldContinueRunning: false,
  checks,
});

describe('the reason a node card shows', () => {
  it('names the nodeSelector, not the taint met first, when both keep the pod off', () => {
    const v = verdict([
      passed('unschedulable'),
      passed('nodeName'),
      failed('taints', 'node-role.kubernetes.io/control-plane:NoSchedule'),
      failed('nodeSelector', 'disk=ssd'),
      passed('nodeAffinity'),
    ]);
    const check = firstFailedCheck(v);
    expect(check?.check).toBe('nodeSelector');
    expect(toReasonText(check!)).toBe('labels miss nodeSelector disk=ssd');
  });

  it('names the taint when it is the only controller predicate that fails', () => {
    const v = verdict([
      failed('unschedulable', 'node.kubernetes.io/unschedulable'),
      failed('taints', 'dedicated=gpu:NoSchedule'),
      passed('nodeSelector'),
    ]);
    expect(firstFailedCheck(v)?.check).toBe('taints');
  });

  it('falls back to the registry order for scheduler-only checks', () => {
    const v = verdict([passed('taints'), failed('ports', '9100'), failed('resources', 'cpu')]);
    expect(firstFailedCheck(v)?.check).toBe('ports');
  });

  it('has no reason when every check passes', () => {
    expect(firstFailedCheck(verdict([passed('taints')]))).toBeUndefined();
  });
});
