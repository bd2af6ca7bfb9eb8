import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/engine/api/admission.ts';
import type { Pod } from '../../../src/engine/types.ts';
import { admitted, causes, createCauses } from './fixtures.ts';

const node = (spec: Record<string, unknown>, name = 'node-1') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec,
});
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('Node validation', () => {
  it('accepts taints with the three effects', () => {
    const taints = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'].map((effect) => ({
      key: 'dedicated',
      value: 'gpu',
      effect,
    }));
    expect(createCauses(node({ taints }))).toEqual([]);
  });

  it.each([
    [
      { key: 'dedicated', effect: 'Bogus' },
      [
        'metadata.taints[0].effect: Unsupported value: "Bogus": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
    [{ key: 'dedicated' }, ['metadata.taints[0].effect: Required value']],
    [
      { key: 'bad key', effect: 'NoSchedule' },
      [`metadata.taints[0].key: Invalid value: "bad key": ${NAME_PART}`],
    ],
  ])('reports the taint %j at metadata.taints, as upstream does', (taint, expected) => {
    expect(createCauses(node({ taints: [taint] }))).toEqual(expected);
  });

  it('refuses two taints with the same key and effect', () => {
    const taints = [
      { key: 'a', value: '1', effect: 'NoSchedule' },
      { key: 'a', value: '2', effect: 'NoSchedule' },
    ];
    expect(createCauses(node({ taints }))).toEqual([
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"2", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    ]);
  });

  it('drops a namespace given to a cluster-scoped object', () => {
    const result = admitted({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', namespace: 'default' },
    });
    expect(result.metadata).toEqual({ name: 'n' });
  });

  it('refuses node names that are not DNS subdomains', () => {
    expect(createCauses(node({}, 'Node_1'))[0]).toMatch(
      /^metadata\.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/,
    );
  });
});

const pod = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});

