/**
 * The store lists each kind in the API server's order (namespace, then name). It keeps that
 * list between changes and merges the objects added and removed since, so a run of random
 * adds, removals, replacements and reads must list exactly what a fresh sort lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/engine/store.ts';
import type { ConfigMap, KubeObject } from '../../src/engine/index.ts';
import { inListOrder } from '../../src/engine/util/list-order.ts';

/** From names to draw from and how many writes come per read, a run of operations (more adds than anything else). */
function opsArb(
  names: fc.Arbitrary<string>,
  writesPerRead: number,
  length: { minLength: number; maxLength: number },
) {
  const write = fc.record({
    kind: fc.constantFrom(
      'add' as const,
      'add' as const,
      'remove' as const,
      'replace' as const,
      'readd' as const,
    ),
    namespace: fc.constantFrom('kube-system', 'kube', 'default'),
    name: names,
  });
  const read = fc.record({ kind: fc.constant('read' as const) });
  return fc.array(
    fc.oneof({ weight: writesPerRead, arbitrary: write }, { weight: 1, arbitrary: read }),
    length,
  );
}

// Namespaces and names where one is a prefix of another, few enough that keys meet again; and
// runs long enough between reads that a read finds dozens of objects added since the last.
const runArb = fc.oneof(
  opsArb(fc.constantFrom('x', 'x-1', 'x1'), 1, { minLength: 10, maxLength: 80 }),
  opsArb(
    fc.integer({ min: 0, max: 300 }).map((i) => `n${i}`),
    200,
    { minLength: 300, maxLength: 800 },
  ),
);

let uid = 0;
function configMap(namespace: string, name: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, uid: `u${++uid}`, resourceVersion: '', creationTimestamp: '' },
  } as ConfigMap;
}

const fresh = (store: Store): KubeObject[] =>
  inListOrder(
    store.all('ConfigMap'),
    (o) => o.metadata.namespace ?? '',
    (o) => o.metadata.name,
  );

describe('the store sorted lists', () => {
  it('list exactly what a fresh sort lists after any run of adds, removals and replacements', () => {
    fc.assert(
      fc.property(runArb, (ops) => {
        const store = new Store();
        // Removed objects, which a 'readd' stores again (the very same object) when its key is free.
        const removed = new Map<string, ConfigMap>();
        for (const op of ops) {
          if (op.kind === 'read') {
            expect(store.sorted('ConfigMap')).toEqual(fresh(store));
            continue;
          }
          const key = `${op.namespace}/${op.name}`;
          const stored = store.get('ConfigMap', key);
          if (op.kind === 'add' && !stored) store.add(configMap(op.namespace, op.name));
          else if (op.kind === 'remove' && stored) {
            store.remove(stored);
            removed.set(key, stored);
          } else if (op.kind === 'readd' && !stored && removed.has(key)) {
            store.add(removed.get(key)!);
            removed.delete(key);
          } else if (op.kind === 'replace' && stored)
            store.replace(stored, configMap(op.namespace, op.name));
        }
        const listed = store.sorted('ConfigMap');
        expect(listed).toEqual(fresh(store));
        // Each listed object is the stored one, not an older version of it.
        for (const obj of listed)
          expect(store.get('ConfigMap', `${obj.metadata.namespace}/${obj.metadata.name}`)).toBe(
            obj,
          );
      }),
      { numRuns: 200 },
    );
  });

  it('hands out a new list once an object came or went, and the same one while nothing did', () => {
    const store = new Store();
    store.add(configMap('default', 'b'));
    const first = store.sorted('ConfigMap');
    expect(store.sorted('ConfigMap')).toBe(first);
    store.add(configMap('default', 'a'));
    const second = store.sorted('ConfigMap');
    expect(second).not.toBe(first);
    expect(second.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(Object.isFrozen(second)).toBe(true);
  });
});
