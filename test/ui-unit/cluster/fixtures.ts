/**
 * Typed builders for hand-made snapshots, used where a real cluster cannot reach a state
 * quickly (e.g. exact kubectl STATUS corner cases) and for layout tests in Node.
 */
import type {
  ClusterSnapshot,
  ControllerRevision,
  DaemonSet,
  Event,
  Node,
  NodeVerdict,
  Pod,
  Taint,
  VerdictCheck,
} from '../../../src/protocol/cluster.ts';

export const EPOCH = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown';
  cpu?: string;
  memory?: string;
}

export function makeNode(name: string, options: NodeOptions = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      resourceVersion: '1',
      creationTimestamp: iso(0),
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...options.labels },
    },
    spec: { taints: options.taints, unschedulable: options.unschedulable },
    status: {
      allocatable: { cpu: options.cpu ?? '4', memory: options.memory ?? '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: options.ready ?? 'True' }],
    },
  };
}

export interface PodOptions {
  namespace?: string;
  node?: string;
  /** Bound to the node (spec.nodeName); false leaves only the DaemonSet's matchFields term. */
  bound?: boolean;
  owner?: string;
  hash?: string;
  phase?: Pod['status']['phase'];
  ready?: boolean;
  waiting?: string;
  deleting?: boolean;
  cpu?: string;
  memory?: string;
}

export function makePod(name: string, options: PodOptions = {}): Pod {
  const node = options.node;
  const ready = options.ready ?? (options.phase ?? 'Running') === 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      uid: `uid-pod-${name}`,
      resourceVersion: '1',
      creationTimestamp: iso(1000),
      deletionTimestamp: options.deleting ? iso(5000) : undefined,
      labels: options.hash ? { 'controller-revision-hash': options.hash } : {},
      ownerReferences: options.owner
        ? [
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              name: options.owner,
              uid: `uid-ds-${options.owner}`,
              controller: true,
            },
          ]
        : undefined,
    },
    spec: {
      nodeName: options.bound === false ? undefined : node,
      affinity: node
        ? {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
                ],
              },
            },
          }
        : undefined,
      containers: [
        {
          name: 'main',
          image: 'busybox',
          resources: {
            requests: { cpu: options.cpu ?? '100m', memory: options.memory ?? '200Mi' },
          },
        },
      ],
    },
    status: {
      phase: options.phase ?? 'Running',
      conditions: [
        { type: 'PodScheduled', status: options.bound === false ? 'False' : 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
      containerStatuses:
        options.phase === 'Pending' && !options.waiting
          ? undefined
          : [
              {
                name: 'main',
                ready,
                restartCount: 0,
                image: 'busybox',
                imageID: '',
                lastState: {},
                state: options.waiting ? { waiting: { reason: options.waiting } } : { running: {} },
              },
            ],
    },
  };
}

export function makeDaemonSet(
  name: string,
  spec: Partial<DaemonSet['spec']['template']['spec']> = {},
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-ds-${name}`,
      resourceVersion: '1',
      creationTimestamp: iso(0),
      generation: 1,
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'busybox' }], ...spec },
      },
    },
    status: {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    },
  };
}

export function makeRevision(ds: string, hash: string, revision: number): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds}-${hash}`,
      namespace: 'default',
      uid: `uid-cr-${hash}`,
      resourceVersion: '1',
      creationTimestamp: iso(0),
      labels: { 'controller-revision-hash': hash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: ds,
          uid: `uid-ds-${ds}`,
          controller: true,
        },
      ],
    },
    data: { spec: { template: { spec: { containers: [] }, $patch: 'replace' } } },
    revision,
  };
}

