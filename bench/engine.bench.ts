/**
 * Engine benchmark: 100, 1,000 and 5,000 nodes, one DaemonSet with a nodeSelector and
 * tolerations. Measures apply → settled and a full RollingUpdate at maxUnavailable 10% (wall
 * and CPU time, and how many reconciles it took), one reconcile of the settled DaemonSet, a
 * snapshot, and the heap afterwards (run with --expose-gc for a settled heap figure). Prints a
 * table; asserts nothing.
 *
 *   npx tsx bench/engine.bench.ts
 */
import { createCluster } from '../src/engine/index.ts';
import type { Cluster, DaemonSet } from '../src/engine/index.ts';
import type { Engine } from '../src/engine/cluster.ts';
import { reconcileDaemonSet } from '../src/engine/controllers/daemonset.ts';

function nodes(cluster: Cluster, count: number): void {
  for (let i = 0; i < count; i++) {
    const name = `node-${String(i).padStart(5, '0')}`;
    const labels: Record<string, string> = {
      'kubernetes.io/os': 'linux',
      tier: i % 10 === 9 ? 'edge' : 'worker',
    };
    const taints =
      i % 7 === 0 ? [{ key: 'dedicated', value: 'logging', effect: 'NoSchedule' }] : undefined;
    const r = cluster.execute({
      op: 'apply',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels },
        spec: taints ? { taints } : {},
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
}

const manifest = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { name: 'fluentd' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
    template: {
      metadata: { labels: { name: 'fluentd' } },
      spec: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [
          { key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoSchedule' },
        ],
        containers: [
          {
            name: 'fluentd',
            image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
            resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '200Mi' } },
          },
        ],
      },
    },
  },
};

/** CPU milliseconds of this process (the machine is shared, so wall time alone misleads). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function run(count: number): Record<string, string | number> {
  const cluster = createCluster({ seed: 1 });
  let t = performance.now();
  nodes(cluster, count);
  const addNodesMs = performance.now() - t;
  t = performance.now();
  const applied = cluster.execute({ op: 'apply', object: manifest });
  if (!applied.ok) throw new Error(JSON.stringify(applied.error));
  const applyMs = performance.now() - t;
  t = performance.now();
  const settle1 = cluster.settle();
  const settleMs = performance.now() - t;
  const status1 = cluster.get('DaemonSet', 'fluentd', 'kube-system')!.status;

  // One reconcile, measured alone: the settled DaemonSet synced again, 20 times.
  const engine = cluster as unknown as Engine;
  t = performance.now();
  for (let i = 0; i < 20; i++) reconcileDaemonSet(engine.daemonSets, 'kube-system/fluentd');
  const oneReconcileMs = (performance.now() - t) / 20;
  const statsBefore = { ...engine.daemonSets.stats };

  const next = cluster.get('DaemonSet', 'fluentd', 'kube-system') as DaemonSet;
  next.spec.template.spec.containers[0].image = 'quay.io/fluentd_elasticsearch/fluentd:v3.1.0';
  t = performance.now();
  const cpu = cpuMs();
  const updated = cluster.execute({ op: 'update', object: next });
  if (!updated.ok) throw new Error(JSON.stringify(updated.error));
  const settle2 = cluster.settle(60 * 60 * 1000);
  const rolloutMs = performance.now() - t;
  const rolloutCpuMs = cpuMs() - cpu;
  const reconciles = engine.daemonSets.stats.reconciles - statsBefore.reconciles;
  const status2 = cluster.get('DaemonSet', 'fluentd', 'kube-system')!.status;
  t = performance.now();
  const snap = cluster.snapshot();
  const snapshotMs = performance.now() - t;
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  void snap;
  return {
    nodes: count,
    'add nodes ms': addNodesMs.toFixed(0),
    'apply ms': applyMs.toFixed(1),
    'to settled ms': settleMs.toFixed(0),
    'settled after (sim s)': (settle1.elapsedMs / 1000).toFixed(1),
    desired: status1.desiredNumberScheduled,
    ready: status1.numberReady,
    'one reconcile ms': oneReconcileMs.toFixed(2),
    'rollout ms': rolloutMs.toFixed(0),
    'rollout cpu ms': rolloutCpuMs.toFixed(0),
    reconciles,
    'rollout (sim s)': (settle2.elapsedMs / 1000).toFixed(0),
    updated: status2.updatedNumberScheduled ?? 0,
    'snapshot ms': snapshotMs.toFixed(0),
    'heap MB': heapMb.toFixed(0),
  };
}

const rows = [100, 1000, 5000].map(run);
console.table(rows);
