import { describe, expect, it } from 'vitest';
import {
  isPlaygroundMessage,
  MAX_COMMAND_CHARS,
  message,
  MESSAGE_SOURCE,
  OriginGate,
  PROTOCOL_VERSION,
  readHostMessage,
  type HostMessage,
} from '../../src/embed/protocol.ts';

const envelope = { source: MESSAGE_SOURCE, version: PROTOCOL_VERSION };
const hello = { ...envelope, type: 'hello' } as HostMessage;
const run = { ...envelope, type: 'run', command: 'kubectl get nodes' } as HostMessage;

describe('host messages', () => {
  it('are read when they carry the marker, the version and a known type', () => {
    expect(readHostMessage(hello)).toEqual(hello);
    expect(readHostMessage({ ...run, requestId: 'r1' })).toEqual({ ...run, requestId: 'r1' });
    expect(readHostMessage({ ...envelope, type: 'setTheme', theme: 'dark' })).toMatchObject({
      theme: 'dark',
    });
    expect(readHostMessage({ ...envelope, type: 'load', lesson: 'one' })).toMatchObject({
      lesson: 'one',
    });
  });

  it('are ignored without the marker, with another version, or of an unknown type', () => {
    expect(readHostMessage({ type: 'hello' })).toBeUndefined();
    expect(readHostMessage({ ...hello, source: 'other-widget' })).toBeUndefined();
    expect(readHostMessage({ ...hello, version: 2 })).toBeUndefined();
    expect(readHostMessage({ ...envelope, type: 'eval', code: '1' })).toBeUndefined();
    for (const junk of [null, undefined, 'hello', 42, [hello]])
      expect(readHostMessage(junk)).toBeUndefined();
  });

  it('are ignored when malformed: an empty or oversized command, a bad theme, both contents', () => {
    expect(readHostMessage({ ...envelope, type: 'run', command: '  ' })).toBeUndefined();
    expect(
      readHostMessage({ ...envelope, type: 'run', command: 'x'.repeat(MAX_COMMAND_CHARS + 1) }),
    ).toBeUndefined();
    expect(readHostMessage({ ...envelope, type: 'run', command: 7 })).toBeUndefined();
    expect(readHostMessage({ ...envelope, type: 'setTheme', theme: 'neon' })).toBeUndefined();
    expect(
      readHostMessage({ ...envelope, type: 'load', lesson: 'a', scenario: '#v1/x' }),
    ).toBeUndefined();
    expect(readHostMessage({ ...envelope, type: 'load' })).toBeUndefined();
  });

  it('never throw, even on a getter that throws, and keep no extra fields', () => {
    const hostile = { ...envelope };
    Object.defineProperty(hostile, 'type', {
      get() {
        throw new Error('boom');
      },
    });
    expect(readHostMessage(hostile)).toBeUndefined();
    const withExtra = JSON.parse(
      '{"source":"daemonset-playground","version":1,"type":"hello","__proto__":{"polluted":1}}',
    ) as unknown;
    const read = readHostMessage(withExtra);
    expect(read).toEqual(hello);
    expect(Object.keys(read ?? {})).toEqual(['source', 'version', 'type']);
  });
});

describe('playground messages', () => {
  it('are built with the envelope and recognised by hosts', () => {
    const ready = message({ type: 'ready', phase: 'poster' });
    expect(ready).toEqual({ ...envelope, type: 'ready', phase: 'poster' });
    expect(isPlaygroundMessage(ready)).toBe(true);
    expect(isPlaygroundMessage({ ...ready, source: 'x' })).toBe(false);
    expect(isPlaygroundMessage(hello)).toBe(false);
  });
});

describe('the origin rule', () => {
  it('with an allow-list, hears only the listed origins and never pins', () => {
    const gate = new OriginGate(['https://docs.example.com']);
    expect(gate.accept('https://evil.example', hello)).toBe(false);
    expect(gate.accept('https://docs.example.com', run)).toBe(true);
    expect(gate.pinned).toBeUndefined();
    expect(gate.targets()).toEqual(['https://docs.example.com']);
  });

  it('without one, pins the origin of the first hello and ignores every other origin', () => {
    const gate = new OriginGate([]);
    expect(gate.targets()).toEqual([]);
    expect(gate.accept('https://a.example', run)).toBe(false);
    expect(gate.pinned).toBeUndefined();
    expect(gate.accept('https://a.example', hello)).toBe(true);
    expect(gate.accept('https://b.example', hello)).toBe(false);
    expect(gate.accept('https://b.example', run)).toBe(false);
    expect(gate.accept('https://a.example', run)).toBe(true);
    expect(gate.targets()).toEqual(['https://a.example']);
  });

  it('never lets an opaque origin pin', () => {
    const gate = new OriginGate([]);
    expect(gate.accept('null', hello)).toBe(false);
    expect(gate.accept('', hello)).toBe(false);
    expect(gate.pinned).toBeUndefined();
  });
});
