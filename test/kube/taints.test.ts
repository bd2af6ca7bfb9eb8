import { describe, expect, it } from 'vitest';
import { taintText, tolerationText } from '../../src/kube/taints.ts';

describe('taintText', () => {
  it('writes key=value:Effect, leaving out what is unset', () => {
    expect(taintText({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe(
      'dedicated=gpu:NoSchedule',
    );
    expect(taintText({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' })).toBe(
      'node.kubernetes.io/unreachable:NoExecute',
    );
    expect(taintText({ key: 'dedicated', value: 'gpu' })).toBe('dedicated=gpu:');
    expect(taintText({ key: 'dedicated' })).toBe('dedicated');
  });
});

describe('tolerationText', () => {
  it('writes the fields kubectl describe shows, with op=Exists for a valueless Exists', () => {
    expect(tolerationText({ key: 'dedicated', operator: 'Equal', value: 'gpu' })).toBe(
      'dedicated=gpu',
    );
    expect(
      tolerationText({
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      }),
    ).toBe('node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
    expect(tolerationText({ operator: 'Exists', effect: 'NoSchedule' })).toBe(
      ':NoSchedule op=Exists',
    );
    expect(tolerationText({ operator: 'Exists' })).toBe('op=Exists');
  });
});
