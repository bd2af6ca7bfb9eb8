import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/share/engine-version.ts';
import {
  clearSession,
  loadSession,
  saveSession,
  sessionKey,
  type SavedSession,
  type StorageLike,
} from '../../src/share/persist.ts';

/** A Storage over a Map, with switches to make it refuse like a browser's. */
function memoryStorage(): StorageLike & { map: Map<string, string>; refuse: boolean } {
  const map = new Map<string, string>();
  const storage = {
    map,
    refuse: false,
    getItem(key: string) {
      if (storage.refuse) throw new DOMException('denied', 'SecurityError');
      return map.get(key) ?? null;
    },
    setItem(key: string, value: string) {
      if (storage.refuse) throw new DOMException('full', 'QuotaExceededError');
      map.set(key, value);
    },
    removeItem(key: string) {
      if (storage.refuse) throw new DOMException('denied', 'SecurityError');
      map.delete(key);
    },
  };
  return storage;
}

const saved: SavedSession = {
  session: {
    log: {
      seed: 9,
      files: { 'agent.yaml': 'kind: DaemonSet\n' },
      entries: [{ atMs: 0, line: 'kubectl apply -f agent.yaml' }],
    },
    engineVersion: ENGINE_VERSION,
  },
  // Typed after the last apply and never applied: a reload must keep it.
  editor: { 'agent.yaml': 'kind: DaemonSet\nmetadata:\n  name: half-typed\n' },
};

describe('session persistence', () => {
  it('restores the log and the unapplied editor text after a reload', () => {
    const storage = memoryStorage();
    expect(saveSession(storage, 'dsp:', saved)).toEqual({ ok: true });
    expect(loadSession(storage, 'dsp:')).toEqual({ type: 'restored', saved, notices: [] });
  });

  it('keeps two embeds apart by their key prefixes', () => {
    const storage = memoryStorage();
    const other: SavedSession = { ...saved, editor: { 'b.yaml': 'b: 1\n' } };
    saveSession(storage, 'dsp:embed-1:', saved);
    saveSession(storage, 'dsp:embed-2:', other);
    expect(loadSession(storage, 'dsp:embed-1:')).toMatchObject({ saved });
    expect(loadSession(storage, 'dsp:embed-2:')).toMatchObject({ saved: other });
    clearSession(storage, 'dsp:embed-1:');
    expect(loadSession(storage, 'dsp:embed-1:')).toEqual({ type: 'empty' });
    expect(loadSession(storage, 'dsp:embed-2:').type).toBe('restored');
  });

  it('finds nothing where nothing was saved', () => {
    expect(loadSession(memoryStorage(), 'dsp:')).toEqual({ type: 'empty' });
  });

  it.each([
    ['damaged JSON', '{"format":', /damaged/],
    ['a foreign value', '"dark"', /not one the playground wrote/],
    ["another program's object", '{"theme":"dark"}', /not one the playground wrote/],
    ['a newer format', '{"format":"daemonset-playground/session","version":7}', /newer playground/],
    [
      'a broken link',
      '{"format":"daemonset-playground/session","version":1,"link":"#v1/zz"}',
      /could not be replayed/,
    ],
  ])('resets with a message on %s', (_name, value, message) => {
    const storage = memoryStorage();
    storage.map.set(sessionKey('dsp:'), value);
    const result = loadSession(storage, 'dsp:');
    expect(result.type).toBe('reset');
    expect(result.type === 'reset' && result.message).toMatch(message);
  });

  it('resets when the editor files are damaged', () => {
    const storage = memoryStorage();
    saveSession(storage, 'dsp:', saved);
    const value = JSON.parse(storage.map.get('dsp:session') ?? '') as Record<string, unknown>;
    storage.map.set('dsp:session', JSON.stringify({ ...value, editor: { 'a.yaml': 5 } }));
    expect(loadSession(storage, 'dsp:')).toMatchObject({ type: 'reset' });
  });

  it('restores a session from an older engine with a notice', () => {
    const storage = memoryStorage();
    saveSession(storage, 'dsp:', saved);
    const result = loadSession(storage, 'dsp:', ENGINE_VERSION + 1);
    expect(result.type === 'restored' && result.notices).toEqual([
      expect.stringMatching(/results may differ/),
    ]);
  });

  it('reports a storage that refuses instead of throwing', () => {
    const storage = memoryStorage();
    storage.refuse = true;
    expect(saveSession(storage, 'dsp:', saved)).toEqual({
      ok: false,
      message: expect.stringMatching(/storage is full or turned off/),
    });
    expect(loadSession(storage, 'dsp:')).toMatchObject({ type: 'reset' });
    expect(() => clearSession(storage, 'dsp:')).not.toThrow();
  });
});
