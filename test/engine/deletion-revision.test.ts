import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine/index.ts';
import { runLine } from '../../src/console/index.ts';

const files = (entries: Record<string, string>) => ({
  read: (path: string) => entries[path],
  list: () => Object.keys(entries),
});

describe('a deletion is a write of its own, as in etcd', () => {
  it('moves the cluster revision, so a page waiting on revisions redraws after a bare delete', () => {
    const cluster = createCluster({ seed: 1 });
    const source = files({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' });
    runLine('kubectl apply -f cm.yaml', cluster, source);
    const before = cluster.revision;
    expect(runLine('kubectl delete configmap c', cluster, source).out).toBe(
      'configmap "c" deleted\n',
    );
    expect(cluster.revision).toBeGreaterThan(before);
  });

  it('takes a resourceVersion, so the next object written gets a later one than without it', () => {
    const cluster = createCluster({ seed: 1 });
    const source = files({
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    });
    runLine('kubectl apply -f a.yaml', cluster, source);
    const a = Number(cluster.get('ConfigMap', 'a', 'default')?.metadata.resourceVersion);
    runLine('kubectl delete configmap a', cluster, source);
    runLine('kubectl apply -f b.yaml', cluster, source);
    const b = Number(cluster.get('ConfigMap', 'b', 'default')?.metadata.resourceVersion);
    expect(b).toBe(a + 2);
  });
});
