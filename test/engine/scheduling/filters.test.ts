/**
 * The filter registry: its order and stages follow upstream, every entry's explanation agrees
 * with its filter, and the DaemonSet controller's shortcut (shouldRunFast, what the engine caches
 * per node and the daemon table condenses into flags) agrees with the full evaluation of every
 * registry filter and with a plain transcription of upstream NodeShouldRunDaemonPod.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nodeShouldRunDaemonPod,
  shouldRunFast,
  toPlacement,
} from '../../../src/engine/controllers/should-run.ts';
import { runFilters } from '../../../src/engine/scheduler.ts';
import {
  DAEMON_FILTERS,
  FILTERS,
  SCHEDULER_FILTERS,
  runsInScheduler,
} from '../../../src/engine/scheduling/filters.ts';
import { matchesNodeAffinity } from '../../../src/engine/scheduling/node-affinity.ts';
import { matchesNodeSelector } from '../../../src/engine/scheduling/node-selector.ts';
import { toleratesTaint } from '../../../src/engine/scheduling/taints.ts';
import type {
  Container,
  Node,
  NodeCondition,
  NodeSelector,
  NodeSelectorRequirement,
  Pod,
  PodSpec,
  Taint,
  Toleration,
} from '../../../src/engine/types.ts';

const NODE_NAMES = ['n1', 'n2'];
const LABEL_KEYS = ['pool', 'disk', 'size'];
const LABEL_VALUES = ['a', 'b', '3', '7', 'x1'];
const TAINT_KEYS = [
  'dedicated',
  'maintenance',
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unschedulable',
  'node.kubernetes.io/network-unavailable',
];

const labelsArb = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), {
  maxKeys: 3,
});

const taintArb: fc.Arbitrary<Taint> = fc
  .record({
    key: fc.constantFrom(...TAINT_KEYS),
    value: fc.constantFrom('', 'gpu'),
    effect: fc.constantFrom<Taint['effect']>('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
  })
  .map((t) => (t.value ? t : { key: t.key, effect: t.effect }));

const conditionArb: fc.Arbitrary<NodeCondition> = fc.record({
  type: fc.constantFrom('Ready', 'MemoryPressure', 'DiskPressure'),
  status: fc.constantFrom('True', 'False', 'Unknown'),
}) as fc.Arbitrary<NodeCondition>;

const nodeArb: fc.Arbitrary<Node> = fc
  .record({
    name: fc.constantFrom(...NODE_NAMES),
    labels: labelsArb,
    taints: fc.oneof(
      { weight: 2, arbitrary: fc.constant([]) },
      fc.uniqueArray(taintArb, { maxLength: 3, selector: (t) => `${t.key}:${t.effect}` }),
    ),
    unschedulable: fc.boolean(),
    allocatable: fc.option(
      fc.record({
        cpu: fc.constantFrom('500m', '2', '4'),
        memory: fc.constantFrom('512Mi', '16Gi'),
        pods: fc.constantFrom('1', '2', '110'),
      }),
      { nil: undefined },
    ),
    conditions: fc.uniqueArray(conditionArb, { maxLength: 3, selector: (c) => c.type }),
  })
  .map(
    (n) =>
      ({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: n.name,
          labels: n.labels,
          uid: `uid-${n.name}`,
          resourceVersion: '1',
          creationTimestamp: '2024-01-01T00:00:00Z',
        },
        spec: {
          ...(n.taints.length > 0 ? { taints: n.taints } : {}),
          ...(n.unschedulable ? { unschedulable: true } : {}),
        },
        status: {
          conditions: n.conditions,
          ...(n.allocatable ? { allocatable: n.allocatable, capacity: n.allocatable } : {}),
        },
      }) as Node,
  );

const requirementArb: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...LABEL_KEYS),
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.uniqueArray(fc.constantFrom(...LABEL_VALUES), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    key: fc.constantFrom(...LABEL_KEYS),
    operator: fc.constantFrom('Exists', 'DoesNotExist'),
  }),
  fc.record({
    key: fc.constantFrom(...LABEL_KEYS),
    operator: fc.constantFrom('Gt', 'Lt'),
    values: fc.constantFrom(['5'], ['x'], ['1', '2']),
  }),
) as fc.Arbitrary<NodeSelectorRequirement>;

const fieldArb: fc.Arbitrary<NodeSelectorRequirement> = fc.record({
  key: fc.constant('metadata.name'),
  operator: fc.constantFrom('In', 'NotIn'),
  values: fc.constantFrom(['n1'], ['n2']),
}) as fc.Arbitrary<NodeSelectorRequirement>;

const affinityArb: fc.Arbitrary<NodeSelector> = fc.record({
  nodeSelectorTerms: fc.array(
    fc.record(
      {
        matchExpressions: fc.array(requirementArb, { maxLength: 2 }),
        matchFields: fc.array(fieldArb, { maxLength: 1 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 2 },
  ),
});

const tolerationArb: fc.Arbitrary<Toleration> = fc
  .record(
    {
      key: fc.constantFrom(...TAINT_KEYS),
      operator: fc.constantFrom('Exists', 'Equal'),
      value: fc.constantFrom('gpu', ''),
      effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
    },
    { requiredKeys: ['operator'] },
  )
  .map((t) => (t.operator === 'Exists' ? { ...t, value: undefined } : t) as Toleration);

const containerArb: fc.Arbitrary<Container> = fc
  .record({
    cpu: fc.option(fc.constantFrom('100m', '1', '3'), { nil: undefined }),
    memory: fc.option(fc.constantFrom('256Mi', '1Gi'), { nil: undefined }),
    hostPort: fc.option(fc.constantFrom(80, 9100), { nil: undefined }),
    protocol: fc.constantFrom('TCP', 'UDP'),
  })
  .map((c) => ({
    name: 'c',
    image: 'busybox',
    ...(c.cpu || c.memory
      ? {
          resources: {
            requests: {
              ...(c.cpu ? { cpu: c.cpu } : {}),
              ...(c.memory ? { memory: c.memory } : {}),
            },
          },
        }
      : {}),
    ...(c.hostPort
      ? { ports: [{ containerPort: c.hostPort, hostPort: c.hostPort, protocol: c.protocol }] }
      : {}),
  }));

const templateArb: fc.Arbitrary<PodSpec> = fc
  .record({
    nodeName: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      fc.constantFrom('', 'n1', 'n2'),
    ),
    nodeSelector: fc.option(labelsArb, { nil: undefined, freq: 2 }),
    affinity: fc.option(affinityArb, { nil: undefined, freq: 2 }),
    tolerations: fc.array(tolerationArb, { maxLength: 3 }),
    hostNetwork: fc.boolean(),
    containers: fc.array(containerArb, { minLength: 1, maxLength: 2 }),
  })
  .map((s) => ({
    containers: s.containers,
    tolerations: s.tolerations,
    ...(s.nodeName !== undefined ? { nodeName: s.nodeName } : {}),
    ...(s.nodeSelector ? { nodeSelector: s.nodeSelector } : {}),
    ...(s.affinity
      ? {
          affinity: {
            nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: s.affinity },
          },
        }
      : {}),
    ...(s.hostNetwork ? { hostNetwork: true } : {}),
  }));

/** Pods already on the node, as the specs the filters compare against. */
const othersArb = fc.array(
  fc.array(containerArb, { minLength: 1, maxLength: 2 }).map((containers) => ({ containers })),
  { maxLength: 3 },
);

