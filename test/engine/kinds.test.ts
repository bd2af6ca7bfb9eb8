import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/console/engine-entry.ts';
import { KINDS as SERVED, STRUCTS, findKind } from '../../src/engine/api/schema.ts';
import { KIND_TABLE } from '../../src/engine/kinds.ts';
import { KINDS, NAMESPACED, RESOURCE, objectKey } from '../../src/engine/store.ts';

describe('the kinds table', () => {
  it('is the order snapshots list kinds in', () => {
    const kinds = KIND_TABLE.map((k) => k.kind);
    expect(KINDS).toEqual(kinds);
    expect(Object.keys(createCluster({ seed: 1 }).snapshot().objects)).toEqual(kinds);
  });

  it('is what the API server serves, each kind decoded by its own struct', () => {
    expect(SERVED.map((k) => k.kind)).toEqual(KIND_TABLE.map((k) => k.kind));
    for (const info of KIND_TABLE) {
      expect(findKind(info.apiVersion, info.kind)?.struct).toBe(info.kind);
      expect(STRUCTS[info.kind]).toBeDefined();
    }
  });

  it('gives the store its scopes and NotFound resource names', () => {
    expect(NAMESPACED.Node).toBe(false);
    expect(NAMESPACED.DaemonSet).toBe(true);
    expect(RESOURCE.DaemonSet).toBe('daemonsets.apps');
    expect(RESOURCE.PriorityClass).toBe('priorityclasses.scheduling.k8s.io');
    expect(RESOURCE.Pod).toBe('pods');
    expect(objectKey('Node', 'ignored', 'a')).toBe('a');
    expect(objectKey('Pod', undefined, 'a')).toBe('default/a');
  });

  it('derives group-qualified names from the apiVersion', () => {
    const info = (kind: string) => KIND_TABLE.find((k) => k.kind === kind);
    expect(info('DaemonSet')).toMatchObject({
      group: 'apps',
      singular: 'daemonset.apps',
      resource: 'daemonsets.apps',
    });
    expect(info('Pod')).toMatchObject({ group: '', singular: 'pod', resource: 'pods' });
  });
});
