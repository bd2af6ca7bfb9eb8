import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.ts';
import {
  focusEditor,
  openSandbox,
  openTab,
  replaceEditorText,
  runInConsole,
  type SandboxSession,
} from './support/playground.ts';
import { seriousViolations } from './support/axe.ts';

let browser: TestBrowser;
let page: Page;
let session: SandboxSession | undefined;

/** The shown file's text as Monaco draws it, with its no-break spaces made plain. */
const editorText = async () =>
  (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
const problems = () => page.locator('.editor .problems').textContent();
const selectedTab = () => page.locator('[role="tab"][aria-selected="true"]').textContent();

/** Selects the first match of `text` in the shown file, as Ctrl+F then Enter then Esc does. */
async function selectInEditor(text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

beforeAll(async () => {
  session = await openSandbox({ width: 1440, height: 900 });
  ({ browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the editor and the cluster in step', () => {
  it('opens the starter file with no problems, and F8 visits only the shown file', async () => {
    await openTab(page, 'log-collector.yaml');
    await expect.poll(problems).toMatch(/No problems/);
    await openTab(page, 'node-exporter.yaml');
    await expect.poll(problems).toMatch(/0 errors,\s*3 warnings/);
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('F8');
    await page.locator('.marker-widget').first().waitFor();
    // The peek's title counts what F8 cycles through.
    const peek = page.locator('.zone-widget', { has: page.locator('.marker-widget') }).first();
    await expect.poll(() => peek.innerText()).toMatch(/1 of 3 problems/);
    await page.keyboard.press('Escape');
  });

  it('notices `kubectl set image`, shows the diff and loads the live object', async () => {
    await openTab(page, 'log-collector.yaml');
    await runInConsole(
      page,
      'kubectl set image ds/log-collector -n kube-system fluentd=fluentd:v9',
    );
    const notice = page.locator('[data-drift]');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(
      /daemonset\.apps\/log-collector changed in the cluster/,
    );
    expect(await notice.innerText()).toMatch(/fluentd:v9/);
    expect(await seriousViolations(page, { include: '[data-drift]' })).toEqual([]);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await seriousViolations(page, { include: '[data-drift]' })).toEqual([]);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();

    await notice.getByRole('button', { name: 'Show diff' }).click();
    const diff = page.locator('.console .entry', { hasText: 'kubectl diff -f log-collector.yaml' });
    await diff.and(page.locator('[data-exit]')).waitFor();
    expect(await diff.innerText()).toMatch(/-\s+- image: fluentd:v9/);

    await notice.getByRole('button', { name: 'Load live object' }).click();
    await expect.poll(editorText).toMatch(/image: fluentd:v9/);
    await notice.waitFor({ state: 'detached' });
    expect(await editorText()).not.toMatch(/resourceVersion|status:/);
  });

  it('opens `kubectl edit` as a tab whose Apply saves the edit', async () => {
    const opened = await runInConsole(page, 'kubectl edit ds/log-collector -n kube-system');
    expect(opened.out).toMatch(/kubectl-edit-daemonset-log-collector\.yaml/);
    await expect.poll(selectedTab).toBe('kubectl-edit-daemonset-log-collector.yaml');
    await expect.poll(editorText).toMatch(/# Please edit the object below/);

    await selectInEditor('fluentd:v9');
    await page.keyboard.type('fluentd:v10');
    await expect.poll(editorText).toMatch(/image: fluentd:v10/);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const save = page.locator('.console .entry', {
      hasText: '--edited-file=kubectl-edit-daemonset-log-collector.yaml',
    });
    await save.and(page.locator('[data-exit]')).waitFor();
    expect((await save.locator('.out').innerText()).trim()).toBe(
      'daemonset.apps/log-collector edited',
    );
    // kubectl removes its temp file once the edit is saved; the tab goes the same way.
    await page
      .getByRole('tab', { name: 'kubectl-edit-daemonset-log-collector.yaml' })
      .waitFor({ state: 'detached' });
    const live = await runInConsole(page, 'kubectl get ds log-collector -n kube-system -o yaml');
    expect(live.out).toMatch(/image: fluentd:v10/);
  });

  it('opens a new file whose Apply prints kubectl’s own words for its object', async () => {
    await page.getByRole('button', { name: 'New file' }).click();
    await expect.poll(selectedTab).toBe('untitled-1.yaml');
    await replaceEditorText(
      page,
      '{apiVersion: v1, kind: ConfigMap, metadata: {name: demo}, data: {a: b}}',
    );
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const entry = page.locator('.console .entry', { hasText: 'kubectl apply -f untitled-1.yaml' });
    await entry.and(page.locator('[data-exit]')).waitFor();
    expect((await entry.locator('.out').innerText()).trim()).toBe('configmap/demo created');
  });

  it('marks a syntax error once, in the console’s words', async () => {
    await replaceEditorText(page, 'data: [');
    await expect.poll(problems).toMatch(/1 error,\s*0 warnings/);
    const applied = await runInConsole(page, 'kubectl apply -f untitled-1.yaml');
    // F8 shows the marker's message: the console's line, word for word.
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('F8');
    const marker = page.locator('.marker-widget').first();
    await marker.waitFor();
    expect((await marker.innerText()).replace(/\s+/g, ' ')).toContain(
      applied.err.trim().replace(/\s+/g, ' '),
    );
    await page.keyboard.press('Escape');
  });

  it('hints where a pasted fragment belongs', async () => {
    await replaceEditorText(page, 'nodeSelector: {disktype: ssd}');
    const applied = await runInConsole(page, 'kubectl apply -f untitled-1.yaml');
    expect(applied.err).toMatch(/apiVersion not set, kind not set/);
    expect(applied.err).toMatch(
      /hint: This looks like part of a manifest: merge nodeSelector: into the DaemonSet's spec\.template\.spec/,
    );
  });

  it('lines up Enter after `- key: value` under the key', async () => {
    await replaceEditorText(page, '');
    await page.keyboard.type('- name: a');
    // Closes a completion list, if one opened, so Enter is a newline and not a choice.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type('image: b');
    await expect.poll(editorText).toMatch(/^- name: a\n {2}image: b/);
    expect(browser.problems).toEqual([]);
  });

  it('closes a file the learner opened, and offers no Close for the sandbox files', async () => {
    await page.getByRole('button', { name: 'Close untitled-1.yaml' }).click();
    await expect
      .poll(() => page.locator('[role="tab"]').allTextContents())
      .not.toContain('untitled-1.yaml');
    expect(await selectedTab()).not.toBe('untitled-1.yaml');
    expect(await page.getByRole('button', { name: /^Close / }).count()).toBe(0);
  });
});
