/**
 * Watch benchmark: a DaemonSet on 500 nodes rolls out a new image while `sim wait 5m` runs,
 * without a watch and with `kubectl get pods -w` open. An open watch steps the clock one due
 * instant at a time and prints what changed at each; a watch that listed (and copied) every
 * pod after every instant made the wait about ten times slower. Prints wall and CPU ms and the
 * rows printed, with the load average beside them (the
 * machine may be shared); asserts nothing.
 *
 *   npx tsx bench/watch.bench.ts
 */
import { loadavg } from 'node:os';
import { createConsole, type FileSource } from '../src/console/index.ts';
import { createCluster } from '../src/console/engine-entry.ts';

const NODES = 500;

function nodeList(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `{apiVersion: v1, kind: Node, metadata: {name: node-${i}, labels: {kubernetes.io/os: linux}}}`,
  );
  return `{apiVersion: v1, kind: List, items: [\n${items.join(',\n')}\n]}`;
}

/** A DaemonSet replacing `maxUnavailable` pods at a time (upstream's default is 1). */
const daemonSet = (maxUnavailable: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels: {name: fluentd}
  updateStrategy:
    rollingUpdate: {maxUnavailable: ${maxUnavailable}}
  template:
    metadata:
      labels: {name: fluentd}
    spec:
      containers:
      - name: fluentd
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
`;

/** CPU milliseconds of this process (the machine is shared, so wall time alone misleads). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function runCase(maxUnavailable: string, watch: boolean): Record<string, string | number> {
  const files: Record<string, string> = {
    'nodes.yaml': nodeList(NODES),
    'ds.yaml': daemonSet(maxUnavailable),
  };
  const source: FileSource = { read: (p) => files[p], list: () => Object.keys(files) };
  const console_ = createConsole({ cluster: createCluster({ seed: 1 }), files: source });
  const run = (line: string): { exit: number; out: string; err: string } => {
    const result = console_.run(line);
    if (result.exit !== 0) throw new Error(`${line}: ${result.err.slice(0, 200)}`);
    return result;
  };
  run('kubectl apply -f nodes.yaml');
  run('kubectl apply -f ds.yaml');
  run('sim settle');
  run('kubectl set image ds/fluentd fluentd=quay.io/fluentd_elasticsearch/fluentd:v3.1.0');
  if (watch) run('kubectl get pods -w');
  const wall = performance.now();
  const cpu = cpuMs();
  const { out } = run('sim wait 5m');
  const waitMs = performance.now() - wall;
  const waitCpuMs = cpuMs() - cpu;
  const printed = out === '' ? 0 : out.split('\n').length - 1;
  const ds = console_.cluster.get('DaemonSet', 'fluentd', 'default');
  return {
    nodes: NODES,
    maxUnavailable,
    watch: watch ? 'get pods -w' : 'none',
    'sim wait 5m ms': waitMs.toFixed(0),
    'cpu ms': waitCpuMs.toFixed(0),
    'rows printed': printed,
    updated: ds?.status.updatedNumberScheduled ?? '',
    'load (1 min)': loadavg()[0].toFixed(2),
  };
}

const rows = ['1', '10%'].flatMap((maxUnavailable) => [
  runCase(maxUnavailable, false),
  runCase(maxUnavailable, true),
]);
console.table(rows);
