import { describe, expect, it } from 'vitest';
import type { ControllerRevision, PodTemplateSpec } from '../../../src/engine/index.ts';
import { computeHash } from '../../../src/engine/controllers/history.ts';
import { apply, clusterWithNodes, daemonSetManifest, updateDaemonSet } from '../helpers.ts';

function revisions(cluster: ReturnType<typeof clusterWithNodes>): string[] {
  const list = cluster.list('ControllerRevision', { namespace: 'default' }) as ControllerRevision[];
  return list
    .sort((a, b) => a.revision - b.revision)
    .map((r) => `${r.revision}:${r.data.spec.template.spec.containers[0].image}`);
}

function setImage(cluster: ReturnType<typeof clusterWithNodes>, image: string): void {
  updateDaemonSet(cluster, 'agent', (ds) => {
    ds.spec.template.spec.containers[0].image = image;
  });
}

describe('ControllerRevisions', () => {
  it('gives identical templates the same hash and different ones different hashes', () => {
    const t: PodTemplateSpec = {
      metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    };
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash(t)).not.toBe(
      computeHash({ ...t, spec: { containers: [{ name: 'c', image: 'y' }] } }),
    );
    expect(computeHash(t)).toMatch(/^[4-9bcdf]+$/);
  });

  it('numbers a new template max + 1 and renumbers a template that comes back as the newest', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent', { image: 'busybox:1.36' }));
    setImage(cluster, 'busybox:1.37');
    expect(revisions(cluster)).toEqual(['1:busybox:1.36', '2:busybox:1.37']);
    setImage(cluster, 'busybox:1.36');
    expect(revisions(cluster)).toEqual(['2:busybox:1.37', '3:busybox:1.36']);
  });

  it('stores the template with $patch: replace, the hash label and an owner reference', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    const [rev] = cluster.list('ControllerRevision', {
      namespace: 'default',
    }) as ControllerRevision[];
    const ds = cluster.get('DaemonSet', 'agent', 'default');
    expect(rev.data.spec.template.$patch).toBe('replace');
    expect(rev.metadata.name).toBe(`agent-${rev.metadata.labels?.['controller-revision-hash']}`);
    expect(rev.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'DaemonSet',
      name: 'agent',
      uid: ds?.metadata.uid,
      controller: true,
    });
  });

  it('keeps at most revisionHistoryLimit old revisions, oldest deleted first, once no pod carries them', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent', { image: 'busybox:1.35', revisionHistoryLimit: 1 }));
    cluster.settle();
    setImage(cluster, 'busybox:1.36');
    cluster.settle();
    setImage(cluster, 'busybox:1.37');
    cluster.settle();
    expect(revisions(cluster)).toEqual(['2:busybox:1.36', '3:busybox:1.37']);
  });

  it('bumps generation on any spec change but the template generation only on template changes', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.minReadySeconds = 5;
    });
    let ds = cluster.get('DaemonSet', 'agent', 'default');
    expect([
      ds?.metadata.generation,
      ds?.metadata.annotations?.['deprecated.daemonset.template.generation'],
    ]).toEqual([2, '1']);
    setImage(cluster, 'busybox:1.37');
    ds = cluster.get('DaemonSet', 'agent', 'default');
    expect([
      ds?.metadata.generation,
      ds?.metadata.annotations?.['deprecated.daemonset.template.generation'],
    ]).toEqual([3, '2']);
  });
});
