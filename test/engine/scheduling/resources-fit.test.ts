import { describe, expect, it } from 'vitest';
import {
  insufficientResources,
  nodeAllocatable,
  nodeUsage,
  podRequests,
} from '../../../src/engine/scheduling/resources-fit.ts';
import type { Node, PodSpec } from '../../../src/engine/types.ts';

const node = (allocatable: Record<string, string>): Node =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: {},
    status: { allocatable },
  }) as Node;
const spec = (requests: Record<string, string>, init?: Record<string, string>): PodSpec => ({
  containers: [{ name: 'c', image: 'x', resources: { requests } }],
  ...(init ? { initContainers: [{ name: 'i', image: 'x', resources: { requests: init } }] } : {}),
});

describe('NodeResourcesFit', () => {
  it('counts an init container as max(init, sum of containers)', () => {
    expect(podRequests(spec({ cpu: '100m' }, { cpu: '500m' })).get('cpu')).toBe(500);
    expect(podRequests(spec({ cpu: '700m' }, { cpu: '500m' })).get('cpu')).toBe(700);
  });

  it('adds a sidecar to the containers and to every init container after it', () => {
    const cpu = (value: string) => ({ requests: { cpu: value } });
    const podSpec: PodSpec = {
      initContainers: [
        { name: 'before', resources: cpu('900m') },
        { name: 'proxy', restartPolicy: 'Always', resources: cpu('200m') },
        { name: 'after', resources: cpu('800m') },
      ],
      containers: [{ name: 'app', resources: cpu('500m') }],
    };
    // max(900, 200 + 800, 500 + 200): the init container after the sidecar runs beside it.
    expect(podRequests(podSpec).get('cpu')).toBe(1000);
    podSpec.initContainers = podSpec.initContainers?.slice(1, 2);
    // Only the sidecar: it runs beside the app, so the two add up.
    expect(podRequests(podSpec).get('cpu')).toBe(700);
  });

  it('treats limits as requests when requests are absent', () => {
    expect(
      podRequests({ containers: [{ name: 'c', resources: { limits: { memory: '1Gi' } } }] }).get(
        'memory',
      ),
    ).toBe(2 ** 30 * 1000);
  });

  // Cases after pkg/scheduler/framework/plugins/noderesources/fit_test.go.
  const cases = [
    {
      name: 'fits when requests plus usage stay within allocatable',
      alloc: { cpu: '1', memory: '1Gi', pods: '10' },
      used: [spec({ cpu: '500m' })],
      want: spec({ cpu: '500m' }),
      reasons: [],
    },
    {
      name: 'reports Insufficient cpu',
      alloc: { cpu: '1', memory: '1Gi', pods: '10' },
      used: [spec({ cpu: '600m' })],
      want: spec({ cpu: '500m' }),
      reasons: ['Insufficient cpu'],
    },
    {
      name: 'reports cpu and memory together',
      alloc: { cpu: '1', memory: '1Gi', pods: '10' },
      used: [],
      want: spec({ cpu: '2', memory: '2Gi' }),
      reasons: ['Insufficient cpu', 'Insufficient memory'],
    },
    {
      name: 'reports Too many pods when the pod count is full',
      alloc: { cpu: '4', memory: '1Gi', pods: '1' },
      used: [spec({})],
      want: spec({}),
      reasons: ['Too many pods'],
    },
    {
      name: 'reports a missing extended resource',
      alloc: { cpu: '4', memory: '1Gi', pods: '10' },
      used: [],
      want: spec({ 'nvidia.com/gpu': '1' }),
      reasons: ['Insufficient nvidia.com/gpu'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(
        insufficientResources(
          podRequests(c.want),
          nodeAllocatable(node(c.alloc)),
          nodeUsage(c.used),
        ),
      ).toEqual(c.reasons);
    });
  }

  it('uses the kubelet defaults (4 cpu, 16Gi, 110 pods) when a node states nothing', () => {
    const alloc = nodeAllocatable(node({}));
    expect([alloc.get('cpu'), alloc.get('memory'), alloc.get('pods')]).toEqual([
      4000,
      16 * 2 ** 30 * 1000,
      110,
    ]);
  });
});
