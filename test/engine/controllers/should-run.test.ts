import { describe, expect, it } from 'vitest';
import {
  daemonTolerations,
  nodeShouldRunDaemonPod,
  toPlacement,
} from '../../../src/engine/controllers/should-run.ts';
import type { Node, NodeSpec, PodSpec, Taint } from '../../../src/engine/types.ts';

const node = (name: string, spec: NodeSpec = {}, labels: Record<string, string> = {}): Node =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, uid: '', resourceVersion: '', creationTimestamp: '' },
    spec,
    status: {},
  }) as Node;
const template = (extra: Partial<PodSpec> = {}): PodSpec => ({
  containers: [{ name: 'c', image: 'busybox' }],
  ...extra,
});
const taint = (key: string, effect: Taint['effect'], value?: string): Taint => ({
  key,
  effect,
  ...(value ? { value } : {}),
});

// The consequences table of semantics section 3, after pkg/controller/daemon/daemon_controller_test.go
// (TestNodeShouldRunDaemonPod and the taint tests).
const cases: {
  name: string;
  spec: PodSpec;
  node: Node;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}[] = [
  {
    name: 'runs on a plain node',
    spec: template(),
    node: node('n'),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'neither runs nor stays when the nodeSelector does not match',
    spec: template({ nodeSelector: { disk: 'ssd' } }),
    node: node('n', {}, { disk: 'hdd' }),
    shouldRun: false,
    shouldContinueRunning: false,
  },
  {
    name: 'neither runs nor stays when the template names another node',
    spec: template({ nodeName: 'other' }),
    node: node('n'),
    shouldRun: false,
    shouldContinueRunning: false,
  },
  {
    name: 'does not start but keeps a pod under an untolerated NoSchedule taint',
    spec: template(),
    node: node('n', { taints: [taint('dedicated', 'NoSchedule', 'gpu')] }),
    shouldRun: false,
    shouldContinueRunning: true,
  },
  {
    name: 'neither runs nor stays under an untolerated NoExecute taint',
    spec: template(),
    node: node('n', { taints: [taint('maintenance', 'NoExecute')] }),
    shouldRun: false,
    shouldContinueRunning: false,
  },
  {
    name: 'ignores PreferNoSchedule taints',
    spec: template(),
    node: node('n', { taints: [taint('soft', 'PreferNoSchedule')] }),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'runs on a cordoned node thanks to the automatic unschedulable toleration',
    spec: template(),
    node: node('n', {
      unschedulable: true,
      taints: [taint('node.kubernetes.io/unschedulable', 'NoSchedule')],
    }),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'runs on a node with only the not-ready NoExecute taint',
    spec: template(),
    node: node('n', { taints: [taint('node.kubernetes.io/not-ready', 'NoExecute')] }),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'does not start but keeps a pod on a NotReady node tainted by the lifecycle controller',
    spec: template(),
    node: node('n', {
      taints: [
        taint('node.kubernetes.io/not-ready', 'NoSchedule'),
        taint('node.kubernetes.io/not-ready', 'NoExecute'),
      ],
    }),
    shouldRun: false,
    shouldContinueRunning: true,
  },
  {
    name: 'runs on a NotReady node when it tolerates everything',
    spec: template({ tolerations: [{ operator: 'Exists' }] }),
    node: node('n', {
      taints: [
        taint('node.kubernetes.io/not-ready', 'NoSchedule'),
        taint('node.kubernetes.io/not-ready', 'NoExecute'),
      ],
    }),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'runs on a control-plane node when the taint is tolerated',
    spec: template({
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      ],
    }),
    node: node('cp', { taints: [taint('node-role.kubernetes.io/control-plane', 'NoSchedule')] }),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'does not tolerate network-unavailable without hostNetwork',
    spec: template(),
    node: node('n', { taints: [taint('node.kubernetes.io/network-unavailable', 'NoSchedule')] }),
    shouldRun: false,
    shouldContinueRunning: true,
  },
  {
    name: 'tolerates network-unavailable with hostNetwork',
    spec: template({ hostNetwork: true }),
    node: node('n', { taints: [taint('node.kubernetes.io/network-unavailable', 'NoSchedule')] }),
    shouldRun: true,
    shouldContinueRunning: true,
  },
  {
    name: 'neither runs nor stays when required node affinity does not match',
    spec: template({
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
    node: node('n', {}, { zone: 'b' }),
    shouldRun: false,
    shouldContinueRunning: false,
  },
];

describe('nodeShouldRunDaemonPod', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = nodeShouldRunDaemonPod(toPlacement(c.spec), c.node);
      expect({
        shouldRun: result.shouldRun,
        shouldContinueRunning: result.shouldContinueRunning,
      }).toEqual({ shouldRun: c.shouldRun, shouldContinueRunning: c.shouldContinueRunning });
    });
  }

  it('words a failing selector as the NodeAffinity plugin does', () => {
    const result = nodeShouldRunDaemonPod(
      toPlacement(template({ nodeSelector: { disk: 'ssd' } })),
      node('n'),
    );
    expect(result.checks.find((c) => c.check === 'nodeSelector')?.message).toBe(
      "node(s) didn't match Pod's node affinity/selector",
    );
  });
});

describe('automatic DaemonSet tolerations', () => {
  it('adds the six node.kubernetes.io tolerations, network-unavailable only with hostNetwork', () => {
    const keys = (spec: PodSpec): string[] =>
      daemonTolerations(spec).map((t) => `${t.key}:${t.effect}`);
    expect(keys(template())).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(keys(template({ hostNetwork: true }))).toContain(
      'node.kubernetes.io/network-unavailable:NoSchedule',
    );
  });

  it('replaces a user toleration with the same key, operator and effect, dropping its tolerationSeconds', () => {
    const tolerations = daemonTolerations(
      template({
        tolerations: [
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 60,
          },
        ],
      }),
    );
    expect(tolerations.filter((t) => t.key === 'node.kubernetes.io/not-ready')).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });
});
