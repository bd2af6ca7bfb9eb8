import { describe, expect, it } from 'vitest';
import { eventsFor, toWhyModel } from '../../../src/ui/why/why-model.ts';
import { makeEvent, makePod, rolloutScene } from './fixtures.ts';

const FLUENTD = { namespace: 'default', name: 'fluentd' };

describe('toWhyModel', () => {
  it('is empty without a selection or a snapshot', () => {
    expect(toWhyModel(rolloutScene(), FLUENTD, undefined)).toEqual({ kind: 'none' });
    expect(toWhyModel(undefined, FLUENTD, { kind: 'node', name: 'x' })).toEqual({ kind: 'none' });
  });

  it('explains a node with the selected DaemonSet verdict and lists its pods', () => {
    const why = toWhyModel(rolloutScene(), FLUENTD, { kind: 'node', name: 'worker-3' });
    if (why.kind !== 'node') throw new Error(why.kind);
    expect(why.verdict?.node).toBe('worker-3');
    expect(why.pods.map((p) => [p.name, p.status])).toEqual([
      ['fluentd-ccccc', 'Pending'],
      ['web-1', 'Running'],
    ]);
    expect(why.sentence).toMatch(/stays Pending/);
  });

  it("shows a DaemonSet pod's own DaemonSet verdict even when another one is selected", () => {
    const why = toWhyModel(
      rolloutScene(),
      { namespace: 'default', name: 'other' },
      { kind: 'pod', namespace: 'default', name: 'fluentd-ccccc' },
    );
    if (why.kind !== 'pod') throw new Error(why.kind);
    expect(why.daemonSet).toEqual(FLUENTD);
    expect(why.node).toBe('worker-3');
    expect(why.events.map((e) => e.reason)).toEqual(['FailedScheduling']);
  });

  it('says when the selected object is gone', () => {
    expect(
      toWhyModel(rolloutScene(), FLUENTD, { kind: 'pod', namespace: 'default', name: 'gone' }),
    ).toEqual({
      kind: 'missing',
      what: 'Pod gone no longer exists.',
    });
  });
});

describe('eventsFor', () => {
  it('keeps only events about the object, in its namespace, oldest first', () => {
    const snapshot = rolloutScene();
    snapshot.objects.Pod.push(makePod('twin', { namespace: 'other', node: 'worker-1' }));
    const later = makeEvent('fluentd-ccccc', 'Later', 'second');
    later.lastTimestamp = '2026-01-01T00:10:00Z';
    const elsewhere = makeEvent('fluentd-ccccc', 'Elsewhere', 'other namespace');
    elsewhere.involvedObject.namespace = 'other';
    snapshot.objects.Event.unshift(later, elsewhere);
    expect(eventsFor(snapshot, 'Pod', 'fluentd-ccccc', 'default').map((e) => e.reason)).toEqual([
      'FailedScheduling',
      'Later',
    ]);
  });
});
