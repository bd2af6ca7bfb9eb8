import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/engine/index.ts';
import { apply, clusterWithNodes, daemonSetManifest, nodeManifest, podsOf } from './helpers.ts';

describe('a fresh cluster', () => {
  it('has the four namespaces, the two system priority classes and no nodes', () => {
    const cluster = createCluster({ seed: 1 });
    expect(
      (cluster.list('Namespace') as { metadata: { name: string } }[]).map((n) => n.metadata.name),
    ).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(
      (cluster.list('PriorityClass') as { metadata: { name: string }; value: number }[]).map(
        (p) => [p.metadata.name, p.value],
      ),
    ).toEqual([
      ['system-cluster-critical', 2000000000],
      ['system-node-critical', 2000001000],
    ]);
    expect(cluster.list('Node')).toEqual([]);
    expect(cluster.now).toBe(0);
  });
});

describe('the API server', () => {
  it('fills what a kubelet reports for an applied node', () => {
    const cluster = clusterWithNodes(['worker-1']);
    const node = cluster.get('Node', 'worker-1');
    expect(node?.status.allocatable).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110' });
    expect(node?.status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'MemoryPressure=False',
      'DiskPressure=False',
      'PIDPressure=False',
      'Ready=True',
    ]);
    expect(node?.status.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.0.2' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
    expect(node?.status.nodeInfo?.kubeletVersion).toMatch(/^v1\.32\.\d+$/);
    expect(node?.metadata.labels?.['kubernetes.io/hostname']).toBe('worker-1');
    expect(node?.spec.podCIDR).toBe('10.128.0.0/24');
  });

  it('answers created, unchanged and configured for repeated applies', () => {
    const cluster = clusterWithNodes(['a']);
    const manifest = daemonSetManifest('agent');
    expect(cluster.execute({ op: 'apply', object: manifest })).toMatchObject({
      ok: true,
      action: 'created',
    });
    expect(cluster.execute({ op: 'apply', object: manifest })).toMatchObject({
      ok: true,
      action: 'unchanged',
    });
    expect(
      cluster.execute({
        op: 'apply',
        object: daemonSetManifest('agent', { image: 'busybox:1.37' }),
      }),
    ).toMatchObject({ ok: true, action: 'configured' });
    expect(cluster.execute({ op: 'apply', object: nodeManifest('a') })).toMatchObject({
      ok: true,
      action: 'unchanged',
    });
  });

  it('changes nothing on a dry run', () => {
    const cluster = clusterWithNodes(['a']);
    const result = cluster.execute({
      op: 'apply',
      object: daemonSetManifest('agent'),
      dryRun: true,
    });
    expect(result).toMatchObject({ ok: true, action: 'created' });
    expect(cluster.get('DaemonSet', 'agent', 'default')).toBeUndefined();
    expect(podsOf(cluster, 'agent')).toEqual([]);
  });

  it('refuses objects in a namespace that does not exist', () => {
    const cluster = clusterWithNodes(['a']);
    expect(
      cluster.execute({
        op: 'apply',
        object: daemonSetManifest('agent', { namespace: 'logging' }),
      }),
    ).toEqual({
      ok: false,
      error: { reason: 'NotFound', resource: 'namespaces', name: 'logging' },
    });
    apply(cluster, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'logging' } });
    expect(
      cluster.execute({
        op: 'apply',
        object: daemonSetManifest('agent', { namespace: 'logging' }),
      }),
    ).toMatchObject({ ok: true });
  });

  it('reports AlreadyExists on create and Conflict on a stale update', () => {
    const cluster = clusterWithNodes(['a']);
    expect(
      cluster.execute({
        op: 'create',
        object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      }),
    ).toEqual({
      ok: false,
      error: { reason: 'AlreadyExists', resource: 'namespaces', name: 'default' },
    });
    apply(cluster, daemonSetManifest('agent'));
    const stale = cluster.get('DaemonSet', 'agent', 'default');
    cluster.settle();
    if (!stale) throw new Error('missing');
    stale.spec.minReadySeconds = 3;
    expect(cluster.execute({ op: 'update', object: stale })).toMatchObject({
      ok: false,
      error: { reason: 'Conflict' },
    });
  });

  it('returns errors and never throws for operations on missing or malformed targets', () => {
    const cluster = createCluster({ seed: 1 });
    expect(
      cluster.execute({
        op: 'delete',
        key: { kind: 'DaemonSet', name: 'nope', namespace: 'default' },
      }),
    ).toEqual({
      ok: false,
      error: { reason: 'NotFound', resource: 'daemonsets.apps', name: 'nope' },
    });
    expect(cluster.execute({ op: 'evict', namespace: 'default', name: 'nope' })).toEqual({
      ok: false,
      error: { reason: 'NotFound', resource: 'pods', name: 'nope' },
    });
    expect(cluster.execute({ op: 'update', object: nodeManifest('ghost') })).toEqual({
      ok: false,
      error: { reason: 'NotFound', resource: 'nodes', name: 'ghost' },
    });
    for (const bad of [
      null,
      42,
      'x',
      [],
      { op: 'explode' },
      { op: 'delete' },
      { op: 'apply' },
      { op: 'delete', key: { kind: 'Bogus', name: 1 } },
    ]) {
      const result = cluster.execute(bad as never);
      expect(result.ok).toBe(false);
    }
    expect(cluster.get('Bogus' as never, 'x')).toBeUndefined();
    expect(cluster.verdictsFor('default', 'missing')).toBeUndefined();
    expect(cluster.list('Pod', { labelSelector: 'a in (' })).toHaveProperty('error');
    expect(cluster.list('Pod', { fieldSelector: 'spec.bogus=x' })).toHaveProperty('error');
  });

  it('keeps constructor and __proto__ as ordinary keys of labels and data', () => {
    const cluster = createCluster({ seed: 1 });
    const node = JSON.parse(
      '{"apiVersion":"v1","kind":"Node","metadata":{"name":"a","labels":{"constructor":"no","toString":"x"}}}',
    );
    expect(cluster.execute({ op: 'apply', object: node }).ok).toBe(true);
    const labels = cluster.get('Node', 'a')?.metadata.labels ?? {};
    expect([
      Object.hasOwn(labels, 'constructor'),
      labels['constructor'],
      labels['toString'],
    ]).toEqual([true, 'no', 'x']);
    const configMap = JSON.parse(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"__proto__":"yes"}}',
    );
    expect(cluster.execute({ op: 'apply', object: configMap }).ok).toBe(true);
    const data = cluster.get('ConfigMap', 'c', 'default')?.data ?? {};
    expect(Object.hasOwn(data, '__proto__') && data['__proto__']).toBe('yes');
    const snapshot = cluster.snapshot();
    expect(Object.hasOwn(snapshot.objects.ConfigMap[0].data ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).yes).toBeUndefined();
  });

  it('lists with label and field selectors, sorted by namespace and name', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    const onA = cluster.list('Pod', {
      labelSelector: 'app=agent',
      fieldSelector: 'spec.nodeName=a',
    });
    expect(Array.isArray(onA) && onA.map((p) => p.spec.nodeName)).toEqual(['a']);
    const notAgent = cluster.list('Pod', { labelSelector: 'app!=agent' });
    expect(notAgent).toEqual([]);
    const names = (cluster.list('Pod') as { metadata: { name: string } }[]).map(
      (p) => p.metadata.name,
    );
    expect(names).toEqual([...names].sort());
  });

  it('hands out copies: changing a returned object does not change the cluster', () => {
    const cluster = clusterWithNodes(['a']);
    const node = cluster.get('Node', 'a');
    if (!node) throw new Error('missing');
    node.metadata.labels = { hacked: 'yes' };
    expect(cluster.get('Node', 'a')?.metadata.labels?.hacked).toBeUndefined();
  });
});

