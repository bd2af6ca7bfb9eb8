import { describe, expect, it } from 'vitest';
import {
  parseLabelList,
  shellQuote,
  toCordonCommand,
  toDeleteNodeCommand,
  toLabelCommand,
  toReadyCommand,
  toResizeCommand,
  toTaintCommand,
  toUnlabelCommand,
  toUntaintCommand,
} from '../../../src/ui/cluster/commands.ts';

describe('node action commands', () => {
  it('spells kubectl label, taint, cordon and delete as a learner would type them', () => {
    expect(toLabelCommand('worker-1', 'disk', 'ssd', false)).toBe(
      'kubectl label nodes worker-1 disk=ssd',
    );
    expect(toLabelCommand('worker-1', 'disk', 'hdd', true)).toBe(
      'kubectl label nodes worker-1 disk=hdd --overwrite',
    );
    expect(toUnlabelCommand('worker-1', 'disk')).toBe('kubectl label nodes worker-1 disk-');
    expect(toTaintCommand('w', 'dedicated', 'gpu', 'NoSchedule')).toBe(
      'kubectl taint nodes w dedicated=gpu:NoSchedule',
    );
    expect(toTaintCommand('w', 'maintenance', '', 'NoExecute')).toBe(
      'kubectl taint nodes w maintenance:NoExecute',
    );
    expect(toUntaintCommand('w', 'dedicated', 'NoSchedule')).toBe(
      'kubectl taint nodes w dedicated:NoSchedule-',
    );
    expect(toCordonCommand('w', true)).toBe('kubectl cordon w');
    expect(toCordonCommand('w', false)).toBe('kubectl uncordon w');
    expect(toReadyCommand('w', false)).toBe('sim node w condition Ready=False');
    expect(toReadyCommand('w', true)).toBe('sim node w condition Ready=True');
    expect(toDeleteNodeCommand('w')).toBe('kubectl delete node w');
  });

  it('resizes a node through the kubelet command, naming only the resources given', () => {
    expect(toResizeCommand('w', { cpu: '8', memory: '32Gi', pods: '50' })).toBe(
      'sim node w allocatable cpu=8 memory=32Gi pods=50',
    );
    expect(toResizeCommand('w', { cpu: '', memory: ' 4Gi ' })).toBe(
      'sim node w allocatable memory=4Gi',
    );
    expect(toResizeCommand('w', {})).toBeUndefined();
  });

  it('quotes words the shell would split', () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('node-role.kubernetes.io/gpu=')).toBe('node-role.kubernetes.io/gpu=');
  });

  it('reads a label list for a new node', () => {
    expect(parseLabelList('disk=ssd, zone=a  gpu=')).toEqual({
      ok: true,
      labels: { disk: 'ssd', zone: 'a', gpu: '' },
    });
    expect(parseLabelList('')).toEqual({ ok: true, labels: {} });
    expect(parseLabelList('error=x')).toEqual({ ok: true, labels: { error: 'x' } });
    expect(parseLabelList('disk')).toEqual({ ok: false, error: '"disk" is not key=value' });
  });
});
