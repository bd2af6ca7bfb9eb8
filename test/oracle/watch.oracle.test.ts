/**
 * The real kubectl v1.32 watching pods on the stub API server, which answers `?watch=true`
 * with a few events: the playground's watch printer must print the same bytes for the same
 * list and changes in every machine-readable format (`-o json`, `-o yaml`, `-o name`, with and
 * without `--output-watch-events`). For tables the stub answers kubectl's Table requests with
 * the playground's own cells (the server computes them in Kubernetes), so what is compared is
 * kubectl's layout of a watch: the header once, the EVENT and NAMESPACE columns, the wide
 * columns, and the tab writer's remembered widths from row to row.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster, KubeObject, ObjectWrite } from '../../src/engine/index.ts';
import { findResourceType } from '../../src/console/resources.ts';
import { ObjectWatch } from '../../src/console/watch.ts';
import { tableCells } from '../../src/console/printers/table.ts';
import {
  closeSharedOracle,
  recordCommand,
  requireKubectl,
  type JsonObject,
} from '../support/kubectl-oracle.ts';

const available = requireKubectl('kubectl get -w printing');

const pod = (name: string, rv: string, image: string): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', resourceVersion: rv, uid: `uid-${name}` },
  spec: { containers: [{ name: 'c', image }] },
  status: { phase: 'Running' },
});

const x5 = pod('x', '5', 'busybox:1.36');
const x6 = pod('x', '6', 'busybox:1.37');
const a7 = pod('a-much-longer-pod-name', '7', 'busybox:1.37');
/** The list, then after each step what the server holds (x modified, a added, x deleted). */
const STEPS: JsonObject[][] = [[x6], [x6, a7], [a7]];
/** What the stub's watch streams for those steps; a deleted object comes in its last state. */
const EVENTS: JsonObject[] = [
  { type: 'MODIFIED', object: x6 },
  { type: 'ADDED', object: a7 },
  { type: 'DELETED', object: x6 },
];

/**
 * A cluster that holds pods, enough for a watch to list and poll them: each `hold` reports
 * the writes that take it from the pods it held to the new ones on its change feed.
 */
function podsCluster(list: JsonObject[]): { cluster: Cluster; hold(next: JsonObject[]): void } {
  let current = list;
  const listeners: ((write: ObjectWrite) => void)[] = [];
  const cluster: Pick<Cluster, 'now' | 'list' | 'get' | 'onWrite'> = {
    now: 0,
    list: () => current as never,
    get: () => undefined,
    onWrite(listener) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  const uid = (o: JsonObject): string => (o as unknown as KubeObject).metadata.uid;
  const write = (change: ObjectWrite['change'], o: JsonObject): void => {
    const object = o as unknown as KubeObject;
    const revision = Number(object.metadata.resourceVersion);
    for (const l of listeners) l({ revision, timeMs: 0, change, kind: 'Pod', object });
  };
  return {
    cluster: cluster as Cluster,
    hold(next) {
      const before = new Map(current.map((o) => [uid(o), o]));
      const after = new Set(next.map(uid));
      for (const [id, o] of before) if (!after.has(id)) write('delete', o);
      for (const o of next) {
        const was = before.get(uid(o));
        if (!was) write('add', o);
        else if (was !== o) write('update', o);
      }
      current = next;
    },
  };
}

/**
 * What the playground prints for `kubectl get pods -w` with these flags over the steps,
 * hearing of them through the change feed (`feed`) or listing the pods after each (`list`, as
 * a watch of events does).
 */
function playground(
  format: string | undefined,
  events: boolean,
  steps: { list: JsonObject[]; after: JsonObject[][]; namespace: string } = {
    list: [x5],
    after: STEPS,
    namespace: 'default',
  },
  options: {
    allNamespaces?: boolean;
    watchOnly?: boolean;
    noHeaders?: boolean;
    showLabels?: boolean;
  } = {},
): Record<'feed' | 'list', string> {
  const type = findResourceType('pods');
  if (!type) throw new Error('no pods type');
  const print = (via: 'feed' | 'list'): string => {
    const { cluster, hold } = podsCluster(steps.list);
    const listed = steps.list as unknown as KubeObject[];
    const watch = new ObjectWatch(
      {
        type,
        namespace: options.allNamespaces ? undefined : steps.namespace,
        format,
        withNamespace: options.allNamespaces === true,
        noHeaders: options.noHeaders === true,
        showLabels: options.showLabels === true,
        events,
      },
      listed,
    );
    if (via === 'feed') watch.follow(cluster);
    let out = options.watchOnly ? '' : watch.printList(listed, 0);
    for (const step of steps.after) {
      hold(step);
      out += watch.poll(cluster);
    }
    return out;
  };
  return { feed: print('feed'), list: print('list') };
}

/** A pod of the agent DaemonSet on a node, in one of the states a rollout passes through. */
function agentPod(
  name: string,
  rv: string,
  state: 'Pending' | 'Creating' | 'Running' | 'Terminating',
): JsonObject {
  const running = state === 'Running' || state === 'Terminating';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      resourceVersion: rv,
      uid: `uid-${name}`,
      labels: { app: 'agent' },
      ...(state === 'Terminating' ? { deletionTimestamp: '2024-01-01T00:00:30Z' } : {}),
    },
    spec: { nodeName: 'worker-1', containers: [{ name: 'agent', image: 'busybox:1.37' }] },
    status: {
      phase: running ? 'Running' : 'Pending',
      ...(state === 'Pending' ? {} : { podIP: running ? '10.0.0.7' : undefined }),
      containerStatuses:
        state === 'Pending'
          ? undefined
          : [
              {
                name: 'agent',
                ready: running,
                restartCount: 0,
                state: running ? { running: {} } : { waiting: { reason: 'ContainerCreating' } },
              },
            ],
    },
  };
}

