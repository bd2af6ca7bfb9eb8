import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.ts';
import {
  focusEditor,
  openTab,
  replaceEditorText,
  openSandbox,
  type SandboxSession,
} from './support/playground.ts';

let browser: TestBrowser;
let page: Page;

const editorText = () => page.locator('.monaco-editor .view-lines').first().innerText();

let session: SandboxSession | undefined;

beforeAll(async () => {
  session = await openSandbox({ width: 1280, height: 800 });
  ({ browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the manifest editor', () => {
  it('explains a field on hover in words for learners', async () => {
    await openTab(page, 'node-exporter.yaml');
    await page
      .locator('.monaco-editor .view-line span', { hasText: /^selector$/ })
      .first()
      .hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Which pods this DaemonSet owns' });
    await hover.first().waitFor({ timeout: 20_000 });
  });

  it('offers the fields lessons use as completions', async () => {
    await openTab(page, 'log-collector.yaml');
    await focusEditor(page);
    // Line 19 is the pod template's `spec:`; a new line under it is where pod fields go.
    await page.keyboard.press('ControlOrMeta+Home');
    for (let i = 0; i < 18; i += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('prio');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', {
      hasText: 'priorityClassName',
    });
    await suggestion.first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toMatch(/priorityClassName:/);
  });

  it('flags a misspelt taint effect from the schema enum', async () => {
    await replaceEditorText(
      page,
      [
        'apiVersion: v1',
        'kind: Node',
        'metadata:',
        '  name: n1',
        'spec:',
        '  taints:',
        '    - key: a',
        '      effect: NoSchedul',
      ].join('\n'),
    );
    await page
      .locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it("applies the advisor's quick fix", async () => {
    await openTab(page, 'node-exporter.yaml');
    const problems = page.locator('.editor .problems');
    await expect.poll(() => problems.textContent()).toMatch(/[1-9]\d* warnings?/);
    const warnings = async () =>
      Number(/(\d+) warning/.exec((await problems.textContent()) ?? '')?.[1] ?? 0);
    const before = await warnings();
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+Home');
    // F8 jumps to the next problem, as in VS Code; Ctrl+. lists the quick fixes there.
    await page.keyboard.press('F8');
    await page.locator('.marker-widget').first().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ControlOrMeta+.');
    const action = page.locator('.action-widget .monaco-list-row', {
      hasText: 'Run as a non-root user',
    });
    await action.first().waitFor({ timeout: 20_000 });
    await action.first().click();
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+End');
    // Monaco draws spaces as no-break spaces, which \s matches.
    await expect.poll(editorText).toMatch(/runAsNonRoot:\s+true/);
    await expect.poll(warnings).toBeLessThan(before);
  });

  it('applies with Ctrl+Enter and leaves with Escape then Tab', async () => {
    await focusEditor(page);
    await page.keyboard.press('Control+Enter');
    await page
      .locator('.console .entry', { hasText: 'kubectl apply -f node-exporter.yaml' })
      .last()
      .waitFor();
    await focusEditor(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    // Forwards out of the editor: focus goes on into the cluster view that follows it.
    expect(
      await page.evaluate(() => ({
        inEditor: !!document.activeElement?.closest('.monaco-editor'),
        region: document.activeElement?.closest('section[aria-label]')?.getAttribute('aria-label'),
      })),
    ).toEqual({ inEditor: false, region: 'Cluster view' });
    expect(browser.problems).toEqual([]);
  });
});
