import { describe, expect, it } from 'vitest';
import { assertNever, isWorkerMessage, isWorkerRequest } from '../../src/protocol/messages.ts';

describe('protocol guards', () => {
  it('accepts every worker message type and nothing else', () => {
    expect(isWorkerMessage({ type: 'heartbeat', timeMs: 0, playing: false })).toBe(true);
    expect(isWorkerMessage({ type: 'idle' })).toBe(true);
    expect(isWorkerMessage({ type: 'run', id: 1 })).toBe(false);
    expect(isWorkerMessage({ type: 'bogus' })).toBe(false);
    expect(isWorkerMessage(null)).toBe(false);
    expect(isWorkerMessage('idle')).toBe(false);
  });

  it('accepts requests only with a numeric id', () => {
    expect(isWorkerRequest({ type: 'run', id: 3, line: 'x', files: {} })).toBe(true);
    expect(isWorkerRequest({ type: 'run', line: 'x' })).toBe(false);
    expect(isWorkerRequest({ type: 'heartbeat', id: 1 })).toBe(false);
  });

  it('takes event subscriptions in place of the old single focus', () => {
    const subscribe = { type: 'subscribe', id: 4, subscription: { key: 1, since: 0 } };
    expect(isWorkerRequest(subscribe)).toBe(true);
    expect(isWorkerRequest({ type: 'unsubscribe', id: 5, key: 1 })).toBe(true);
    expect(isWorkerRequest({ type: 'focus', id: 6, object: null })).toBe(false);
  });

  it('fails loudly on a value an exhaustive switch did not expect', () => {
    expect(() => assertNever('surprise' as never)).toThrow(/Unexpected message/);
  });
});
