import { describe, expect, it } from 'vitest';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from '../../../src/engine/api/validation/names.ts';

const QNAME_REGEX =
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('name and label syntax (apimachinery validation.go)', () => {
  it.each(['a', 'node-exporter', '123-abc', 'a'.repeat(63)])(
    'accepts the DNS-1123 label %j',
    (v) => {
      expect(isDNS1123Label(v)).toEqual([]);
    },
  );

  it.each([
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['a.b', ['must not contain dots']],
    [
      '-a',
      [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
  ])('refuses the DNS-1123 label %j', (v, messages) => {
    expect(isDNS1123Label(v)).toEqual(messages);
  });

  it('accepts dotted subdomains and refuses upper case ones', () => {
    expect(isDNS1123Subdomain('kube-system.example.com')).toEqual([]);
    expect(isDNS1123Subdomain('Example.com')).toHaveLength(1);
    expect(isDNS1123Subdomain('a'.repeat(254))[0]).toBe('must be no more than 253 characters');
  });

  it.each([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['node-role.kubernetes.io/control-plane', []],
    ['My_Key.1', []],
    ['/name', ['prefix part must be non-empty']],
    [
      'example.com/',
      [
        'name part must be non-empty',
        `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QNAME_REGEX}`,
      ],
    ],
    [
      'a/b/c',
      [
        `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QNAME_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    ],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
  ])('checks the qualified name %j', (v, messages) => {
    expect(isQualifiedName(v)).toEqual(messages);
  });

  it('prefixes errors of a bad DNS prefix', () => {
    expect(isQualifiedName('Example.com/name')[0]).toMatch(
      /^prefix part a lowercase RFC 1123 subdomain/,
    );
  });

  it.each(['', 'ssd', 'v1.2_3', 'A'])('accepts the label value %j', (v) => {
    expect(isValidLabelValue(v)).toEqual([]);
  });

  it.each(['-x', 'x-', 'a b', 'yes!'])('refuses the label value %j', (v) => {
    expect(isValidLabelValue(v)).toHaveLength(1);
  });

  it('counts bytes, not characters, against the 63 limit', () => {
    expect(isValidLabelValue('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
  });
});
