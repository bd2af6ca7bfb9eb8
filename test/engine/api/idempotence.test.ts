import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/engine/api/admission.ts';
import { admitted, daemonSetManifest } from './fixtures.ts';

const manifests: [string, unknown][] = [
  ['DaemonSet', daemonSetManifest()],
  [
    'Pod',
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        hostNetwork: true,
        containers: [
          {
            name: 'c',
            image: 'nginx',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '1' } },
          },
        ],
      },
    },
  ],
  [
    'Node',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', labels: { disk: 'ssd' } },
      spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: 4, memory: '16Gi', pods: 110 },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    },
  ],
  [
    'Service',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'dns' },
      spec: { selector: { app: 'dns' }, ports: [{ port: 53, targetPort: 'dns' }] },
    },
  ],
  [
    'Secret',
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: 'abc' } },
  ],
  [
    'ConfigMap',
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'fluent.conf': '<source>' },
    },
  ],
  ['Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } }],
  [
    'PriorityClass',
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'agents' },
      value: 1000,
    },
  ],
  [
    'ControllerRevision',
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r-1' },
      data: { spec: { template: { $patch: 'replace' } } },
      revision: 1,
    },
  ],
];

describe('admission is idempotent', () => {
  it.each(manifests)('re-admitting an admitted %s as an update changes nothing', (_, raw) => {
    const first = admitted(raw);
    const again = admit({ raw: structuredClone(first), operation: 'update', existing: first });
    expect(again).toEqual({ ok: true, object: first });
  });

  it.each(manifests)('re-applying the original %s manifest as an update is accepted', (_, raw) => {
    const first = admitted(raw);
    expect(admit({ raw, operation: 'update', existing: first }).ok).toBe(true);
  });
});

describe('admission is idempotent for generated DaemonSets', () => {
  const labelValue = fc.constantFrom('a', 'web', 'node-exporter', 'v1.2', '', 'A_b');
  const intOrString = fc.oneof(
    fc.integer({ min: -2, max: 3 }),
    fc.constantFrom('0%', '10%', '100%', '150%', 'x', '1'),
  );
  const toleration = fc.record(
    {
      key: fc.constantFrom('dedicated', 'node-role.kubernetes.io/control-plane', ''),
      operator: fc.constantFrom('Exists', 'Equal'),
      value: labelValue,
      effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute', ''),
      tolerationSeconds: fc.integer({ min: 0, max: 600 }),
    },
    { requiredKeys: [] },
  );
  const manifest = fc.record({
    labels: fc.dictionary(
      fc.constantFrom('app', 'tier', 'constructor', 'toString', 'example.com/x'),
      labelValue,
      { maxKeys: 3 },
    ),
    strategy: fc.option(
      fc.record(
        {
          type: fc.constantFrom('RollingUpdate', 'OnDelete'),
          rollingUpdate: fc.record(
            { maxUnavailable: intOrString, maxSurge: intOrString },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    tolerations: fc.array(toleration, { maxLength: 3 }),
    cpu: fc.constantFrom('100m', '0.5', 1, '1e3', '2'),
    hostNetwork: fc.boolean(),
  });

  it('re-admitting any admitted DaemonSet gives it back unchanged', () => {
    fc.assert(
      fc.property(manifest, ({ labels, strategy, tolerations, cpu, hostNetwork }) => {
        const raw = daemonSetManifest((ds) => {
          const template = ds.spec.template as {
            metadata: { labels: Record<string, string> };
            spec: Record<string, unknown>;
          };
          template.metadata.labels = { ...labels, app: 'node-exporter' };
          if (strategy !== undefined) ds.spec.updateStrategy = strategy;
          template.spec.tolerations = tolerations;
          template.spec.hostNetwork = hostNetwork;
          (template.spec.containers as Record<string, unknown>[])[0].resources = {
            requests: { cpu },
          };
        });
        const first = admit({ raw, operation: 'create' });
        if (!first.ok) return;
        const again = admit({
          raw: structuredClone(first.object),
          operation: 'update',
          existing: first.object,
        });
        expect(again).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});
