import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/engine/api/admission.ts';
import { renderObjectKindErrors } from '../../../src/engine/api/kind-check.ts';
import { QUANTITY_SYNTAX_MESSAGE } from '../../../src/kube/quantity.ts';
import {
  STRUCTS,
  findKind,
  goTypeName,
  isUnsimulatedKind,
} from '../../../src/engine/api/schema.ts';
import { badRequest, containerOf, daemonSetManifest, podSpecOf } from './fixtures.ts';

describe('kubectl client-side kind checks', () => {
  it.each([
    [{ kind: 'DaemonSet' }, ['apiVersion not set']],
    [{ apiVersion: 'apps/v1' }, ['kind not set']],
    [{}, ['apiVersion not set', 'kind not set']],
    [{ apiVersion: 1, kind: 'Pod' }, ["apiVersion isn't string type"]],
    [{ apiVersion: 'a/b/c', kind: 'Pod' }, ['unexpected GroupVersion string: a/b/c']],
    ['just text', ['invalid object to validate']],
    [[{ kind: 'Pod' }], ['invalid object to validate']],
  ])('reports %j as %j', (raw, errors) => {
    expect(admit({ raw, operation: 'create' })).toEqual({
      ok: false,
      error: { reason: 'ValidationError', errors },
    });
  });

  it('reports an unknown apiVersion/kind pair as NoKindMatch', () => {
    expect(
      admit({ raw: { apiVersion: 'extensions/v1beta1', kind: 'DaemonSet' }, operation: 'create' }),
    ).toEqual({
      ok: false,
      error: { reason: 'NoKindMatch', kind: 'DaemonSet', apiVersion: 'extensions/v1beta1' },
    });
  });

  it('is case-sensitive about kinds', () => {
    const result = admit({
      raw: { apiVersion: 'apps/v1', kind: 'Daemonset' },
      operation: 'create',
    });
    expect(!result.ok && result.error.reason).toBe('NoKindMatch');
  });
});

describe('strict decoding of unknown fields', () => {
  it('names the full path of an unknown field, with list indices', () => {
    const raw = daemonSetManifest((ds) => (podSpecOf(ds).tolerationz = []));
    expect(badRequest(raw)).toBe(
      'strict decoding error: unknown field "spec.template.spec.tolerationz"',
    );
  });

  it('lists every unknown field in document order, joined with commas', () => {
    const raw = daemonSetManifest((ds) => {
      containerOf(ds).imagePullPolice = 'Always';
      ds.spec.replicas = 3;
    });
    expect(badRequest(raw)).toBe(
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice", unknown field "spec.replicas"',
    );
  });

  it('is case-sensitive about field names', () => {
    const raw = daemonSetManifest((ds) => (ds.spec.MinReadySeconds = 5));
    expect(badRequest(raw)).toBe('strict decoding error: unknown field "spec.MinReadySeconds"');
  });

  it('keeps unmodelled sub-objects as written instead of rejecting their fields', () => {
    const raw = daemonSetManifest(
      (ds) => (containerOf(ds).lifecycle = { preStop: { exec: { command: ['sleep', '5'] } } }),
    );
    expect(badRequest(raw)).toBeUndefined();
  });
});

describe('wrong JSON types (Go encoding/json wording)', () => {
  it.each([
    [
      'a string where an int32 belongs',
      (ds: Record<string, unknown> & { spec: Record<string, unknown> }) =>
        (ds.spec.minReadySeconds = '5'),
      'json: cannot unmarshal string into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32',
    ],
    [
      'a fraction where an int32 belongs',
      (ds: Record<string, unknown> & { spec: Record<string, unknown> }) =>
        (ds.spec.minReadySeconds = 1.5),
      'json: cannot unmarshal number 1.5 into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32',
    ],
    [
      'a number where a string belongs, inside a list (no indices in the path)',
      (ds: Record<string, unknown>) => (containerOf(ds).image = 1.25),
      'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
    ],
    [
      'a map where a list belongs',
      (ds: Record<string, unknown>) => (containerOf(ds).ports = { containerPort: 80 }),
      'json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
    ],
    [
      'a string where a list element struct belongs',
      (ds: Record<string, unknown>) => (containerOf(ds).ports = ['80']),
      'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type v1.ContainerPort',
    ],
    [
      'a string containerPort',
      (ds: Record<string, unknown>) => (containerOf(ds).ports = [{ containerPort: '9100' }]),
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    ],
    [
      'a number as a label value',
      (ds: Record<string, unknown>) =>
        ((ds.metadata as Record<string, unknown>).labels = { version: 2 }),
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'a boolean hostNetwork written as a string',
      (ds: Record<string, unknown>) => (podSpecOf(ds).hostNetwork = 'yes'),
      'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool',
    ],
    [
      'a boolean IntOrString',
      (ds: Record<string, unknown> & { spec: Record<string, unknown> }) =>
        (ds.spec.updateStrategy = { rollingUpdate: { maxSurge: true } }),
      'json: cannot unmarshal bool into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxSurge of type int32',
    ],
    [
      'a string metadata',
      (ds: Record<string, unknown>) => (ds.metadata = 'node-exporter'),
      'json: cannot unmarshal string into Go struct field DaemonSet.metadata of type v1.ObjectMeta',
    ],
  ])('reports %s', (_, edit, message) => {
    expect(badRequest(daemonSetManifest(edit as never))).toBe(message);
  });

  it('reports a type error before unknown fields', () => {
    const raw = daemonSetManifest((ds) => {
      ds.spec.bogus = 1;
      ds.spec.minReadySeconds = 'x';
    });
    expect(badRequest(raw)).toMatch(/^json: cannot unmarshal string/);
  });

  it('lets a quantity error (an aborting unmarshaler error) win over an earlier type error', () => {
    const raw = daemonSetManifest((ds) => {
      ds.spec.minReadySeconds = 'x';
      containerOf(ds).resources = { limits: { memory: '1GB' } };
    });
    expect(badRequest(raw)).toBe(QUANTITY_SYNTAX_MESSAGE);
  });

  it('treats null as absent', () => {
    const raw = daemonSetManifest((ds) => {
      ds.spec.minReadySeconds = null;
      (ds.metadata as Record<string, unknown>).labels = null;
    });
    expect(badRequest(raw)).toBeUndefined();
  });
});

