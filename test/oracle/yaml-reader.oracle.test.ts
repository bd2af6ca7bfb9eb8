/**
 * Differential suite: generated YAML read by the real kubectl v1.32 (go-yaml v2 through
 * sigs.k8s.io/yaml) and by our reader gives the same objects, or the same error text. Cases are
 * sampled with fast-check from a fixed seed (YAML_ORACLE_SEED varies it) and sent to kubectl a few
 * hundred files per call.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeSharedOracle,
  readYamlWithKubectl,
  requireKubectl,
} from '../support/kubectl-oracle.ts';
import { damagedFile, ourRead, scalarFile, yamlFile } from './yaml-cases.ts';

const available = requireKubectl('YAML reader differential suite');
const SEED = Number(process.env.YAML_ORACLE_SEED ?? 20261206);
const RUNS = Number(process.env.YAML_ORACLE_RUNS ?? 3000);

/** The cases where kubectl and we disagree, each with its text and both readings. */
async function disagreements(files: string[]): Promise<unknown[]> {
  const theirs = await readYamlWithKubectl(files);
  const out: unknown[] = [];
  files.forEach((text, i) => {
    const ours = ourRead(text);
    try {
      expect(ours).toEqual(theirs[i]);
    } catch {
      out.push({ text, kubectl: theirs[i], ours });
    }
  });
  return out;
}

describe.skipIf(!available)('our YAML reader against kubectl v1.32', () => {
  afterAll(closeSharedOracle);

  it.each([
    ['YAML 1.1 scalars and keys, plain, quoted and tagged, in block and flow', scalarFile],
    ['collections, anchors, aliases and several documents', yamlFile],
    ['damaged syntax (same error text and line)', damagedFile],
  ] as const)(
    '%s',
    async (_name, arbitrary) => {
      const files = fc.sample(arbitrary, { numRuns: RUNS, seed: SEED });
      const wrong = await disagreements(files);
      expect(wrong.slice(0, 5)).toEqual([]);
    },
    60_000,
  );
});