describe('snapshots', () => {
  it('are structured-clone safe and restore into a cluster that continues identically', () => {
    const cluster = clusterWithNodes(['a', 'b'], 7);
    apply(cluster, daemonSetManifest('agent'));
    cluster.advance(3000);
    const snapshot = cluster.snapshot();
    const copy = structuredClone(snapshot);
    expect(copy).toEqual(snapshot);
    const restored = restoreCluster(copy);
    cluster.settle();
    restored.settle();
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(cluster.snapshot()));
  });

  it('carry one verdict list per DaemonSet with one entry per node', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    const snapshot = cluster.snapshot();
    expect(snapshot.verdicts.map((v) => [v.namespace, v.name, v.nodes.map((n) => n.node)])).toEqual(
      [['default', 'agent', ['a', 'b']]],
    );
  });

  it('have a view for pages: the same objects and verdicts, no internals, events on request', () => {
    const cluster = clusterWithNodes(['a', 'b'], 3);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const snapshot = cluster.snapshot();
    const view = cluster.view();
    expect(view.internal).toBeNull();
    expect(view.timeMs).toBe(snapshot.timeMs);
    expect(view.verdicts).toEqual(snapshot.verdicts);
    expect(view.objects).toEqual(snapshot.objects);
    expect(view.objects.Event.length).toBeGreaterThan(0);
    const quiet = cluster.view({ events: false });
    expect(quiet.objects.Event).toEqual([]);
    expect(quiet.objects.Pod).toEqual(snapshot.objects.Pod);
    // Taking views changes nothing a snapshot holds.
    expect(JSON.stringify(cluster.snapshot())).toBe(JSON.stringify(snapshot));
  });
});

