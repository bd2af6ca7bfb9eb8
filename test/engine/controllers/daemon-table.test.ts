/**
 * The DaemonSet controller keeps each node's facts (decision, pods, rolling-update class) up to
 * date as pods and nodes change, instead of walking every node on every sync. With the
 * self-check on, every sync compares that incrementally kept table with one rebuilt from
 * scratch and throws on a difference, so these runs through rollouts, node churn, failed pods,
 * surge and minReadySeconds prove the bookkeeping, not only the end state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfCheck } from '../../../src/engine/controllers/daemonset.ts';
import type { Cluster, Toleration } from '../../../src/engine/index.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  dsStatus,
  livePodsByNode,
  nodeManifest,
  updateDaemonSet,
  updateNode,
} from '../helpers.ts';

beforeAll(() => {
  selfCheck.tables = true;
});
afterAll(() => {
  selfCheck.tables = false;
});

const names = Array.from({ length: 30 }, (_, i) => `node-${String(i).padStart(2, '0')}`);

function cluster(): Cluster {
  const c = clusterWithNodes([]);
  for (const [i, name] of names.entries())
    apply(
      c,
      nodeManifest(name, {
        labels: { tier: i % 5 === 4 ? 'edge' : 'worker' },
        taints: i % 7 === 0 ? [{ key: 'dedicated', value: 'logging', effect: 'NoSchedule' }] : [],
      }),
    );
  return c;
}

const tolerations: Toleration[] = [
  { key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoSchedule' },
];

describe('the DaemonSet controller node table', () => {
  it('matches a rebuild through a rolling update with node churn', () => {
    const c = cluster();
    apply(
      c,
      daemonSetManifest('agent', {
        nodeSelector: { tier: 'worker' },
        tolerations,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20%' } },
      }),
    );
    c.settle();
    expect(dsStatus(c, 'agent').numberReady).toBe(24);
    updateDaemonSet(c, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    c.advance(4000);
    // Mid-rollout: a node leaves, one stops matching, one starts matching, one gets a taint.
    c.execute({ op: 'delete', key: { kind: 'Node', name: 'node-01' } });
    updateNode(c, 'node-02', (n) => {
      n.metadata.labels = { ...n.metadata.labels, tier: 'edge' };
    });
    updateNode(c, 'node-04', (n) => {
      n.metadata.labels = { ...n.metadata.labels, tier: 'worker' };
    });
    updateNode(c, 'node-03', (n) => {
      n.spec.taints = [{ key: 'gpu', value: 'yes', effect: 'NoExecute' }];
    });
    apply(c, nodeManifest('node-99', { labels: { tier: 'worker' } }));
    expect(c.settle(3_600_000).settled).toBe(true);
    const status = dsStatus(c, 'agent');
    expect(status.desiredNumberScheduled).toBe(23);
    expect(status.updatedNumberScheduled).toBe(23);
    expect(status.numberReady).toBe(23);
    expect(status.numberMisscheduled).toBe(0);
    for (const pods of livePodsByNode(c, 'agent').values()) expect(pods).toHaveLength(1);
  });

  it('matches a rebuild with surge, minReadySeconds, deleted pods and OnDelete', () => {
    const c = cluster();
    apply(
      c,
      daemonSetManifest('agent', {
        tolerations,
        minReadySeconds: 3,
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' },
        },
      }),
    );
    c.settle();
    updateDaemonSet(c, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    c.advance(3000);
    for (const pod of [...livePodsByNode(c, 'agent').values()].flat().slice(0, 3))
      c.execute({
        op: 'delete',
        key: { kind: 'Pod', name: pod.metadata.name, namespace: 'default' },
      });
    expect(c.settle(3_600_000).settled).toBe(true);
    expect(dsStatus(c, 'agent').updatedNumberScheduled).toBe(30);
    updateDaemonSet(c, 'agent', (ds) => {
      ds.spec.updateStrategy = { type: 'OnDelete' };
      ds.spec.template.spec.containers[0].image = 'busybox:1.36';
    });
    c.settle();
    expect(dsStatus(c, 'agent').updatedNumberScheduled ?? 0).toBe(0);
    expect(dsStatus(c, 'agent').numberReady).toBe(30);
  });

  it('matches a rebuild while pods of a rejected template fail and back off', () => {
    const c = cluster();
    apply(c, daemonSetManifest('crash', { tolerations, command: ['sh', '-c', 'exit 3'] }));
    c.advance(60_000);
    expect(dsStatus(c, 'crash').numberReady).toBe(0);
    updateDaemonSet(c, 'crash', (ds) => {
      ds.spec.template.spec.containers[0].command = ['sleep', '3600'];
    });
    expect(c.settle(3_600_000).settled).toBe(true);
    expect(dsStatus(c, 'crash').numberReady).toBe(30);
  });
});
