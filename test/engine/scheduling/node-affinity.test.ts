import { describe, expect, it } from 'vitest';
import { matchesNodeAffinity } from '../../../src/engine/scheduling/node-affinity.ts';
import { matchesNodeSelector } from '../../../src/engine/scheduling/node-selector.ts';
import type { NodeSelector, NodeSelectorTerm } from '../../../src/engine/types.ts';

const labels = { zone: 'us-east-1a', disk: 'ssd', cores: '8', gpu: '' };
const one = (term: NodeSelectorTerm): NodeSelector => ({ nodeSelectorTerms: [term] });

// Cases after staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go.
const cases: { name: string; selector: NodeSelector; expected: boolean }[] = [
  {
    name: 'In matches a listed value',
    selector: one({ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }] }),
    expected: true,
  },
  {
    name: 'In fails on a missing label',
    selector: one({ matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1'] }] }),
    expected: false,
  },
  {
    name: 'NotIn matches when the label is absent',
    selector: one({ matchExpressions: [{ key: 'rack', operator: 'NotIn', values: ['r1'] }] }),
    expected: true,
  },
  {
    name: 'NotIn fails on a listed value',
    selector: one({ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] }),
    expected: false,
  },
  {
    name: 'Exists matches an empty label value',
    selector: one({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }),
    expected: true,
  },
  {
    name: 'DoesNotExist fails when the key is present',
    selector: one({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }),
    expected: false,
  },
  {
    name: 'Gt compares as integers',
    selector: one({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }),
    expected: true,
  },
  {
    name: 'Lt is strict',
    selector: one({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['8'] }] }),
    expected: false,
  },
  {
    name: 'Gt on a non-numeric label does not match',
    selector: one({ matchExpressions: [{ key: 'disk', operator: 'Gt', values: ['1'] }] }),
    expected: false,
  },
  {
    name: 'a term that fails to parse is skipped and the next term still matches',
    selector: {
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['many'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      ],
    },
    expected: true,
  },
  { name: 'an empty term matches no node', selector: { nodeSelectorTerms: [{}] }, expected: false },
  {
    name: 'expressions inside one term are ANDed',
    selector: one({
      matchExpressions: [
        { key: 'disk', operator: 'In', values: ['ssd'] },
        { key: 'zone', operator: 'In', values: ['eu'] },
      ],
    }),
    expected: false,
  },
  {
    name: 'matchFields metadata.name In selects the node by name',
    selector: one({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }),
    expected: true,
  },
  {
    name: 'matchFields metadata.name NotIn excludes the node',
    selector: one({
      matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }],
    }),
    expected: false,
  },
  {
    name: 'matchFields on another field matches nothing',
    selector: one({ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['node-1'] }] }),
    expected: false,
  },
];

describe('required node affinity', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(matchesNodeAffinity(c.selector, 'node-1', labels)).toBe(c.expected);
    });
  }
});

describe('nodeSelector', () => {
  it('requires every entry to equal a node label', () => {
    expect(matchesNodeSelector({ disk: 'ssd', zone: 'us-east-1a' }, labels)).toBe(true);
    expect(matchesNodeSelector({ disk: 'hdd' }, labels)).toBe(false);
    expect(matchesNodeSelector({ rack: '' }, labels)).toBe(false);
  });

  it('treats __proto__ and constructor as ordinary label keys', () => {
    const nodeLabels = Object.assign(Object.create(null) as Record<string, string>, {
      ['__proto__']: 'x',
    });
    expect(matchesNodeSelector({ constructor: 'y' }, nodeLabels)).toBe(false);
    expect(
      matchesNodeSelector(JSON.parse('{"__proto__":"x"}') as Record<string, string>, nodeLabels),
    ).toBe(true);
  });
});
