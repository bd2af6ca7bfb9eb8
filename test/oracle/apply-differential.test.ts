/**
 * The real kubectl v1.32 against our apply. For generated pairs of files (first applied, then
 * re-applied, with live changes in between), kubectl computes its three-way patch against the
 * live object our engine holds; our server applies that recorded patch, and the result must be
 * the object our own `kubectl apply` made, with the same printed verb. Cases run in batches: one
 * kubectl call applies every case's file (each case its own object name).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/engine/index.ts';
import type { Cluster, ClusterSnapshot, KubeObject } from '../../src/engine/index.ts';
import { runLine } from '../../src/console/index.ts';
import { canonicalJson } from '../../src/engine/util/canonical.ts';
import {
  closeSharedOracle,
  objectPath,
  recordCommand,
  requireKubectl,
  type JsonObject,
} from '../support/kubectl-oracle.ts';

const available = requireKubectl('apply differential (three-way patch vs kubectl)');
const CASES = Number(process.env.APPLY_ORACLE_CASES ?? 2000);

type Kind = 'DaemonSet' | 'Node';

/** One case: how the object came to be, what changed it live, and the file applied again. */
interface Case {
  kind: Kind;
  first: Record<string, unknown>;
  /** `kubectl create` instead of apply: the live object has no last-applied annotation. */
  created: boolean;
  /** Console lines run between the two applies (`NAME` stands for the object's name). */
  changes: readonly string[];
  second: Record<string, unknown>;
}

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined });

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const port = fc
  .record({ containerPort: fc.constantFrom(80, 443, 8080, 9090), named: fc.boolean() })
  .map(({ containerPort, named }) =>
    named ? { containerPort, name: `p${containerPort}` } : { containerPort },
  );
const envVar = fc.record({
  name: fc.constantFrom('A', 'B', 'C'),
  value: fc.constantFrom('1', '2', ''),
});
const container = (name: string) =>
  fc
    .record({
      image: fc.constantFrom('busybox:1.36', 'busybox:1.37', 'nginx:1.27'),
      ports: maybe(
        fc.uniqueArray(port, { selector: (p) => p.containerPort, minLength: 1, maxLength: 3 }),
      ),
      env: maybe(fc.uniqueArray(envVar, { selector: (e) => e.name, minLength: 1, maxLength: 3 })),
    })
    .map((c) => compact({ name, ...c }));
const toleration = fc.constantFrom(
  { operator: 'Exists' },
  { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'zone', operator: 'Equal', value: 'a', effect: 'NoExecute', tolerationSeconds: 30 },
);
const volume = fc
  .record({ name: fc.constantFrom('v1', 'v2'), host: fc.boolean() })
  .map(({ name, host }) =>
    host ? { name, hostPath: { path: `/data/${name}` } } : { name, emptyDir: {} },
  );

const daemonSetFile = fc
  .record({
    names: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
    tolerations: maybe(fc.uniqueArray(toleration, { minLength: 1, maxLength: 3 })),
    volumes: maybe(fc.uniqueArray(volume, { selector: (v) => v.name, minLength: 1, maxLength: 2 })),
    hostNetwork: maybe(fc.constant(true)),
    minReadySeconds: maybe(fc.constant(5)),
    nodeSelector: maybe(fc.constant({ disk: 'ssd' })),
    // Spelled-out zero values, which the live object never shows (a third of the files).
    zeros: fc.constantFrom(false, false, true),
    labels: maybe(fc.constantFrom({ team: 'a' }, { team: 'b', tier: 'x' })),
    updateStrategy: maybe(
      fc.constantFrom(
        { type: 'OnDelete' },
        { type: 'RollingUpdate' },
        { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } },
      ),
    ),
  })
  .chain((spec) => fc.tuple(fc.constant(spec), fc.tuple(...spec.names.map((n) => container(n)))))
  .map(([spec, containers]) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: compact({ name: 'NAME', labels: spec.labels }),
    spec: compact({
      minReadySeconds: spec.minReadySeconds ?? (spec.zeros ? 0 : undefined),
      selector: { matchLabels: { app: 'x' } },
      updateStrategy: spec.updateStrategy,
      template: {
        metadata: { labels: { app: 'x' } },
        spec: compact({
          containers,
          tolerations: spec.tolerations ?? (spec.zeros ? [] : undefined),
          volumes: spec.volumes,
          hostNetwork: spec.hostNetwork ?? (spec.zeros ? false : undefined),
          nodeSelector: spec.nodeSelector ?? (spec.zeros ? {} : undefined),
        }),
      },
    }),
  }));

