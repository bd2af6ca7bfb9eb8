import { describe, expect, it } from 'vitest';
import { restoreCluster } from '../../src/engine/index.ts';
import type { Cluster, Pod } from '../../src/engine/index.ts';
import { formatGoDuration } from '../../src/engine/timing.ts';
import type { ClusterDiagnosis, PodDiagnosis } from '../../src/engine/diagnosis.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  podsOf,
  updateDaemonSet,
  type DaemonSetOptions,
} from './helpers.ts';

function diagnosis(cluster: Cluster): ClusterDiagnosis {
  const view = cluster.view({ events: false });
  if (!view.diagnosis) throw new Error('the view has no diagnosis');
  return view.diagnosis;
}

/** From a cluster and a pod name, its diagnosis (undefined: available). */
function podDiagnosis(cluster: Cluster, name: string): PodDiagnosis | undefined {
  return diagnosis(cluster).pods.find((p) => p.name === name)?.diagnosis;
}

function lastFinished(pod: Pod): string {
  return pod.status.containerStatuses?.[0].lastState.terminated?.finishedAt ?? '';
}

function runDaemonSet(nodes: string[], options: DaemonSetOptions, ms = 60_000): Cluster {
  const cluster = clusterWithNodes(nodes);
  apply(cluster, daemonSetManifest('agent', options));
  cluster.advance(ms);
  return cluster;
}

describe('pod diagnosis', () => {
  it('says nothing about a cluster whose pods are all available, with the same empty object each time', () => {
    const cluster = runDaemonSet(['a', 'b'], {});
    const first = diagnosis(cluster);
    expect(first).toEqual({ pods: [], rollouts: [] });
    cluster.advance(1000);
    apply(cluster, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} });
    expect(diagnosis(cluster)).toBe(first);
  });

  it('names the missing ConfigMap volume of a pod stuck in ContainerCreating', () => {
    const cluster = runDaemonSet(['a'], {
      volumes: [{ name: 'config', configMap: { name: 'filebeat-config' } }],
    });
    const [pod] = podsOf(cluster, 'agent');
    expect(podDiagnosis(cluster, pod.metadata.name)).toEqual({
      stage: 'notRunning',
      reason: 'missingVolume',
      volume: 'config',
      source: 'ConfigMap',
      name: 'filebeat-config',
    });
  });

  it('names a missing Secret volume the same way', () => {
    const cluster = runDaemonSet(['a'], {
      volumes: [{ name: 'certs', secret: { secretName: 'tls' } }],
    });
    const [pod] = podsOf(cluster, 'agent');
    expect(podDiagnosis(cluster, pod.metadata.name)).toMatchObject({
      reason: 'missingVolume',
      source: 'Secret',
      name: 'tls',
    });
  });

  it('drops the pod once the ConfigMap exists and the pod becomes ready', () => {
    const cluster = runDaemonSet(['a'], {
      volumes: [{ name: 'config', configMap: { name: 'cfg' } }],
    });
    apply(cluster, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: {} });
    cluster.advance(60_000);
    expect(diagnosis(cluster).pods).toEqual([]);
  });

  it('gives an image pull failure with the image, the registry answer and the back-off', () => {
    const cluster = runDaemonSet(['a'], { image: 'busybox:9.99' });
    const [pod] = podsOf(cluster, 'agent');
    const d = podDiagnosis(cluster, pod.metadata.name);
    expect(d).toMatchObject({
      stage: 'notRunning',
      reason: 'imagePull',
      container: 'main',
      init: false,
      image: 'busybox:9.99',
      backOff: true,
    });
    expect(d?.stage === 'notRunning' && d.reason === 'imagePull' && d.answer).toContain(
      'docker.io/library/busybox:9.99: not found',
    );
  });

  it('gives a crash loop with its exit code, restarts and the back-off the kubelet waits', () => {
    const cluster = runDaemonSet(['a'], { command: ['sh', '-c', 'exit 3'] }, 120_000);
    const [pod] = podsOf(cluster, 'agent');
    const d = podDiagnosis(cluster, pod.metadata.name);
    if (d?.stage !== 'notRunning' || d.reason !== 'crashLoop')
      throw new Error(`not a crash loop: ${JSON.stringify(d)}`);
    expect(d.exitCode).toBe(3);
    expect(d.container).toBe('main');
    expect(d.restarts).toBeGreaterThanOrEqual(1);
    const waiting = pod.status.containerStatuses?.[0].state.waiting;
    expect(waiting?.reason).toBe('CrashLoopBackOff');
    // The kubelet's message carries the same back-off, in Go's duration format.
    expect(d.backOffMs).toBeGreaterThanOrEqual(10_000);
    expect(waiting?.message).toContain(`back-off ${formatGoDuration(d.backOffMs)} `);
    expect(Date.parse(d.retryAt ?? '')).toBeGreaterThan(Date.parse(lastFinished(pod)));
  });

  it('says an init container waits for a Service that does not exist', () => {
    const cluster = runDaemonSet(['a'], {
      initContainers: [
        {
          name: 'wait-db',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'until nslookup mydb; do sleep 2; done'],
        },
      ],
    });
    const [pod] = podsOf(cluster, 'agent');
    expect(podDiagnosis(cluster, pod.metadata.name)).toEqual({
      stage: 'notRunning',
      reason: 'initWaiting',
      container: 'wait-db',
      service: 'mydb',
    });
  });

  it('says a ready pod is not available until minReadySeconds pass, with the instant it will be', () => {
    const cluster = runDaemonSet(['a'], { minReadySeconds: 300 }, 30_000);
    const [pod] = podsOf(cluster, 'agent');
    const d = podDiagnosis(cluster, pod.metadata.name);
    if (d?.stage !== 'notAvailable' || d.reason !== 'minReadySeconds')
      throw new Error(`not minReadySeconds: ${JSON.stringify(d)}`);
    expect(d.minReadySeconds).toBe(300);
    const readyAt = pod.status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
    expect(Date.parse(d.availableAt) - Date.parse(readyAt ?? '')).toBe(300_000);
    cluster.advance(301_000);
    expect(podDiagnosis(cluster, pod.metadata.name)).toBeUndefined();
  });

  it('says a pod the scheduler cannot place is not placed, with its condition message', () => {
    const cluster = runDaemonSet(['a'], { requests: { cpu: '64' } }, 10_000);
    const [pod] = podsOf(cluster, 'agent');
    const d = podDiagnosis(cluster, pod.metadata.name);
    expect(d).toMatchObject({ stage: 'notPlaced', reason: 'Unschedulable' });
    expect(d?.stage === 'notPlaced' && d.message).toContain('Insufficient cpu');
  });

  it('diagnoses the same pods after a snapshot and restore', () => {
    const cluster = runDaemonSet(['a', 'b'], { image: 'busybox:9.99' });
    const restored = restoreCluster(cluster.snapshot());
    expect(diagnosis(restored)).toEqual(diagnosis(cluster));
    expect(diagnosis(restored).pods).toHaveLength(2);
  });

  it('keeps an unchanged entry as the same object from one view to the next', () => {
    const cluster = runDaemonSet(['a', 'b'], {
      volumes: [{ name: 'config', configMap: { name: 'cfg' } }],
    });
    const first = diagnosis(cluster);
    apply(cluster, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'unrelated' } });
    const second = diagnosis(cluster);
    expect(second.pods).toHaveLength(2);
    expect(second.pods[0]).toBe(first.pods[0]);
    expect(second.pods[1]).toBe(first.pods[1]);
  });
});

