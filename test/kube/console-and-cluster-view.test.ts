/**
 * The console and the cluster view word a pod from the same src/kube functions, so they must
 * agree at every instant. For each golden scenario, after every command, this compares the
 * cells `kubectl get pods -A -o wide` prints for each pod (NAMESPACE, NAME, READY, STATUS,
 * RESTARTS, NODE) with what the page derives from the snapshot it receives: the pod's chip
 * (toClusterModel), the card it sits on, and the why panel's line for it (toWhyModel). Node
 * cards are compared with `kubectl get nodes` the same way (STATUS, ROLES).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/console/index.ts';
import { tableCells } from '../../src/console/printers/table.ts';
import { epochMs } from '../../src/console/printers/format.ts';
import { folderFiles } from '../../src/cli/sim.ts';
import type { FileSource } from '../../src/console/types.ts';
import type { Cluster, ClusterSnapshot } from '../../src/engine/index.ts';
import { toClusterModel } from '../../src/ui/cluster/cluster-model.ts';
import { toWhyModel } from '../../src/ui/why/why-model.ts';

const ROOT = join(import.meta.dirname, '..', 'scenarios');

const scenarios = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'script.sim')))
  .map((d) => d.name)
  .sort();

/** Columns of `kubectl get pods -A -o wide` the page also shows. */
const POD_COLUMNS = ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE'];
/** Columns of `kubectl get nodes` a node card also shows. */
const NODE_COLUMNS = ['NAME', 'STATUS', 'ROLES'];

/** What the page shows for a pod bound to a node that is gone: no card to sit on. */
const GONE = 'a node that no longer exists';

/** From a kind's table with headers, the named columns of each row. */
function consoleCells(kind: string, cluster: Cluster, names: string[], withNamespace: boolean) {
  const objects = cluster.list(kind as 'Pod');
  if ('error' in objects) throw new Error(objects.error);
  const [headers, ...rows] = tableCells(kind, objects, {
    nowMs: epochMs(cluster.now),
    wide: true,
    withNamespace,
  });
  const at = names.map((name) => headers.indexOf(name));
  const cells = rows.map((row) => at.map((i) => row[i]));
  const node = names.indexOf('NODE');
  if (node >= 0) {
    // The view draws no card for a deleted node, so it cannot name one; it keeps such a pod
    // apart, which is what this cell is compared with.
    const listed = cluster.list('Node');
    const nodes = new Set('error' in listed ? [] : listed.map((n) => n.metadata.name));
    for (const row of cells) if (row[node] !== '<none>' && !nodes.has(row[node])) row[node] = GONE;
  }
  return cells.sort(byKey);
}

/** The same cells as the page derives them from the snapshot the worker would post. */
function viewCells(snapshot: ClusterSnapshot): { pods: string[][]; nodes: string[][] } {
  const model = toClusterModel(snapshot, undefined);
  const pods: string[][] = [];
  const placed = model.nodes.flatMap((card) => card.pods.map((pod) => ({ pod, card })));
  const unplaced = model.unplaced.map((pod) => ({ pod, card: undefined }));
  for (const { pod, card } of [...placed, ...unplaced]) {
    const why = toWhyModel(snapshot, undefined, {
      kind: 'pod',
      namespace: pod.namespace,
      name: pod.name,
    });
    const restarts = why.kind === 'pod' ? why.pod?.restarts : `why panel: ${why.kind}`;
    // A bound pod sits on its node's card; an unbound one shows no node, as NODE says <none>.
    const node = pod.bound ? (card?.name ?? GONE) : '<none>';
    pods.push([pod.namespace, pod.name, pod.readyText, pod.status, restarts ?? '', node]);
  }
  const nodes = model.nodes.map((card) => [
    card.name,
    card.statusText,
    card.roles.length === 0 ? '<none>' : card.roles.join(','),
  ]);
  return { pods: pods.sort(byKey), nodes: nodes.sort(byKey) };
}

function byKey(a: string[], b: string[]): number {
  const ka = `${a[0]}/${a[1]}`;
  const kb = `${b[0]}/${b[1]}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * From a script, a seed and its files, runs it and compares both sides after every command;
 * returns how many pod rows were compared.
 */
function compareAlong(script: string, seed: number, files: FileSource): number {
  let pods = 0;
  runScript(script, {
    seed,
    files,
    observe: (cluster, record) => {
      // The page receives the view through postMessage, which copies it.
      const snapshot = structuredClone(cluster.view({ events: false }));
      const view = viewCells(snapshot);
      const where = `after \`${record.cmd}\` at ${record.t}`;
      expect(view.pods, where).toEqual(consoleCells('Pod', cluster, POD_COLUMNS, true));
      expect(view.nodes, where).toEqual(consoleCells('Node', cluster, NODE_COLUMNS, false));
      pods += view.pods.length;
    },
  });
  return pods;
}

/** Files held in memory, for a script written in the test. */
function memoryFiles(files: Record<string, string>): FileSource {
  return { read: (path) => files[path], list: () => Object.keys(files) };
}

// READY is where the two layers once disagreed over sidecars (the console left them out of the
// total, the view counted them); the sidecar-containers scenario covers them too, this script
// keeps the case when that scenario changes.
const SIDECAR_FILES = {
  'node.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n',
  'ds.yaml': [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: meshed',
    'spec:',
    '  selector:',
    '    matchLabels: {app: meshed}',
    '  template:',
    '    metadata:',
    '      labels: {app: meshed}',
    '    spec:',
    '      initContainers:',
    '      - {name: proxy, image: busybox:1.36, restartPolicy: Always}',
    '      containers:',
    '      - {name: app, image: nginx:1.27}',
    '',
  ].join('\n'),
};
const SIDECAR_SCRIPT = [
  'kubectl apply -f node.yaml',
  'kubectl apply -f ds.yaml',
  'sim wait 1s',
  'sim wait 3s',
  'sim settle',
  'kubectl delete ds meshed',
  'sim settle',
].join('\n');

describe('the console and the cluster view', () => {
  it.each(scenarios)('show the same pod and node columns after every command of %s', (name) => {
    const folder = join(ROOT, name);
    const seedFile = join(folder, 'seed');
    const seed = existsSync(seedFile) ? Number(readFileSync(seedFile, 'utf8').trim()) : 1;
    const script = readFileSync(join(folder, 'script.sim'), 'utf8');
    // Every scenario runs pods, so the comparison cannot pass by comparing empty tables.
    expect(compareAlong(script, seed, folderFiles(folder))).toBeGreaterThan(0);
  });

  it('show the same READY for a DaemonSet pod with a sidecar', () => {
    expect(compareAlong(SIDECAR_SCRIPT, 1, memoryFiles(SIDECAR_FILES))).toBeGreaterThan(0);
  });
});
