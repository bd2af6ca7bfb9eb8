import { describe, expect, it } from 'vitest';
import { goFloat, goValue } from '../../../src/engine/api/go-format.ts';
import { jsonMergePatch } from '../../../src/engine/api/merge-patch.ts';
import { omitEmpty } from '../../../src/engine/api/omit-empty.ts';
import { structCursor } from '../../../src/engine/api/patch-meta.ts';
import { PatchError, applyStrategicPatch } from '../../../src/engine/api/strategic-merge.ts';
import { createThreeWayMergePatch } from '../../../src/engine/api/three-way-patch.ts';

const DS = structCursor('DaemonSet');
const NODE = structCursor('Node');

const ds = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'x' },
  spec: { template: { spec } },
});
const podSpec = (object: Record<string, unknown>) =>
  ((object.spec as Record<string, unknown>).template as Record<string, Record<string, unknown>>)
    .spec;
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('strategic merge patch on the server', () => {
  it('merges container ports by containerPort, the patch’s new items before the live ones', () => {
    const live = ds({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }] });
    const merged = applyStrategicPatch(
      live,
      ds({ containers: [{ name: 'a', ports: [{ containerPort: 9090 }] }] }),
      DS,
    );
    expect(plain(podSpec(merged).containers)).toEqual([
      { name: 'a', ports: [{ containerPort: 9090 }, { containerPort: 80, name: 'http' }] },
    ]);
  });

  it('deletes a list item by its merge key with $patch: delete, and replaces a list with $patch: replace', () => {
    const live = ds({ containers: [{ name: 'a', env: [{ name: 'A' }, { name: 'B' }] }] });
    const deleted = applyStrategicPatch(
      live,
      ds({ containers: [{ name: 'a', env: [{ name: 'A', $patch: 'delete' }] }] }),
      DS,
    );
    expect(plain(podSpec(deleted).containers)).toEqual([{ name: 'a', env: [{ name: 'B' }] }]);
    const replaced = applyStrategicPatch(
      live,
      ds({ containers: [{ name: 'b' }, { $patch: 'replace' }] }),
      DS,
    );
    expect(plain(podSpec(replaced).containers)).toEqual([{ name: 'b' }]);
  });

  it('replaces a list without a merge key (tolerations) whole', () => {
    const live = ds({ tolerations: [{ key: 'a', operator: 'Exists' }] });
    const merged = applyStrategicPatch(live, ds({ tolerations: [{ operator: 'Exists' }] }), DS);
    expect(plain(podSpec(merged).tolerations)).toEqual([{ operator: 'Exists' }]);
  });

  it('clears the keys $retainKeys does not name, and refuses a patch key it does not name', () => {
    const live = ds({ volumes: [{ name: 'v', emptyDir: {} }] });
    const merged = applyStrategicPatch(
      live,
      ds({ volumes: [{ name: 'v', hostPath: { path: '/d' }, $retainKeys: ['hostPath', 'name'] }] }),
      DS,
    );
    expect(plain(podSpec(merged).volumes)).toEqual([{ name: 'v', hostPath: { path: '/d' } }]);
    expect(() =>
      applyStrategicPatch(
        live,
        ds({ volumes: [{ name: 'v', hostPath: { path: '/d' }, $retainKeys: ['name'] }] }),
        DS,
      ),
    ).toThrow(PatchError);
  });

  it('orders a list by $setElementOrder and deletes scalars named by $deleteFromPrimitiveList', () => {
    const live = {
      kind: 'Node',
      metadata: { name: 'n', finalizers: ['a', 'b', 'c'] },
      spec: { podCIDRs: ['10.0.0.0/24'] },
      status: { conditions: [{ type: 'Ready' }, { type: 'DiskPressure' }] },
    };
    const merged = applyStrategicPatch(
      live,
      {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] },
        status: { '$setElementOrder/conditions': [{ type: 'DiskPressure' }, { type: 'Ready' }] },
      },
      NODE,
    );
    expect(plain(merged)).toMatchObject({
      metadata: { finalizers: ['a', 'c'] },
      status: { conditions: [{ type: 'DiskPressure' }, { type: 'Ready' }] },
    });
  });

  it('deletes a key for a null and drops nulls under keys the live object lacks', () => {
    const live = ds({ nodeSelector: { disk: 'ssd' } });
    const merged = applyStrategicPatch(
      live,
      ds({ nodeSelector: null, affinity: { nodeAffinity: null } }),
      DS,
    );
    expect(plain(podSpec(merged))).toEqual({ affinity: {} });
  });

  it('refuses a merge list item without its merge key in kubectl’s words', () => {
    expect(() =>
      applyStrategicPatch(ds({ containers: [] }), ds({ containers: [{ image: 'x' }] }), DS),
    ).toThrow('map: map[image:x] does not contain declared merge key: name');
  });

  it('keeps __proto__, constructor and prototype as ordinary keys', () => {
    const patch = JSON.parse(
      '{"spec":{"template":{"spec":{"nodeSelector":{"__proto__":{"a":"b"},"constructor":"c"}}}}}',
    ) as Record<string, unknown>;
    const merged = applyStrategicPatch(ds({}), patch, DS);
    const selector = podSpec(merged).nodeSelector as Record<string, unknown>;
    expect(Object.keys(selector)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(selector)).toBeNull();
    const merge = jsonMergePatch({}, JSON.parse('{"__proto__":{"polluted":1}}')) as Record<
      string,
      unknown
    >;
    expect(Object.hasOwn(merge, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('kubectl’s three-way apply patch', () => {
  const node = (labels: Record<string, string>, taints?: unknown[]) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n', labels },
    ...(taints ? { spec: { taints } } : {}),
  });

  it('is empty when the file is what was last applied and the live object only added to it', () => {
    const file = node({ role: 'worker' });
    const live = { ...node({ role: 'worker', disk: 'ssd' }), spec: { unschedulable: true } };
    expect(plain(createThreeWayMergePatch(file, file, live, NODE))).toEqual({});
  });

  it('deletes what the file dropped since the last apply, and nothing the live object added', () => {
    const patch = createThreeWayMergePatch(
      node({ role: 'worker', zone: 'a' }),
      node({ role: 'worker' }),
      node({ role: 'worker', zone: 'a', disk: 'ssd' }),
      NODE,
    );
    expect(plain(patch)).toEqual({ metadata: { labels: { zone: null } } });
  });

  it('sends a list without a merge key whole when it differs from the live one', () => {
    const file = node({}, [{ key: 'a', effect: 'NoSchedule' }]);
    const live = node({}, [
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoSchedule' },
    ]);
    expect(plain(createThreeWayMergePatch(file, file, live, NODE))).toEqual({
      spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] },
    });
  });

  it('names the order of a merged list and the changed item by its merge key', () => {
    const original = ds({ containers: [{ name: 'a', image: '1' }] });
    const modified = ds({ containers: [{ name: 'a', image: '2' }] });
    expect(plain(createThreeWayMergePatch(original, modified, original, DS))).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'a' }],
            containers: [{ name: 'a', image: '2' }],
          },
        },
      },
    });
  });

  it('adds $retainKeys to a volume whose source changed', () => {
    const original = ds({ volumes: [{ name: 'v', emptyDir: {} }] });
    const modified = ds({ volumes: [{ name: 'v', hostPath: { path: '/d' } }] });
    const patch = plain(createThreeWayMergePatch(undefined, modified, original, DS));
    expect(patch).toMatchObject({
      spec: {
        template: {
          spec: {
            volumes: [{ name: 'v', hostPath: { path: '/d' }, $retainKeys: ['hostPath', 'name'] }],
          },
        },
      },
    });
  });
});