describe('quantities and IntOrString while decoding', () => {
  it.each(['2 cores', '1GB', '', 'lots', true])('refuses the quantity %j', (cpu) => {
    const raw = daemonSetManifest((ds) => (containerOf(ds).resources = { requests: { cpu } }));
    expect(badRequest(raw)).toBe(QUANTITY_SYNTAX_MESSAGE);
  });

  it('reports a bad suffix with its own message', () => {
    const raw = daemonSetManifest(
      (ds) => (containerOf(ds).resources = { requests: { memory: '1kk' } }),
    );
    expect(badRequest(raw)).toBe("unable to parse quantity's suffix");
  });

  it.each(['0.5', '500m', '1e3', '1Gi', 2, ' 1Gi '])('accepts the quantity %j', (memory) => {
    const raw = daemonSetManifest((ds) => (containerOf(ds).resources = { requests: { memory } }));
    expect(badRequest(raw)).toBeUndefined();
  });

  it('accepts IntOrString as a number or any string (validation checks the string later)', () => {
    const raw = daemonSetManifest(
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } }),
    );
    expect(badRequest(raw)).toBeUndefined();
  });

  it('refuses a fractional IntOrString', () => {
    const raw = daemonSetManifest(
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 0.5 } }),
    );
    expect(badRequest(raw)).toBe(
      'json: cannot unmarshal number 0.5 into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32',
    );
  });

  it('refuses Secret data that is not base64', () => {
    expect(
      badRequest({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { password: 'hunter2!' },
      }),
    ).toBe('illegal base64 data at input byte 7');
  });
});

describe('the field schema as data', () => {
  it('knows every kind of the engine', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'Namespace'],
      ['v1', 'Node'],
      ['v1', 'Pod'],
      ['v1', 'ConfigMap'],
      ['v1', 'Secret'],
      ['v1', 'Service'],
      ['v1', 'Event'],
      ['apps/v1', 'DaemonSet'],
      ['apps/v1', 'ControllerRevision'],
      ['scheduling.k8s.io/v1', 'PriorityClass'],
    ]) {
      expect(findKind(apiVersion, kind)?.kind).toBe(kind);
    }
  });

  it('refers only to structs it defines', () => {
    const refs = (field: unknown): string[] => {
      const f = field as { type: string; ref?: string; items?: unknown; values?: unknown };
      if (f.type === 'struct') return [f.ref as string];
      if (f.type === 'array') return refs(f.items);
      if (f.type === 'map') return refs(f.values);
      return [];
    };
    for (const struct of Object.values(STRUCTS)) {
      for (const field of Object.values(struct.fields)) {
        for (const ref of refs(field)) expect(STRUCTS, ref).toHaveProperty(ref);
      }
    }
  });

  it('names Go types as encoding/json prints them', () => {
    expect(goTypeName(STRUCTS.Container.fields.ports)).toBe('[]v1.ContainerPort');
    expect(goTypeName(STRUCTS.ResourceRequirements.fields.limits)).toBe('v1.ResourceList');
    expect(goTypeName(STRUCTS.ObjectMeta.fields.labels)).toBe('map[string]string');
  });
});

describe('Secret data as base64', () => {
  const secret = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    data,
  });

  it.each(['', 'aGVsbG8=', 'aGk=', 'aGVsbG8gd29ybGQ=\n', 'aGVs\nbG8='])('accepts %j', (value) => {
    expect(badRequest(secret({ v: value }))).toBeUndefined();
  });

  it('refuses a value whose length is not a multiple of four', () => {
    expect(badRequest(secret({ v: 'abc' }))).toBe('illegal base64 data at input byte 0');
  });
});

describe('real kinds outside the playground', () => {
  it('are told apart from typos so the console can explain', () => {
    expect(isUnsimulatedKind('apps/v1', 'Deployment')).toBe(true);
    expect(isUnsimulatedKind('apps/v1', 'Deploymnet')).toBe(false);
    expect(isUnsimulatedKind('apps/v1', 'DaemonSet')).toBe(false);
  });
});

describe('renderObjectKindErrors', () => {
  it('prints one error bare and several as an aggregate', () => {
    expect(renderObjectKindErrors(['kind not set'])).toBe('kind not set');
    expect(renderObjectKindErrors(['apiVersion not set', 'kind not set'])).toBe(
      '[apiVersion not set, kind not set]',
    );
  });
});
