import { describe, expect, it } from 'vitest';
import {
  findUntoleratedTaint,
  isHardEffect,
  toleratesTaint,
  untoleratedTaintMessage,
} from '../../../src/engine/scheduling/taints.ts';
import type { Taint, Toleration } from '../../../src/engine/types.ts';

// Cases after staging/src/k8s.io/api/core/v1/toleration_test.go (TestTolerationToleratesTaint).
const cases: { name: string; toleration: Toleration; taint: Taint; expected: boolean }[] = [
  {
    name: 'tolerates a taint with the same key, value and effect',
    toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    expected: true,
  },
  {
    name: 'treats an empty operator as Equal',
    toleration: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    expected: true,
  },
  {
    name: 'tolerates every effect when the toleration has none',
    toleration: { key: 'foo', operator: 'Exists' },
    taint: { key: 'foo', effect: 'NoExecute' },
    expected: true,
  },
  {
    name: 'does not tolerate another effect',
    toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    taint: { key: 'foo', effect: 'NoExecute' },
    expected: false,
  },
  {
    name: 'tolerates every taint with an empty key and Exists',
    toleration: { operator: 'Exists' },
    taint: { key: 'anything', value: 'x', effect: 'NoExecute' },
    expected: true,
  },
  {
    name: 'does not tolerate another key',
    toleration: { key: 'foo', operator: 'Exists' },
    taint: { key: 'bar', effect: 'NoSchedule' },
    expected: false,
  },
  {
    name: 'tolerates any value with Exists',
    toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    taint: { key: 'foo', value: 'whatever', effect: 'NoSchedule' },
    expected: true,
  },
  {
    name: 'does not tolerate another value with Equal',
    toleration: { key: 'foo', operator: 'Equal', value: 'bar' },
    taint: { key: 'foo', value: 'baz', effect: 'NoSchedule' },
    expected: false,
  },
  {
    name: 'matches an empty value to an empty value',
    toleration: {
      key: 'node-role.kubernetes.io/control-plane',
      operator: 'Equal',
      effect: 'NoSchedule',
    },
    taint: { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    expected: true,
  },
  {
    name: 'compares keys case-sensitively',
    toleration: { key: 'Foo', operator: 'Exists' },
    taint: { key: 'foo', effect: 'NoSchedule' },
    expected: false,
  },
];

describe('toleratesTaint', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(toleratesTaint(c.toleration, c.taint)).toBe(c.expected);
    });
  }
});

describe('findUntoleratedTaint', () => {
  const taints: Taint[] = [
    { key: 'soft', effect: 'PreferNoSchedule' },
    { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    { key: 'maintenance', effect: 'NoExecute' },
  ];

  it('ignores PreferNoSchedule taints and returns the first hard taint in node order', () => {
    expect(findUntoleratedTaint(taints, [], isHardEffect)).toEqual(taints[1]);
  });

  it('returns nothing once every hard taint is tolerated', () => {
    const tolerations: Toleration[] = [
      { key: 'dedicated', operator: 'Exists' },
      { key: 'maintenance', operator: 'Exists', effect: 'NoExecute' },
    ];
    expect(findUntoleratedTaint(taints, tolerations, isHardEffect)).toBeUndefined();
  });

  it('words the rejection as the TaintToleration plugin does, empty values included', () => {
    expect(
      untoleratedTaintMessage({
        key: 'node-role.kubernetes.io/control-plane',
        effect: 'NoSchedule',
      }),
    ).toBe('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
    expect(untoleratedTaintMessage(taints[1])).toBe(
      'node(s) had untolerated taint {dedicated: gpu}',
    );
  });
});