export function makeEvent(
  pod: string,
  reason: string,
  message: string,
  type: 'Normal' | 'Warning' = 'Normal',
): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod}.${reason}`,
      namespace: 'default',
      uid: `uid-ev-${pod}-${reason}`,
      resourceVersion: '1',
      creationTimestamp: iso(2000),
    },
    involvedObject: { kind: 'Pod', name: pod, namespace: 'default' },
    reason,
    message,
    type,
    source: { component: 'default-scheduler' },
    firstTimestamp: iso(2000),
    lastTimestamp: iso(2000),
    count: 1,
  };
}

/** A passing verdict with every check. */
export function passVerdict(node: string): NodeVerdict {
  const check = (c: VerdictCheck['check']): VerdictCheck => ({
    check: c,
    passed: true,
    message: 'ok',
  });
  return {
    node,
    shouldRun: true,
    shouldContinueRunning: true,
    checks: [
      check('nodeName'),
      check('nodeSelector'),
      check('nodeAffinity'),
      check('taints'),
      check('resources'),
      check('ports'),
    ],
  };
}

export function makeSnapshot(parts: {
  nodes?: Node[];
  pods?: Pod[];
  daemonSets?: DaemonSet[];
  revisions?: ControllerRevision[];
  events?: Event[];
  verdicts?: ClusterSnapshot['verdicts'];
  timeMs?: number;
}): ClusterSnapshot {
  return {
    format: 1,
    seed: 1,
    timeMs: parts.timeMs ?? 60_000,
    objects: {
      Namespace: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: 'default',
            uid: 'uid-ns-default',
            resourceVersion: '1',
            creationTimestamp: iso(0),
          },
          status: { phase: 'Active' },
        },
      ],
      Node: parts.nodes ?? [],
      Pod: parts.pods ?? [],
      DaemonSet: parts.daemonSets ?? [],
      ControllerRevision: parts.revisions ?? [],
      Event: parts.events ?? [],
      ConfigMap: [],
      Secret: [],
      Service: [],
      PriorityClass: [],
    },
    verdicts: parts.verdicts ?? [],
    internal: undefined,
  };
}

/**
 * A small rolling-update scene: fluentd on three workers (one on the old revision, one pod
 * Pending for lack of cpu), a NoSchedule-tainted node keeping its pod, and a NoExecute one.
 */
export function rolloutScene(): ClusterSnapshot {
  const nodes = [
    makeNode('control-plane', {
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    }),
    makeNode('worker-1', { labels: { disk: 'ssd', 'topology.kubernetes.io/zone': 'eu-west-1a' } }),
    makeNode('worker-2', { labels: { disk: 'ssd' }, unschedulable: true }),
    makeNode('worker-3', { labels: { disk: 'hdd' }, cpu: '500m' }),
    makeNode('worker-4', { labels: { disk: 'ssd' }, ready: 'False' }),
  ];
  const pods = [
    makePod('fluentd-aaaaa', { node: 'worker-1', owner: 'fluentd', hash: 'new111' }),
    makePod('fluentd-bbbbb', { node: 'worker-2', owner: 'fluentd', hash: 'old000' }),
    makePod('fluentd-ccccc', {
      node: 'worker-3',
      owner: 'fluentd',
      hash: 'new111',
      bound: false,
      phase: 'Pending',
      cpu: '1',
    }),
    makePod('fluentd-ddddd', { node: 'worker-4', owner: 'fluentd', hash: 'old000', ready: false }),
    makePod('web-1', { node: 'worker-3', cpu: '400m' }),
  ];
  const taintCheck = (node: string, subject: string, passed: boolean): VerdictCheck => ({
    check: 'taints',
    passed,
    message: passed
      ? 'all taints tolerated'
      : `node(s) had untolerated taint {${subject.split(':')[0].replace('=', ': ')}}`,
    items: [{ subject, passed, detail: passed ? 'tolerated' : 'no toleration matches' }],
  });
  const verdicts: NodeVerdict[] = [
    {
      node: 'control-plane',
      shouldRun: false,
      shouldContinueRunning: true,
      checks: [
        { check: 'nodeName', passed: true, message: 'no nodeName' },
        taintCheck('control-plane', 'node-role.kubernetes.io/control-plane:NoSchedule', false),
      ],
    },
    passVerdict('worker-1'),
    passVerdict('worker-2'),
    {
      ...passVerdict('worker-3'),
      checks: [
        ...passVerdict('worker-3').checks.filter((c) => c.check !== 'resources'),
        {
          check: 'resources',
          passed: false,
          message: 'Insufficient cpu',
          items: [
            { subject: 'cpu', passed: false, detail: 'requested 1, used 400m, allocatable 500m' },
          ],
        },
      ],
    },
    {
      node: 'worker-4',
      shouldRun: false,
      shouldContinueRunning: true,
      checks: [taintCheck('worker-4', 'node.kubernetes.io/not-ready:NoSchedule', false)],
    },
  ];
  return makeSnapshot({
    nodes,
    pods,
    daemonSets: [makeDaemonSet('fluentd', { nodeSelector: { disk: 'ssd' } })],
    revisions: [makeRevision('fluentd', 'old000', 1), makeRevision('fluentd', 'new111', 2)],
    events: [
      makeEvent(
        'fluentd-ccccc',
        'FailedScheduling',
        "0/5 nodes are available: 1 Insufficient cpu, 4 node(s) didn't satisfy plugin(s) [NodeAffinity].",
        'Warning',
      ),
      makeEvent(
        'fluentd-aaaaa',
        'Scheduled',
        'Successfully assigned default/fluentd-aaaaa to worker-1',
      ),
    ],
    verdicts: [{ namespace: 'default', name: 'fluentd', nodes: verdicts }],
  });
}
