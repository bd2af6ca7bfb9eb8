import { describe, expect, it } from 'vitest';
import { createConsole, type FileSource } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import { GLOBAL_FLAGS } from '../../src/console/args.ts';
import { RESOURCE_TYPES, findResourceType } from '../../src/console/resources.ts';
import { VERBS } from '../../src/console/verbs/index.ts';
import { KIND_TABLE } from '../../src/engine/kinds.ts';

const files: FileSource = { read: () => undefined, list: () => ['nodes.yaml'] };

function consoleWithNode() {
  const console = createConsole({ cluster: createCluster({ seed: 1 }), files });
  console.run('kubectl create namespace tools');
  return console;
}

describe('the verb table drives Tab completion', () => {
  const console = consoleWithNode();

  it('offers exactly the verbs of the table after kubectl', () => {
    expect(console.complete('kubectl ')).toEqual([...VERBS.keys()].sort());
  });

  it.each([...VERBS.values()].map((v) => [v.name, v] as const))(
    'offers every flag of kubectl %s, long and short, and the global ones',
    (name, verb) => {
      const offered = console.complete(`kubectl ${name} -`);
      for (const flag of [...GLOBAL_FLAGS, ...verb.flags]) {
        expect(offered).toContain(`--${flag.name}`);
        if (flag.short) expect(offered).toContain(`-${flag.short}`);
      }
    },
  );

  it('offers get --show-labels and rollout --watch, which the old hand-written lists missed', () => {
    expect(console.complete('kubectl get pods --sh')).toEqual(['--show-labels']);
    expect(console.complete('kubectl rollout status ds/x --wa')).toEqual(['--watch']);
  });

  it("completes a flag's value from what the flag declares, in either spelling", () => {
    expect(console.complete('kubectl get pods --output y')).toEqual(['yaml']);
    expect(console.complete('kubectl apply --filename n')).toEqual(['nodes.yaml']);
    expect(console.complete('kubectl get pods --namespace t')).toEqual(['tools']);
  });

  it('skips the value of any flag that takes one when finding the resource type', () => {
    expect(console.complete('kubectl get --selector app=agent po')).toEqual(['pods']);
  });
});

describe('the kinds table drives the console', () => {
  it('has one resource type per kind of the table, in its order', () => {
    expect(RESOURCE_TYPES.map((t) => t.kind)).toEqual(KIND_TABLE.map((k) => k.kind));
  });

  it("names each kind by kubectl's words: singular, plural, short names, group-qualified", () => {
    expect(findResourceType('ds')?.aliases).toEqual([
      'daemonset',
      'daemonsets',
      'ds',
      'daemonset.apps',
      'daemonsets.apps',
    ]);
    expect(findResourceType('pc')?.singular).toBe('priorityclass.scheduling.k8s.io');
    expect(findResourceType('Pods')?.plural).toBe('pods');
    expect(findResourceType('secret')?.aliases).toEqual(['secret', 'secrets']);
    for (const info of KIND_TABLE)
      for (const word of [info.kind.toLowerCase(), info.plural, ...info.shortNames])
        expect(findResourceType(word)?.kind).toBe(info.kind);
  });
});
