import { describe, expect, it } from 'vitest';
import { NAME_ALPHABET } from '../../../src/engine/random.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  dsStatus,
  livePodsByNode,
  nodeManifest,
  podsOf,
  updateNode,
} from '../helpers.ts';

describe('DaemonSet controller: pods it creates', () => {
  it('creates one pod per eligible node with the real identity fields', () => {
    const cluster = clusterWithNodes(['node-a', 'node-b']);
    apply(cluster, daemonSetManifest('agent'));
    const pods = podsOf(cluster, 'agent');
    expect(pods).toHaveLength(2);
    const ds = cluster.get('DaemonSet', 'agent', 'default');
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^agent-[${NAME_ALPHABET}]{5}$`));
      expect(pod.metadata.generateName).toBe('agent-');
      expect(pod.metadata.labels?.['pod-template-generation']).toBe('1');
      expect(pod.metadata.labels?.['controller-revision-hash']).toMatch(/^[4-9bcdf]{1,10}$/);
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'agent',
          uid: ds?.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      const terms =
        pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
          ?.nodeSelectorTerms;
      expect(terms).toEqual([
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec.nodeName] }] },
      ]);
      expect(pod.spec.tolerations?.map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
    }
  });

  it('records SuccessfulCreate events on the DaemonSet', () => {
    const cluster = clusterWithNodes(['node-a']);
    apply(cluster, daemonSetManifest('agent'));
    const events = cluster.eventsFor('DaemonSet', 'agent', 'default');
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      `Normal SuccessfulCreate Created pod: ${podsOf(cluster, 'agent')[0].metadata.name}`,
    ]);
    expect(events[0].source.component).toBe('daemonset-controller');
  });

  it('replaces the template node affinity with the single matchFields term but keeps the nodeSelector', () => {
    const cluster = createLabelled();
    apply(
      cluster,
      daemonSetManifest('agent', {
        nodeSelector: { disk: 'ssd' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
              ],
            },
          },
        },
      }),
    );
    const pods = podsOf(cluster, 'agent');
    expect(pods.map((p) => p.spec.nodeName)).toEqual(['ssd-a']);
    expect(pods[0].spec.nodeSelector).toEqual({ disk: 'ssd' });
  });
});

function createLabelled() {
  const cluster = clusterWithNodes([]);
  apply(cluster, nodeManifest('ssd-a', { labels: { disk: 'ssd', zone: 'a' } }));
  apply(cluster, nodeManifest('ssd-b', { labels: { disk: 'ssd', zone: 'b' } }));
  apply(cluster, nodeManifest('hdd-a', { labels: { disk: 'hdd', zone: 'a' } }));
  return cluster;
}

describe('DaemonSet controller: status', () => {
  it('reports desired, current, ready, up-to-date and available once pods are Ready', () => {
    const cluster = clusterWithNodes(['a', 'b', 'c']);
    apply(cluster, daemonSetManifest('agent'));
    expect(dsStatus(cluster, 'agent')).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 0,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberUnavailable: 3,
    });
    cluster.settle();
    expect(dsStatus(cluster, 'agent')).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
  });

  it('counts a Pending pod that cannot fit as current but not ready', () => {
    const cluster = clusterWithNodes([]);
    apply(
      cluster,
      nodeManifest('small', { allocatable: { cpu: '100m', memory: '1Gi', pods: '10' } }),
    );
    apply(cluster, daemonSetManifest('agent', { requests: { cpu: '500m' } }));
    cluster.settle();
    expect(dsStatus(cluster, 'agent')).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberReady: 0,
      numberUnavailable: 1,
    });
  });

  it('keeps the pod when a NoSchedule taint is added later and counts it as misscheduled', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const before = livePodsByNode(cluster, 'agent').get('a')?.[0].metadata.uid;
    updateNode(cluster, 'a', (n) => {
      n.spec.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
    });
    cluster.settle();
    expect(livePodsByNode(cluster, 'agent').get('a')?.[0].metadata.uid).toBe(before);
    expect(dsStatus(cluster, 'agent')).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberMisscheduled: 1,
    });
    updateNode(cluster, 'a', (n) => {
      delete n.spec.taints;
    });
    cluster.settle();
    expect(livePodsByNode(cluster, 'agent').get('a')?.[0].metadata.uid).toBe(before);
    expect(dsStatus(cluster, 'agent')).toMatchObject({
      desiredNumberScheduled: 2,
      numberMisscheduled: 0,
    });
  });

  it('deletes the pod when a NoExecute taint is added and does not recreate it', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    updateNode(cluster, 'a', (n) => {
      n.spec.taints = [{ key: 'maintenance', effect: 'NoExecute' }];
    });
    cluster.settle();
    expect(livePodsByNode(cluster, 'agent').has('a')).toBe(false);
    expect(podsOf(cluster, 'agent')).toHaveLength(1);
    expect(
      cluster
        .eventsFor('DaemonSet', 'agent', 'default')
        .some((e) => e.reason === 'SuccessfulDelete'),
    ).toBe(true);
  });

  it('starts a pod when a label change makes a node match and removes it when it stops matching', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent', { nodeSelector: { pool: 'main' } }));
    expect(podsOf(cluster, 'agent')).toHaveLength(0);
    updateNode(cluster, 'a', (n) => {
      n.metadata.labels = { ...n.metadata.labels, pool: 'main' };
    });
    expect(podsOf(cluster, 'agent')).toHaveLength(1);
    cluster.settle();
    updateNode(cluster, 'a', (n) => {
      const labels = { ...n.metadata.labels };
      delete labels.pool;
      n.metadata.labels = labels;
    });
    cluster.settle();
    expect(podsOf(cluster, 'agent')).toHaveLength(0);
  });

  it('recreates a pod the learner deletes', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const [pod] = podsOf(cluster, 'agent');
    cluster.execute({
      op: 'delete',
      key: { kind: 'Pod', name: pod.metadata.name, namespace: 'default' },
    });
    cluster.settle();
    const after = podsOf(cluster, 'agent');
    expect(after).toHaveLength(1);
    expect(after[0].metadata.name).not.toBe(pod.metadata.name);
  });

  it('garbage-collects pods and revisions when the DaemonSet is deleted', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const result = cluster.execute({
      op: 'delete',
      key: { kind: 'DaemonSet', name: 'agent', namespace: 'default' },
    });
    expect(result.ok).toBe(true);
    cluster.settle();
    expect(podsOf(cluster, 'agent')).toHaveLength(0);
    expect(cluster.list('ControllerRevision', { namespace: 'default' })).toEqual([]);
  });
});
