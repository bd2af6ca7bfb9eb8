import { describe, expect, it } from 'vitest';
import { clusterWithNodes, daemonSetManifest } from '../helpers.ts';

describe('the order of admission and validation on create', () => {
  it('refuses a missing namespace before it validates the object, as NamespaceLifecycle runs first', () => {
    const cluster = clusterWithNodes(['a']);
    const invalid = daemonSetManifest('agent', { namespace: 'logging' }) as {
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    invalid.spec.selector.matchLabels = { app: 'not-the-template' };
    expect(cluster.execute({ op: 'apply', object: invalid })).toEqual({
      ok: false,
      error: { reason: 'NotFound', resource: 'namespaces', name: 'logging' },
    });
    expect(cluster.execute({ op: 'create', object: invalid })).toMatchObject({
      ok: false,
      error: { reason: 'NotFound', resource: 'namespaces', name: 'logging' },
    });
  });

  it('still reports the validation error for an invalid object in a namespace that exists', () => {
    const cluster = clusterWithNodes(['a']);
    const invalid = daemonSetManifest('agent', { namespace: 'default' }) as {
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    invalid.spec.selector.matchLabels = { app: 'not-the-template' };
    expect(cluster.execute({ op: 'apply', object: invalid })).toMatchObject({
      ok: false,
      error: { reason: 'Invalid', kind: 'DaemonSet', name: 'agent' },
    });
  });
});
