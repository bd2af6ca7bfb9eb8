import { describe, expect, it } from 'vitest';
import type { Cluster, NodeVerdict } from '../../src/engine/index.ts';
import { apply, clusterWithNodes, daemonSetManifest, nodeManifest, updateNode } from './helpers.ts';

const verdict = (cluster: Cluster, node: string): NodeVerdict => {
  const v = cluster.verdictsFor('default', 'agent')?.nodes.find((n) => n.node === node);
  if (!v) throw new Error(`no verdict for ${node}`);
  return v;
};
const failing = (v: NodeVerdict): string[] =>
  v.checks.filter((c) => !c.passed).map((c) => `${c.check}: ${c.message}`);

describe('verdicts', () => {
  it('words each rejection as the scheduler plugin does', () => {
    const cluster = clusterWithNodes(['plain']);
    apply(
      cluster,
      nodeManifest('cp', {
        labels: { pool: 'main' },
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      }),
    );
    apply(
      cluster,
      nodeManifest('tiny', {
        labels: { pool: 'main' },
        allocatable: { cpu: '100m', memory: '1Gi', pods: '10' },
      }),
    );
    apply(cluster, nodeManifest('main', { labels: { pool: 'main' } }));
    apply(
      cluster,
      daemonSetManifest('agent', { nodeSelector: { pool: 'main' }, requests: { cpu: '500m' } }),
    );
    expect(failing(verdict(cluster, 'plain'))).toEqual([
      "nodeSelector: node(s) didn't match Pod's node affinity/selector",
    ]);
    expect(verdict(cluster, 'plain')).toMatchObject({
      shouldRun: false,
      shouldContinueRunning: false,
    });
    expect(failing(verdict(cluster, 'cp'))).toEqual([
      'taints: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    ]);
    expect(verdict(cluster, 'cp')).toMatchObject({ shouldRun: false, shouldContinueRunning: true });
    expect(failing(verdict(cluster, 'tiny'))).toEqual(['resources: Insufficient cpu']);
    expect(verdict(cluster, 'tiny')).toMatchObject({
      shouldRun: true,
      shouldContinueRunning: true,
    });
    expect(failing(verdict(cluster, 'main'))).toEqual([]);
  });

  it('gives the data behind a taint decision', () => {
    const cluster = clusterWithNodes([]);
    apply(
      cluster,
      nodeManifest('gpu', {
        taints: [
          { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
          { key: 'soft', effect: 'PreferNoSchedule' },
        ],
      }),
    );
    apply(
      cluster,
      daemonSetManifest('agent', { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }),
    );
    const taints = verdict(cluster, 'gpu').checks.find((c) => c.check === 'taints');
    expect(taints?.items).toEqual([
      {
        subject: 'dedicated=gpu:NoSchedule',
        passed: true,
        detail: 'tolerated by {key: dedicated, operator: Exists}',
      },
      {
        subject: 'soft:PreferNoSchedule',
        passed: true,
        detail: 'PreferNoSchedule: only affects scoring',
      },
    ]);
  });

  it('follows a node change without waiting for the DaemonSet', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    expect(verdict(cluster, 'a').shouldRun).toBe(true);
    updateNode(cluster, 'a', (n) => {
      n.spec.taints = [{ key: 'maintenance', effect: 'NoExecute' }];
    });
    expect(verdict(cluster, 'a')).toMatchObject({ shouldRun: false, shouldContinueRunning: false });
    expect(failing(verdict(cluster, 'a'))).toEqual([
      'taints: node(s) had untolerated taint {maintenance: }',
    ]);
  });

  it('reports a host port already taken by another pod', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'holder' },
      spec: {
        nodeName: 'a',
        containers: [
          { name: 'c', image: 'busybox', ports: [{ containerPort: 9100, hostPort: 9100 }] },
        ],
      },
    });
    apply(cluster, daemonSetManifest('agent', { hostPort: 9100 }));
    expect(failing(verdict(cluster, 'a'))).toEqual([
      "ports: node(s) didn't have free ports for the requested pod ports",
    ]);
  });
});
