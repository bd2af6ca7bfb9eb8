/**
 * Console benchmark: 2,000 commands on a 100-node cluster, a 1 MB manifest parsed and applied,
 * a billion-laughs alias bomb refused, and the headless runner's start-up through npm + tsx and
 * through the esbuild bundle (scripts/run-sim.mjs builds it when stale). Prints numbers;
 * asserts nothing.
 *
 *   npx tsx bench/console.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsole, type FileSource } from '../src/console/index.ts';
import { createCluster } from '../src/console/engine-entry.ts';
import { readManifest } from '../src/console/manifest/read.ts';

const rows: [string, string, string][] = [];
const ms = (start: number): number => performance.now() - start;
const report = (what: string, value: number, target: string): void => {
  rows.push([what, `${value.toFixed(1)} ms`, target]);
};

function nodeManifest(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `node-${String(i).padStart(5, '0')}`;
    docs.push(
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels:\n    kubernetes.io/hostname: ${name}\n    topology.kubernetes.io/zone: zone-${i % 3}\n    tier: ${i % 10 === 9 ? 'edge' : 'worker'}\nspec:\n  taints: ${i % 7 === 0 ? '[{key: dedicated, value: logging, effect: NoSchedule}]' : '[]'}\nstatus:\n  allocatable: {cpu: "8", memory: 32Gi, pods: "110"}\n  capacity: {cpu: "8", memory: 32Gi, pods: "110"}\n`,
    );
  }
  return docs.join('---\n');
}

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: kube-system
spec:
  selector:
    matchLabels: {name: fluentd}
  updateStrategy:
    rollingUpdate: {maxUnavailable: 10%}
  template:
    metadata:
      labels: {name: fluentd}
    spec:
      tolerations:
      - {key: dedicated, operator: Exists, effect: NoSchedule}
      containers:
      - name: fluentd
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          requests: {cpu: 100m, memory: 200Mi}
          limits: {memory: 200Mi}
`;

// 1. 2,000 commands on a 100-node cluster.
{
  const files: Record<string, string> = { 'nodes.yaml': nodeManifest(100), 'ds.yaml': DS };
  const source: FileSource = { read: (p) => files[p], list: () => Object.keys(files) };
  const console_ = createConsole({ cluster: createCluster({ seed: 1 }), files: source });
  console_.run('kubectl apply -f nodes.yaml');
  console_.run('kubectl apply -f ds.yaml');
  console_.run('sim settle');
  const commands = [
    'kubectl get pods -n kube-system -o wide',
    'kubectl get ds -A',
    'kubectl get nodes',
    'kubectl describe node node-00042',
    'kubectl describe ds fluentd -n kube-system',
    'kubectl label nodes node-00017 pool=blue --overwrite',
    'kubectl label nodes node-00017 pool-',
    'kubectl taint nodes node-00023 maint=now:NoSchedule',
    'kubectl taint nodes node-00023 maint-',
    'kubectl get pods -A -l name=fluentd -o name',
    'kubectl get ds fluentd -n kube-system -o yaml',
    'sim wait 1s',
    'kubectl get events -n kube-system',
    'kubectl cordon node-00050',
    'kubectl uncordon node-00050',
    'kubectl rollout history ds/fluentd -n kube-system',
    'kubectl get controllerrevisions -n kube-system',
    'kubectl get pods -n kube-system --field-selector spec.nodeName=node-00003',
    'kubectl apply -f ds.yaml',
    'kubectl get ds fluentd -n kube-system -o json',
  ];
  const perCommand = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; i < 2000; i++) {
    const line = commands[i % commands.length];
    const t = performance.now();
    const result = console_.run(line);
    perCommand.set(line, (perCommand.get(line) ?? 0) + ms(t));
    if (result.exit !== 0) throw new Error(`${line}: ${result.err}`);
  }
  report('2,000 commands, 100-node cluster', ms(start), '< 5000 ms');
  const slowest = [...perCommand].sort((a, b) => b[1] - a[1])[0];
  rows.push([`  slowest: ${slowest[0]}`, `${(slowest[1] / 100).toFixed(2)} ms each`, '']);
}

// 2. A 1 MB manifest: parsed, then applied to a fresh cluster; and a 1 MB file that is refused.
{
  let count = 1000;
  let text = nodeManifest(count);
  while (text.length < 1_000_000) text = nodeManifest((count += 500));
  let start = performance.now();
  const read = readManifest(text, 'big.yaml');
  report(
    `parse ${(text.length / 1e6).toFixed(2)} MB (${read.entries.length} nodes)`,
    ms(start),
    '< 1000 ms',
  );
  const console_ = createConsole({
    cluster: createCluster({ seed: 1 }),
    files: { read: () => text, list: () => [] },
  });
  start = performance.now();
  const applied = console_.run('kubectl apply -f big.yaml');
  report(`kubectl apply -f of the same file (exit ${applied.exit})`, ms(start), '');
  const broken = text.slice(0, 900_000) + '\n  broken: [\n';
  start = performance.now();
  const refused = readManifest(broken, 'broken.yaml');
  report(
    `refuse a 0.9 MB file broken at its end (${refused.fatal ? 'refused' : 'accepted'})`,
    ms(start),
    '< 1000 ms',
  );
}

// 3. A billion-laughs alias bomb.
{
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const bomb = levels.join('\n') + '\n';
  const start = performance.now();
  const result = readManifest(bomb, 'bomb.yaml');
  report(`billion laughs (${result.fatal?.problem ?? 'NOT refused'})`, ms(start), '< 100 ms');
}

// 4. Runner start-up with a one-line script, through npm + tsx and through the bundle.
{
  const dir = mkdtempSync(join(tmpdir(), 'sim-bench-'));
  const script = join(dir, 'one.sim');
  writeFileSync(script, 'kubectl get nodes\n');
  const time = (command: string, args: string[]): number => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const result = spawnSync(command, args, { encoding: 'utf8' });
      runs.push(ms(start));
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
    }
    return Math.min(...runs);
  };
  report(
    'start-up: npm run --silent sim (bundle)',
    time('npm', ['run', '--silent', 'sim', '--', script]),
    '< 1000 ms',
  );
  report('start-up: npx tsx src/cli/sim.ts', time('npx', ['tsx', 'src/cli/sim.ts', script]), '');
  report(
    'start-up: node scripts/run-sim.mjs (bundle, rebuilt when stale)',
    time(process.execPath, ['scripts/run-sim.mjs', script]),
    '< 1000 ms',
  );
  // run-sim.mjs has just rebuilt the bundle if it was stale, so it exists here.
  report(
    'start-up: node build/sim.mjs (bundle)',
    time(process.execPath, ['build/sim.mjs', script]),
    '< 1000 ms',
  );
  rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r[0].length));
for (const [what, value, target] of rows)
  console.log(`${what.padEnd(width)}  ${value.padStart(14)}  ${target}`);
