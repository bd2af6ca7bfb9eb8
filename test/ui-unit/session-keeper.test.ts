import { describe, expect, it } from 'vitest';
import { lastFiles, openFiles, planOpen, planStart } from '../../src/ui/session-keeper.svelte.ts';
import type { LoadResult, SavedSession } from '../../src/share/persist.ts';
import { encodeShareLink, parseHash } from '../../src/share/link.ts';
import { ENGINE_VERSION } from '../../src/share/engine-version.ts';

const saved = (lessonId?: string): SavedSession => ({
  session: {
    log: { seed: 1, files: { 'a.yaml': 'x' }, entries: [{ atMs: 0, line: 'kubectl get nodes' }] },
    engineVersion: 1,
    ...(lessonId === undefined ? {} : { lessonId }),
  },
  editor: { 'a.yaml': 'x', 'draft.yaml': 'not applied' },
});

describe('planStart', () => {
  it('restores a saved sandbox session when the page opens the sandbox', () => {
    const plan = planStart({ type: 'restored', saved: saved(), notices: [] }, true);
    expect(plan.saved).toEqual(saved());
    expect(plan.message).toBeUndefined();
  });

  it('shows the engine version notice of a restored session', () => {
    const plan = planStart(
      { type: 'restored', saved: saved(), notices: ['results may differ'] },
      true,
    );
    expect(plan.message).toBe('results may differ');
  });

  it('leaves the saved session alone when the page opens a lesson', () => {
    expect(planStart({ type: 'restored', saved: saved(), notices: [] }, false)).toEqual({});
  });

  it('does not restore a session that belongs to a lesson into the sandbox', () => {
    expect(planStart({ type: 'restored', saved: saved('one'), notices: [] }, true)).toEqual({});
  });

  it('starts afresh with the message when the saved session could not be used', () => {
    expect(planStart({ type: 'reset', message: 'damaged' }, true)).toEqual({ message: 'damaged' });
  });

  it('starts afresh quietly when nothing was saved', () => {
    expect(planStart({ type: 'empty' }, true)).toEqual({});
  });
});

describe('openFiles', () => {
  it('opens every saved editor file in order, texts as typed', () => {
    expect(openFiles({ 'b.yaml': 'two', 'a.yaml': 'one' })).toEqual([
      { name: 'b.yaml', text: 'two' },
      { name: 'a.yaml', text: 'one' },
    ]);
  });
});

describe('planOpen', () => {
  const stored: LoadResult = { type: 'restored', saved: saved(), notices: [] };
  const log = {
    seed: 7,
    files: { 'a.yaml': 'one' },
    entries: [
      { atMs: 0, line: 'kubectl apply -f a.yaml' },
      { atMs: 5000, line: 'kubectl apply -f a.yaml', files: { 'a.yaml': 'two' } },
    ],
  };

  it('replays a share link in the sandbox, with the files of its last command, and leaves the link behind', () => {
    const hash = encodeShareLink({ log, engineVersion: ENGINE_VERSION });
    const plan = planOpen(parseHash(hash), () => stored);
    expect(plan.saved?.session.log).toEqual(log);
    expect(plan.saved?.editor).toEqual({ 'a.yaml': 'two' });
    expect(plan.message).toBeUndefined();
    expect(plan.replaceHash).toBe('#/sandbox');
    expect(plan.lessonId).toBeUndefined();
  });

  it('reopens the lesson a link was made in, with its log to replay and its files in the editor', () => {
    const hash = encodeShareLink({ log, engineVersion: ENGINE_VERSION, lessonId: 'node-affinity' });
    const plan = planOpen(parseHash(hash), () => stored);
    expect(plan.lessonId).toBe('node-affinity');
    expect(plan.replaceHash).toBe('#/lessons/node-affinity');
    expect(plan.saved?.session.log).toEqual(log);
    expect(plan.saved?.editor).toEqual({ 'a.yaml': 'two' });
    expect(plan.message).toBeUndefined();
  });

  it('says when a link was made by another engine version', () => {
    const hash = encodeShareLink({ log, engineVersion: ENGINE_VERSION + 1, lessonId: 'one' });
    const plan = planOpen(parseHash(hash), () => stored);
    expect(plan.lessonId).toBe('one');
    expect(plan.message).toMatch(/results may differ/);
  });

  it('opens the default sandbox with the reason for a truncated link, ignoring the saved session', () => {
    const hash = encodeShareLink({ log, engineVersion: ENGINE_VERSION });
    const plan = planOpen(parseHash(hash.slice(0, hash.length - 8)), () => stored);
    expect(plan.saved).toBeUndefined();
    expect(plan.message).toMatch(/The playground opened the default sandbox\.$/);
    expect(plan.replaceHash).toBe('#/sandbox');
  });

  it('restores the saved session on the sandbox route and not on a lesson route', () => {
    expect(planOpen(parseHash('#/sandbox'), () => stored).saved).toEqual(saved());
    expect(planOpen(parseHash('#/lessons/one'), () => stored)).toEqual({});
  });
});

describe('lastFiles', () => {
  it('gives the files before the first command when no command changed them', () => {
    expect(
      lastFiles({ seed: 1, files: { 'a.yaml': 'x' }, entries: [{ atMs: 0, line: 'l' }] }),
    ).toEqual({
      'a.yaml': 'x',
    });
  });
});