/** NodeShouldRunDaemonPod and predicates of pkg/controller/daemon/daemon_controller.go, written out plainly. */
function upstreamShouldRun(
  spec: PodSpec,
  node: Node,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const excluded = { shouldRun: false, shouldContinueRunning: false };
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return excluded;
  const { tolerations } = toPlacement(spec);
  const fitsNodeAffinity =
    matchesNodeSelector(spec.nodeSelector, node.metadata.labels) &&
    matchesNodeAffinity(
      spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
      node.metadata.name,
      node.metadata.labels,
    );
  if (!fitsNodeAffinity) return excluded;
  const untolerated = (effects: string[]): boolean =>
    (node.spec?.taints ?? []).some(
      (t) => effects.includes(t.effect) && !tolerations.some((tol) => toleratesTaint(tol, t)),
    );
  if (untolerated(['NoSchedule', 'NoExecute']))
    return { shouldRun: false, shouldContinueRunning: !untolerated(['NoExecute']) };
  return { shouldRun: true, shouldContinueRunning: true };
}

function podOf(spec: PodSpec, name: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: name,
      resourceVersion: '1',
      creationTimestamp: '',
    },
    spec,
    status: { phase: 'Running' },
  } as Pod;
}

describe('filter registry', () => {
  it("lists the scheduler's filters in kube-scheduler's default Filter order", () => {
    expect(SCHEDULER_FILTERS.map((f) => f.plugin)).toEqual([
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
    ]);
  });

  it("gives the DaemonSet controller exactly upstream's predicates: node name, node affinity, taints", () => {
    expect(DAEMON_FILTERS.map((f) => f.name)).toEqual([
      'nodeName',
      'taints',
      'nodeSelector',
      'nodeAffinity',
    ]);
  });

  it('names every entry once', () => {
    const names = FILTERS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives a verdict one check per registry entry, in registry order', () => {
    const spec = toPlacement({ containers: [{ name: 'c', image: 'busybox' }] });
    const node = fc.sample(nodeArb, { numRuns: 1, seed: 7 })[0];
    expect(nodeShouldRunDaemonPod(spec, node).checks.map((c) => c.check)).toEqual(
      FILTERS.map((f) => f.name),
    );
  });
});