const daemonSetChange = fc.constantFrom(
  'kubectl set image ds/NAME a=busybox:1.38',
  `kubectl patch ds NAME -p '{"spec":{"revisionHistoryLimit":5}}'`,
  'kubectl rollout restart ds NAME',
  `kubectl patch ds NAME -p '{"spec":{"template":{"spec":{"tolerations":[{"operator":"Exists"}]}}}}'`,
  `kubectl patch ds NAME -p '{"spec":{"template":{"spec":{"containers":[{"name":"a","env":[{"name":"Z","value":"9"}]}]}}}}'`,
  'kubectl label ds NAME team=z --overwrite',
);

const taint = fc.constantFrom(
  { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
  { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
  { key: 'maintenance', effect: 'NoSchedule' },
);
const nodeFile = fc
  .record({
    labels: maybe(
      fc.record({
        disk: maybe(fc.constantFrom('ssd', 'hdd')),
        zone: maybe(fc.constantFrom('a', 'b')),
      }),
    ),
    taints: maybe(fc.uniqueArray(taint, { maxLength: 3 })),

    unschedulable: maybe(fc.boolean()),
    cpu: maybe(fc.constantFrom('2', '8')),
    // A merged list of scalars: kubectl sends $deleteFromPrimitiveList and $setElementOrder.
    finalizers: maybe(
      fc.uniqueArray(fc.constantFrom('example.com/a', 'example.com/b', 'example.com/c'), {
        maxLength: 3,
      }),
    ),
  })
  .map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: compact({
      name: 'NAME',
      labels: n.labels === undefined ? undefined : compact(n.labels),
      finalizers: n.finalizers,
    }),
    ...(n.taints === undefined && n.unschedulable === undefined
      ? {}
      : { spec: compact({ taints: n.taints, unschedulable: n.unschedulable }) }),
    ...(n.cpu === undefined ? {} : { status: { capacity: { cpu: n.cpu } } }),
  }));
const nodeChange = fc.constantFrom(
  'kubectl label nodes NAME disk=nvme --overwrite',
  'kubectl label nodes NAME extra=yes',
  'kubectl taint nodes NAME maintenance:NoSchedule',
  'kubectl taint nodes NAME dedicated:NoSchedule-',
  'kubectl cordon NAME',
  'kubectl uncordon NAME',
  'sim node NAME allocatable cpu=16',
);

const caseOf = (kind: Kind) => {
  const file = kind === 'DaemonSet' ? daemonSetFile : nodeFile;
  const change = kind === 'DaemonSet' ? daemonSetChange : nodeChange;
  // Half the cases re-apply the first file itself, as a learner does after a live change.
  return fc
    .record({
      kind: fc.constant(kind),
      first: file,
      created: fc.boolean(),
      changes: fc.oneof(fc.constant([]), fc.array(change, { maxLength: 3 })),
      other: file,
      same: fc.boolean(),
    })
    .map(({ other, same, ...rest }): Case => ({ ...rest, second: same ? rest.first : other }));
};

const named = (value: Record<string, unknown>, name: string): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value).replaceAll('"NAME"', JSON.stringify(name))) as Record<
    string,
    unknown
  >;

/** Our cluster after the case's first file and changes; the console output of each step for debugging. */
function setUp(c: Case, name: string): Cluster {
  const cluster = createCluster({ seed: 1 });
  const files = {
    read: (path: string) =>
      path === 'first.yaml' ? JSON.stringify(named(c.first, name)) : undefined,
    list: () => ['first.yaml'],
  };
  if (c.created) {
    // What `kubectl create` leaves (the playground has no create -f): no last-applied annotation.
    const object = named(c.first, name);
    if (c.kind === 'DaemonSet') (object.metadata as Record<string, unknown>).namespace = 'default';
    cluster.execute({ op: 'create', object });
    cluster.advance(0);
  } else {
    runLine('kubectl apply -f first.yaml', cluster, files);
  }
  for (const line of c.changes) runLine(line.replaceAll('NAME', name), cluster, files);
  return cluster;
}

function stored(cluster: Cluster, kind: Kind, name: string): KubeObject | undefined {
  return cluster.get(kind, name, kind === 'DaemonSet' ? 'default' : undefined);
}

