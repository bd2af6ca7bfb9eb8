import { describe, expect, it } from 'vitest';
import { diagnoseManifest, runLine } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import { fragmentHint } from '../../src/console/manifest/fragment.ts';

describe('a pasted fragment', () => {
  it.each([
    [
      { nodeSelector: { disktype: 'ssd' } },
      "merge nodeSelector: into the DaemonSet's spec.template.spec",
    ],
    [
      { tolerations: [{ key: 'a', operator: 'Exists' }] },
      "merge tolerations: into the DaemonSet's spec.template.spec",
    ],
    [
      { containers: [{ name: 'a', image: 'b' }] },
      "merge containers: into the DaemonSet's spec.template.spec",
    ],
    [{ updateStrategy: { type: 'OnDelete' } }, "merge updateStrategy: into the DaemonSet's spec"],
    [
      { image: 'nginx', ports: [] },
      "merge image: into a container in the DaemonSet's spec.template.spec.containers",
    ],
  ])('is told where it belongs: %j', (value, words) => {
    expect(fragmentHint(value)).toBe(`hint: This looks like part of a manifest: ${words}`);
  });

  it.each([
    [{ metadata: { name: 'bare' } }],
    [{ kind: 'ConfigMap', data: {} }],
    [{ spec: { nodeSelector: {} } }],
    [{ unknownThing: 1 }],
    ['text'],
    [['a']],
  ])('is not seen in a whole manifest, a scalar or unknown keys: %j', (value) => {
    expect(fragmentHint(value)).toBeUndefined();
  });

  const FRAGMENT = '# from the article\nnodeSelector:\n  disktype: ssd\n';
  const KUBECTL =
    'error: error validating "paste.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false';
  const HINT =
    "hint: This looks like part of a manifest: merge nodeSelector: into the DaemonSet's spec.template.spec";

  it("gets kubectl's error and then the hint when applied", () => {
    const files: Record<string, string> = { 'paste.yaml': FRAGMENT };
    const source = { read: (name: string) => files[name], list: () => Object.keys(files) };
    const result = runLine('kubectl apply -f paste.yaml', createCluster({ seed: 1 }), source);
    expect(result).toMatchObject({ exit: 1, out: '', err: `${KUBECTL}\n${HINT}\n` });
  });

  it('gets the same words as an editor marker, on its first key', () => {
    const [marker, ...rest] = diagnoseManifest(FRAGMENT, 'paste.yaml');
    expect(rest).toEqual([]);
    expect(marker).toMatchObject({ line: 2, severity: 'error', message: `${KUBECTL}\n${HINT}` });
  });
});

describe('one wording for a YAML error', () => {
  it.each([
    ['a flow sequence left open', 'containers: [\n'],
    ['a tab for indentation', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n'],
    ['a key with no value mark', 'apiVersion: v1\nkind ConfigMap\nmetadata: {}\n'],
  ])('reads the same in the editor marker and the console: %s', (_what, text) => {
    const files: Record<string, string> = { 'f.yaml': text };
    const source = { read: (name: string) => files[name], list: () => Object.keys(files) };
    const { err } = runLine('kubectl apply -f f.yaml', createCluster({ seed: 1 }), source);
    const syntax = diagnoseManifest(text, 'f.yaml').filter((d) => d.source === 'yaml');
    expect(syntax).toHaveLength(1);
    expect(`${syntax[0].message}\n`).toBe(err);
  });
});
