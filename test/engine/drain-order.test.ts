import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/cluster.ts';
import { createCluster, restoreCluster } from '../../src/engine/index.ts';
import { apply, clusterWithNodes, daemonSetManifest } from './helpers.ts';

/** The controller names in the drain-order table of src/engine/README.md, top to bottom. */
function documentedOrder(): string[] {
  const readme = readFileSync(new URL('../../src/engine/README.md', import.meta.url), 'utf8');
  const section = readme.split('## The drain order')[1].split('\n## ')[0];
  const names: string[] = [];
  for (const line of section.split('\n')) {
    const row = /^\|\s*\d+\s*\|[^|]*\(`([A-Za-z]+)`\)/.exec(line);
    if (row) names.push(row[1]);
  }
  return names;
}

describe('the controller list', () => {
  it('is drained in the order src/engine/README.md documents', () => {
    const engine = createCluster() as Engine;
    expect(documentedOrder()).toEqual(engine.controllerNames);
  });

  it('snapshots each controller that has state under its own name, and restores it', () => {
    const cluster = clusterWithNodes(['node-a', 'node-b', 'node-c']);
    apply(cluster, daemonSetManifest('agent'));
    cluster.advance(2000);
    const internal = cluster.snapshot().internal as { controllers: Record<string, unknown> };
    const engine = cluster as Engine;
    for (const name of Object.keys(internal.controllers))
      expect(engine.controllerNames).toContain(name);
    const restored = restoreCluster(structuredClone(cluster.snapshot()));
    expect(
      (restored.snapshot().internal as { controllers: Record<string, unknown> }).controllers,
    ).toEqual(internal.controllers);
  });
});
