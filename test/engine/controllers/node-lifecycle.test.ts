import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/engine/index.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  dsStatus,
  isReady,
  podsOf,
  updateNode,
} from '../helpers.ts';

const taints = (cluster: Cluster, node: string): string[] =>
  (cluster.get('Node', node)?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`);

describe('node lifecycle controller', () => {
  it('taints a NotReady node not-ready:NoSchedule at once and not-ready:NoExecute within the 5 s monitor period', () => {
    const cluster = clusterWithNodes(['a']);
    cluster.execute({ op: 'setNodeCondition', node: 'a', type: 'Ready', status: 'False' });
    expect(taints(cluster, 'a')).toEqual(['node.kubernetes.io/not-ready:NoSchedule']);
    cluster.advance(5000);
    expect(taints(cluster, 'a')).toEqual([
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
    ]);
    expect(cluster.get('Node', 'a')?.spec.taints?.[1].timeAdded).toMatch(/^2026-01-01T00:00:0\dZ$/);
  });

  it('uses the unreachable taints for Ready=Unknown and removes them when the node is Ready again', () => {
    const cluster = clusterWithNodes(['a']);
    cluster.execute({ op: 'setNodeCondition', node: 'a', type: 'Ready', status: 'Unknown' });
    cluster.advance(5000);
    expect(taints(cluster, 'a')).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    cluster.execute({ op: 'setNodeCondition', node: 'a', type: 'Ready', status: 'True' });
    cluster.advance(5000);
    expect(taints(cluster, 'a')).toEqual([]);
  });

  const pressures: [string, string][] = [
    ['MemoryPressure', 'node.kubernetes.io/memory-pressure:NoSchedule'],
    ['DiskPressure', 'node.kubernetes.io/disk-pressure:NoSchedule'],
    ['PIDPressure', 'node.kubernetes.io/pid-pressure:NoSchedule'],
    ['NetworkUnavailable', 'node.kubernetes.io/network-unavailable:NoSchedule'],
  ];
  for (const [type, taint] of pressures) {
    it(`turns ${type}=True into ${taint}`, () => {
      const cluster = clusterWithNodes(['a']);
      cluster.execute({
        op: 'setNodeCondition',
        node: 'a',
        type: type as 'MemoryPressure',
        status: 'True',
      });
      expect(taints(cluster, 'a')).toEqual([taint]);
      cluster.execute({
        op: 'setNodeCondition',
        node: 'a',
        type: type as 'MemoryPressure',
        status: 'False',
      });
      expect(taints(cluster, 'a')).toEqual([]);
    });
  }

  it('adds the unschedulable taint on cordon and removes it on uncordon, keeping daemon pods', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    updateNode(cluster, 'a', (n) => {
      n.spec.unschedulable = true;
    });
    expect(taints(cluster, 'a')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    cluster.settle();
    expect(podsOf(cluster, 'agent')).toHaveLength(1);
    updateNode(cluster, 'a', (n) => {
      n.spec.unschedulable = false;
    });
    expect(taints(cluster, 'a')).toEqual([]);
  });

  it('keeps a daemon pod on a NotReady node, marks it not ready and leaves the node out of desired', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    cluster.execute({ op: 'setNodeCondition', node: 'a', type: 'Ready', status: 'False' });
    cluster.settle();
    const onA = podsOf(cluster, 'agent').filter((p) => p.spec.nodeName === 'a');
    expect(onA).toHaveLength(1);
    expect(isReady(onA[0])).toBe(false);
    expect(dsStatus(cluster, 'agent')).toMatchObject({
      desiredNumberScheduled: 1,
      numberMisscheduled: 1,
    });
    expect(
      cluster
        .eventsFor('Pod', onA[0].metadata.name, 'default')
        .some((e) => e.reason === 'NodeNotReady'),
    ).toBe(true);
  });

  it('refuses a condition report for a node that does not exist', () => {
    const cluster = clusterWithNodes([]);
    const result = cluster.execute({
      op: 'setNodeCondition',
      node: 'ghost',
      type: 'Ready',
      status: 'False',
    });
    expect(result).toEqual({
      ok: false,
      error: { reason: 'NotFound', resource: 'nodes', name: 'ghost' },
    });
  });
});
