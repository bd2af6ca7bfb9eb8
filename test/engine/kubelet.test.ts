import { describe, expect, it } from 'vitest';
import { restoreCluster } from '../../src/engine/index.ts';
import type { Cluster, Pod } from '../../src/engine/index.ts';
import { podColumns } from '../../src/kube/pod-columns.ts';
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

/** kubectl's READY and STATUS cells for a pod at the cluster's current time. */
function cells(cluster: Cluster, name: string): string {
  const columns = podColumns(get(cluster, name), cluster.now);
  return `${columns.ready} ${columns.status}`;
}

const sidecar = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  image: 'busybox:1.36',
  restartPolicy: 'Always',
  ...extra,
});

describe('sidecar containers (init containers with restartPolicy: Always)', () => {
  it('start the next init container once started, then run beside the main container, READY 2/2', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('meshed', {
        initContainers: [sidecar('proxy'), { name: 'setup', image: 'busybox:1.36' }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    const trail: string[] = [];
    for (let t = 0; t < 30_000; t += 250) {
      const p = cluster.get('Pod', 'meshed', 'default');
      const proxy = p?.status.initContainerStatuses?.[0];
      const setup = p?.status.initContainerStatuses?.[1];
      // While the regular init container runs, the sidecar is already running beside it.
      if (setup?.state.running) expect(proxy?.state.running).toBeDefined();
      const now = p ? cells(cluster, 'meshed') : 'gone';
      if (trail[trail.length - 1] !== now) trail.push(now);
      cluster.advance(250);
    }
    expect(trail).toContain('0/2 Init:1/2');
    expect(trail[trail.length - 1]).toBe('2/2 Running');
    const started = cluster
      .eventsFor('Pod', 'meshed', 'default')
      .filter((e) => e.reason === 'Started')
      .map((e) => e.message);
    expect(started).toEqual([
      'Started container proxy',
      'Started container setup',
      'Started container app',
    ]);
    const p = get(cluster, 'meshed');
    expect(p.status.initContainerStatuses?.[0]).toMatchObject({
      name: 'proxy',
      started: true,
      ready: true,
      restartCount: 0,
    });
    expect(p.status.initContainerStatuses?.[0].state.running).toBeDefined();
    expect(p.status.initContainerStatuses?.[1].state.terminated?.reason).toBe('Completed');
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect(isReady(p)).toBe(true);
  });

  it("hold the next init container until a sidecar's startup probe passes", () => {
    const cluster = clusterWithNodes(['a']);
    const probe = { exec: { command: ['true'] }, initialDelaySeconds: 10, periodSeconds: 5 };
    apply(
      cluster,
      pod('probed', {
        initContainers: [
          sidecar('proxy', { startupProbe: probe }),
          { name: 'setup', image: 'busybox:1.36' },
        ],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    cluster.advance(8_000);
    const early = get(cluster, 'probed');
    expect(early.status.initContainerStatuses?.[0].state.running).toBeDefined();
    expect(early.status.initContainerStatuses?.[0].started).toBe(false);
    expect(early.status.initContainerStatuses?.[1].state.waiting?.reason).toBe('PodInitializing');
    expect(cells(cluster, 'probed')).toBe('0/2 Init:0/2');
    cluster.settle();
    const started = cluster
      .eventsFor('Pod', 'probed', 'default')
      .filter((e) => e.reason === 'Started')
      .map((e) => e.message);
    expect(started).toEqual([
      'Started container proxy',
      'Started container setup',
      'Started container app',
    ]);
    expect(cells(cluster, 'probed')).toBe('2/2 Running');
  });

  it('keep Initialized False and name the sidecar until it has started', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('slow', {
        initContainers: [sidecar('proxy', { image: 'nginx:9.9.9' })],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    cluster.advance(20_000);
    const p = get(cluster, 'slow');
    expect(p.status.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      message: 'containers with incomplete status: [proxy]',
    });
    expect(p.status.conditions?.find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [proxy app]',
    );
    expect(cells(cluster, 'slow')).toMatch(/^0\/2 Init:(ErrImagePull|ImagePullBackOff)$/);
    expect(p.status.containerStatuses?.[0].state.waiting?.reason).toBe('PodInitializing');
  });

  it('restart a sidecar that exits, with the crash back-off, while the main container keeps running', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('flaky', {
        initContainers: [sidecar('proxy', { command: ['sh', '-c', 'exit 1'] })],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    cluster.advance(60_000);
    const p = get(cluster, 'flaky');
    const proxy = p.status.initContainerStatuses?.[0];
    expect(proxy?.restartCount).toBeGreaterThanOrEqual(2);
    expect(proxy?.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const app = p.status.containerStatuses?.[0];
    expect(app?.restartCount).toBe(0);
    expect(app?.state.running).toBeDefined();
    expect(p.status.phase).toBe('Running');
    // Once the main container has started, a restarting sidecar leaves the pod initialized.
    expect(p.status.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    const backOff = cluster
      .eventsFor('Pod', 'flaky', 'default')
      .find((e) => e.reason === 'BackOff');
    expect(backOff?.message).toBe(
      `Back-off restarting failed container proxy in pod flaky_default(${p.metadata.uid})`,
    );
    // The back-off doubles: about 10 + 20 + 40 s of waiting fit in the next 80 s, not 8 restarts.
    const before = proxy?.restartCount ?? 0;
    cluster.advance(80_000);
    const after = get(cluster, 'flaky').status.initContainerStatuses?.[0].restartCount ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(3);
  });

  it('restart a sidecar that exits 0, which ends Completed rather than Error', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('done', {
        initContainers: [sidecar('proxy', { command: ['sh', '-c', 'exit 0'] })],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    cluster.advance(30_000);
    const proxy = get(cluster, 'done').status.initContainerStatuses?.[0];
    expect(proxy?.restartCount).toBeGreaterThanOrEqual(1);
    expect(proxy?.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(get(cluster, 'done').status.containerStatuses?.[0].state.running).toBeDefined();
  });

  it('stop after the main containers on deletion, the last sidecar first', () => {
    const cluster = clusterWithNodes(['a']);
    apply(
      cluster,
      pod('meshed', {
        terminationGracePeriodSeconds: 30,
        initContainers: [sidecar('logs'), sidecar('proxy')],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    cluster.settle();
    expect(cells(cluster, 'meshed')).toBe('3/3 Running');
    cluster.execute({ op: 'delete', key: { kind: 'Pod', name: 'meshed', namespace: 'default' } });
    expect(
      cluster
        .eventsFor('Pod', 'meshed', 'default')
        .filter((e) => e.reason === 'Killing')
        .map((e) => e.message),
    ).toEqual(['Stopping container app', 'Stopping container proxy', 'Stopping container logs']);
    // Which containers still run, every 100 ms until the pod is gone.
    const running: string[] = [];
    for (let t = 0; t < 30_000; t += 100) {
      const p = cluster.get('Pod', 'meshed', 'default');
      const all = [
        ...(p?.status.initContainerStatuses ?? []),
        ...(p?.status.containerStatuses ?? []),
      ];
      const now = p
        ? all
            .filter((s) => s.state.running)
            .map((s) => s.name)
            .join(' ')
        : 'gone';
      if (running[running.length - 1] !== now) running.push(now);
      cluster.advance(100);
    }
    expect(running).toEqual(['logs proxy app', 'logs proxy', 'logs', 'gone']);
    expect(cluster.get('Pod', 'meshed', 'default')).toBeUndefined();
  });

  it('restore from a snapshot taken between the main container and the sidecars stopping, and continue identically', () => {
    const cluster = clusterWithNodes(['a'], 5);
    apply(
      cluster,
      pod('meshed', {
        initContainers: [sidecar('logs'), sidecar('proxy')],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    cluster.settle();
    cluster.execute({ op: 'delete', key: { kind: 'Pod', name: 'meshed', namespace: 'default' } });
    while (get(cluster, 'meshed').status.containerStatuses?.[0].state.running) cluster.advance(100);
    expect(get(cluster, 'meshed').status.initContainerStatuses?.[1].state.running).toBeDefined();
    const restored = restoreCluster(structuredClone(cluster.snapshot()));
    cluster.settle();
    restored.settle();
    expect(restored.get('Pod', 'meshed', 'default')).toBeUndefined();
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(cluster.snapshot()));
  });
});
