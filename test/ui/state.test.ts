import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleLog } from '../../src/ui/terminal/console-log.svelte.ts';
import { EditorFiles } from '../../src/ui/editor/files.svelte.ts';
import { ThemeState } from '../../src/ui/theme.svelte.ts';

describe('ConsoleLog', () => {
  it('walks the history like a shell and restores the line being typed', () => {
    const log = new ConsoleLog();
    log.begin('kubectl get nodes');
    log.begin('kubectl get pods');
    log.begin('kubectl get pods');
    expect(log.previous('kubectl ta')).toBe('kubectl get pods');
    expect(log.previous('kubectl get pods')).toBe('kubectl get nodes');
    expect(log.previous('kubectl get nodes')).toBe('kubectl get nodes');
    expect(log.next('kubectl get nodes')).toBe('kubectl get pods');
    expect(log.next('kubectl get pods')).toBe('kubectl ta');
    expect(log.next('kubectl ta')).toBe('kubectl ta');
  });

  it('attaches each result to its own entry and clears the transcript but not the history', () => {
    const log = new ConsoleLog();
    const a = log.begin('a');
    const b = log.begin('b');
    log.finish(b, { exit: 1, out: '', err: 'no\n', touched: [] });
    log.finish(a, { exit: 0, out: 'yes\n', err: '', touched: [] });
    expect(log.entries.map((e) => [e.line, e.result?.exit])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    log.clear();
    expect(log.entries).toEqual([]);
    expect(log.previous('')).toBe('b');
  });

  it('adds watch rows to the newest entry while it watches, and ends it with ^C', () => {
    const log = new ConsoleLog();
    const listed = log.begin('kubectl get pods -w');
    log.finish(listed, { exit: 0, out: 'NAME\n', err: '', touched: [], watching: true });
    log.appendWatchOutput('a-1\n');
    log.interrupt();
    log.appendWatchOutput('a-2\n');
    expect(log.entries[0].result).toEqual({
      exit: 0,
      out: 'NAME\na-1\n^C\n',
      err: '',
      touched: [],
    });
  });

  it('keeps an open watch on clear, its rows so far cleared, so later rows have a place', () => {
    const log = new ConsoleLog();
    log.finish(log.begin('kubectl get nodes'), { exit: 0, out: 'x\n', err: '', touched: [] });
    const watch = log.begin('kubectl get pods -w');
    log.finish(watch, { exit: 0, out: 'NAME\n', err: '', touched: [], watching: true });
    log.clear();
    log.appendWatchOutput('a-1\n');
    expect(log.entries.map((e) => [e.line, e.result?.out])).toEqual([
      ['kubectl get pods -w', 'a-1\n'],
    ]);
  });
});

describe('EditorFiles', () => {
  it('opens only known files and maps every file for the console', () => {
    const files = new EditorFiles([
      { name: 'a.yaml', text: 'A' },
      { name: 'b.yaml', text: 'B' },
    ]);
    expect(files.active).toBe('a.yaml');
    files.open('missing.yaml');
    expect(files.active).toBe('a.yaml');
    files.open('b.yaml');
    expect(files.current?.text).toBe('B');
    files.setText('b.yaml', 'B2');
    files.setText('c.yaml', 'C');
    expect(files.toMap()).toEqual({ 'a.yaml': 'A', 'b.yaml': 'B2', 'c.yaml': 'C' });
  });
});

describe('ThemeState', () => {
  let theme: ThemeState | undefined;
  afterEach(() => {
    theme?.set('system');
    theme?.dispose();
  });

  it('remembers an explicit choice on the root element and in storage, and forgets it for system', () => {
    const root = document.createElement('div');
    theme = new ThemeState(root);
    theme.set('dark');
    expect(theme.resolved).toBe('dark');
    expect(root.dataset.theme).toBe('dark');
    expect(localStorage.getItem('dsp-theme')).toBe('dark');
    theme.toggle();
    expect(theme.resolved).toBe('light');
    theme.set('system');
    expect(root.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('dsp-theme')).toBeNull();
  });
});
