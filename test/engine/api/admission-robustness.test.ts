import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admit, type AdmissionResult } from '../../../src/engine/api/admission.ts';
import { KINDS } from '../../../src/engine/api/schema.ts';
import type { DaemonSet } from '../../../src/engine/types.ts';
import { admitted, daemonSetManifest } from './fixtures.ts';

/** An admitted object or a well-formed API error, never a crash turned into an internal error. */
function expectWellFormed(result: AdmissionResult): void {
  if (result.ok) {
    expect(typeof result.object.kind).toBe('string');
    return;
  }
  expect(result.error.reason).toMatch(/^(ValidationError|NoKindMatch|BadRequest|Invalid)$/);
  if (result.error.reason === 'BadRequest')
    expect(result.error.message).not.toMatch(/^internal error/);
}

const kindArbitrary = fc.constantFrom(
  ...KINDS.map((k) => ({ apiVersion: k.apiVersion, kind: k.kind })),
);

describe('admit never throws', () => {
  it('for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expectWellFormed(admit({ raw, operation: 'create' }));
      }),
      { numRuns: 300 },
    );
  });

  it('for arbitrary bodies of every served kind', () => {
    fc.assert(
      fc.property(
        kindArbitrary,
        fc.dictionary(
          fc.constantFrom('metadata', 'spec', 'status', 'data', 'value', 'type', 'revision', 'x'),
          fc.jsonValue(),
        ),
        (head, body) => {
          expectWellFormed(admit({ raw: { ...body, ...head }, operation: 'create' }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for a valid DaemonSet with one field replaced by arbitrary JSON', () => {
    const paths: string[][] = [
      ['metadata'],
      ['metadata', 'labels'],
      ['spec', 'selector'],
      ['spec', 'selector', 'matchExpressions'],
      ['spec', 'updateStrategy'],
      ['spec', 'template', 'metadata', 'labels'],
      ['spec', 'template', 'spec'],
      ['spec', 'template', 'spec', 'containers'],
      ['spec', 'template', 'spec', 'tolerations'],
      ['spec', 'template', 'spec', 'affinity'],
      ['spec', 'template', 'spec', 'volumes'],
      ['spec', 'template', 'spec', 'containers', '0', 'resources'],
      ['spec', 'template', 'spec', 'containers', '0', 'ports'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.jsonValue(),
        fc.constantFrom('create' as const, 'update' as const),
        (path, value, operation) => {
          const raw = daemonSetManifest() as Record<string, unknown>;
          let at: Record<string, unknown> = raw;
          for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
          at[path[path.length - 1]] = value;
          const existing = operation === 'update' ? admitted(daemonSetManifest()) : undefined;
          expectWellFormed(admit({ raw, operation, existing }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('for deeply nested and very large values', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5000; i++) deep = { x: deep };
    const huge = 'a'.repeat(1_000_000);
    const raws = [
      daemonSetManifest(
        (ds) =>
          ((ds.spec.template as { spec: Record<string, unknown> }).spec.affinity = {
            podAffinity: deep,
          }),
      ),
      daemonSetManifest((ds) => (ds.spec.extra = deep)),
      daemonSetManifest((ds) => ((ds.metadata as Record<string, unknown>).name = huge)),
      daemonSetManifest(
        (ds) => ((ds.metadata as Record<string, unknown>).labels = { [huge]: huge }),
      ),
      daemonSetManifest(
        (ds) => ((ds.metadata as Record<string, unknown>).annotations = { a: huge }),
      ),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'big' },
        data: { a: huge, b: huge },
      },
    ];
    for (const raw of raws) expectWellFormed(admit({ raw, operation: 'create' }));
  });
});

describe('__proto__ and constructor are only keys', () => {
  it('keeps __proto__ and constructor as label keys without touching any prototype', () => {
    const raw = JSON.parse(
      JSON.stringify(daemonSetManifest()).replace(
        '"namespace":"monitoring"',
        '"namespace":"monitoring","labels":{"__proto__":"x","constructor":"y","polluted":"z"}',
      ),
    ) as unknown;
    const result = admit({ raw, operation: 'create' });
    // `__proto__` is not a valid label key (it starts with an underscore), so the object is refused...
    expect(result.ok).toBe(false);
    // ...and nothing anywhere gained a property.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('stores constructor and toString as ordinary label keys', () => {
    const raw = JSON.parse(
      JSON.stringify(daemonSetManifest()).replace(
        '"namespace":"monitoring"',
        '"namespace":"monitoring","labels":{"constructor":"a","toString":"b"}',
      ),
    ) as unknown;
    const ds = admitted(raw) as DaemonSet;
    expect(Object.keys(ds.metadata.labels ?? {})).toEqual(['constructor', 'toString']);
    expect(ds.metadata.labels?.constructor).toBe('a');
    expect(Object.getPrototypeOf(ds.metadata.labels)).toBeNull();
  });

  it('keeps __proto__ as a plain key in opaque values and ConfigMap data', () => {
    const raw = JSON.parse(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"__proto__":"v"}}',
    ) as unknown;
    const result = admit({ raw, operation: 'create' });
    // `__proto__` matches the config key pattern [-._a-zA-Z0-9]+, so it is a valid key and is kept.
    expect(result.ok).toBe(true);
    if (result.ok) {
      const data = (result.object as { data: Record<string, string> }).data;
      expect(Object.hasOwn(data, '__proto__')).toBe(true);
      expect(data['__proto__']).toBe('v');
    }
    expect(({} as Record<string, unknown>).v).toBeUndefined();
  });

  it('does not let an opaque value replace a prototype', () => {
    const raw = JSON.parse(
      JSON.stringify(daemonSetManifest()).replace(
        '"containers":[',
        '"affinity":{"podAffinity":{"__proto__":{"hacked":true}}},"containers":[',
      ),
    ) as unknown;
    const ds = admitted(raw) as DaemonSet;
    const podAffinity = ds.spec.template.spec.affinity?.podAffinity as Record<string, unknown>;
    expect(Object.hasOwn(podAffinity, '__proto__')).toBe(true);
    expect((podAffinity as { hacked?: boolean }).hacked).toBeUndefined();
  });
});

describe('admit does not share or change its input', () => {
  it('returns a fresh object and leaves the raw manifest as it was', () => {
    const raw = daemonSetManifest();
    const before = JSON.stringify(raw);
    const ds = admitted(raw) as DaemonSet;
    expect(JSON.stringify(raw)).toBe(before);
    ds.spec.template.spec.containers[0].name = 'changed';
    expect(JSON.stringify(raw)).toBe(before);
  });
});
