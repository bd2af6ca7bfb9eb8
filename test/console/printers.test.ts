import { describe, expect, it } from 'vitest';
import {
  DESCRIBE_WRITER,
  TABLE_WRITER,
  formatTabbed,
} from '../../src/console/printers/tabwriter.ts';
import { goDuration, parseDuration, toRfc1123z } from '../../src/console/time-format.ts';
import { printYaml } from '../../src/console/printers/yaml.ts';
import { compactJson, printJson, servedForm } from '../../src/console/printers/json.ts';
import { formatLabelSelector } from '../../src/console/printers/format.ts';

describe('the tabwriter', () => {
  it('pads every column but the last to its widest cell plus 3, at least 6 wide', () => {
    expect(formatTabbed('NAME\tAGE\nworker-1\t5s\n', TABLE_WRITER)).toBe(
      'NAME       AGE\nworker-1   5s\n',
    );
    expect(formatTabbed('A\tB\tC\nx\ty\tz\n', TABLE_WRITER)).toBe('A     B     C\nx     y     z\n');
  });

  it('aligns describe cells only across consecutive lines that have them', () => {
    const text = 'Name:\tx\nLabels:\ta=b\nDesired Number: 3\nPods Status:\t1 Running\n';
    expect(formatTabbed(text, DESCRIBE_WRITER)).toBe(
      'Name:    x\nLabels:  a=b\nDesired Number: 3\nPods Status:  1 Running\n',
    );
  });

  it('pads an empty trailing cell after a tab, leaving trailing spaces as Go does', () => {
    expect(formatTabbed('Machine ID:\t\nKernel:\t6.8\n', DESCRIBE_WRITER)).toBe(
      'Machine ID:  \nKernel:      6.8\n',
    );
  });
});

describe('durations', () => {
  it("prints the runner's t as Go prints a time.Duration", () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(500)).toBe('500ms');
    expect(goDuration(12_500)).toBe('12.5s');
    expect(goDuration(150_000)).toBe('2m30s');
    expect(goDuration(3600_000)).toBe('1h0m0s');
  });

  it('parses sim wait durations and refuses bare numbers', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('-5s')).toBeUndefined();
  });

  it('formats describe timestamps as RFC1123Z in UTC', () => {
    expect(toRfc1123z('2026-01-01T00:00:05Z')).toBe('Thu, 01 Jan 2026 00:00:05 +0000');
  });
});

describe('kubectl -o yaml', () => {
  it('sorts keys, leaves sequences at their key indent and quotes what would change type', () => {
    expect(
      printYaml({
        kind: 'X',
        a: { list: [{ b: 1, a: 'yes' }], s: '0600', e: '', t: '2026-01-01T00:00:00Z' },
      }),
    ).toBe(
      'a:\n  e: ""\n  list:\n  - a: "yes"\n    b: 1\n  s: "0600"\n  t: "2026-01-01T00:00:00Z"\nkind: X\n',
    );
  });

  it('orders keys as go-yaml does: non-letters before letters, digit runs by value', () => {
    // The order kubectl v1.32 printed these ConfigMap keys in.
    const keys = ['key10', 'Zeta', 'a_b', 'key9', '__proto__', 'aB', 'key01', 'b01', 'b1', 'A'];
    const printed = printYaml(Object.fromEntries(keys.map((k) => [k, 'v'])));
    expect(printed.split('\n').map((line) => line.split(':')[0])).toEqual([
      '__proto__',
      'A',
      'Zeta',
      'a_b',
      'aB',
      'b1',
      'b01',
      'key01',
      'key9',
      'key10',
      '',
    ]);
  });

  it('writes a string starting with a dot plain when Go would not read it as a number', () => {
    expect(printYaml({ a: '._9', b: '.5_5', c: '.5' })).toBe('a: ._9\nb: ".5_5"\nc: ".5"\n');
  });

  it('single-quotes strings that cannot be plain and uses literal blocks for newlines', () => {
    expect(printYaml({ a: '*x', b: 'k: v', c: '{"a":1}\n', d: '- x' })).toBe(
      "a: '*x'\nb: 'k: v'\nc: |\n  {\"a\":1}\nd: '- x'\n",
    );
  });

  it('prints empty collections inline', () => {
    expect(printYaml({ a: {}, b: [] })).toBe('a: {}\nb: []\n');
  });
});

describe('kubectl -o json', () => {
  it('indents by four spaces, sorts keys and escapes HTML characters as Go does', () => {
    expect(printJson({ b: '<none>', a: [1] })).toBe(
      '{\n    "a": [\n        1\n    ],\n    "b": "\\u003cnone\\u003e"\n}\n',
    );
  });

  it("serializes a pod template's metadata with creationTimestamp: null, as the v1.32 API server does", () => {
    const ds = { kind: 'DaemonSet', spec: { template: { metadata: { labels: { a: 'b' } } } } };
    expect(servedForm(ds)).toEqual({
      kind: 'DaemonSet',
      spec: { template: { metadata: { creationTimestamp: null, labels: { a: 'b' } } } },
    });
    expect(ds.spec.template.metadata).toEqual({ labels: { a: 'b' } });
    const revision = { kind: 'ControllerRevision', data: { spec: { template: { spec: {} } } } };
    expect(servedForm(revision)).toMatchObject({
      data: { spec: { template: { metadata: { creationTimestamp: null } } } },
    });
    expect(servedForm({ kind: 'Pod', metadata: { name: 'p' } })).toEqual({
      kind: 'Pod',
      metadata: { name: 'p' },
    });
  });

  it('writes the last-applied annotation compactly with a newline', () => {
    expect(compactJson({ kind: 'Node', apiVersion: 'v1' })).toBe(
      '{"apiVersion":"v1","kind":"Node"}\n',
    );
  });
});

describe('formatters', () => {
  it('prints label selectors sorted by key', () => {
    expect(
      formatLabelSelector({
        matchLabels: { z: '1', a: '2' },
        matchExpressions: [{ key: 'm', operator: 'In', values: ['y', 'x'] }],
      }),
    ).toBe('a=2,m in (x,y),z=1');
  });
});
