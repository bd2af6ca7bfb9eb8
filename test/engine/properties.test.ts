/**
 * Property tests of the engine's invariants (fast-check). Generators leave out tolerationSeconds
 * eviction cycles and crashing containers, which never settle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/engine/index.ts';
import type { Cluster, Pod, Taint, Toleration } from '../../src/engine/index.ts';
import { isPodAvailable } from '../../src/engine/controllers/daemonset.ts';
import { daemonSetManifest, nodeManifest, podsOf, targetNode } from './helpers.ts';

const NODE_NAMES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];

const taintArb: fc.Arbitrary<Taint> = fc
  .record({
    key: fc.constantFrom('dedicated', 'maintenance', 'node-role.kubernetes.io/control-plane'),
    value: fc.constantFrom('', 'gpu'),
    effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') as fc.Arbitrary<
      Taint['effect']
    >,
  })
  .map((t) => (t.value ? t : { key: t.key, effect: t.effect }));

const nodeStateArb = fc.record({
  pool: fc.constantFrom('a', 'b', undefined),
  taints: fc.uniqueArray(taintArb, { maxLength: 2, selector: (t) => `${t.key}:${t.effect}` }),
  unschedulable: fc.boolean(),
});

type NodeState = { pool?: string; taints: Taint[]; unschedulable: boolean };

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    node: fc.constantFrom(...NODE_NAMES),
    state: nodeStateArb,
  }),
  fc.record({ kind: fc.constant('remove' as const), node: fc.constantFrom(...NODE_NAMES) }),
  fc.record({
    kind: fc.constant('ready' as const),
    node: fc.constantFrom(...NODE_NAMES),
    status: fc.constantFrom('True', 'False') as fc.Arbitrary<'True' | 'False'>,
  }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const tolerationArb: fc.Arbitrary<Toleration[]> = fc.subarray([
  { key: 'dedicated', operator: 'Exists' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'maintenance', operator: 'Exists', effect: 'NoExecute' },
] as Toleration[]);

const dsArb = fc.record({ selector: fc.constantFrom(undefined, 'a'), tolerations: tolerationArb });

function nodeObject(name: string, state: NodeState): Record<string, unknown> {
  return nodeManifest(name, {
    labels: state.pool ? { pool: state.pool } : {},
    taints: state.taints,
    unschedulable: state.unschedulable,
  });
}

/** Applies one generated operation the way the console would (apply, delete, condition, wait). */
function run(cluster: Cluster, op: Op): void {
  switch (op.kind) {
    case 'put': {
      const existing = cluster.get('Node', op.node);
      if (!existing) cluster.execute({ op: 'apply', object: nodeObject(op.node, op.state) });
      else {
        existing.metadata.labels = { ...existing.metadata.labels };
        if (op.state.pool) existing.metadata.labels.pool = op.state.pool;
        else delete existing.metadata.labels.pool;
        const managed = (existing.spec.taints ?? []).filter((t) =>
          t.key.startsWith('node.kubernetes.io/'),
        );
        existing.spec.taints = [
          ...managed.filter((t) => t.key !== 'node.kubernetes.io/unschedulable'),
          ...op.state.taints,
        ];
        existing.spec.unschedulable = op.state.unschedulable;
        cluster.execute({ op: 'update', object: existing });
      }
      return;
    }
    case 'remove':
      cluster.execute({ op: 'delete', key: { kind: 'Node', name: op.node } });
      return;
    case 'ready':
      cluster.execute({ op: 'setNodeCondition', node: op.node, type: 'Ready', status: op.status });
      return;
    case 'wait':
      cluster.advance(op.ms);
      return;
  }
}

function live(cluster: Cluster, app: string): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of podsOf(cluster, app)) {
    if (pod.metadata.deletionTimestamp) continue;
    const node = targetNode(pod) ?? '';
    out.set(node, [...(out.get(node) ?? []), pod]);
  }
  return out;
}

