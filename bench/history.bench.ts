/**
 * Recorder benchmark: the history lesson goals read (`src/engine/history.ts`) on a 5,000-node
 * rollout (one DaemonSet, maxUnavailable 10%, as in engine.bench.ts). Prints, without a
 * recorder, with one at its default bound and with an unbounded one: the rollout's wall and
 * CPU time, the writes heard, the entries kept and folded, and how much the heap grew over
 * the rollout (the recorder's share is the growth less that of the row without one; settled
 * figures need --expose-gc, which `npm run bench` passes). Asserts nothing.
 *
 *   npm run bench -- history
 */
import { ClusterHistory, DEFAULT_MAX_ENTRIES } from '../src/engine/history.ts';
import { createCluster } from '../src/engine/index.ts';
import type { Cluster, DaemonSet } from '../src/engine/index.ts';

const NODES = 5000;
const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function settledCluster(): Cluster {
  const cluster = createCluster({ seed: 1 });
  for (let i = 0; i < NODES; i++) {
    const r = cluster.execute({
      op: 'apply',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: `node-${String(i).padStart(5, '0')}` },
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const r = cluster.execute({
    op: 'apply',
    object: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'fluentd', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { name: 'fluentd' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
        template: {
          metadata: { labels: { name: 'fluentd' } },
          spec: { containers: [{ name: 'fluentd', image: 'fluentd:v2.5.2' }] },
        },
      },
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  cluster.settle();
  return cluster;
}

function rollout(maxEntries: number | undefined): Record<string, string | number> {
  const cluster = settledCluster();
  const before = heapMb();
  let heard = 0;
  const stopCounting = cluster.onWrite(() => (heard += 1));
  const history =
    maxEntries === undefined ? undefined : new ClusterHistory(cluster, { maxEntries });
  const next = cluster.get('DaemonSet', 'fluentd', 'kube-system') as DaemonSet;
  next.spec.template.spec.containers[0].image = 'fluentd:v3.1.0';
  const t = performance.now();
  const cpu = cpuMs();
  const updated = cluster.execute({ op: 'update', object: next });
  if (!updated.ok) throw new Error(JSON.stringify(updated.error));
  cluster.settle(60 * 60 * 1000);
  const wallMs = performance.now() - t;
  const rolloutCpuMs = cpuMs() - cpu;
  stopCounting();
  history?.stop();
  const kept = history?.size ?? 0;
  const folded = history?.firstSeq ?? 0;
  const after = heapMb();
  void history;
  return {
    recorder:
      maxEntries === undefined
        ? 'none'
        : Number.isFinite(maxEntries)
          ? `bound ${maxEntries}`
          : 'unbounded',
    'rollout ms': wallMs.toFixed(0),
    'rollout cpu ms': rolloutCpuMs.toFixed(0),
    'writes heard': heard,
    'entries kept': kept,
    'entries folded': folded,
    // The recorder's share is this less the row without one.
    'heap growth MB': (after - before).toFixed(1),
  };
}

console.table([rollout(undefined), rollout(DEFAULT_MAX_ENTRIES), rollout(Infinity)]);