const old1 = agentPod('agent-old11', '5', 'Running');
const keep = agentPod('agent-keep2', '4', 'Running');
const old1Terminating = agentPod('agent-old11', '6', 'Terminating');
const new1Pending = agentPod('agent-new33', '7', 'Pending');
const new1Creating = agentPod('agent-new33', '8', 'Creating');
const new1Running = agentPod('agent-new33', '9', 'Running');
/** One pod of a rollout replaced: what the server holds after each change. */
const ROLLOUT = {
  namespace: 'kube-system',
  list: [keep, old1],
  after: [
    [keep, old1Terminating],
    [keep],
    [new1Pending, keep],
    [new1Creating, keep],
    [new1Running, keep],
  ],
};
const ROLLOUT_EVENTS: JsonObject[] = [
  { type: 'MODIFIED', object: old1Terminating },
  { type: 'DELETED', object: old1Terminating },
  { type: 'ADDED', object: new1Pending },
  { type: 'MODIFIED', object: new1Creating },
  { type: 'MODIFIED', object: new1Running },
];

/**
 * The Table the API server sends for pods, built from the playground's own cells: every column
 * with the wide ones at priority 1, and each row's object as partial metadata.
 */
function podTable(objects: JsonObject[]): JsonObject {
  const [header, ...rows] = tableCells('Pod', objects as unknown as KubeObject[], {
    nowMs: 0,
    wide: true,
    withNamespace: false,
  });
  const standard = tableCells('Pod', [], { nowMs: 0, wide: false, withNamespace: false })[0];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: header.map((name, i) => ({
      name,
      type: 'string',
      format: i === 0 ? 'name' : '',
      description: '',
      priority: i < standard.length ? 0 : 1,
    })),
    rows: rows.map((cells, i) => ({
      cells,
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: (objects[i] as { metadata: unknown }).metadata,
      },
    })),
  };
}

describe.skipIf(!available)(
  'kubectl get -w tables against a stub that streams Table events',
  () => {
    afterAll(closeSharedOracle);

    it.each([
      ['a rollout', [], {}],
      ['a rollout, wide', ['-o', 'wide'], {}],
      [
        'a rollout with events in every namespace',
        ['-A', '--output-watch-events'],
        { allNamespaces: true },
      ],
      ['a rollout, watch only', ['--watch-only'], { watchOnly: true }],
      [
        'a rollout without headers, with labels',
        ['--no-headers', '--show-labels'],
        { noHeaders: true, showLabels: true },
      ],
    ] as const)('lays out %s as kubectl does', async (_, flags, options) => {
      const args = ['get', 'pods', '-n', 'kube-system', '-w', ...flags];
      const run = await recordCommand(args, ROLLOUT.list, {
        watchEvents: ROLLOUT_EVENTS,
        tableFor: podTable,
      });
      expect(run.stderr).toBe('');
      const format = (flags as readonly string[]).includes('wide') ? 'wide' : undefined;
      const events = (flags as readonly string[]).includes('--output-watch-events');
      const printed = playground(format, events, ROLLOUT, options);
      expect(printed).toEqual({ feed: run.stdout, list: run.stdout });
    });
  },
);

describe.skipIf(!available)('kubectl get -w against a stub that streams watch events', () => {
  afterAll(closeSharedOracle);

  it.each([
    ['json', false],
    ['json', true],
    ['yaml', false],
    ['yaml', true],
    ['name', false],
    ['name', true],
  ] as const)('prints -o %s (events: %s) as kubectl does', async (format, events) => {
    const args = ['get', 'pods', '-w', '-o', format, ...(events ? ['--output-watch-events'] : [])];
    const run = await recordCommand(args, [x5], { watchEvents: EVENTS });
    expect(run.stderr).toBe('');
    expect(playground(format, events)).toEqual({ feed: run.stdout, list: run.stdout });
  });
});
