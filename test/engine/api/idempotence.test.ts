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
