import { afterAll, describe, expect, it } from 'vitest';
import {
  closeSharedOracle,
  readYamlWithKubectl,
  recordApply,
  recordCommand,
  requireKubectl,
  savedConfigObject,
} from '../support/kubectl-oracle.ts';

const available = requireKubectl('kubectl oracle harness');

const configMap = (name: string, rest: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${rest}`;

const daemonSet = (image: string): string =>
  [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: ds',
    'spec:',
    '  selector:',
    '    matchLabels: {app: x}',
    '  template:',
    '    metadata:',
    '      labels: {app: x}',
    '    spec:',
    '      containers:',
    '      - name: c',
    `        image: ${image}`,
    '',
  ].join('\n');

describe.skipIf(!available)('the kubectl oracle harness', () => {
  afterAll(closeSharedOracle);

  it('gives every file of a batch the objects kubectl decoded from it and its own error', async () => {
    const reads = await readYamlWithKubectl([
      configMap('a', 'x: yes\n'),
      configMap('b', 'x: [\n'),
      '',
      configMap('c', 'x: 1\n---\n') + configMap('d', 'mode: 0600\n'),
      'foo: bar\n',
    ]);
    expect(
      reads.map((r) => r.objects.map((o) => (o as { metadata: { name: string } }).metadata.name)),
    ).toEqual([['a'], [], [], ['c', 'd'], []]);
    expect(reads[0].objects[0]).toMatchObject({ x: true });
    expect(reads[1].error).toBe(
      'error converting YAML to JSON: yaml: line 5: did not find expected node content',
    );
    expect(reads[3].objects[1]).toMatchObject({ mode: 384 });
    expect(reads[4].error).toBe(
      `unable to decode "FILE": Object 'Kind' is missing in '{"foo":"bar"}'`,
    );
  });

  it('records no request and prints unchanged when the file matches the last-applied annotation', async () => {
    const live = await savedConfigObject(daemonSet('nginx'));
    const run = await recordApply({ live, file: daemonSet('nginx') });
    expect(run.stdout).toBe('daemonset.apps/ds unchanged\n');
    expect(run.request).toBeUndefined();
  });

  it('records the strategic merge patch kubectl sends for a changed image', async () => {
    const live = await savedConfigObject(daemonSet('nginx'));
    const run = await recordApply({ live, file: daemonSet('nginx:2') });
    expect(run.stdout).toBe('daemonset.apps/ds configured\n');
    expect(run.request?.contentType).toBe('application/strategic-merge-patch+json');
    expect(run.request?.json).toMatchObject({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }],
            containers: [{ image: 'nginx:2', name: 'c' }],
          },
        },
      },
    });
  });

  it('records the merge patch of kubectl label, with the key as sent', async () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    const run = await recordCommand(['label', 'nodes', 'n1', 'team=a'], [node]);
    expect(run.writes.map((w) => [w.method, w.path, w.contentType, w.body])).toEqual([
      [
        'PATCH',
        '/api/v1/nodes/n1',
        'application/merge-patch+json',
        '{"metadata":{"labels":{"team":"a"}}}',
      ],
    ]);
    expect(run.after.get('/api/v1/nodes/n1')?.metadata.labels).toEqual({ team: 'a' });
  });

  it('answers PATCH with a chosen responder, so kubectl patch tells a change from none', async () => {
    const live = await savedConfigObject(daemonSet('nginx'));
    const args = ['patch', 'ds', 'ds', '-p', '{"spec":{"minReadySeconds":5}}'];
    const unchanged = await recordCommand(args, [live]);
    expect(unchanged.stdout).toBe('daemonset.apps/ds patched (no change)\n');
    expect(unchanged.writes[0]).toMatchObject({
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: '{"spec":{"minReadySeconds":5}}',
    });
    const changed = await recordCommand(args, [live], {
      patchResponder: (object) => ({ ...object, spec: { ...object.spec, minReadySeconds: 5 } }),
    });
    expect(changed.stdout).toBe('daemonset.apps/ds patched\n');
  });
});
