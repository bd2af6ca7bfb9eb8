import { describe, expect, it } from 'vitest';
import { openFiles, planStart } from '../../src/ui/session-keeper.svelte.ts';
import type { SavedSession } from '../../src/share/persist.ts';

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
