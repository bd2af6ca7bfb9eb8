/**
 * Dry runs: the editor dry-runs every manifest on each edit, so a dry-run apply must answer as
 * the real apply would and leave the cluster byte-identical (snapshot before === after), for
 * creates and updates of every kind a learner writes.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/engine/index.ts';
import { apply, clusterWithNodes, daemonSetManifest, nodeManifest } from './helpers.ts';

const manifests: Record<string, Record<string, unknown>> = {
  Node: nodeManifest('fresh', { labels: { tier: 'edge' } }),
  DaemonSet: daemonSetManifest('agent'),
  Pod: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'solo' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
  },
  // generateName draws a random suffix: a dry run must not consume the cluster's generator.
  GeneratedPod: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: 'gen-' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
  },
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
  ConfigMap: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-config' },
    data: { level: 'debug' },
  },
  // A Service gets a random cluster IP on create.
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db' },
    spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] },
  },
};

/** From a cluster, its whole state as one string. */
const state = (cluster: Cluster): string => JSON.stringify(cluster.snapshot());

/** A busy cluster: two nodes, a DaemonSet part way through starting its pods. */
function busyCluster(): Cluster {
  const cluster = clusterWithNodes(['a', 'b']);
  apply(cluster, daemonSetManifest('existing'));
  cluster.advance(1500);
  return cluster;
}

/** From a manifest, a changed version of it (a label added), for the update path. */
function changed(manifest: Record<string, unknown>): Record<string, unknown> {
  const metadata = manifest.metadata as Record<string, unknown>;
  return { ...manifest, metadata: { ...metadata, labels: { changed: 'yes' } } };
}

describe('a dry-run apply', () => {
  for (const [label, manifest] of Object.entries(manifests)) {
    it(`of a new ${label} answers created and changes nothing`, () => {
      const cluster = busyCluster();
      const before = state(cluster);
      const result = cluster.execute({ op: 'apply', object: manifest, dryRun: true });
      expect(result).toMatchObject({ ok: true, action: 'created' });
      expect(state(cluster)).toBe(before);
      // And the cluster continues exactly as one that never saw the dry run.
      const twin = busyCluster();
      cluster.settle();
      twin.settle();
      expect(state(cluster)).toBe(state(twin));
    });
  }

  for (const [label, manifest] of Object.entries(manifests)) {
    if (label === 'GeneratedPod') continue;
    it(`of a changed ${label} answers configured with the would-be object and changes nothing`, () => {
      const cluster = busyCluster();
      apply(cluster, manifest);
      cluster.advance(1500);
      const before = state(cluster);
      const result = cluster.execute({ op: 'apply', object: changed(manifest), dryRun: true });
      expect(result).toMatchObject({ ok: true, action: 'configured' });
      if (result.ok) expect(result.object?.metadata.labels?.changed).toBe('yes');
      expect(state(cluster)).toBe(before);
    });
  }

  it('of an invalid object returns the same error as the real apply and changes nothing', () => {
    const cluster = busyCluster();
    const before = state(cluster);
    const bad = daemonSetManifest('bad', { image: '' });
    const dry = cluster.execute({ op: 'apply', object: bad, dryRun: true });
    expect(dry.ok).toBe(false);
    expect(state(cluster)).toBe(before);
    expect(cluster.execute({ op: 'apply', object: bad })).toEqual(dry);
  });
});