describe('engine properties', () => {
  it('(a) after settle, every shouldRun node has exactly one live pod and no other node has one unless shouldContinueRunning', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        dsArb,
        fc.array(opArb, { maxLength: 12 }),
        (seed, ds, ops) => {
          const cluster = createCluster({ seed });
          cluster.execute({
            op: 'apply',
            object: daemonSetManifest('agent', {
              nodeSelector: ds.selector ? { pool: ds.selector } : undefined,
              tolerations: ds.tolerations,
            }),
          });
          for (const op of ops) run(cluster, op);
          expect(cluster.settle().settled).toBe(true);
          const pods = live(cluster, 'agent');
          const verdicts = cluster.verdictsFor('default', 'agent')?.nodes ?? [];
          for (const v of verdicts) {
            const count = pods.get(v.node)?.length ?? 0;
            if (v.shouldRun) expect(count, `node ${v.node}`).toBe(1);
            else if (!v.shouldContinueRunning) expect(count, `node ${v.node}`).toBe(0);
            else expect(count).toBeLessThanOrEqual(1);
          }
          for (const node of pods.keys())
            expect(
              verdicts.some((v) => v.node === node),
              `pod on missing node ${node}`,
            ).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('(b) a rolling update from a fully available DaemonSet respects maxUnavailable, and maxSurge with surge', () => {
    const strategyArb = fc.oneof(
      fc.record({
        surge: fc.constant(false),
        value: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('10%', '34%', '50%')),
      }),
      fc.record({
        surge: fc.constant(true),
        value: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('10%', '50%', '100%')),
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 6 }),
        strategyArb,
        fc.constantFrom(0, 0, 5),
        (seed, nodeCount, strategy, minReadySeconds) => {
          const cluster = createCluster({ seed });
          const nodes = NODE_NAMES.slice(0, nodeCount);
          for (const n of nodes) cluster.execute({ op: 'apply', object: nodeManifest(n) });
          const rollingUpdate = strategy.surge
            ? { maxUnavailable: 0, maxSurge: strategy.value }
            : { maxUnavailable: strategy.value, maxSurge: 0 };
          cluster.execute({
            op: 'apply',
            object: daemonSetManifest('web', {
              image: 'busybox:1.36',
              minReadySeconds,
              updateStrategy: { type: 'RollingUpdate', rollingUpdate },
            }),
          });
          expect(cluster.settle().settled).toBe(true);
          const budget =
            typeof strategy.value === 'number'
              ? strategy.value
              : Math.ceil((Number(strategy.value.slice(0, -1)) * nodeCount) / 100);
          cluster.execute({
            op: 'apply',
            object: daemonSetManifest('web', {
              image: 'busybox:1.37',
              minReadySeconds,
              updateStrategy: { type: 'RollingUpdate', rollingUpdate },
            }),
          });
          for (let step = 0; step < 600; step++) {
            const pods = live(cluster, 'web');
            let unavailable = 0;
            let both = 0;
            for (const n of nodes) {
              const list = pods.get(n) ?? [];
              if (!list.some((p) => isPodAvailable(p, minReadySeconds, cluster.now))) unavailable++;
              if (new Set(list.map((p) => p.spec.containers[0].image)).size > 1) both++;
            }
            if (strategy.surge) {
              expect(unavailable).toBe(0);
              expect(both).toBeLessThanOrEqual(budget);
            } else {
              expect(unavailable).toBeLessThanOrEqual(budget);
              expect(both).toBe(0);
            }
            const status = cluster.get('DaemonSet', 'web', 'default')?.status;
            if (
              status?.updatedNumberScheduled === nodeCount &&
              status.numberAvailable === nodeCount
            )
              return;
            cluster.advance(500);
          }
          throw new Error('rollout did not finish in 5 simulated minutes');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('(c) the same seed and operations give identical snapshots, and a restored snapshot continues identically', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        dsArb,
        fc.array(opArb, { minLength: 2, maxLength: 10 }),
        fc.integer({ min: 0, max: 9 }),
        (seed, ds, ops, cut) => {
          const manifest = daemonSetManifest('agent', {
            nodeSelector: ds.selector ? { pool: ds.selector } : undefined,
            tolerations: ds.tolerations,
          });
          const play = (cluster: Cluster, list: Op[]) => {
            for (const op of list) run(cluster, op);
          };
          const one = createCluster({ seed });
          const two = createCluster({ seed });
          for (const c of [one, two]) c.execute({ op: 'apply', object: manifest });
          const split = Math.min(cut, ops.length);
          play(one, ops.slice(0, split));
          play(two, ops.slice(0, split));
          const middle = one.snapshot();
          expect(JSON.stringify(two.snapshot())).toBe(JSON.stringify(middle));
          const three = restoreCluster(structuredClone(middle));
          for (const c of [one, three]) {
            play(c, ops.slice(split));
            c.settle();
          }
          expect(JSON.stringify(three.snapshot())).toBe(JSON.stringify(one.snapshot()));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('(d) random node changes never throw and never leave two live pods of a non-surge DaemonSet on one node', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        dsArb,
        fc.array(opArb, { maxLength: 20 }),
        (seed, ds, ops) => {
          const cluster = createCluster({ seed });
          cluster.execute({
            op: 'apply',
            object: daemonSetManifest('agent', {
              nodeSelector: ds.selector ? { pool: ds.selector } : undefined,
              tolerations: ds.tolerations,
            }),
          });
          for (const op of ops) {
            expect(() => run(cluster, op)).not.toThrow();
            for (const [node, pods] of live(cluster, 'agent'))
              expect(pods.length, `node ${node}`).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
