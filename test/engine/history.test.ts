import { describe, expect, it } from 'vitest';
import { ClusterHistory } from '../../src/engine/history.ts';
import { createCluster, type Cluster } from '../../src/engine/index.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  nodeManifest,
  updateDaemonSet,
} from './helpers.ts';

/** A cluster with two nodes and an agent DaemonSet running on both. */
function settledAgent(): Cluster {
  const cluster = clusterWithNodes(['node-a', 'node-b']);
  apply(cluster, daemonSetManifest('agent'));
  cluster.settle();
  return cluster;
}

const names = (objects: readonly { metadata: { name: string } }[]) =>
  objects.map((o) => o.metadata.name);

describe('the cluster history', () => {
  it('records every object write with its revision and time, but no events', () => {
    const cluster = createCluster({ seed: 1 });
    const history = new ClusterHistory(cluster);
    apply(cluster, nodeManifest('node-a'));
    apply(cluster, daemonSetManifest('agent'));
    cluster.advance(30_000);
    const { entries, skipped } = history.since(0);
    expect(skipped).toBe(0);
    expect(entries.length).toBeGreaterThan(4);
    expect(entries.some((e) => (e.kind as string) === 'Event')).toBe(false);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i));
    expect(entries[0]).toMatchObject({ kind: 'Node', change: 'add', key: 'node-a', timeMs: 0 });
    // Revisions never go back, and a write's object carries its own resourceVersion.
    for (let i = 1; i < entries.length; i++)
      expect(entries[i].revision).toBeGreaterThanOrEqual(entries[i - 1].revision);
    for (const e of entries)
      if (e.change !== 'delete') expect(e.object.metadata.resourceVersion).toBe(String(e.revision));
    expect(Object.isFrozen(entries[0].object)).toBe(true);
  });

  it('hears each of several writes to one pod within one instant, which a view after it cannot show', () => {
    const cluster = settledAgent();
    const history = new ClusterHistory(cluster);
    // A forced delete takes the pod away at once; the controller makes a new one in the same
    // instant, and the scheduler binds it: three writes, one instant.
    const pod = cluster.list('Pod', { namespace: 'default' });
    if (!Array.isArray(pod)) throw new Error(pod.error);
    const gone = pod.find((p) => p.spec.nodeName === 'node-b');
    cluster.execute({
      op: 'delete',
      key: { kind: 'Pod', namespace: 'default', name: gone?.metadata.name ?? '' },
      gracePeriodSeconds: 0,
    });
    const writes = history.since(0).entries.filter((e) => e.kind === 'Pod');
    expect(new Set(writes.map((e) => e.timeMs)).size).toBe(1);
    expect(writes.map((e) => e.change)).toEqual(['delete', 'add', 'update']);
    // Just after the deletion, node-b had no pod at all.
    const afterDelete = history.objectsAt(writes[0].revision);
    expect(afterDelete.Pod.map((p) => p.spec.nodeName)).toEqual(['node-a']);
  });

  it('gives the objects as of any recorded revision, in list order, and now past the last write', () => {
    const cluster = createCluster({ seed: 1 });
    const history = new ClusterHistory(cluster);
    const first = cluster.revision;
    apply(cluster, nodeManifest('node-b'));
    const oneNode = cluster.revision;
    apply(cluster, nodeManifest('node-a'));
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    expect(names(history.objectsAt(first).Node)).toEqual([]);
    expect(names(history.objectsAt(oneNode).Node)).toEqual(['node-b']);
    const now = cluster.view({ events: false }).objects;
    const recorded = history.objectsAt(cluster.revision + 100);
    // The very objects the view hands out: the recorder keeps the engine's frozen copies.
    expect(recorded.Pod).toEqual(now.Pod);
    expect(recorded.Pod.every((p, i) => p === now.Pod[i])).toBe(true);
    expect(names(recorded.Node)).toEqual(['node-a', 'node-b']);
    expect(history.revisionAt(0)).toBeGreaterThan(oneNode);
    expect(history.revisionAt(-1)).toBe(first);
  });

  it('keeps its log bounded: the oldest half folds into the base, and a reader that fell behind is told', () => {
    const cluster = settledAgent();
    const history = new ClusterHistory(cluster, { maxEntries: 10 });
    const start = cluster.revision;
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.settle();
    expect(history.size).toBeLessThanOrEqual(10);
    expect(history.firstRevision).toBeGreaterThan(start);
    expect(history.firstSeq).toBeGreaterThan(0);
    const { entries, skipped } = history.since(0);
    expect(skipped).toBe(history.firstSeq);
    expect(entries[0].seq).toBe(history.firstSeq);
    expect(() => history.objectsAt(start)).toThrow(RangeError);
    // Folding loses no state: the objects now are still the view's.
    expect(history.objectsAt(cluster.revision).Pod).toEqual(
      cluster.view({ events: false }).objects.Pod,
    );
  });

  it('leaves the cluster byte-identical to one nobody recorded', () => {
    const run = (record: boolean) => {
      const cluster = settledAgent();
      const history = record ? new ClusterHistory(cluster) : undefined;
      updateDaemonSet(cluster, 'agent', (ds) => {
        ds.spec.template.spec.containers[0].image = 'busybox:1.37';
      });
      cluster.settle();
      history?.stop();
      return JSON.stringify(cluster.snapshot());
    };
    expect(run(true)).toBe(run(false));
  });

  it('hears nothing once stopped', () => {
    const cluster = createCluster({ seed: 1 });
    const history = new ClusterHistory(cluster);
    history.stop();
    apply(cluster, nodeManifest('node-a'));
    expect(history.size).toBe(0);
  });
});
