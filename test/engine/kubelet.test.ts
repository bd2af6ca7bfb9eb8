import { describe, expect, it } from 'vitest';
import type { Cluster, Pod } from '../../src/engine/index.ts';
import {
  apply,
  clusterWithNodes,
  daemonSetManifest,
  isReady,
  podStatusColumn,
  podsOf,
} from './helpers.ts';

function pod(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'a', ...spec } };
}
const get = (cluster: Cluster, name: string): Pod => {
  const p = cluster.get('Pod', name, 'default');
  if (!p) throw new Error(`no pod ${name}`);
  return p;
};

/** The STATUS column at each simulated half second, without repeats. */
function statusTrail(cluster: Cluster, name: string, ms: number): string[] {
  const trail: string[] = [];
  for (let t = 0; t <= ms; t += 500) {
    const p = cluster.get('Pod', name, 'default');
    const s = p ? podStatusColumn(p) : 'gone';
    if (trail[trail.length - 1] !== s) trail.push(s);
    cluster.advance(500);
  }
  return trail;
}

describe('kubelet stages', () => {
  it('takes a plain pod through ContainerCreating to Running and Ready within 30 s', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, pod('web', { containers: [{ name: 'c', image: 'nginx:1.27' }] }));
    const trail = statusTrail(cluster, 'web', 30_000);
    expect(trail).toEqual(['Pending', 'ContainerCreating', 'Running']);
    const p = get(cluster, 'web');
    expect(isReady(p)).toBe(true);
    expect(p.status.podIP).toMatch(/^10\.128\.0\.\d+$/);
    expect(p.status.hostIP).toBe('192.168.0.2');
    expect(p.status.containerStatuses?.[0]).toMatchObject({
      name: 'c',
      ready: true,
      restartCount: 0,
      started: true,
      image: 'docker.io/library/nginx:1.27',
    });
    const events = cluster
      .eventsFor('Pod', 'web', 'default')
      .map((e) => `${e.reason}: ${e.message}`);
    expect(events[0]).toBe('Pulling: Pulling image "nginx:1.27"');
    expect(events[1]).toMatch(
      /^Pulled: Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72956331 bytes\.$/,
    );
    expect(events.slice(2)).toEqual([
      'Created: Created container: c',
      'Started: Started container c',
    ]);
  });

  it('reports an already-present image for IfNotPresent on the second pod', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, pod('one', { containers: [{ name: 'c', image: 'nginx:1.27' }] }));
    cluster.settle();
    apply(cluster, pod('two', { containers: [{ name: 'c', image: 'nginx:1.27' }] }));
    cluster.settle();
    expect(cluster.eventsFor('Pod', 'two', 'default').map((e) => e.message)).toContain(
      'Container image "nginx:1.27" already present on machine',
    );
  });

  it('goes ErrImagePull then ImagePullBackOff for an unlisted tag, backing off 10 s doubling', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, pod('bad', { containers: [{ name: 'c', image: 'nginx:9.9.9' }] }));
    const trail = statusTrail(cluster, 'bad', 20_000);
    expect(trail.slice(0, 4)).toEqual([
      'Pending',
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
    ]);
    expect(cluster.settle().settled).toBe(true);
    cluster.advance(200_000);
    const backOff = cluster.eventsFor('Pod', 'bad', 'default').find((e) => e.reason === 'BackOff');
    expect(backOff?.message).toBe('Back-off pulling image "nginx:9.9.9"');
    // Retries at ~10, 20, 40, 80 s after each failure: 4 or 5 attempts in 220 s.
    const pulling = cluster.eventsFor('Pod', 'bad', 'default').find((e) => e.reason === 'Pulling');
    expect(pulling?.count).toBeGreaterThanOrEqual(4);
    expect(pulling?.count).toBeLessThanOrEqual(6);
    expect(get(cluster, 'bad').status.containerStatuses?.[0].state.waiting?.reason).toMatch(
      /ErrImagePull|ImagePullBackOff/,
    );
  });

  it('crash-loops a container whose command is sh -c "exit 1"', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('crash', {
        containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
      }),
    );
    cluster.advance(60_000);
    const p = get(cluster, 'crash');
    const status = p.status.containerStatuses?.[0];
    expect(status?.restartCount).toBeGreaterThanOrEqual(2);
    expect(status?.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(p.status.phase).toBe('Running');
    expect(isReady(p)).toBe(false);
    const backOff = cluster
      .eventsFor('Pod', 'crash', 'default')
      .find((e) => e.reason === 'BackOff');
    expect(backOff?.message).toBe(
      `Back-off restarting failed container c in pod crash_default(${p.metadata.uid})`,
    );
    expect(statusTrail(cluster, 'crash', 60_000)).toContain('CrashLoopBackOff');
  });

  it('holds an init container looping on nslookup until the Service exists', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('app', {
        initContainers: [
          {
            name: 'wait',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'until nslookup mydb; do echo waiting; sleep 2; done'],
          },
        ],
        containers: [{ name: 'c', image: 'busybox:1.36' }],
      }),
    );
    cluster.advance(20_000);
    expect(podStatusColumn(get(cluster, 'app'))).toBe('Init:0/1');
    expect(cluster.settle().settled).toBe(true);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'mydb' },
      spec: { ports: [{ port: 5432 }] },
    });
    cluster.settle();
    const p = get(cluster, 'app');
    expect(podStatusColumn(p)).toBe('Running');
    expect(p.status.initContainerStatuses?.[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it("finishes a DaemonSet pod's nslookup init container once the Service exists (settle, Service, settle)", () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      daemonSetManifest('waiter', {
        namespace: 'kube-system',
        initContainers: [
          {
            name: 'wait-for-db',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'until nslookup db; do sleep 2; done'],
          },
        ],
      }),
    );
    expect(cluster.settle().settled).toBe(true);
    const waiting = podsOf(cluster, 'waiter', 'kube-system');
    expect(waiting.map(podStatusColumn)).toEqual(['Init:0/1']);
    // A Service of that name in another namespace is not what the pod's lookup finds.
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'default' },
      spec: { ports: [{ port: 5432 }] },
    });
    expect(cluster.settle().settled).toBe(true);
    expect(podsOf(cluster, 'waiter', 'kube-system').map(podStatusColumn)).toEqual(['Init:0/1']);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'kube-system' },
      spec: { ports: [{ port: 5432 }] },
    });
    expect(cluster.settle().settled).toBe(true);
    const [p] = podsOf(cluster, 'waiter', 'kube-system');
    expect(podStatusColumn(p)).toBe('Running');
    expect(isReady(p)).toBe(true);
  });

  it('finishes the nslookup init container when the Service came first and a ConfigMap last', () => {
    // The pod waits on its volume; the Service appears meanwhile. Once the ConfigMap arrives
    // the init container starts, finds the Service at once, and settle must not stop before.
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      daemonSetManifest('waiter', {
        initContainers: [
          {
            name: 'wait-for-db',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'until nslookup db; do sleep 2; done'],
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
      }),
    );
    cluster.advance(30_000);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: { ports: [{ port: 5432 }] },
    });
    cluster.settle();
    expect(podsOf(cluster, 'waiter').map(podStatusColumn)).toEqual(['Init:0/1']);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config' },
      data: { a: 'b' },
    });
    expect(cluster.settle().settled).toBe(true);
    const [p] = podsOf(cluster, 'waiter');
    expect(podStatusColumn(p)).toBe('Running');
    expect(isReady(p)).toBe(true);
  });

  it('stays ContainerCreating with FailedMount until a missing ConfigMap appears', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('conf', {
        volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
        containers: [
          {
            name: 'c',
            image: 'busybox:1.36',
            volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
          },
        ],
      }),
    );
    cluster.advance(30_000);
    expect(podStatusColumn(get(cluster, 'conf'))).toBe('ContainerCreating');
    const failed = cluster
      .eventsFor('Pod', 'conf', 'default')
      .find((e) => e.reason === 'FailedMount');
    expect(failed).toMatchObject({
      type: 'Warning',
      message: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    });
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config' },
      data: { a: 'b' },
    });
    cluster.advance(15_000);
    expect(isReady(get(cluster, 'conf'))).toBe(true);
  });

  it('terminates a deleted pod within its grace period, showing Terminating meanwhile', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('web', {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: 'c', image: 'busybox:1.36' }],
      }),
    );
    cluster.settle();
    const result = cluster.execute({
      op: 'delete',
      key: { kind: 'Pod', name: 'web', namespace: 'default' },
    });
    expect(result).toMatchObject({ ok: true, action: 'deleted' });
    expect(podStatusColumn(get(cluster, 'web'))).toBe('Terminating');
    expect(cluster.eventsFor('Pod', 'web', 'default').map((e) => e.message)).toContain(
      'Stopping container c',
    );
    cluster.advance(10_000);
    expect(cluster.get('Pod', 'web', 'default')).toBeUndefined();
  });
});
