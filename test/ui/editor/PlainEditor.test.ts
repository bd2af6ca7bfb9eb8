import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { flushSync, mount, unmount } from 'svelte';
import PlainEditor from '../../../src/ui/editor/PlainEditor.svelte';
import type { ManifestDiagnostic } from '../../../src/protocol/cluster.ts';

let cleanup: (() => void) | undefined;

afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const TEXT = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n';

function diagnostic(over: Partial<ManifestDiagnostic>): ManifestDiagnostic {
  return {
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: 'error',
    source: 'yaml',
    code: '',
    message: '',
    ...over,
  };
}

function mountEditor(diagnostics: ManifestDiagnostic[], changes: string[]): void {
  const target = document.createElement('div');
  target.style.cssText = 'position:relative;width:500px;height:400px';
  document.body.append(target);
  const component = mount(PlainEditor, {
    target,
    props: {
      name: 'agent.yaml',
      text: TEXT,
      diagnostics,
      onchange: (t: string) => changes.push(t),
    },
  });
  flushSync();
  cleanup = () => {
    unmount(component);
    target.remove();
  };
}

describe('the plain editor for touch screens', () => {
  it('lists each problem with its line, severity and source, and marks the text invalid on an error', async () => {
    mountEditor(
      [
        diagnostic({ line: 4, column: 9, endLine: 4, endColumn: 14, message: 'bad name' }),
        diagnostic({ line: 2, severity: 'warning', source: 'advisor', message: 'think again' }),
      ],
      [],
    );
    const list = page.getByRole('list', { name: 'Problems in agent.yaml' });
    const items = list.getByRole('listitem');
    await expect.element(items.nth(0)).toHaveTextContent('Line 4 error (YAML): bad name');
    await expect.element(items.nth(1)).toHaveTextContent('Line 2 warning (advice): think again');
    await expect
      .element(page.getByRole('textbox', { name: 'YAML of agent.yaml' }))
      .toHaveAttribute('aria-invalid', 'true');
  });

  it('selects the place of a problem when it is tapped', async () => {
    mountEditor(
      [diagnostic({ line: 4, column: 9, endLine: 4, endColumn: 14, message: 'bad name' })],
      [],
    );
    await userEvent.click(page.getByRole('button', { name: /Line 4/ }));
    const area = page.getByRole('textbox', { name: 'YAML of agent.yaml' }).element();
    expect(area).toBe(document.activeElement);
    const { selectionStart, selectionEnd, value } = area as HTMLTextAreaElement;
    expect(value.slice(selectionStart, selectionEnd)).toBe('agent');
  });

  it('selects the rest of the line for a problem with no width', async () => {
    mountEditor([diagnostic({ line: 2, column: 7, endLine: 2, endColumn: 7 })], []);
    await userEvent.click(page.getByRole('button', { name: /Line 2/ }));
    const area = page.getByRole('textbox', { name: 'YAML of agent.yaml' }).element();
    const { selectionStart, selectionEnd, value } = area as HTMLTextAreaElement;
    expect(value.slice(selectionStart, selectionEnd)).toBe('DaemonSet');
  });

  it('reports every edit, and shows no list and a valid text when there are no problems', async () => {
    const changes: string[] = [];
    mountEditor([], changes);
    const box = page.getByRole('textbox', { name: 'YAML of agent.yaml' });
    await expect.element(box).toHaveAttribute('aria-invalid', 'false');
    await expect
      .poll(() => page.getByRole('list', { name: 'Problems in agent.yaml' }).elements().length)
      .toBe(0);
    await userEvent.type(box, 'x');
    expect(changes.at(-1)).toBe(`${TEXT}x`);
  });
});
