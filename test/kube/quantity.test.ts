import { describe, expect, it } from 'vitest';
import {
  QUANTITY_SUFFIX_MESSAGE,
  QUANTITY_SYNTAX_MESSAGE,
  canonicalQuantity,
  formatQuantity,
  isBinaryQuantity,
  parseQuantity,
  parseQuantityString,
  toMilli,
} from '../../src/kube/quantity.ts';

describe('quantity syntax', () => {
  it.each([
    ['0.5', 0.5],
    ['500m', 0.5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['123Mi', 123 * 2 ** 20],
    ['.5', 0.5],
    ['1.', 1],
    ['+2', 2],
    ['-1', -1],
    ['1e-3', 0.001],
    ['100n', 100e-9],
  ])('accepts %j as %d base units', (text, value) => {
    const parsed = parseQuantityString(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toBeCloseTo(value, 12);
  });

  it.each([
    ['2 cores', QUANTITY_SYNTAX_MESSAGE],
    ['1GB', QUANTITY_SYNTAX_MESSAGE],
    ['', QUANTITY_SYNTAX_MESSAGE],
    [' 1', QUANTITY_SYNTAX_MESSAGE],
    ['1.2.3', QUANTITY_SYNTAX_MESSAGE],
    ['abc', QUANTITY_SYNTAX_MESSAGE],
    ['1kk', QUANTITY_SUFFIX_MESSAGE],
    ['1e', QUANTITY_SUFFIX_MESSAGE],
    ['1Ki3', QUANTITY_SUFFIX_MESSAGE],
  ])('refuses %j with the API server message', (text, message) => {
    expect(parseQuantityString(text)).toEqual({ ok: false, message });
  });

  it('reads numbers as quantities', () => {
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity(Number.NaN)).toBeUndefined();
    expect(parseQuantity(true)).toBeUndefined();
  });

  it('counts cpu in exact thousandths, rounding up', () => {
    expect(toMilli('100m') + toMilli('200m')).toBe(300);
    expect(toMilli('0.1')).toBe(100);
    expect(toMilli('1n')).toBe(1);
    expect(toMilli('bogus')).toBe(0);
  });
});

describe('canonical quantity text (Quantity.String)', () => {
  it.each([
    ['0.5', '500m'],
    [0.5, '500m'],
    ['500m', '500m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1.5', '1500m'],
    ['1e3', '1e3'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['0.5Gi', '512Mi'],
    ['1.5Ki', '1536'],
    ['100Mi', '100Mi'],
    ['128974848', '128974848'],
    ['129M', '129M'],
    ['0', '0'],
    ['0.0000000001', '1n'],
    [2, '2'],
    ['1000000000', '1G'],
  ])('prints %j as %j', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  it('has no canonical form for an invalid quantity', () => {
    expect(canonicalQuantity('1GB')).toBeUndefined();
  });
});

describe('printing a value in base units (describe and sums)', () => {
  it('keeps binary suffixes for whole multiples and the largest whole decimal suffix otherwise', () => {
    expect(formatQuantity(0.1, false)).toBe('100m');
    expect(formatQuantity(2, false)).toBe('2');
    expect(formatQuantity(200 * 2 ** 20, true)).toBe('200Mi');
    expect(formatQuantity(1e9, false)).toBe('1G');
    expect(formatQuantity(0, true)).toBe('0');
  });

  it('tells a binary-suffixed quantity from a decimal one', () => {
    expect(isBinaryQuantity('512Mi')).toBe(true);
    expect(isBinaryQuantity('512M')).toBe(false);
    expect(isBinaryQuantity(512)).toBe(false);
  });
});