describe('Go formatting and omitempty', () => {
  it('prints float64 as %v does, exponent from 1e6 and below 1e-4', () => {
    expect([80, 123456, 1e6, 1.5, 0.0001, 0.00001].map(goFloat)).toEqual([
      '80',
      '123456',
      '1e+06',
      '1.5',
      '0.0001',
      '1e-05',
    ]);
    expect(goValue({ b: [1, 'x'], a: null })).toBe('map[a:<nil> b:[1 x]]');
  });

  it('drops zero values of omitempty value fields and keeps pointers and required fields', () => {
    const object = {
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 0,
        template: {
          spec: {
            hostNetwork: false,
            tolerations: [],
            nodeSelector: {},
            terminationGracePeriodSeconds: 0,
            containers: [
              {
                name: 'a',
                ports: [{ containerPort: 0, hostPort: 0 }],
                securityContext: { privileged: false },
              },
            ],
          },
        },
      },
    };
    omitEmpty(object, 'DaemonSet');
    expect(object).toEqual({
      spec: {
        revisionHistoryLimit: 0,
        template: {
          spec: {
            terminationGracePeriodSeconds: 0,
            containers: [
              { name: 'a', ports: [{ containerPort: 0 }], securityContext: { privileged: false } },
            ],
          },
        },
      },
    });
  });
});
