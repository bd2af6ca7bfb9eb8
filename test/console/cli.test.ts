import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderFiles, main, parseCliArgs } from '../../src/cli/sim.ts';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], cwd?: string): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = main(
    args,
    (t) => (out += t),
    (t) => (err += t),
    cwd,
  );
  return { status, out, err };
}

describe('the headless runner', () => {
  writeFileSync(join(dir, 'node.yaml'), 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n');
  writeFileSync(
    join(dir, 'script.sim'),
    '# a comment\n\nkubectl apply -f node.yaml\nkubectl get pods\nsim wait 12.5s\nkubectl nope\n',
  );

  it("prints each command's stdout then stderr in text format, without echoing commands", () => {
    const { status, out } = run([join(dir, 'script.sim')]);
    expect(status).toBe(0);
    expect(out).toBe(
      'node/n1 created\nNo resources found in default namespace.\nerror: unknown command "nope" for "kubectl"\n',
    );
  });

  it('prints one JSON object per command with keys cmd, exit, out, err, t in that order', () => {
    const { out } = run(['--format=jsonl', '--seed=5', join(dir, 'script.sim')]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      '{"cmd":"kubectl apply -f node.yaml","exit":0,"out":"node/n1 created\\n","err":"","t":"0s"}',
    );
    expect(JSON.parse(lines[2]).t).toBe('12.5s');
    expect(JSON.parse(lines[3]).exit).toBe(1);
  });

  it('reads a relative script path from the folder the learner ran npm in', () => {
    const { status, out } = run(['script.sim'], dir);
    expect(status).toBe(0);
    expect(out).toContain('node/n1 created');
  });

  it('exits non-zero only when the script cannot be read or the arguments are wrong', () => {
    expect(run([join(dir, 'missing.sim')]).status).not.toBe(0);
    expect(run([]).status).not.toBe(0);
    expect(run(['--format=xml', join(dir, 'script.sim')]).status).not.toBe(0);
  });

  it('accepts options in both --flag=value and --flag value forms', () => {
    expect(parseCliArgs(['--seed', '3', '--format', 'jsonl', 'x.sim'])).toEqual({
      format: 'jsonl',
      seed: 3,
      script: 'x.sim',
    });
    expect(parseCliArgs(['x.sim'])).toEqual({ format: 'text', seed: 1, script: 'x.sim' });
  });

  it('reads -f paths relative to the script folder and offers manifests for completion', () => {
    const files = folderFiles(dir);
    expect(files.read('node.yaml')).toContain('kind: Node');
    expect(files.read('../nope.yaml')).toBeUndefined();
    expect(files.list()).toEqual(['node.yaml']);
  });
});