describe('rollout diagnosis', () => {
  it('counts the failing new pod against maxUnavailable and names the old pods that wait', () => {
    const cluster = runDaemonSet(['a', 'b', 'c'], { image: 'busybox:1.36' });
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:9.99';
    });
    cluster.advance(60_000);
    const [rollout] = diagnosis(cluster).rollouts;
    const failing = podsOf(cluster, 'agent').find(
      (p) => p.spec.containers[0].image === 'busybox:9.99',
    );
    expect(rollout).toMatchObject({
      name: 'agent',
      strategy: 'RollingUpdate',
      desired: 3,
      updated: 1,
      old: 2,
      maxUnavailable: 1,
      maxSurge: 0,
      taken: [{ node: failing?.spec.nodeName, pod: failing?.metadata.name }],
    });
    expect(rollout.waiting.map((w) => w.node)).toHaveLength(2);
    expect(rollout.waiting.map((w) => w.node)).not.toContain(failing?.spec.nodeName);
  });

  it('with surge, counts the unavailable new pod against maxSurge', () => {
    const cluster = runDaemonSet(['a', 'b'], {
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    });
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:9.99';
    });
    cluster.advance(60_000);
    const [rollout] = diagnosis(cluster).rollouts;
    expect(rollout).toMatchObject({ maxSurge: 1, maxUnavailable: 0, updated: 1, old: 2 });
    expect(rollout.taken).toHaveLength(1);
    expect(rollout.taken[0].node).toBe('a');
    // Node a keeps its old pod next to the new one; node b waits for a surge slot.
    expect(rollout.waiting).toEqual([{ node: 'b', pod: expect.any(String) }]);
  });

  it('keeps a stalled rollout as the same object across unrelated writes, and walks again when its pods change', () => {
    const cluster = runDaemonSet(['a', 'b', 'c'], {});
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:9.99';
    });
    cluster.advance(60_000);
    const [first] = diagnosis(cluster).rollouts;
    apply(cluster, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } });
    expect(diagnosis(cluster).rollouts[0]).toBe(first);
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.advance(120_000);
    expect(diagnosis(cluster).rollouts).toEqual([]);
  });

  it('reports nothing once the rollout is done', () => {
    const cluster = runDaemonSet(['a', 'b'], {});
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.advance(120_000);
    expect(diagnosis(cluster).rollouts).toEqual([]);
  });

  it('lists the old pods of an OnDelete DaemonSet as waiting to be deleted', () => {
    const cluster = runDaemonSet(['a', 'b'], { updateStrategy: { type: 'OnDelete' } });
    updateDaemonSet(cluster, 'agent', (ds) => {
      ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    });
    cluster.advance(30_000);
    const [rollout] = diagnosis(cluster).rollouts;
    expect(rollout).toMatchObject({ strategy: 'OnDelete', updated: 0, old: 2, taken: [] });
    expect(rollout.waiting.map((w) => w.node)).toEqual(['a', 'b']);
  });
});