describe('Pod validation', () => {
  it('reuses the pod spec rules with spec. paths', () => {
    expect(createCauses(pod({ containers: [{ name: 'c' }] }))).toEqual([
      'spec.containers[0].image: Required value',
    ]);
  });

  it('refuses an image with stray whitespace on pods', () => {
    expect(createCauses(pod({ containers: [{ name: 'c', image: 'nginx ' }] }))).toEqual([
      'spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace',
    ]);
  });

  it('accepts restartPolicy Never on a bare pod', () => {
    expect(
      createCauses(pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] })),
    ).toEqual([]);
  });

  const stored = admitted(
    pod({ nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.25' }] }),
  ) as Pod;

  it('allows an image change on update', () => {
    const result = admit({
      raw: pod({ nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.26' }] }),
      operation: 'update',
      existing: stored,
    });
    expect(result.ok).toBe(true);
  });

  it('forbids other spec changes on update with the upstream message', () => {
    const result = admit({
      raw: pod({ nodeName: 'node-2', containers: [{ name: 'c', image: 'nginx:1.25' }] }),
      operation: 'update',
      existing: stored,
    });
    const [cause] = causes(result);
    expect(cause).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(cause).toContain('nodeName');
  });

  it('allows adding a toleration on update', () => {
    const tolerations = [
      ...(stored.spec.tolerations ?? []),
      { key: 'dedicated', operator: 'Exists' },
    ];
    const raw = { ...stored, spec: { ...stored.spec, tolerations } };
    expect(admit({ raw, operation: 'update', existing: stored }).ok).toBe(true);
  });

  it('keeps the stored status on update', () => {
    const running = { ...stored, status: { phase: 'Running' as const } };
    const result = admit({
      raw: { ...stored, status: { phase: 'Failed' } },
      operation: 'update',
      existing: running,
    });
    expect(result.ok && (result.object as Pod).status).toEqual({ phase: 'Running' });
  });
});

describe('Service, PriorityClass, ConfigMap, Secret and Namespace validation', () => {
  const service = (spec: Record<string, unknown>, name = 'dns') => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec,
  });

  it('requires ports on a ClusterIP service', () => {
    expect(createCauses(service({ selector: { app: 'x' } }))).toEqual([
      'spec.ports: Required value',
    ]);
  });

  it('requires port names when there are several ports', () => {
    expect(createCauses(service({ ports: [{ port: 53 }, { port: 53, protocol: 'UDP' }] }))).toEqual(
      ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    );
  });

  it('refuses a port out of range and service names that are not DNS-1035 labels', () => {
    expect(createCauses(service({ ports: [{ port: 0 }] }, '1dns'))).toEqual([
      "metadata.name: Invalid value: \"1dns\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  const priorityClass = (name: string, value?: number) => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
  });

  it('keeps user priorities at or below one billion', () => {
    expect(createCauses(priorityClass('huge', 2000000000))).toEqual([
      'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
  });

  it('reserves the system- prefix', () => {
    expect(createCauses(priorityClass('system-mine', 5))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
  });

  it('refuses to change a PriorityClass value', () => {
    const stored = admitted(priorityClass('agents', 1000));
    expect(
      causes(admit({ raw: priorityClass('agents', 2000), operation: 'update', existing: stored })),
    ).toEqual(['value: Forbidden: may not be changed in an update.']);
  });

  it('checks ConfigMap keys', () => {
    const raw = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'ok.conf': 'x', 'bad key': 'y' },
    };
    expect(createCauses(raw)).toEqual([
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('refuses changes to an immutable ConfigMap', () => {
    const stored = admitted({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      immutable: true,
      data: { a: '1' },
    });
    const raw = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      immutable: true,
      data: { a: '2' },
    };
    expect(causes(admit({ raw, operation: 'update', existing: stored }))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('refuses a Secret type change', () => {
    const stored = admitted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
    const raw = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'kubernetes.io/basic-auth',
    };
    expect(causes(admit({ raw, operation: 'update', existing: stored }))).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    ]);
  });

  it('requires namespace names to be DNS-1123 labels', () => {
    expect(
      createCauses({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }),
    ).toEqual(['metadata.name: Invalid value: "team.a": must not contain dots']);
  });

  it('refuses a bad namespace on a namespaced object', () => {
    const raw = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'Team' } };
    expect(createCauses(raw)[0]).toMatch(
      /^metadata\.namespace: Invalid value: "Team": a lowercase RFC 1123 label/,
    );
  });
});

describe('Node status on update', () => {
  const stored = admitted({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    status: { capacity: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
  });

  it('keeps the stored status when the manifest has none', () => {
    const result = admit({
      raw: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'node-1', labels: { disk: 'ssd' } },
      },
      operation: 'update',
      existing: stored,
    });
    expect(result.ok && result.object).toMatchObject({
      metadata: { labels: { disk: 'ssd' } },
      status: { capacity: { cpu: '4' } },
    });
  });

  it('keeps the stored status when an update states another: only create takes a manifest status', () => {
    const raw = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      status: { capacity: { cpu: '8' } },
    };
    const result = admit({ raw, operation: 'update', existing: stored });
    expect(result.ok && (result.object as { status?: unknown }).status).toEqual(
      (stored as { status?: unknown }).status,
    );
  });
});

describe('PriorityClass value', () => {
  it('is not required: a missing value is the Go zero value 0, as upstream stores it', () => {
    const pc = admitted({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'low' },
    });
    expect((pc as { value: number }).value).toBe(0);
  });
});

describe('Node fields the cluster fills in', () => {
  it('keeps the allocated pod CIDR when a node manifest is re-applied without it', () => {
    const stored = admitted({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      spec: { podCIDR: '10.0.0.0/24', podCIDRs: ['10.0.0.0/24'] },
    });
    const result = admit({
      raw: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } },
      operation: 'update',
      existing: stored,
    });
    expect(result.ok && result.object).toMatchObject({
      spec: { podCIDR: '10.0.0.0/24', podCIDRs: ['10.0.0.0/24'] },
    });
  });
});
