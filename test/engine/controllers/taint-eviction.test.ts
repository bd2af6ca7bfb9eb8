import { describe, expect, it } from 'vitest';
import { minTolerationMs } from '../../../src/engine/controllers/taint-eviction.ts';
import type { Cluster } from '../../../src/engine/index.ts';
import { apply, clusterWithNodes, daemonSetManifest, podsOf, updateNode } from '../helpers.ts';

function barePod(name: string, node: string, tolerations: unknown[] = []): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: { nodeName: node, tolerations, containers: [{ name: 'c', image: 'busybox:1.36' }] },
  };
}

const exists = (cluster: Cluster, name: string): boolean => !!cluster.get('Pod', name, 'default');
const evicted = (cluster: Cluster, name: string): boolean => {
  const pod = cluster.get('Pod', name, 'default');
  return !pod || pod.metadata.deletionTimestamp !== undefined;
};
const noExecute = (cluster: Cluster, node: string, key = 'maintenance'): void =>
  updateNode(cluster, node, (n) => {
    n.spec.taints = [{ key, effect: 'NoExecute' }];
  });

describe('taint eviction', () => {
  // Cases after pkg/controller/tainteviction/taint_eviction_test.go (TestGetMinTolerationTime).
  it('takes the smallest tolerationSeconds, 0 for non-positive ones, and -1 when none is set', () => {
    expect(minTolerationMs([{ tolerationSeconds: 30 }, { tolerationSeconds: 10 }])).toBe(10_000);
    expect(minTolerationMs([{ tolerationSeconds: -5 }])).toBe(0);
    expect(minTolerationMs([{ key: 'x', operator: 'Exists' }])).toBe(-1);
    expect(minTolerationMs([])).toBe(0);
  });

  it('evicts a pod that does not tolerate a NoExecute taint at once', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, barePod('web', 'a'));
    cluster.settle();
    noExecute(cluster, 'a');
    expect(cluster.get('Pod', 'web', 'default')?.metadata.deletionTimestamp).toBeDefined();
    expect(cluster.eventsFor('Pod', 'web', 'default').map((e) => e.message)).toContain(
      'Marking for deletion Pod default/web',
    );
    cluster.settle();
    expect(exists(cluster, 'web')).toBe(false);
  });

  it('evicts after tolerationSeconds and not before', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      barePod('web', 'a', [
        { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ]),
    );
    cluster.settle();
    noExecute(cluster, 'a');
    cluster.advance(29_000);
    expect(cluster.get('Pod', 'web', 'default')?.metadata.deletionTimestamp).toBeUndefined();
    cluster.advance(2000);
    expect(evicted(cluster, 'web')).toBe(true);
  });

  it('cancels the eviction when the taint goes away in time', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      barePod('web', 'a', [
        { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ]),
    );
    cluster.settle();
    noExecute(cluster, 'a');
    cluster.advance(10_000);
    updateNode(cluster, 'a', (n) => {
      delete n.spec.taints;
    });
    cluster.advance(60_000);
    expect(exists(cluster, 'web')).toBe(true);
    expect(cluster.eventsFor('Pod', 'web', 'default').map((e) => e.message)).toContain(
      'Cancelling deletion of Pod default/web',
    );
  });

  it('evicts plain pods from a NotReady node after the default 300 s but never daemon pods', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, barePod('web', 'a'));
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    cluster.execute({ op: 'setNodeCondition', node: 'a', type: 'Ready', status: 'False' });
    cluster.advance(200_000);
    expect(exists(cluster, 'web')).toBe(true);
    cluster.advance(120_000);
    expect(evicted(cluster, 'web')).toBe(true);
    cluster.advance(600_000);
    expect(podsOf(cluster, 'agent')).toHaveLength(1);
  });
});