/** Runs one batch: kubectl applies every second file at once against our live objects. */
async function runBatch(cases: Case[], kind: Kind, tally: Map<string, number>): Promise<void> {
  const prefix = kind === 'DaemonSet' ? 'ds' : 'node';
  const live: JsonObject[] = [];
  const ours: {
    verb: string;
    after?: KubeObject;
    name: string;
    live?: KubeObject;
    before: ClusterSnapshot;
  }[] = [];
  const documents: string[] = [];
  cases.forEach((c, i) => {
    const name = `${prefix}-${i}`;
    const cluster = setUp(c, name);
    const before = stored(cluster, kind, name);
    const snapshot = cluster.snapshot();
    if (before) live.push(JSON.parse(JSON.stringify(before)) as JsonObject);
    const second = JSON.stringify(named(c.second, name));
    documents.push(second);
    const result = runLine('kubectl apply -f second.yaml', cluster, {
      read: (path) => (path === 'second.yaml' ? second : undefined),
      list: () => ['second.yaml'],
    });
    const verb = /\/\S+ (\w+)\n/.exec(result.out)?.[1] ?? `error: ${result.err}`;
    ours.push({ verb, after: stored(cluster, kind, name), name, live: before, before: snapshot });
  });
  const t0 = performance.now();
  const run = await recordCommand(
    ['apply', '--validate=false', '-f', 'all.yaml'],
    live,
    // A comment first: a file that starts with `{` is read as a JSON stream, not YAML documents.
    { files: { 'all.yaml': documents.map((d) => `# case\n${d}`).join('\n---\n') } },
  );
  if (process.env.APPLY_ORACLE_STATS) console.log('kubectl ms', performance.now() - t0);
  const verbs = new Map<string, string>();
  for (const line of run.stdout.split('\n')) {
    const match = /^\S+\/(\S+) (\w+)$/.exec(line);
    if (match) verbs.set(match[1], match[2]);
  }
  const patches = new Map<string, unknown>();
  for (const request of run.writes)
    if (request.method === 'PATCH') patches.set(request.path, request.json);
  const stderr = run.stderr
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('Warning: resource '));
  expect(stderr, 'kubectl printed errors').toEqual([]);
  for (const verb of verbs.values()) tally.set(verb, (tally.get(verb) ?? 0) + 1);
  cases.forEach((c, i) => {
    const mine = ours[i];
    const theirs = verbs.get(mine.name);
    const context = () =>
      JSON.stringify(
        { case: c, name: mine.name, kubectlVerb: theirs, ourVerb: mine.verb },
        null,
        1,
      );
    expect(mine.verb, context()).toBe(theirs);
    if (mine.live === undefined) return;
    const path = objectPath(mine.live as unknown as JsonObject);
    const patch = patches.get(path);
    // Our server applies kubectl's patch to the same live object.
    const replay = restoreCluster(mine.before);
    if (patch !== undefined) {
      const result = replay.execute({
        op: 'patch',
        key: {
          kind,
          name: mine.name,
          ...(kind === 'DaemonSet' ? { namespace: 'default' } : {}),
        },
        patchType: 'strategic',
        patch,
      });
      expect(
        result.ok,
        `${context()}\npatch ${JSON.stringify(patch)}\n${JSON.stringify(result)}`,
      ).toBe(true);
      replay.advance(0);
    }
    const expected = stored(replay, kind, mine.name);
    expect(
      canonicalJson(mine.after),
      `${context()}\nkubectl's patch: ${JSON.stringify(patch)}`,
    ).toBe(canonicalJson(expected));
  });
}

describe.skipIf(!available)('kubectl apply, differential against kubectl v1.32', () => {
  afterAll(closeSharedOracle);

  it.each(['DaemonSet', 'Node'] as const)(
    'our apply of a %s makes what kubectl’s recorded patch makes on our server, and prints the same verb',
    async (kind) => {
      const cases = fc.sample(caseOf(kind), { numRuns: CASES, seed: kind === 'Node' ? 11 : 7 });
      const size = 500;
      const tally = new Map<string, number>();
      for (let start = 0; start < cases.length; start += size)
        await runBatch(cases.slice(start, start + size), kind, tally);
      // Both outcomes occur, so neither side passes by always saying the same thing.
      expect(tally.get('configured') ?? 0).toBeGreaterThan(cases.length / 10);
      expect(tally.get('unchanged') ?? 0).toBeGreaterThan(cases.length / 50);
    },
    120_000,
  );
});
