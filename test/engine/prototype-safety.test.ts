/**
 * Property tests: keys that name Object.prototype members (`__proto__`, `constructor`,
 * `toString`...) are ordinary data from the manifest to the store and back out. Every apply and
 * patch either keeps exactly the keys the API server keeps or refuses the object with a field
 * error naming the bad key, never throws, never touches Object.prototype, survives a snapshot
 * and restore, and a re-apply of the same file is `unchanged`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/engine/index.ts';
import type { Cluster } from '../../src/engine/index.ts';
import { runLine } from '../../src/console/index.ts';

const TRICKY = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const NORMAL = ['app', 'tier', 'example.com/role'];
const KEYS = [...TRICKY, ...NORMAL];

/** Qualified-name keys (labels, annotations, nodeSelector): only `__proto__` breaks the rule. */
const validLabelKey = (key: string): boolean => key !== '__proto__';
/** ConfigMap keys match [-._a-zA-Z0-9]+, so the slash is the only bad character in the pool. */
const validConfigKey = (key: string): boolean => !key.includes('/');
/** v1.32 relaxes env names to printable ASCII other than `=`: every key of the pool passes. */
const validEnvName = (key: string): boolean => !key.includes('=');
/** Only standard container resources are allowed without a domain. */
const validResource = (key: string): boolean => key === 'cpu' || key === 'memory';

const keySet = (pool: string[] = KEYS) =>
  fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 4 });

/**
 * A YAML field holding a block map at `indent` (keys and values double-quoted), or nothing when
 * there are no keys: an empty map written out makes kubectl send a patch on every re-apply.
 */
function yamlMap(name: string, keys: string[], value: (key: string) => string, indent: number) {
  if (keys.length === 0) return '';
  const pad = ' '.repeat(indent);
  return `${pad}${name}:${keys.map((k) => `\n${pad}  "${k}": ${value(k)}`).join('')}\n`;
}

const files = (entries: Map<string, string>) => ({
  read: (path: string) => entries.get(path),
  list: () => [...entries.keys()],
});

/** Everything Object.prototype has, to compare before and after. */
function prototypeShape(): string {
  const names = Object.getOwnPropertyNames(Object.prototype).sort();
  const probe: Record<string, unknown> = {};
  return JSON.stringify([names, probe.a, probe.x, probe.polluted, Object.keys(probe)]);
}

/** Reads an object back with `kubectl get -o json`, as the learner would. */
function getJson(cluster: Cluster, what: string): Record<string, unknown> {
  const result = runLine(`kubectl get ${what} -o json`, cluster, files(new Map()));
  expect(result.err).toBe('');
  return JSON.parse(result.out) as Record<string, unknown>;
}

const at = (value: unknown, ...path: string[]): Record<string, unknown> | undefined => {
  let cur = value;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur as Record<string, unknown>;
};

const ownKeys = (map: Record<string, unknown> | undefined): string[] =>
  map === undefined ? [] : Object.keys(map).sort();

/** A snapshot restored into a new cluster prints the same object. */
function expectRestoredSame(cluster: Cluster, what: string, stored: Record<string, unknown>) {
  const restored = restoreCluster(structuredClone(cluster.snapshot()));
  expect(getJson(restored, what)).toEqual(stored);
}

