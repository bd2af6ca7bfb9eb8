/**
 * Golden scenarios: every folder under test/scenarios holds a script.sim, the manifests it
 * applies, and expected.jsonl, the runner's --format=jsonl output. The run must match byte for
 * byte. A mismatch writes expected-changed.jsonl beside it for review; UPDATE_GOLDEN=1 rewrites
 * expected.jsonl instead (review every changed line against real kubectl before committing).
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordLine, runScript } from '../../src/console/index.ts';
import { folderFiles } from '../../src/cli/sim.ts';

const ROOT = join(import.meta.dirname, '..', 'scenarios');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function toJsonl(folder: string): string {
  const script = readFileSync(join(folder, 'script.sim'), 'utf8');
  const seedFile = join(folder, 'seed');
  const seed = existsSync(seedFile) ? Number(readFileSync(seedFile, 'utf8').trim()) : 1;
  return runScript(script, { seed, files: folderFiles(folder) })
    .map(recordLine)
    .join('');
}

const scenarios = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'script.sim')))
      .map((d) => d.name)
      .sort()
  : [];

describe('golden scenarios', () => {
  it.each(scenarios)('%s prints exactly its expected.jsonl', (name) => {
    const folder = join(ROOT, name);
    const actual = toJsonl(folder);
    const expectedPath = join(folder, 'expected.jsonl');
    const changedPath = join(folder, 'expected-changed.jsonl');
    if (UPDATE) {
      writeFileSync(expectedPath, actual);
      rmSync(changedPath, { force: true });
      return;
    }
    const expected = existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : '';
    if (actual !== expected) writeFileSync(changedPath, actual);
    else rmSync(changedPath, { force: true });
    expect(actual).toBe(expected);
  });

  it('runs the same script to the same bytes twice', () => {
    for (const name of scenarios.slice(0, 3)) {
      const folder = join(ROOT, name);
      expect(toJsonl(folder)).toBe(toJsonl(folder));
    }
  });
});
