import { describe, expect, it } from 'vitest';
import {
  PROGRESS_KEY,
  emptyProgress,
  readProgress,
  writeProgress,
} from '../../../src/ui/lessons/progress.ts';
import { ProgressStore } from '../../../src/ui/lessons/progress-store.svelte.ts';

/** A Storage stand-in over a Map; `failWrites` makes setItem throw as a full quota does. */
function memoryStorage(initial: Record<string, string> = {}, failWrites = false) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (failWrites) throw new Error('QuotaExceededError');
      map.set(key, value);
    },
  };
}

describe('reading progress', () => {
  it('starts empty when nothing is stored', () => {
    expect(readProgress(null)).toEqual({ progress: emptyProgress() });
  });

  it('reads what it wrote', () => {
    const progress = {
      version: 1 as const,
      done: ['one-pod-per-node'],
      predictions: { 'one-pod-per-node': { 'how-many-pods': 'Four' } },
    };
    expect(readProgress(writeProgress(progress))).toEqual({ progress });
  });

  it('resets text that is not JSON, and says so', () => {
    const read = readProgress('{"version":1,"done":');
    expect(read.progress).toEqual(emptyProgress());
    expect(read.problem).toBe('it is not valid JSON');
  });

  it('resets a value from another app', () => {
    expect(readProgress('["a","b"]').problem).toBe('it is not DaemonSet Playground progress');
    expect(readProgress('{"theme":"dark"}').problem).toBe(
      'it is not DaemonSet Playground progress',
    );
  });

  it('resets a value of another version', () => {
    expect(readProgress('{"version":2,"done":[],"predictions":{}}').problem).toBe(
      'it is version 2, and this page reads version 1',
    );
  });

  it('resets a value whose parts have the wrong shape', () => {
    expect(readProgress('{"version":1,"done":[3],"predictions":{}}').problem).toBe(
      '"done" is not a list of lesson ids',
    );
    expect(readProgress('{"version":1,"done":[],"predictions":{"a":{"q":1}}}').problem).toBe(
      '"predictions" is not a map of answers',
    );
  });

  it('keeps each done lesson once', () => {
    expect(readProgress('{"version":1,"done":["a","a"],"predictions":{}}').progress.done).toEqual([
      'a',
    ]);
  });
});

describe('the progress store', () => {
  it('saves a completed lesson so a new page finds it', () => {
    const storage = memoryStorage();
    new ProgressStore(storage).markDone('one-pod-per-node');
    const again = new ProgressStore(storage);
    expect(again.isDone('one-pod-per-node')).toBe(true);
    expect(again.isDone('noexecute')).toBe(false);
    expect(again.notice).toBeUndefined();
  });

  it('replaces a corrupted stored value, says so, and stores empty progress', () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: 'not json' });
    const store = new ProgressStore(storage);
    expect(store.notice).toBe(
      'Your saved progress could not be read (it is not valid JSON), so it was reset.',
    );
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? '')).toEqual(emptyProgress());
  });

  it('keeps working in memory when storage refuses to read or write', () => {
    const store = new ProgressStore({
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    });
    store.markDone('a');
    expect(store.isDone('a')).toBe(true);
    expect(store.notice).toBe(
      'Your progress cannot be saved in this browser; it lasts until the page closes.',
    );
  });

  it('remembers predictions per lesson and forgets them when the lesson is reset', () => {
    const store = new ProgressStore(memoryStorage());
    store.predict('l1', 'q1', 'Three');
    expect(store.prediction('l1', 'q1')).toBe('Three');
    expect(store.prediction('l2', 'q1')).toBeUndefined();
    store.forgetPredictions('l1');
    expect(store.prediction('l1', 'q1')).toBeUndefined();
  });

  it('exports a file that imports into another browser', () => {
    const first = new ProgressStore(memoryStorage());
    first.markDone('a');
    first.predict('a', 'q', 'x');
    const second = new ProgressStore(memoryStorage());
    expect(second.importText(first.exportText())).toBeUndefined();
    expect(second.isDone('a')).toBe(true);
    expect(second.prediction('a', 'q')).toBe('x');
  });

  it('refuses an imported file it cannot read and keeps the progress it had', () => {
    const store = new ProgressStore(memoryStorage());
    store.markDone('a');
    expect(store.importText('{"version":7}')).toBe(
      'That file is not progress this page can read: it is version 7, and this page reads version 1.',
    );
    expect(store.isDone('a')).toBe(true);
  });
});
