import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();

// Loading the config and its parsers takes seconds on a busy machine; do it once, outside any
// single test's time limit.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'src/engine/warm-up.ts' });
}, 60_000);

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('rejects an engine module that imports the UI', async () => {
    const ids = await ruleIds(
      "import { x } from '../ui/cluster/layout.ts';\nexport const y = x;\n",
      'src/engine/bad.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('rejects real time and randomness in the engine', async () => {
    const ids = await ruleIds(
      'export const t = Date.now() + Math.random();\n',
      'src/engine/bad.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-properties')).toHaveLength(2);
  });

  it('rejects DOM globals and timers in the console', async () => {
    const ids = await ruleIds('setTimeout(() => document.title, 1);\n', 'src/console/bad.ts');
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  });

  it('rejects the UI importing the engine directly', async () => {
    const ids = await ruleIds(
      "import type { Pod } from '../engine/types.ts';\nexport type P = Pod;\n",
      'src/ui/bad.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('accepts an engine module that imports only the engine', async () => {
    const ids = await ruleIds(
      "import type { Pod } from './types.ts';\nexport type P = Pod;\n",
      'src/engine/good.ts',
    );
    expect(ids).toEqual([]);
  });
});

describe('the kube layer', () => {
  it.each([
    ['src/engine/ok.ts', '../kube/quantity.ts'],
    ['src/console/ok.ts', '../kube/pod-columns.ts'],
    ['src/ui/cluster/ok.ts', '../../kube/pod-columns.ts'],
    ['src/lessons/ok.ts', '../kube/target-node.ts'],
  ])('lets %s import src/kube', async (filePath, source) => {
    const ids = await ruleIds(`import { x } from '${source}';\nexport const y = x;\n`, filePath);
    expect(ids).toEqual([]);
  });

  it.each([
    '../engine/types.ts',
    '../console/printers/table.ts',
    '../protocol/cluster.ts',
    '../ui/cluster/cluster-model.ts',
    '../worker/engine-host.ts',
    'd3',
    'node:fs',
  ])('rejects src/kube importing %s', async (source) => {
    const ids = await ruleIds(
      `import type { X } from '${source}';\nexport type Y = X;\n`,
      'src/kube/bad.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('rejects real time, randomness, timers and DOM globals in src/kube', async () => {
    const ids = await ruleIds(
      'export const t = Date.now() + Math.random();\nsetTimeout(() => document.title, 1);\n',
      'src/kube/bad.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-properties')).toHaveLength(2);
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  });
});

describe('lessons boundary', () => {
  it('rejects the lesson loader importing the console (its YAML reader is passed in)', async () => {
    const ids = await ruleIds(
      "import { readYamlData } from '../console/manifest/read.ts';\nexport const r = readYamlData;\n",
      'src/lessons/bad.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('accepts protocol types in the goal language', async () => {
    const ids = await ruleIds(
      "import type { Pod } from '../protocol/cluster.ts';\nexport type P = Pod;\n",
      'src/lessons/good.ts',
    );
    expect(ids).toEqual([]);
  });
});

describe('protocol boundary', () => {
  it('allows type imports from the engine', async () => {
    const ids = await ruleIds(
      "import type { Pod } from '../engine/types.ts';\nexport type P = Pod;\n",
      'src/protocol/ok.ts',
    );
    expect(ids).toEqual([]);
  });

  it('rejects value imports from the engine', async () => {
    const ids = await ruleIds(
      "import { createCluster } from '../engine/index.ts';\nexport const c = createCluster;\n",
      'src/protocol/bad.ts',
    );
    expect(ids).toContain('@typescript-eslint/no-restricted-imports');
  });
});

describe('share boundary', () => {
  it('allows type imports from the protocol (a share link carries the command log)', async () => {
    const ids = await ruleIds(
      "import type { CommandLog } from '../protocol/messages.ts';\nexport type L = CommandLog;\n",
      'src/share/ok.ts',
    );
    expect(ids).toEqual([]);
  });

  it('rejects value imports from the protocol', async () => {
    const ids = await ruleIds(
      "import { x } from '../protocol/messages.ts';\nexport const y = x;\n",
      'src/share/bad.ts',
    );
    expect(ids).toContain('@typescript-eslint/no-restricted-imports');
  });

  it.each([
    '../engine/types.ts',
    '../console/shell.ts',
    '../kube/taints.ts',
    '../ui/x.ts',
    'node:fs',
  ])('rejects src/share importing %s', async (source) => {
    const ids = await ruleIds(
      `import type { X } from '${source}';\nexport type Y = X;\n`,
      'src/share/bad.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });
});

describe('embed boundary', () => {
  it('rejects the embed page importing the engine directly', async () => {
    const ids = await ruleIds(
      "import { x } from '../engine/store.ts';\nexport const y = x;\n",
      'src/embed/bad.ts',
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('lets the custom element (dist/embed.js) import the protocol and nothing else', async () => {
    expect(
      await ruleIds(
        "import { MESSAGE_SOURCE } from './protocol.ts';\nexport const y = MESSAGE_SOURCE;\n",
        'src/embed/element.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        "import { PANELS } from './params.ts';\nexport const y = PANELS;\n",
        'src/embed/element.ts',
      ),
    ).toContain('no-restricted-imports');
  });
});
