import { describe, expect, it } from 'vitest';
import type { Cluster, Pod } from '../../src/engine/index.ts';
import { apply, clusterWithNodes, daemonSetManifest, nodeManifest, podsOf } from './helpers.ts';

const small = { cpu: '1', memory: '2Gi', pods: '110' };
const pendingOf = (cluster: Cluster, app: string): Pod[] =>
  podsOf(cluster, app).filter((p) => !p.spec.nodeName);
const scheduled = (pod: Pod) => pod.status.conditions?.find((c) => c.type === 'PodScheduled');

function hog(name: string, node: string, cpu: string, priority?: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      nodeName: node,
      ...(priority ? { priorityClassName: priority } : {}),
      containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu } } }],
    },
  };
}

describe('scheduler', () => {
  it('binds a daemon pod and records Scheduled in the scheduler’s words', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, daemonSetManifest('agent'));
    const [pod] = podsOf(cluster, 'agent');
    expect(pod.spec.nodeName).toBe('a');
    const events = cluster.eventsFor('Pod', pod.metadata.name, 'default');
    expect(events[0]).toMatchObject({
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned default/${pod.metadata.name} to a`,
      source: { component: 'default-scheduler' },
    });
  });

  it('leaves a pod that does not fit Pending with the real FailedScheduling message shape', () => {
    const cluster = clusterWithNodes(['a', 'b']);
    apply(cluster, nodeManifest('c', { allocatable: small }));
    apply(cluster, hog('hog', 'c', '900m'));
    apply(cluster, daemonSetManifest('agent', { requests: { cpu: '500m' } }));
    cluster.settle();
    const [pending] = pendingOf(cluster, 'agent');
    const message =
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
    expect(scheduled(pending)).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const failed = cluster
      .eventsFor('Pod', pending.metadata.name, 'default')
      .filter((e) => e.reason === 'FailedScheduling');
    expect(failed[0]).toMatchObject({ type: 'Warning', message });
  });

  it('retries when the blocking pod goes away', () => {
    const cluster = clusterWithNodes([]);
    apply(cluster, nodeManifest('c', { allocatable: small }));
    apply(cluster, hog('hog', 'c', '900m'));
    apply(cluster, daemonSetManifest('agent', { requests: { cpu: '500m' } }));
    cluster.settle();
    expect(pendingOf(cluster, 'agent')).toHaveLength(1);
    cluster.execute({ op: 'delete', key: { kind: 'Pod', name: 'hog', namespace: 'default' } });
    cluster.settle();
    expect(pendingOf(cluster, 'agent')).toHaveLength(0);
  });

  it('reports a host port clash', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'holder' },
      spec: {
        nodeName: 'a',
        containers: [
          { name: 'c', image: 'busybox', ports: [{ containerPort: 9100, hostPort: 9100 }] },
        ],
      },
    });
    apply(cluster, daemonSetManifest('agent', { hostPort: 9100 }));
    const [pending] = pendingOf(cluster, 'agent');
    expect(scheduled(pending)?.message).toMatch(
      /^0\/1 nodes are available: 1 node\(s\) didn't have free ports for the requested pod ports\./,
    );
  });

  it('preempts a lower-priority pod for a system-node-critical daemon pod', () => {
    const cluster = clusterWithNodes([]);
    apply(cluster, nodeManifest('c', { allocatable: small }));
    apply(cluster, hog('hog', 'c', '900m'));
    apply(
      cluster,
      daemonSetManifest('agent', {
        requests: { cpu: '500m' },
        priorityClassName: 'system-node-critical',
      }),
    );
    const [pod] = podsOf(cluster, 'agent');
    expect(pod.spec.priority).toBe(2000001000);
    expect(pod.status.nominatedNodeName).toBe('c');
    expect(cluster.eventsFor('Pod', 'hog', 'default').map((e) => e.reason)).toContain('Preempted');
    cluster.settle();
    expect(cluster.get('Pod', 'hog', 'default')).toBeUndefined();
    expect(podsOf(cluster, 'agent')[0].spec.nodeName).toBe('c');
  });

  it('never preempts a pod of equal or higher priority', () => {
    const cluster = clusterWithNodes([]);
    apply(cluster, nodeManifest('c', { allocatable: small }));
    apply(cluster, hog('hog', 'c', '900m', 'system-node-critical'));
    apply(
      cluster,
      daemonSetManifest('agent', {
        requests: { cpu: '500m' },
        priorityClassName: 'system-node-critical',
      }),
    );
    cluster.settle();
    expect(cluster.get('Pod', 'hog', 'default')).toBeDefined();
    expect(pendingOf(cluster, 'agent')).toHaveLength(1);
  });

  it('resolves a PriorityClass the learner applies and refuses a pod naming a missing one', () => {
    const cluster = clusterWithNodes(['a']);
    apply(cluster, {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
    });
    apply(cluster, hog('p', 'a', '100m', 'high'));
    expect(cluster.get('Pod', 'p', 'default')?.spec.priority).toBe(1000);
    const refused = cluster.execute({ op: 'apply', object: hog('q', 'a', '100m', 'nope') });
    expect(refused).toMatchObject({ ok: false, error: { reason: 'Forbidden', resource: 'pods' } });
  });
});
