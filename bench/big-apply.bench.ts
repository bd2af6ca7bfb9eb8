/**
 * Big-apply benchmark: a List of 1,000 and 5,000 nodes (the page's big-apply e2e file, one node
 * per line in flow style) applied through the console to a fresh cluster, without and with a
 * DaemonSet running, then the same file applied again (every node unchanged) and the cluster
 * settled. Before the DaemonSet controller's node table followed node adds, each add rebuilt
 * it, and 5,000 nodes with a DaemonSet took about 20 s. Prints wall and CPU ms and the load
 * average beside them (the machine may be shared); asserts nothing.
 *
 *   npx tsx bench/big-apply.bench.ts
 */
import { loadavg } from 'node:os';
import { createConsole, type FileSource } from '../src/console/index.ts';
import { createCluster } from '../src/console/engine-entry.ts';

function nodeList(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `{apiVersion: v1, kind: Node, metadata: {name: big-${i}, labels: {kubernetes.io/os: linux}}}`,
  );
  return `{apiVersion: v1, kind: List, items: [\n${items.join(',\n')}\n]}`;
}

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: kube-system
spec:
  selector:
    matchLabels: {name: fluentd}
  template:
    metadata:
      labels: {name: fluentd}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      containers:
      - name: fluentd
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
`;

/** CPU milliseconds of this process (the machine is shared, so wall time alone misleads). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** From a console and a line, the line's wall and CPU ms (it must succeed). */
function timed(run: (line: string) => { exit: number; err: string }, line: string): number[] {
  const wall = performance.now();
  const cpu = cpuMs();
  const result = run(line);
  if (result.exit !== 0) throw new Error(`${line}: ${result.err.slice(0, 200)}`);
  return [performance.now() - wall, cpuMs() - cpu];
}

function runCase(count: number, withDaemonSet: boolean): Record<string, string | number> {
  const files: Record<string, string> = { 'nodes.yaml': nodeList(count), 'ds.yaml': DS };
  const source: FileSource = { read: (p) => files[p], list: () => Object.keys(files) };
  const console_ = createConsole({ cluster: createCluster({ seed: 1 }), files: source });
  const run = (line: string): { exit: number; err: string } => console_.run(line);
  if (withDaemonSet) {
    timed(run, 'kubectl apply -f ds.yaml');
    timed(run, 'sim settle');
  }
  const [applyMs, applyCpuMs] = timed(run, 'kubectl apply -f nodes.yaml');
  const [settleMs] = timed(run, 'sim settle');
  const [againMs] = timed(run, 'kubectl apply -f nodes.yaml');
  const ready = withDaemonSet
    ? console_.cluster.get('DaemonSet', 'fluentd', 'kube-system')?.status.numberReady
    : '';
  return {
    nodes: count,
    DaemonSet: withDaemonSet ? 'yes' : 'no',
    'apply ms': applyMs.toFixed(0),
    'apply cpu ms': applyCpuMs.toFixed(0),
    'then settle ms': settleMs.toFixed(0),
    ready: ready ?? '',
    'apply again ms': againMs.toFixed(0),
    'load (1 min)': loadavg()[0].toFixed(2),
  };
}

const rows = [1000, 5000].flatMap((count) => [runCase(count, false), runCase(count, true)]);
console.table(rows);
