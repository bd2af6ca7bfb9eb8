import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/engine/api/admission.ts';
import { renderFieldError } from '../../../src/engine/api/field-errors.ts';
import { validateDaemonSetSpec } from '../../../src/engine/api/validation/daemonset.ts';
import type { DaemonSet } from '../../../src/engine/types.ts';
import {
  admitted,
  causes,
  containerOf,
  createCauses,
  daemonSetManifest,
  podSpecOf,
} from './fixtures.ts';

const PERCENT =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

type Edit = Parameters<typeof daemonSetManifest>[0];

describe('DaemonSet validation (semantics 2.2)', () => {
  it('admits the reference node agent', () => {
    expect(createCauses(daemonSetManifest())).toEqual([]);
  });

  const rows: [string, Edit, string[]][] = [
    [
      'reports a selector that does not match the template labels',
      (ds) => ((ds.spec.selector as { matchLabels: object }).matchLabels = { app: 'other' }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"node-exporter"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'reports a missing selector as the template-labels mismatch, not as Required',
      (ds) => delete ds.spec.selector,
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"node-exporter"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'reports missing template labels with a nil map',
      (ds) => {
        delete ds.spec.selector;
        delete (ds.spec.template as { metadata?: object }).metadata;
      },
      [
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      ],
    ],
    [
      'refuses an empty selector',
      (ds) => (ds.spec.selector = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
      ],
    ],
    [
      'checks selector label syntax',
      (ds) => {
        ds.spec.selector = { matchLabels: { 'app/x/y': 'v' } };
      },
      [
        "spec.selector.matchLabels: Invalid value: \"app/x/y\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    [
      'checks selector expression operators',
      (ds) => {
        ds.spec.selector = {
          matchLabels: { app: 'node-exporter' },
          matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['a'] }],
        };
      },
      [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
      ],
    ],
    [
      'requires values for In',
      (ds) => {
        ds.spec.selector = {
          matchLabels: { app: 'node-exporter' },
          matchExpressions: [{ key: 'tier', operator: 'In' }],
        };
      },
      // The selector cannot be built, so upstream skips the template-labels comparison.
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
    ],
    [
      'only accepts restartPolicy Always in the template',
      (ds) => (podSpecOf(ds).restartPolicy = 'OnFailure'),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      ],
    ],
    [
      'forbids activeDeadlineSeconds',
      (ds) => (podSpecOf(ds).activeDeadlineSeconds = 30),
      [
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      ],
    ],
    [
      'refuses a negative minReadySeconds',
      (ds) => (ds.spec.minReadySeconds = -1),
      ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'refuses a negative revisionHistoryLimit',
      (ds) => (ds.spec.revisionHistoryLimit = -5),
      ['spec.revisionHistoryLimit: Invalid value: -5: must be greater than or equal to 0'],
    ],
    [
      'refuses an unknown update strategy type',
      (ds) => (ds.spec.updateStrategy = { type: 'Recreate' }),
      [
        'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
      ],
    ],
    [
      'refuses a negative maxUnavailable',
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxUnavailable: -1 } }),
      [
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
      ],
    ],
    [
      'refuses a maxSurge string that is not a percent',
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 0, maxSurge: 'one' } }),
      [
        `spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: one: ${PERCENT}`,
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
      ],
    ],
    [
      'refuses a percent above 100',
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxUnavailable: '150%' } }),
      [
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%',
      ],
    ],
    [
      'refuses maxSurge and maxUnavailable both non-zero',
      (ds) =>
        (ds.spec.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' },
        }),
      [
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 10%: may not be set when maxUnavailable is non-zero',
      ],
    ],
    [
      'refuses maxSurge and maxUnavailable both zero',
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } }),
      [
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
      ],
    ],
    [
      'refuses a name that is not a DNS-1123 subdomain',
      (ds) => ((ds.metadata as { name: string }).name = 'Node_Exporter'),
      [`metadata.name: Invalid value: "Node_Exporter": ${SUBDOMAIN}`],
    ],
    [
      'requires a name',
      (ds) => delete (ds.metadata as { name?: string }).name,
      ['metadata.name: Required value: name or generateName is required'],
    ],
  ];

  it.each(rows)('%s', (_, edit, expected) => {
    expect(createCauses(daemonSetManifest(edit))).toEqual(expected);
  });

  it('collects every cause of one manifest, as kubectl lists them', () => {
    const raw = daemonSetManifest((ds) => {
      ds.spec.minReadySeconds = -1;
      podSpecOf(ds).restartPolicy = 'Never';
      delete containerOf(ds).image;
    });
    expect(createCauses(raw)).toEqual([
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('names the DaemonSet in the Invalid error', () => {
    const result = admit({
      raw: daemonSetManifest((ds) => (ds.spec.minReadySeconds = -1)),
      operation: 'create',
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        reason: 'Invalid',
        kind: 'DaemonSet',
        name: 'node-exporter',
      });
  });
});

describe('learner traps that follow from defaulting', () => {
  it('fails when only maxSurge: 1 is written, because maxUnavailable defaults to 1', () => {
    const raw = daemonSetManifest(
      (ds) => (ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }),
    );
    expect(createCauses(raw)).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ]);
  });

  it('accepts surge with maxUnavailable: 0 written explicitly', () => {
    const raw = daemonSetManifest(
      (ds) => (ds.spec.updateStrategy = { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }),
    );
    const ds = admitted(raw) as DaemonSet;
    expect(ds.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it('accepts OnDelete with a rollingUpdate block and keeps the block as written', () => {
    const raw = daemonSetManifest(
      (ds) =>
        (ds.spec.updateStrategy = {
          type: 'OnDelete',
          rollingUpdate: { maxSurge: 5, maxUnavailable: 5 },
        }),
    );
    const ds = admitted(raw) as DaemonSet;
    expect(ds.spec.updateStrategy).toEqual({
      type: 'OnDelete',
      rollingUpdate: { maxSurge: 5, maxUnavailable: 5 },
    });
  });

  it('does not default rollingUpdate for OnDelete', () => {
    const ds = admitted(
      daemonSetManifest((d) => (d.spec.updateStrategy = { type: 'OnDelete' })),
    ) as DaemonSet;
    expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('DaemonSet updates', () => {
  const stored = admitted(daemonSetManifest()) as DaemonSet;

  it('refuses a selector change: apps/v1 selectors are immutable', () => {
    const raw = daemonSetManifest((ds) => {
      ds.spec.selector = { matchLabels: { app: 'node-exporter', tier: 'x' } };
      (
        (ds.spec.template as { metadata: { labels: object } }).metadata.labels as Record<
          string,
          string
        >
      ).tier = 'x';
    });
    expect(causes(admit({ raw, operation: 'update', existing: stored }))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"node-exporter", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('accepts a template change and keeps the stored status', () => {
    const withStatus = { ...stored, status: { ...stored.status, desiredNumberScheduled: 3 } };
    const raw = daemonSetManifest((ds) => (containerOf(ds).image = 'prom/node-exporter:v1.5.0'));
    const result = admit({ raw, operation: 'update', existing: withStatus });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.object as DaemonSet).status.desiredNumberScheduled).toBe(3);
  });

  it('leaves the stored object untouched when an update is refused', () => {
    const before = JSON.stringify(stored);
    admit({
      raw: daemonSetManifest((ds) => (ds.spec.selector = { matchLabels: { x: 'y' } })),
      operation: 'update',
      existing: stored,
    });
    expect(JSON.stringify(stored)).toBe(before);
  });
});

describe('rules only reachable without defaulting', () => {
  it('requires rollingUpdate for the RollingUpdate type', () => {
    const spec = daemonSetManifest().spec as Record<string, unknown>;
    spec.updateStrategy = { type: 'RollingUpdate' };
    (spec.template as { spec: Record<string, unknown> }).spec = {
      ...(spec.template as { spec: Record<string, unknown> }).spec,
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
    };
    const containers = ((
      spec.template as { spec: { containers: Record<string, unknown>[] } }
    ).spec.containers = [
      { name: 'c', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' },
    ]);
    expect(containers).toHaveLength(1);
    expect(validateDaemonSetSpec(spec).map(renderFieldError)).toEqual([
      'spec.updateStrategy.rollingUpdate: Required value',
    ]);
  });
});
