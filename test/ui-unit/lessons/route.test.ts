import { describe, expect, it } from 'vitest';
import { parseRoute, sameRoute, toHash } from '../../../src/ui/lessons/route.ts';

describe('routes', () => {
  it('reads a lesson id from #/lessons/<id>', () => {
    expect(parseRoute('#/lessons/one-pod-per-node')).toEqual({
      kind: 'lesson',
      id: 'one-pod-per-node',
    });
  });

  it('accepts a trailing slash after the id', () => {
    expect(parseRoute('#/lessons/noexecute/')).toEqual({ kind: 'lesson', id: 'noexecute' });
  });

  it('lands on the sandbox for #/sandbox, an empty hash and anything it does not know', () => {
    for (const hash of ['#/sandbox', '', '#', '#/lessons/', '#/lessons/a/b', '#v1/abc'])
      expect(parseRoute(hash)).toEqual({ kind: 'sandbox' });
  });

  it('lands on the sandbox when the id has a broken escape', () => {
    expect(parseRoute('#/lessons/%E0%A4%A')).toEqual({ kind: 'sandbox' });
  });

  it('writes the hash it reads back, escaping what needs it', () => {
    for (const route of [
      { kind: 'lesson', id: 'one-pod-per-node' },
      { kind: 'lesson', id: 'odd id?' },
      { kind: 'sandbox' },
    ] as const)
      expect(parseRoute(toHash(route))).toEqual(route);
    expect(toHash({ kind: 'lesson', id: 'odd id?' })).toBe('#/lessons/odd%20id%3F');
  });

  it('tells whether two routes name the same place', () => {
    expect(sameRoute({ kind: 'lesson', id: 'a' }, { kind: 'lesson', id: 'a' })).toBe(true);
    expect(sameRoute({ kind: 'lesson', id: 'a' }, { kind: 'lesson', id: 'b' })).toBe(false);
    expect(sameRoute({ kind: 'sandbox' }, { kind: 'lesson', id: 'a' })).toBe(false);
    expect(sameRoute({ kind: 'sandbox' }, { kind: 'sandbox' })).toBe(true);
  });
});