describe('settle', () => {
  it('stops at the cap with a line saying what still changes', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crash' },
      spec: {
        nodeName: 'a',
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 3'] }],
      },
    });
    const result = cluster.settle(120_000);
    expect(result.settled).toBe(false);
    expect(result.elapsedMs).toBe(120_000);
    expect(result.stillChanging).toContain('default/crash');
  });
});

describe('field selectors', () => {
  it('accept each kind’s selectable fields, as the API server does, and refuse others', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const names = (kind: 'Pod' | 'Event' | 'Node', fieldSelector: string) => {
      const out = cluster.list(kind, { fieldSelector });
      if ('error' in out) return out.error;
      return out.map((o) => o.metadata.name);
    };
    expect(names('Pod', 'spec.nodeName=a,status.phase=Running')).toHaveLength(1);
    expect(names('Pod', 'spec.restartPolicy=Always')).toHaveLength(2);
    expect(names('Pod', 'spec.hostNetwork=false')).toHaveLength(2);
    const [pod] = names('Pod', 'spec.nodeName=b') as string[];
    const about = names('Event', `involvedObject.name=${pod},reason=Scheduled`) as string[];
    expect(about).toHaveLength(1);
    expect(
      names('Event', `involvedObject.kind=DaemonSet,type=Normal,source=daemonset-controller`),
    ).toHaveLength(2);
    expect(names('Event', 'type!=Normal')).toEqual([]);
    expect(names('Node', 'spec.unschedulable=false')).toEqual(['a', 'b']);
    expect(names('Node', 'metadata.namespace=default')).toBe(
      'field label not supported: metadata.namespace',
    );
    expect(names('Pod', 'reason=Scheduled')).toBe('field label not supported: reason');
  });
});

describe('what pages compare', () => {
  it('the revision grows with every write and stays when nothing changed', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    const before = cluster.revision;
    apply(cluster, daemonSetManifest('agent'));
    expect(cluster.revision).toBeGreaterThan(before);
    cluster.settle();
    const settled = cluster.revision;
    cluster.advance(1000);
    expect(cluster.revision).toBe(settled);
    cluster.execute({ op: 'apply', object: nodeManifest('c') });
    expect(cluster.revision).toBeGreaterThan(settled);
  });

  it('views hand out the same frozen verdict per node until that node or the pods it shares change', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.settle();
    const first = cluster.view({ events: false }).verdicts[0].nodes;
    const second = cluster.view({ events: false }).verdicts[0].nodes;
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(Object.isFrozen(first[0])).toBe(true);
    // A node change: its verdict is recomputed, the other node's is the same object.
    cluster.execute({ op: 'apply', object: nodeManifest('a', { labels: { disk: 'ssd' } }) });
    const third = cluster.view({ events: false }).verdicts[0].nodes;
    expect(third[0]).not.toBe(first[0]);
    expect(third[1]).toBe(first[1]);
  });
});
