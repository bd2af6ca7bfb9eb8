import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/console/index.ts';
import { loadSandbox } from '../../src/lessons/sandbox.ts';

const FOLDER = fileURLToPath(new URL('../../lessons/sandbox/', import.meta.url));

/** The sandbox folder as the headless runner sees it: `-f NAME` relative to the script. */
const files = {
  read: (path: string) =>
    existsSync(join(FOLDER, path)) ? readFileSync(join(FOLDER, path), 'utf8') : undefined,
  list: () => [],
};

/** Runs start.sim plus `extra` headless and returns the last command's JSON output. */
function runAfterStart(extra: string[]): { records: ReturnType<typeof runScript>; last: unknown } {
  const script = `${readFileSync(join(FOLDER, 'start.sim'), 'utf8')}\n${extra.join('\n')}\n`;
  const records = runScript(script, { seed: 1, files });
  return { records, last: JSON.parse(records.at(-1)?.out ?? 'null') };
}

/** Node names of the pods in a `kubectl get pods -o json` list, sorted. */
function podNodes(list: unknown): string[] {
  const items = (list as { items: { spec: { nodeName?: string } }[] }).items;
  return items.map((p) => p.spec.nodeName ?? '').sort();
}

describe('the default sandbox', () => {
  it('starts without errors and settles', () => {
    const { records } = runAfterStart(['kubectl get nodes -o json']);
    for (const r of records)
      expect({ cmd: r.cmd, exit: r.exit, err: r.err }).toEqual({ cmd: r.cmd, exit: 0, err: '' });
  });

  it('has a tainted control plane, three workers and a GPU node tainted dedicated=gpu', () => {
    const { last } = runAfterStart(['kubectl get nodes -o json']);
    const nodes = (
      last as {
        items: {
          metadata: { name: string };
          spec: { taints?: { key: string; value?: string; effect: string }[] };
        }[];
      }
    ).items;
    const taints = Object.fromEntries(
      nodes.map((n) => [
        n.metadata.name,
        (n.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
      ]),
    );
    expect(taints).toEqual({
      'control-plane': ['node-role.kubernetes.io/control-plane:NoSchedule'],
      'gpu-1': ['dedicated=gpu:NoSchedule'],
      'worker-1': [],
      'worker-2': [],
      'worker-3': [],
    });
  });

  it('runs the log collector on every node but the GPU node', () => {
    const { last } = runAfterStart([
      'kubectl get pods -n kube-system -l app=log-collector -o json',
    ]);
    expect(podNodes(last)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  });

  it('puts node-exporter on every worker except the GPU node', () => {
    const { last } = runAfterStart([
      'kubectl apply -f node-exporter.yaml',
      'sim settle',
      'kubectl get pods -n monitoring -l app=node-exporter -o json',
    ]);
    expect(podNodes(last)).toEqual(['worker-1', 'worker-2', 'worker-3']);
  });

  it('loads the files, start script and playing clock the page uses', () => {
    const sandbox = loadSandbox();
    expect(sandbox.files.map((f) => f.name)).toEqual([
      'log-collector.yaml',
      'node-exporter.yaml',
      'nodes.yaml',
      'namespaces.yaml',
    ]);
    expect(sandbox.startCommands).toEqual([
      'kubectl apply -f nodes.yaml',
      'kubectl apply -f namespaces.yaml',
      'kubectl apply -f log-collector.yaml',
      'sim settle',
    ]);
    expect(sandbox.playing).toBe(true);
    expect(sandbox.intro).toContain('gpu-1');
  });
});
