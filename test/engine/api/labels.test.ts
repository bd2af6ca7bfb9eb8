import { describe, expect, it } from 'vitest';
import {
  labelSelectorAsSelector,
  matchesSelector,
  parseSelector,
  selectorToString,
  type Selector,
  unableToFindMessage,
} from '../../../src/engine/api/labels.ts';

function parsed(input: string): Selector {
  const result = parseSelector(input);
  if (!result.ok) throw new Error(result.error);
  return result.selector;
}

describe('parseSelector (kubectl -l)', () => {
  it('parses every operator and sorts requirements by key', () => {
    expect(
      parsed('tier!=db,app=web,env in (prod, staging),!gpu,zone,x==1,y notin (a),n>3,m<4')
        .requirements,
    ).toEqual([
      { key: 'app', operator: '=', values: ['web'] },
      { key: 'env', operator: 'in', values: ['prod', 'staging'] },
      { key: 'gpu', operator: '!', values: [] },
      { key: 'm', operator: 'lt', values: ['4'] },
      { key: 'n', operator: 'gt', values: ['3'] },
      { key: 'tier', operator: '!=', values: ['db'] },
      { key: 'x', operator: '==', values: ['1'] },
      { key: 'y', operator: 'notin', values: ['a'] },
      { key: 'zone', operator: 'exists', values: [] },
    ]);
  });

  it('parses the empty string as everything', () => {
    expect(parsed('').requirements).toEqual([]);
    expect(matchesSelector(parsed(''), {})).toBe(true);
  });

  it('allows an empty value after =', () => {
    expect(parsed('a=').requirements).toEqual([{ key: 'a', operator: '=', values: [''] }]);
  });

  it('treats in and notin as plain values inside a list', () => {
    expect(parsed('a in (in,notin)').requirements[0].values).toEqual(['in', 'notin']);
  });

  it.each([
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a in (x) b', "found 'b', expected: ',' or 'end of string'"],
    [
      'a>x',
      "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    ['app=a b', "found 'b', expected: ',' or 'end of string'"],
    [
      'app=-bad',
      "unable to parse requirement: values[0][app]: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ])('refuses %j with the parser message', (input, error) => {
    expect(parseSelector(input)).toEqual({ ok: false, error });
  });
});

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front', cores: '8' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,api)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['cores>4', true],
    ['cores<4', false],
    ['app=web,tier=back', false],
  ])('evaluates %s as %s', (selector, expected) => {
    expect(matchesSelector(parsed(selector), labels)).toBe(expected);
  });

  it('does not see inherited properties as labels', () => {
    expect(matchesSelector(parsed('constructor'), {})).toBe(false);
    expect(matchesSelector(parsed('toString'), Object.create(null) as Record<string, string>)).toBe(
      false,
    );
    expect(matchesSelector(parsed('!hasOwnProperty'), {})).toBe(true);
  });

  it('treats __proto__ as an ordinary label key', () => {
    const exists: Selector = {
      requirements: [{ key: '__proto__', operator: 'exists', values: [] }],
    };
    expect(matchesSelector(exists, JSON.parse('{"__proto__":"x"}') as Record<string, string>)).toBe(
      true,
    );
    expect(matchesSelector(exists, {})).toBe(false);
  });

  it('refuses __proto__ in a selector string, as it is not a valid label key', () => {
    expect(parseSelector('__proto__=x').ok).toBe(false);
  });
});

describe('labelSelectorAsSelector (metav1.LabelSelector)', () => {
  it('matches nothing for a missing selector and everything for an empty one', () => {
    const none = labelSelectorAsSelector(undefined);
    const all = labelSelectorAsSelector({});
    expect(none.ok && matchesSelector(none.selector, { app: 'x' })).toBe(false);
    expect(all.ok && matchesSelector(all.selector, {})).toBe(true);
  });

  it('combines matchLabels and matchExpressions', () => {
    const result = labelSelectorAsSelector({
      matchLabels: { app: 'agent' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(selectorToString(result.selector)).toBe('app=agent,!canary,tier in (a,b)');
    expect(matchesSelector(result.selector, { app: 'agent', tier: 'b' })).toBe(true);
    expect(matchesSelector(result.selector, { app: 'agent', tier: 'b', canary: '' })).toBe(false);
  });

  it('refuses an unknown operator', () => {
    const result = labelSelectorAsSelector({
      matchExpressions: [{ key: 'a', operator: 'Equals' as 'In' }],
    });
    expect(result).toEqual({ ok: false, error: '"Equals" is not a valid label selector operator' });
  });
});

describe('errors for a bad label key', () => {
  it('print the parser nil path as <nil>, as the API server does', () => {
    expect(parseSelector('app:monolith')).toEqual({
      ok: false,
      error:
        "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    });
  });

  it('are wrapped in the list BadRequest message', () => {
    expect(unableToFindMessage('v1', 'pods', 'a in', '', 'x')).toBe(
      'Unable to find "/v1, Resource=pods" that match label selector "a in", field selector "": x',
    );
    expect(unableToFindMessage('apps/v1', 'daemonsets', 'a', 'b', 'x')).toBe(
      'Unable to find "apps/v1, Resource=daemonsets" that match label selector "a", field selector "b": x',
    );
  });
});
