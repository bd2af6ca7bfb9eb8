import { describe, expect, it } from 'vitest';
import { budgets, scaledValue } from '../../../src/engine/controllers/rolling-update.ts';
import type { Cluster, DaemonSet } from '../../../src/engine/index.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  dsStatus,
  isReady,
  livePodsByNode,
  podsOf,
  updateDaemonSet,
} from '../helpers.ts';

describe('rolling update budgets', () => {
  // Cases after pkg/controller/daemon/update_test.go (TestGetUnavailableNumbers) and intstr.
  const cases: [string | number, number, number][] = [
    ['30%', 5, 2],
    ['25%', 3, 1],
    ['50%', 3, 2],
    ['10%', 1, 1],
    ['100%', 2, 2],
    ['0%', 10, 0],
    [3, 10, 3],
  ];
  for (const [value, total, expected] of cases) {
    it(`scales ${value} of ${total} to ${expected}, rounding percentages up`, () => {
      expect(scaledValue(value, total)).toBe(expected);
    });
  }

  it('falls back to maxUnavailable 1 when both budgets compute to 0', () => {
    const ds = {
      spec: {
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '0%', maxSurge: 0 },
        },
      },
    } as unknown as DaemonSet;
    expect(budgets(ds, 4)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
});

function imageOf(cluster: Cluster, node: string): string[] {
  return (livePodsByNode(cluster, 'web').get(node) ?? []).map(
    (p) => p.spec.containers[0].image ?? '',
  );
}

function watchRollout(
  cluster: Cluster,
  nodes: string[],
  limitMs: number,
): { maxUnavailable: number; maxBoth: number } {
  let maxUnavailable = 0;
  let maxBoth = 0;
  for (let t = 0; t < limitMs; t += 500) {
    cluster.advance(500);
    let unavailable = 0;
    let both = 0;
    const byNode = livePodsByNode(cluster, 'web');
    for (const node of nodes) {
      const pods = byNode.get(node) ?? [];
      if (!pods.some(isReady)) unavailable++;
      if (new Set(pods.map((p) => p.spec.containers[0].image)).size > 1) both++;
    }
    maxUnavailable = Math.max(maxUnavailable, unavailable);
    maxBoth = Math.max(maxBoth, both);
  }
  return { maxUnavailable, maxBoth };
}

describe('RollingUpdate without surge', () => {
  it('replaces pods one node at a time with maxUnavailable 1 and finishes', () => {
    const nodes = ['a', 'b', 'c', 'd'];
    const cluster = clusterWithNodes(nodes);
    apply(cluster, daemonSetManifest('web', { image: 'busybox:1.36' }));
    cluster.settle();
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    const seen = watchRollout(cluster, nodes, 120_000);
    expect(seen.maxUnavailable).toBe(1);
    for (const node of nodes) expect(imageOf(cluster, node)).toEqual(['busybox:1.37']);
    expect(dsStatus(cluster, 'web')).toMatchObject({
      desiredNumberScheduled: 4,
      updatedNumberScheduled: 4,
      numberAvailable: 4,
    });
  });

  it('stalls after maxUnavailable nodes when the new image cannot be pulled', () => {
    const cluster = clusterWithNodes(['a', 'b', 'c']);
    apply(cluster, daemonSetManifest('web', { image: 'busybox:1.36' }));
    cluster.settle();
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:does-not-exist';
    });
    expect(cluster.settle().settled).toBe(true);
    cluster.advance(120_000);
    expect(dsStatus(cluster, 'web')).toMatchObject({
      updatedNumberScheduled: 1,
      numberAvailable: 2,
      numberUnavailable: 1,
    });
  });

  it('waits minReadySeconds before counting a new pod available and moving on', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('web', { image: 'busybox:1.36', minReadySeconds: 20 }));
    cluster.settle();
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.advance(15_000);
    const updatedNodes = ['a', 'b'].filter((n) => imageOf(cluster, n)[0] === 'busybox:1.37');
    expect(updatedNodes).toHaveLength(1);
    cluster.settle();
    expect(dsStatus(cluster, 'web')).toMatchObject({
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
  });
});

describe('RollingUpdate with surge', () => {
  it('starts the new pod next to the old one and never leaves a node without an available pod', () => {
    const nodes = ['a', 'b', 'c'];
    const cluster = clusterWithNodes(nodes);
    apply(
      cluster,
      daemonSetManifest('web', {
        image: 'busybox:1.36',
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        },
      }),
    );
    cluster.settle();
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    const seen = watchRollout(cluster, nodes, 120_000);
    expect(seen.maxUnavailable).toBe(0);
    expect(seen.maxBoth).toBe(1);
    for (const node of nodes) expect(imageOf(cluster, node)).toEqual(['busybox:1.37']);
  });

  it('stalls with one Pending surge pod when the pods claim a host port', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(
      cluster,
      daemonSetManifest('web', {
        hostPort: 9100,
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        },
      }),
    );
    cluster.settle();
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.advance(60_000);
    const pending = podsOf(cluster, 'web').filter((p) => !p.spec.nodeName);
    expect(pending).toHaveLength(1);
    expect(pending[0].status.conditions?.find((c) => c.type === 'PodScheduled')?.message).toContain(
      "1 node(s) didn't have free ports for the requested pod ports",
    );
    expect(dsStatus(cluster, 'web')).toMatchObject({ numberAvailable: 2 });
  });
});

describe('OnDelete', () => {
  it('replaces nothing on a template change until a pod is deleted', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(
      cluster,
      daemonSetManifest('web', { image: 'busybox:1.36', updateStrategy: { type: 'OnDelete' } }),
    );
    cluster.settle();
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.advance(60_000);
    expect([...imageOf(cluster, 'a'), ...imageOf(cluster, 'b')]).toEqual([
      'busybox:1.36',
      'busybox:1.36',
    ]);
    expect(dsStatus(cluster, 'web').updatedNumberScheduled ?? 0).toBe(0);
    const [onA] = livePodsByNode(cluster, 'web').get('a') ?? [];
    cluster.execute({
      op: 'delete',
      key: { kind: 'Pod', name: onA.metadata.name, namespace: 'default' },
    });
    cluster.settle();
    expect(imageOf(cluster, 'a')).toEqual(['busybox:1.37']);
    expect(imageOf(cluster, 'b')).toEqual(['busybox:1.36']);
    expect(dsStatus(cluster, 'web').updatedNumberScheduled).toBe(1);
  });
});

describe('restart annotation', () => {
  it('replaces every pod when kubectl.kubernetes.io/restartedAt changes', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('web'));
    cluster.settle();
    const before = podsOf(cluster, 'web').map((p) => p.metadata.name);
    updateDaemonSet(cluster, 'web', (ds) => {
      ds.spec.template.metadata = {
        ...ds.spec.template.metadata,
        annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:05:00Z' },
      };
    });
    cluster.settle();
    const after = podsOf(cluster, 'web');
    expect(after.map((p) => p.metadata.name).filter((n) => before.includes(n))).toEqual([]);
    expect(after[0].metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-01-01T00:05:00Z',
    );
  });
});