describe('prototype-named keys are ordinary data', () => {
  it('a ConfigMap keeps every valid data, label and annotation key, and refuses the rest by name', () => {
    fc.assert(
      fc.property(keySet(), keySet(), keySet(), (data, labels, annotations) => {
        const before = prototypeShape();
        const text =
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' +
          yamlMap('labels', labels, () => '"v"', 2) +
          yamlMap('annotations', annotations, (k) => `"${k}-note"`, 2) +
          yamlMap('data', data, (k) => `"${k}-value"`, 0);
        const source = files(new Map([['cm.yaml', text]]));
        const cluster = createCluster({ seed: 1 });
        const first = runLine('kubectl apply -f cm.yaml', cluster, source);
        const bad = [
          ...data.filter((k) => !validConfigKey(k)),
          ...labels.filter((k) => !validLabelKey(k)),
          ...annotations.filter((k) => !validLabelKey(k)),
        ];
        if (bad.length > 0) {
          expect(first.exit).toBe(1);
          expect(first.err).toContain('The ConfigMap "c" is invalid');
          for (const key of bad) expect(first.err).toContain(`"${key}"`);
          expect(cluster.get('ConfigMap', 'c', 'default')).toBeUndefined();
        } else {
          expect(first).toMatchObject({ exit: 0, out: 'configmap/c created\n', err: '' });
          const stored = getJson(cluster, 'cm c');
          expect(ownKeys(at(stored, 'data'))).toEqual([...data].sort());
          for (const k of data) expect(at(stored, 'data')?.[k]).toBe(`${k}-value`);
          expect(ownKeys(at(stored, 'metadata', 'labels'))).toEqual([...labels].sort());
          expect(ownKeys(at(stored, 'metadata', 'annotations'))).toEqual(
            [...annotations, 'kubectl.kubernetes.io/last-applied-configuration'].sort(),
          );
          const lastApplied = JSON.parse(
            String(
              at(stored, 'metadata', 'annotations')?.[
                'kubectl.kubernetes.io/last-applied-configuration'
              ],
            ),
          ) as unknown;
          expect(ownKeys(at(lastApplied, 'data'))).toEqual([...data].sort());
          expect(ownKeys(at(lastApplied, 'metadata', 'annotations'))).toEqual(
            [...annotations].sort(),
          );
          expectRestoredSame(cluster, 'cm c', stored);
          const again = runLine('kubectl apply -f cm.yaml', cluster, source);
          expect(again).toMatchObject({ exit: 0, out: 'configmap/c unchanged\n' });
        }
        expect(prototypeShape()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('an edited ConfigMap file leaves exactly its own data, also after a snapshot and restore', () => {
    const validKeys = KEYS.filter(validConfigKey);
    fc.assert(
      fc.property(keySet(validKeys), keySet(validKeys), (first, second) => {
        const before = prototypeShape();
        const manifest = (keys: string[], suffix: string) =>
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' +
          yamlMap('data', keys, (k) => `"${k}-${suffix}"`, 0);
        const source = files(
          new Map([
            ['one.yaml', manifest(first, '1')],
            ['two.yaml', manifest(second, '2')],
          ]),
        );
        const cluster = createCluster({ seed: 1 });
        expect(runLine('kubectl apply -f one.yaml', cluster, source).exit).toBe(0);
        const restored = restoreCluster(structuredClone(cluster.snapshot()));
        expect(runLine('kubectl apply -f two.yaml', restored, source).exit).toBe(0);
        const data = at(getJson(restored, 'cm c'), 'data');
        expect(ownKeys(data)).toEqual([...second].sort());
        for (const k of second) expect(data?.[k]).toBe(`${k}-2`);
        expect(runLine('kubectl apply -f two.yaml', restored, source).out).toBe(
          'configmap/c unchanged\n',
        );
        expect(prototypeShape()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('a nodeSelector with prototype-named keys places a pod only where every key is a node label', () => {
    const validKeys = KEYS.filter(validLabelKey);
    fc.assert(
      fc.property(keySet(validKeys), keySet(validKeys), (nodeLabels, selector) => {
        const text =
          'apiVersion: v1\nkind: Node\nmetadata:\n  name: w1\n' +
          yamlMap('labels', nodeLabels, () => '"yes"', 2) +
          '---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n' +
          '  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n' +
          '    spec:\n' +
          yamlMap('nodeSelector', selector, () => '"yes"', 6) +
          '      containers:\n      - name: agent\n        image: busybox:1.36\n';
        const cluster = createCluster({ seed: 1 });
        const source = files(new Map([['all.yaml', text]]));
        expect(runLine('kubectl apply -f all.yaml', cluster, source).exit).toBe(0);
        runLine('sim settle', cluster, source);
        const fits = selector.every((k) => nodeLabels.includes(k));
        expect(cluster.list('Pod', { namespace: 'default' })).toHaveLength(fits ? 1 : 0);
      }),
      { numRuns: 100 },
    );
  });

  it('a DaemonSet keeps valid label, nodeSelector, env and resource keys, and refuses the rest by name', () => {
    fc.assert(
      fc.property(
        keySet(),
        keySet(),
        keySet(),
        keySet([...TRICKY, 'cpu', 'memory']),
        (labels, nodeSelector, env, resources) => {
          const before = prototypeShape();
          const selector = ['app', ...labels.filter((k) => k !== 'app')];
          const envText = env.map((k) => `\n        - name: "${k}"\n          value: "1"`).join('');
          const text =
            'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n' +
            'spec:\n  selector:\n' +
            yamlMap('matchLabels', selector, () => '"x"', 4) +
            '  template:\n    metadata:\n' +
            yamlMap('labels', selector, () => '"x"', 6) +
            '    spec:\n' +
            yamlMap('nodeSelector', nodeSelector, () => '"yes"', 6) +
            '      containers:\n      - name: agent\n        image: busybox:1.36\n' +
            (env.length === 0 ? '' : `        env:${envText}\n`) +
            (resources.length === 0 ? '' : '        resources:\n') +
            yamlMap('requests', resources, () => '"1"', 10);
          const source = files(new Map([['ds.yaml', text]]));
          const cluster = createCluster({ seed: 1 });
          const first = runLine('kubectl apply -f ds.yaml', cluster, source);
          const bad = [
            ...labels.filter((k) => !validLabelKey(k)),
            ...nodeSelector.filter((k) => !validLabelKey(k)),
            ...env.filter((k) => !validEnvName(k)),
            ...resources.filter((k) => !validResource(k)),
          ];
          if (bad.length > 0) {
            expect(first.exit).toBe(1);
            expect(first.err).toContain('The DaemonSet "agent" is invalid');
            for (const key of bad) expect(first.err).toContain(`"${key}"`);
            expect(cluster.get('DaemonSet', 'agent', 'default')).toBeUndefined();
          } else {
            expect(first).toMatchObject({
              exit: 0,
              out: 'daemonset.apps/agent created\n',
              err: '',
            });
            const stored = getJson(cluster, 'ds agent');
            const template = at(stored, 'spec', 'template');
            const expectedLabels = [...new Set(['app', ...labels])].sort();
            expect(ownKeys(at(stored, 'spec', 'selector', 'matchLabels'))).toEqual(expectedLabels);
            expect(ownKeys(at(template, 'metadata', 'labels'))).toEqual(expectedLabels);
            expect(ownKeys(at(template, 'spec', 'nodeSelector'))).toEqual([...nodeSelector].sort());
            const containers = at(template, 'spec', 'containers') as unknown as unknown[];
            const container = containers[0];
            const envNames = ((at(container, 'env') as unknown as { name: string }[]) ?? []).map(
              (e) => e.name,
            );
            expect(envNames).toEqual(env);
            expect(ownKeys(at(container, 'resources', 'requests'))).toEqual([...resources].sort());
            expectRestoredSame(cluster, 'ds agent', stored);
            const again = runLine('kubectl apply -f ds.yaml', cluster, source);
            expect(again).toMatchObject({ exit: 0, out: 'daemonset.apps/agent unchanged\n' });
          }
          expect(prototypeShape()).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a patch keeps valid keys, refuses bad keys and non-string values, and removes keys set to null', () => {
    const valueArb = fc.constantFrom<unknown>('v', null, { a: 'b' }, 1);
    const patchArb = fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), valueArb), {
      maxLength: 4,
      selector: ([k]) => k,
    });
    fc.assert(
      fc.property(
        patchArb,
        fc.constantFrom('merge', 'strategic'),
        fc.constantFrom('data', 'nodeSelector'),
        (entries, type, target) => {
          const before = prototypeShape();
          const cluster = createCluster({ seed: 1 });
          const manifests = new Map([
            [
              'cm.yaml',
              'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  "constructor": "old"\n  "app": "old"\n',
            ],
            [
              'ds.yaml',
              'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: x}\n' +
                '  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      nodeSelector:\n        "constructor": "old"\n        "app": "old"\n' +
                '      containers:\n      - name: agent\n        image: busybox:1.36\n',
            ],
          ]);
          const file = target === 'data' ? 'cm.yaml' : 'ds.yaml';
          const what = target === 'data' ? 'cm c' : 'ds agent';
          const path = target === 'data' ? ['data'] : ['spec', 'template', 'spec', 'nodeSelector'];
          expect(runLine(`kubectl apply -f ${file}`, cluster, files(manifests)).exit).toBe(0);
          const live = getJson(cluster, what);
          // The patch body is written by hand so that `__proto__` is an ordinary JSON key.
          const body = `{${entries.map(([k, v]) => `"${k}":${JSON.stringify(v)}`).join(',')}}`;
          const wrapped = path.reduceRight((inner, key) => `{"${key}":${inner}}`, body);
          const result = runLine(
            `kubectl patch ${what} --type=${type} -p '${wrapped}'`,
            cluster,
            files(new Map()),
          );
          const nonString = entries.filter(([, v]) => v !== null && typeof v !== 'string');
          const invalidKey = entries.filter(
            ([k, v]) =>
              typeof v === 'string' && !(target === 'data' ? validConfigKey(k) : validLabelKey(k)),
          );
          const after = getJson(cluster, what);
          if (nonString.length > 0 || invalidKey.length > 0) {
            expect(result.exit).toBe(1);
            if (nonString.length === 0)
              for (const [k] of invalidKey) expect(result.err).toContain(`"${k}"`);
            else expect(result.err).toMatch(/cannot unmarshal|unrecognized type|cannot convert/);
            expect(after).toEqual(live);
          } else {
            expect(result.exit).toBe(0);
            const expected = new Map(Object.entries(at(live, ...path) ?? {}));
            for (const [k, v] of entries) {
              if (v === null) expected.delete(k);
              else expected.set(k, v);
            }
            const got = at(after, ...path);
            expect(ownKeys(got)).toEqual([...expected.keys()].sort());
            for (const [k, v] of expected) expect(got?.[k]).toBe(v);
            expectRestoredSame(cluster, what, after);
          }
          expect(prototypeShape()).toBe(before);
        },
      ),
      { numRuns: 200 },
    );
  });
});
