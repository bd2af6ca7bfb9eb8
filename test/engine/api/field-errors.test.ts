import { describe, expect, it } from 'vitest';
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  renderFieldError,
  required,
  tooLong,
  tooMany,
} from '../../../src/engine/api/field-errors.ts';
import { goQuote } from '../../../src/engine/api/go-quote.ts';

describe('renderFieldError (field.Error.Error)', () => {
  it.each([
    [required('spec.selector'), 'spec.selector: Required value'],
    [required('spec.x', 'must be set'), 'spec.x: Required value: must be set'],
    [forbidden('spec.x', 'not allowed'), 'spec.x: Forbidden: not allowed'],
    [invalid('spec.x', 'abc', 'bad'), 'spec.x: Invalid value: "abc": bad'],
    [invalid('spec.x', 5, 'bad'), 'spec.x: Invalid value: 5: bad'],
    [invalid('spec.x', -1.5, 'bad'), 'spec.x: Invalid value: -1.5: bad'],
    [invalid('spec.x', true, 'bad'), 'spec.x: Invalid value: true: bad'],
    [
      invalid('spec.x', null, 'bad'),
      'spec.x: Invalid value: "null": bad'.replace('"null"', 'null'),
    ],
    [invalid('spec.x', 'a"b\n', 'bad'), 'spec.x: Invalid value: "a\\"b\\n": bad'],
    [invalid('spec.x', '50%', 'bad', 'IntOrString'), 'spec.x: Invalid value: 50%: bad'],
    [invalid('spec.x', 1, 'bad', 'IntOrString'), 'spec.x: Invalid value: 1: bad'],
    [invalid('spec.x', '2', 'bad', 'Quantity'), 'spec.x: Invalid value: 2: bad'],
    [
      invalid('l', { b: '2', a: '1' }, 'bad', 'map[string]string'),
      'l: Invalid value: map[string]string{"a":"1", "b":"2"}: bad',
    ],
    [
      invalid('l', undefined, 'bad', 'map[string]string'),
      'l: Invalid value: map[string]string(nil): bad',
    ],
    [invalid('l', ['a', 'b'], 'bad'), 'l: Invalid value: []string{"a", "b"}: bad'],
    [
      notSupported('spec.type', 'X', ['A', 'B']),
      'spec.type: Unsupported value: "X": supported values: "A", "B"',
    ],
    [duplicate('spec.x', 'TCP//9100'), 'spec.x: Duplicate value: "TCP//9100"'],
    [notFound('spec.x', 'vol'), 'spec.x: Not found: "vol"'],
    [
      tooLong('metadata.annotations', 262144),
      'metadata.annotations: Too long: must have at most 262144 bytes',
    ],
    [tooMany('spec.x', 5, 3), 'spec.x: Too many: 5: must have at most 3 items'],
  ])('renders %j', (error, text) => {
    expect(renderFieldError(error)).toBe(text);
  });

  it('prints a LabelSelector in Go syntax, as a dereferenced *LabelSelector prints', () => {
    const error = invalid(
      'spec.selector',
      {
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [{ key: 'k', operator: 'In', values: ['x', 'y'] }],
      },
      'field is immutable',
      'LabelSelector',
    );
    expect(renderFieldError(error)).toBe(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"1", "b":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"x", "y"}}}}: field is immutable',
    );
  });
});

describe('goQuote (strconv.Quote)', () => {
  it('escapes the way Go does', () => {
    expect(goQuote('a"b\\c\n\t\x07\x01é\u200b😀')).toBe('"a\\"b\\\\c\\n\\t\\a\\x01é\\u200b😀"');
  });
});
