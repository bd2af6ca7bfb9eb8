import { describe, expect, it } from 'vitest';
import { toPhaseFamily } from '../../../src/ui/cluster/pod-status.ts';

describe('toPhaseFamily', () => {
  it('groups statuses into families that each get their own mark', () => {
    expect(toPhaseFamily('Running', true)).toBe('ready');
    expect(toPhaseFamily('Running', false)).toBe('starting');
    expect(toPhaseFamily('Init:0/1', false)).toBe('starting');
    expect(toPhaseFamily('ContainerCreating', false)).toBe('starting');
    expect(toPhaseFamily('Pending', false)).toBe('pending');
    expect(toPhaseFamily('ImagePullBackOff', false)).toBe('failing');
    expect(toPhaseFamily('Init:CrashLoopBackOff', false)).toBe('failing');
    expect(toPhaseFamily('Terminating', false)).toBe('terminating');
    expect(toPhaseFamily('Completed', false)).toBe('done');
  });
});
