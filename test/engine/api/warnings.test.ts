import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/engine/api/admission.ts';
import { containerOf, daemonSetManifest, podSpecOf } from './fixtures.ts';

type Json = Record<string, unknown>;
const warningsOf = (raw: unknown): string[] | undefined => {
  const result = admit({ raw, operation: 'create' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.warnings;
};

describe('warnings on accepted objects', () => {
  it('gives none for a clean manifest', () => {
    expect(warningsOf(daemonSetManifest())).toBeUndefined();
  });

  it('warns about deprecated node labels in a template nodeSelector', () => {
    const raw = daemonSetManifest(
      (ds) => (podSpecOf(ds).nodeSelector = { 'beta.kubernetes.io/os': 'linux' }),
    );
    expect(warningsOf(raw)).toEqual([
      'spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
    ]);
  });

  it('warns about deprecated node labels in node affinity', () => {
    const raw = daemonSetManifest(
      (ds) =>
        (podSpecOf(ds).affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'failure-domain.beta.kubernetes.io/zone', operator: 'Exists' },
                  ],
                },
              ],
            },
          },
        }),
    );
    expect(warningsOf(raw)).toEqual([
      'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    ]);
  });

  it('warns about fractional bytes with the canonical value', () => {
    const raw = daemonSetManifest(
      (ds) => (containerOf(ds).resources = { limits: { memory: 1.5 } }),
    );
    expect(warningsOf(raw)).toEqual([
      'spec.template.spec.containers[0].resources.limits[memory]: fractional byte value "1500m" is invalid, must be an integer',
    ]);
  });

  it('warns about a repeated port definition', () => {
    const raw = daemonSetManifest(
      (ds) => (containerOf(ds).ports = [{ containerPort: 9100 }, { containerPort: 9100 }]),
    );
    expect(warningsOf(raw)).toEqual([
      'spec.template.spec.containers[0].ports[1]: duplicate port definition with spec.template.spec.containers[0].ports[0]',
    ]);
  });

  it('warns about an env var that hides an earlier one', () => {
    const raw = daemonSetManifest(
      (ds) =>
        (containerOf(ds).env = [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ]),
    );
    expect(warningsOf(raw)).toEqual([
      'spec.template.spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
    ]);
  });

  it('warns about a negative grace period on a bare pod, with pod paths', () => {
    const raw: Json = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { terminationGracePeriodSeconds: -1, containers: [{ name: 'c', image: 'x' }] },
    };
    expect(warningsOf(raw)).toEqual([
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });
});
