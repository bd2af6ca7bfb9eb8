import { describe, expect, it } from 'vitest';
import { apply, clusterWithNodes, daemonSetManifest, dsStatus, podsOf } from '../helpers.ts';

describe('pod garbage collection', () => {
  it('removes pods of a deleted node after the 40 s quarantine, on the 20 s check period', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const result = cluster.execute({ op: 'delete', key: { kind: 'Node', name: 'a' } });
    expect(result).toMatchObject({ ok: true, action: 'deleted' });
    expect(
      podsOf(cluster, 'agent')
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toEqual(['a', 'b']);
    cluster.advance(39_000);
    expect(podsOf(cluster, 'agent')).toHaveLength(2);
    cluster.advance(21_000);
    expect(podsOf(cluster, 'agent').map((p) => p.spec.nodeName)).toEqual(['b']);
    expect(dsStatus(cluster, 'agent')).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
    });
  });

  it('keeps the pods when the node comes back before the quarantine ends', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const [pod] = podsOf(cluster, 'agent');
    cluster.execute({ op: 'delete', key: { kind: 'Node', name: 'a' } });
    cluster.advance(10_000);
    apply(cluster, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } });
    cluster.advance(120_000);
    expect(podsOf(cluster, 'agent').map((p) => p.metadata.name)).toEqual([pod.metadata.name]);
  });
});
