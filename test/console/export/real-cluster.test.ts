import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exportForKind,
  isKubeletLabel,
  shellQuote,
  type ExportLog,
} from '../../../src/console/export/real-cluster.ts';
import { lessonSessions } from '../../share/lesson-sessions.ts';
import { kindConfigProblems } from '../../support/kind-config.ts';

const SANDBOX = new URL('../../../lessons/sandbox/', import.meta.url);
const sandboxFile = (name: string) => readFileSync(new URL(name, SANDBOX), 'utf8');

/** The default sandbox's start, then the lines given, a few simulated seconds apart. */
function sandboxLog(...more: string[]): ExportLog {
  const lines = [
    'kubectl apply -f nodes.yaml',
    'kubectl apply -f namespaces.yaml',
    'kubectl apply -f log-collector.yaml',
    'sim settle',
    ...more,
  ];
  return {
    files: {
      'nodes.yaml': sandboxFile('nodes.yaml'),
      'namespaces.yaml': sandboxFile('namespaces.yaml'),
      'log-collector.yaml': sandboxFile('log-collector.yaml'),
    },
    entries: lines.map((line, i) => ({ atMs: i * 5000, line })),
  };
}

const fileOf = (log: ExportLog, path: string): string => {
  const file = exportForKind(log).find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path}`);
  return file.text;
};

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
if (!hasShellcheck)
  console.warn(
    '\n*** shellcheck is not installed: the replay.sh lint tests are SKIPPED. Install it with `apt-get install -y shellcheck` (npm test does where it can). ***\n',
  );

/** shellcheck's findings on a script, empty when it is clean. */
function shellcheck(script: string): string {
  const result = spawnSync('shellcheck', ['--shell=bash', '-'], {
    input: script,
    encoding: 'utf8',
  });
  return result.stdout + result.stderr;
}

/**
 * Runs replay.sh with a stub kubectl that records its arguments (one per line, commands
 * separated by `--`) and answers `get nodes -l LABEL=VALUE` with `kind-VALUE`.
 */
function runReplay(script: string): { calls: string[][]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  temps.push(dir);
  const bin = join(dir, 'bin');
  execFileSync('mkdir', ['-p', bin]);
  writeFileSync(
    join(bin, 'kubectl'),
    [
      '#!/usr/bin/env bash',
      'for a in "$@"; do printf "%s\\n" "$a"; done >> "$CALLS"',
      'echo "--" >> "$CALLS"',
      'if [ "$1 $2 $3" = "get nodes -l" ]; then printf "kind-%s" "${4#*=}"; fi',
    ].join('\n'),
  );
  chmodSync(join(bin, 'kubectl'), 0o755);
  writeFileSync(join(dir, 'replay.sh'), script);
  execFileSync('bash', [join(dir, 'replay.sh')], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CALLS: join(dir, 'calls') },
    cwd: dir,
    stdio: 'pipe',
  });
  const text = readFileSync(join(dir, 'calls'), 'utf8');
  const calls = text
    .split('--\n')
    .filter((c) => c !== '')
    .map((c) => c.replace(/\n$/, '').split('\n'))
    .filter((args) => !(args[0] === 'get' && args[1] === 'nodes' && args[2] === '-l'));
  return { calls, dir };
}

describe('the kind cluster config', () => {
  it('has one kind node per simulated node, the control plane first, with their labels', () => {
    const config = load(fileOf(sandboxLog(), 'kind-config.yaml')) as {
      nodes: { role: string; labels: Record<string, string> }[];
    };
    expect(config.nodes.map((n) => [n.role, n.labels['daemonset-playground/node']])).toEqual([
      ['control-plane', 'control-plane'],
      ['worker', 'worker-1'],
      ['worker', 'worker-2'],
      ['worker', 'worker-3'],
      ['worker', 'gpu-1'],
    ]);
    expect(config.nodes[4].labels).toMatchObject({ disk: 'ssd', accelerator: 'nvidia' });
  });

  it('matches kind’s documented format for the sandbox and every lesson', () => {
    expect(kindConfigProblems(load(fileOf(sandboxLog(), 'kind-config.yaml')))).toEqual([]);
    for (const [id, session] of lessonSessions())
      expect({
        id,
        problems: kindConfigProblems(load(fileOf(session.log, 'kind-config.yaml'))),
      }).toEqual({
        id,
        problems: [],
      });
  });

  it('adds a control plane of its own when no simulated node is one', () => {
    const log: ExportLog = {
      files: { 'n.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: only\n' },
      entries: [{ atMs: 0, line: 'kubectl create -f n.yaml' }],
    };
    const config = load(fileOf(log, 'kind-config.yaml')) as { nodes: { role: string }[] };
    expect(config.nodes.map((n) => n.role)).toEqual(['control-plane', 'worker']);
    expect(fileOf(log, 'README.md')).toContain('| (none: kind needs a control plane) |');
  });

  it('leaves to kubectl the labels a kubelet may not set on itself', () => {
    expect(isKubeletLabel('disk')).toBe(true);
    expect(isKubeletLabel('topology.kubernetes.io/zone')).toBe(true);
    expect(isKubeletLabel('example.node.kubernetes.io/pool')).toBe(true);
    expect(isKubeletLabel('node-role.kubernetes.io/control-plane')).toBe(false);
    expect(isKubeletLabel('example.k8s.io/x')).toBe(false);
    const text = fileOf(sandboxLog(), 'kind-config.yaml');
    expect(text).not.toContain('node-role.kubernetes.io');
  });
});

describe('the schema check itself', () => {
  it.each([
    [
      { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes: [{ role: 'worker' }] },
      /control-plane/,
    ],
    [{ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha3' }, /apiVersion/],
    [
      { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes: [{ role: 'master' }] },
      /unknown role/,
    ],
    [
      { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes: [{ taints: [] }] },
      /unknown field taints/,
    ],
    [
      {
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha4',
        nodes: [{ labels: { 'node-role.kubernetes.io/x': '' } }],
      },
      /may not set it/,
    ],
    [
      { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes: [{ labels: { a: true } }] },
      /valid string value/,
    ],
  ])('finds what kind would refuse in %j', (config, problem) => {
    expect(kindConfigProblems(config).join('\n')).toMatch(problem);
  });
});

describe('replay.sh', () => {
  it('sets role labels and taints on the kind nodes that play the simulated ones', () => {
    const { calls } = runReplay(fileOf(sandboxLog(), 'replay.sh'));
    expect(calls.slice(0, 3)).toEqual([
      [
        'label',
        'node',
        'kind-control-plane',
        '--overwrite',
        'node-role.kubernetes.io/control-plane=',
      ],
      [
        'taint',
        'node',
        'kind-control-plane',
        '--overwrite',
        'node-role.kubernetes.io/control-plane:NoSchedule',
      ],
      ['taint', 'node', 'kind-gpu-1', '--overwrite', 'dedicated=gpu:NoSchedule'],
    ]);
  });

  it('skips Node manifests and sim commands with a comment saying why', () => {
    const script = fileOf(sandboxLog(), 'replay.sh');
    expect(script).toContain(
      '# nodes.yaml holds only Node objects: kind-config.yaml made those nodes.',
    );
    expect(script).toContain(
      '# 4 (at 0:15) sim settle\n# Skipped: `sim` commands drive the simulator',
    );
    const { calls } = runReplay(script);
    expect(calls.slice(3)).toEqual([
      ['apply', '-f', 'manifests/namespaces.yaml'],
      ['apply', '-f', 'manifests/log-collector.yaml'],
    ]);
  });

  it('writes each manifest as it was when the command ran, Node objects left out', () => {
    const mixed = `${sandboxFile('namespaces.yaml')}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: extra\n`;
    const log: ExportLog = {
      files: {
        'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n',
        'mixed.yaml': mixed,
      },
      entries: [
        { atMs: 0, line: 'kubectl apply -f a.yaml' },
        {
          atMs: 1,
          line: 'kubectl apply -f a.yaml',
          files: {
            'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: two\n',
            'mixed.yaml': mixed,
          },
        },
        { atMs: 2, line: 'kubectl apply --filename=mixed.yaml' },
      ],
    };
    const script = fileOf(log, 'replay.sh');
    expect(script.match(/cat > manifests\/a\.yaml/g)).toHaveLength(2);
    const { dir } = runReplay(script);
    expect(readFileSync(join(dir, 'manifests/a.yaml'), 'utf8')).toContain('name: two');
    const kept = readFileSync(join(dir, 'manifests/mixed.yaml'), 'utf8');
    expect(kept).toContain('name: monitoring');
    expect(kept).not.toContain('kind: Node');
  });

  it('turns simulated node names in node commands into the kind nodes', () => {
    const { calls } = runReplay(
      fileOf(
        sandboxLog(
          'kubectl taint node worker-1 a=b:NoSchedule',
          'kubectl describe node/worker-2',
          'kubectl cordon gpu-1',
          'kubectl get pods worker-1',
        ),
        'replay.sh',
      ),
    );
    expect(calls.slice(-4)).toEqual([
      ['taint', 'node', 'kind-worker-1', 'a=b:NoSchedule'],
      ['describe', 'node/kind-worker-2'],
      ['cordon', 'kind-gpu-1'],
      // Not a node command: a pod may share a node's name.
      ['get', 'pods', 'worker-1'],
    ]);
  });

  it('runs a crafted line as one kubectl command with literal words, and writes only under manifests/', () => {
    const log: ExportLog = {
      files: {
        '../../escape.yaml': 'MANIFEST\n$(touch pwned)\n',
        'x.yaml': 'a: 1',
      },
      entries: [
        { atMs: 0, line: 'kubectl get pods "$(touch pwned)" `touch pwned` ; touch pwned && echo' },
        { atMs: 1, line: 'kubectl apply -f ../../escape.yaml -f x.yaml' },
        { atMs: 2, line: 'touch pwned' },
        { atMs: 3, line: "kubectl get 'unterminated" },
      ],
    };
    const { calls, dir } = runReplay(fileOf(log, 'replay.sh'));
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(calls).toEqual([
      ['get', 'pods', '$(touch pwned)', '`touch', 'pwned`', ';', 'touch', 'pwned', '&&', 'echo'],
      ['apply', '-f', 'manifests/escape.yaml', '-f', 'manifests/x.yaml'],
    ]);
    expect(readFileSync(join(dir, 'manifests/escape.yaml'), 'utf8')).toBe(
      'MANIFEST\n$(touch pwned)\n',
    );
    expect(readFileSync(join(dir, 'manifests/x.yaml'), 'utf8')).toBe('a: 1\n');
  });

  it('quotes words bash would read otherwise', () => {
    expect(shellQuote('jsonpath={.items[*].metadata.name}')).toBe(
      "'jsonpath={.items[*].metadata.name}'",
    );
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('app=agent')).toBe('app=agent');
  });

  it.skipIf(!hasShellcheck)(
    'passes shellcheck for the sandbox, every lesson and a crafted log',
    () => {
      expect(
        shellcheck(fileOf(sandboxLog('kubectl taint node worker-1 a=b:NoSchedule'), 'replay.sh')),
      ).toBe('');
      for (const [id, session] of lessonSessions())
        expect({ id, findings: shellcheck(fileOf(session.log, 'replay.sh')) }).toEqual({
          id,
          findings: '',
        });
      const crafted: ExportLog = {
        files: { "it's $HOME.yaml": "a: '$(x)'\n" },
        entries: [{ atMs: 0, line: "kubectl apply -f \"it's \\$HOME.yaml\" -o 'jsonpath={$}'" }],
      };
      expect(shellcheck(fileOf(crafted, 'replay.sh'))).toBe('');
    },
  );
});

describe('the README', () => {
  it('lists the node names kind will use and what a real cluster does differently', () => {
    const text = fileOf(sandboxLog(), 'README.md');
    expect(text).toContain('| `gpu-1` | `daemonset-playground-worker4` | worker |');
    for (const topic of [
      'Node names',
      'kubernetes.io/hostname',
      'Allocatable and conditions',
      'Images',
      '`sim` commands',
      'Timing',
    ])
      expect(text).toContain(topic);
  });
});
