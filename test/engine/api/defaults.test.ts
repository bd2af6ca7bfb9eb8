import { describe, expect, it } from 'vitest';
import { imageTag } from '../../../src/engine/api/defaults.ts';
import type {
  DaemonSet,
  Namespace,
  Node,
  Pod,
  PriorityClass,
  Secret,
  Service,
} from '../../../src/engine/types.ts';
import { admitted, containerOf, daemonSetManifest, podSpecOf } from './fixtures.ts';

describe('DaemonSet defaults (semantics 1)', () => {
  const ds = admitted(daemonSetManifest()) as DaemonSet;

  it('defaults the update strategy to RollingUpdate with maxUnavailable 1 and maxSurge 0', () => {
    expect(ds.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
  });

  it('defaults revisionHistoryLimit to 10 and leaves minReadySeconds unset', () => {
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    expect(ds.spec.minReadySeconds).toBeUndefined();
  });

  it('keeps a revisionHistoryLimit of 0', () => {
    const zero = admitted(daemonSetManifest((d) => (d.spec.revisionHistoryLimit = 0))) as DaemonSet;
    expect(zero.spec.revisionHistoryLimit).toBe(0);
  });

  it('fills a partial rollingUpdate block', () => {
    const partial = admitted(
      daemonSetManifest(
        (d) => (d.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '25%' } }),
      ),
    ) as DaemonSet;
    expect(partial.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 },
    });
  });

  it('applies the pod spec defaults to the template', () => {
    const spec = ds.spec.template.spec;
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
    });
    expect(spec.containers[0]).toEqual({
      name: 'exporter',
      image: 'prom/node-exporter:v1.3.1',
      ports: [{ containerPort: 9100, protocol: 'TCP' }],
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
    });
  });

  it('does not give template ports a hostPort under hostNetwork (only pods get one)', () => {
    const host = admitted(daemonSetManifest((d) => (podSpecOf(d).hostNetwork = true))) as DaemonSet;
    expect(host.spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 9100, protocol: 'TCP' },
    ]);
  });

  it('does not copy limits into requests on templates', () => {
    const limited = admitted(
      daemonSetManifest((d) => (containerOf(d).resources = { limits: { cpu: '200m' } })),
    ) as DaemonSet;
    expect(limited.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '200m' } });
  });

  it('does not add enableServiceLinks to templates', () => {
    expect(ds.spec.template.spec).not.toHaveProperty('enableServiceLinks');
  });

  it('clears status and server-set metadata on create', () => {
    const raw = daemonSetManifest((d) => {
      d.metadata = {
        name: 'x',
        uid: 'abc',
        resourceVersion: '7',
        generation: 4,
        creationTimestamp: '2020-01-01T00:00:00Z',
      };
      d.status = { numberReady: 5, desiredNumberScheduled: 5 };
    });
    const created = admitted(raw) as DaemonSet;
    expect(created.metadata).toEqual({ name: 'x', namespace: 'default' });
    expect(created.status).toEqual({
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    });
  });

  it('stores quantities in canonical form', () => {
    const q = admitted(
      daemonSetManifest(
        (d) => (containerOf(d).resources = { requests: { cpu: 0.5, memory: '1024Mi' } }),
      ),
    ) as DaemonSet;
    expect(q.spec.template.spec.containers[0].resources?.requests).toEqual({
      cpu: '500m',
      memory: '1Gi',
    });
  });
});

describe('imagePullPolicy by tag', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/agent', 'Always'],
    ['localhost:5000/agent:v2', 'IfNotPresent'],
    ['busybox@sha256:abcd', 'IfNotPresent'],
  ])('gives %s the policy %s', (image, policy) => {
    const ds = admitted(daemonSetManifest((d) => (containerOf(d).image = image))) as DaemonSet;
    expect(ds.spec.template.spec.containers[0].imagePullPolicy).toBe(policy);
  });

  it('reads the tag after the last path component', () => {
    expect(imageTag('registry:5000/a/b')).toBe('latest');
    expect(imageTag('registry:5000/a/b:1')).toBe('1');
  });
});

const podManifest = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec,
});

describe('Pod defaults (SetDefaults_Pod and admission plugins)', () => {
  it('copies limits into missing requests', () => {
    const pod = admitted(
      podManifest({
        containers: [
          {
            name: 'c',
            image: 'busybox',
            resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
          },
        ],
      }),
    ) as Pod;
    expect(pod.spec.containers[0].resources?.requests).toEqual({ cpu: '500m', memory: '1Gi' });
  });

  it('gives hostNetwork pods hostPort = containerPort', () => {
    const pod = admitted(
      podManifest({
        hostNetwork: true,
        containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9100 }] }],
      }),
    ) as Pod;
    expect(pod.spec.containers[0].ports).toEqual([
      { containerPort: 9100, hostPort: 9100, protocol: 'TCP' },
    ]);
  });

  it('enables service links and sets the default service account, priority and pending status', () => {
    const pod = admitted(podManifest({ containers: [{ name: 'c', image: 'busybox' }] })) as Pod;
    expect(pod.spec).toMatchObject({
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('adds the default not-ready and unreachable tolerations for 300 seconds', () => {
    const pod = admitted(podManifest({ containers: [{ name: 'c', image: 'busybox' }] })) as Pod;
    expect(pod.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
  });

  it('resolves the built-in system-node-critical class', () => {
    const pod = admitted(
      podManifest({
        priorityClassName: 'system-node-critical',
        containers: [{ name: 'c', image: 'x' }],
      }),
    ) as Pod;
    expect(pod.spec.priority).toBe(2000001000);
  });

  it.each([
    [{ limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ requests: { cpu: '1' } }, 'Burstable'],
    [{}, 'BestEffort'],
  ])('computes the QoS class of %j as %s', (resources, qos) => {
    const pod = admitted(
      podManifest({ containers: [{ name: 'c', image: 'x', resources }] }),
    ) as Pod;
    expect(pod.status.qosClass).toBe(qos);
  });
});

describe('defaults of the other kinds', () => {
  it('gives a Service type ClusterIP, sessionAffinity None, TCP and targetPort = port', () => {
    const service = admitted({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'dns' },
      spec: { selector: { app: 'dns' }, ports: [{ port: 53 }] },
    }) as Service;
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    });
    expect(service.spec.ports).toEqual([{ port: 53, protocol: 'TCP', targetPort: 53 }]);
    expect(service.status).toEqual({ loadBalancer: {} });
  });

  it('gives a Secret type Opaque and merges stringData into data as base64', () => {
    const secret = admitted({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: 'eA==' },
      stringData: { b: 'hello' },
    }) as Secret;
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ a: 'eA==', b: 'aGVsbG8=' });
    expect(secret).not.toHaveProperty('stringData');
  });

  it('labels a Namespace with its name and marks it Active', () => {
    const ns = admitted({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'monitoring', namespace: 'x' },
    }) as Namespace;
    expect(ns.metadata).toEqual({
      name: 'monitoring',
      labels: { 'kubernetes.io/metadata.name': 'monitoring' },
    });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('keeps a Node status as written and defaults allocatable to capacity', () => {
    const node = admitted({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      status: {
        capacity: { cpu: '4', memory: '16Gi', pods: 110 },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    }) as Node;
    expect(node.status).toEqual({
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(node.spec).toEqual({});
  });

  it('gives a PriorityClass preemptionPolicy PreemptLowerPriority', () => {
    const pc = admitted({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'agents' },
      value: 1000,
    }) as PriorityClass;
    expect(pc.preemptionPolicy).toBe('PreemptLowerPriority');
  });
});