describe('filter registry properties', () => {
  it('the fast path, the full evaluation of every registry filter and upstream NodeShouldRunDaemonPod agree', () => {
    fc.assert(
      fc.property(templateArb, nodeArb, othersArb, (spec, node, others) => {
        const placement = toPlacement(spec);
        const fast = shouldRunFast(placement, node);
        const full = nodeShouldRunDaemonPod(placement, node, () => others);
        const upstream = upstreamShouldRun(spec, node);
        expect({ ...fast }).toEqual(upstream);
        expect({
          shouldRun: full.shouldRun,
          shouldContinueRunning: full.shouldContinueRunning,
        }).toEqual(upstream);
        // The verdict's daemon-stage checks pass exactly when the controller wants a pod.
        const daemonChecks = full.checks.filter((c) =>
          DAEMON_FILTERS.some((f) => f.name === c.check),
        );
        expect(daemonChecks.every((c) => c.passed)).toBe(fast.shouldRun);
      }),
      { numRuns: 600 },
    );
  });

  it("every entry's explanation passes exactly when its filter does", () => {
    fc.assert(
      fc.property(templateArb, nodeArb, othersArb, (spec, node, others) => {
        const pod = toPlacement(spec);
        for (const entry of FILTERS) {
          const status = entry.filter(pod, node, () => others);
          const outcome = entry.explain(pod, node, () => others);
          expect(outcome.passed, entry.name).toBe(status === undefined);
          if (status) expect(status.reasons.length, entry.name).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the scheduler rejects a node exactly when a scheduler-stage check fails, in that check's words", () => {
    fc.assert(
      fc.property(templateArb, nodeArb, othersArb, (spec, node, others) => {
        // The scheduler places pods without spec.nodeName; the daemon pod carries the tolerations.
        const placement = { ...toPlacement(spec), nodeName: undefined };
        const pod = podOf(
          { ...spec, nodeName: undefined, tolerations: placement.tolerations },
          'p',
        );
        const onNode = others.map((s, i) => podOf(s, `other-${i}`));
        const status = runFilters(pod, placement, node, onNode);
        const failed = nodeShouldRunDaemonPod(placement, node, () => others).checks.find(
          (c) => !c.passed && FILTERS.some((f) => f.name === c.check && runsInScheduler(f)),
        );
        expect(status?.reasons.join(', ')).toBe(failed?.message);
      }),
      { numRuns: 400 },
    );
  });
});
