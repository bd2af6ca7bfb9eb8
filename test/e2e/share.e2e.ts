import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import {
  openTab,
  replaceEditorText,
  runInConsole,
  waitForSandbox,
  openSandbox,
  type SandboxSession,
} from './support/playground.ts';
import { type SiteServer } from './support/server.ts';

let site: SiteServer;
let browser: TestBrowser;
let page: Page;

const editorText = () => page.locator('.monaco-editor .view-lines').first().innerText();

/** Waits until the cluster view and the editor are drawn (a restored page runs no start script). */
async function waitForCluster(p: Page): Promise<void> {
  await p.locator('[data-editor-state="ready"]').waitFor({ timeout: 60_000 });
  await p.locator('[data-node="control-plane"]').waitFor({ timeout: 60_000 });
}

let session: SandboxSession | undefined;

beforeAll(async () => {
  session = await openSandbox({ width: 1280, height: 800 });
  ({ site, browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the session across a reload', () => {
  it('keeps the commands run and the editor text, unapplied text included', async () => {
    await runInConsole(page, 'kubectl delete node worker-3');
    await page.locator('[data-node="worker-3"]').waitFor({ state: 'detached' });
    const file = await page.locator('[role="tab"][aria-selected="true"]').innerText();
    await openTab(page, file.trim());
    await replaceEditorText(page, '{kind: ConfigMap, metadata: {name: kept-unapplied}}');
    await expect.poll(editorText).toMatch(/kept-unapplied/);
    // The write comes a moment after the last change.
    await page.waitForTimeout(1000);
    await page.reload();
    await waitForCluster(page);
    await expect.poll(editorText).toMatch(/kept-unapplied/);
    expect(await page.locator('[data-node="worker-3"]').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('starts the default sandbox again after "New sandbox"', async () => {
    await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
    await waitForSandbox(page);
    await expect.poll(editorText).not.toMatch(/kept-unapplied/);
    await page.locator('[data-node="worker-3"]').waitFor();
  });

  it('opens the default sandbox with a message when the saved session is damaged', async () => {
    // Written before the page's own script runs, once: any other page of the site is answered
    // by the playground's service worker, and the playground saves its session on leaving.
    // A browser of its own: a playground open in another tab would save over the value.
    const other = await launchBrowser({ width: 1280, height: 800 });
    const damaged = await other.newPage();
    try {
      await damaged.addInitScript(() => {
        if (sessionStorage.getItem('damaged-written')) return;
        sessionStorage.setItem('damaged-written', 'yes');
        localStorage.setItem('daemonset-playground:main:session', '{"format": "daemonset-pl');
      });
      await damaged.goto(site.url);
      await waitForSandbox(damaged);
      await damaged
        .getByRole('alert')
        .filter({ hasText: 'The saved session was damaged.' })
        .waitFor();
    } finally {
      await other.close();
    }
  });
});

describe('share links', () => {
  it('opens the same cluster from a share link in a fresh browser', async () => {
    await page.goto(site.url);
    await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
    await waitForSandbox(page);
    await runInConsole(page, 'kubectl delete node worker-2');
    await page.locator('[data-node="worker-2"]').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Share link', exact: true });
    await field.waitFor();
    const link = await field.inputValue();
    expect(link).toMatch(/#v1\//);
    await page
      .locator('.session [role="status"]', { hasText: /Copied|Copy it from the field/ })
      .waitFor();

    const other = await launchBrowser({ width: 1280, height: 800 });
    try {
      const fresh = await other.newPage();
      await fresh.goto(link);
      await waitForCluster(fresh);
      await fresh.locator('[data-node="worker-3"]').waitFor();
      expect(await fresh.locator('[data-node="worker-2"]').count()).toBe(0);
      // The payload is read once; the address then names the sandbox route.
      expect(new URL(fresh.url()).hash).toBe('#/sandbox');
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('reopens the lesson a link was made in, with the shared work on its cluster', async () => {
    await page.goto(`${site.url}#/lessons/node-selector`);
    await page
      .locator('[data-lesson-open="node-selector"][data-lesson-status="ready"]')
      .waitFor({ timeout: 60_000 });
    await runInConsole(page, 'kubectl label node worker-2 disk=ssd --overwrite');
    await expect
      .poll(() => page.locator('[data-goal="worker-2-ssd"]').getAttribute('data-state'))
      .toBe('met');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue();

    const other = await launchBrowser({ width: 1280, height: 800 });
    try {
      const fresh = await other.newPage();
      await fresh.goto(link);
      await fresh
        .locator('[data-lesson-open="node-selector"][data-lesson-status="ready"]')
        .waitFor({ timeout: 60_000 });
      expect(new URL(fresh.url()).hash).toBe('#/lessons/node-selector');
      // The replayed log holds the lesson's start and the label on top of it: the goals are
      // judged on that cluster, one met and one not.
      await expect
        .poll(() => fresh.locator('[data-goal="worker-2-ssd"]').getAttribute('data-state'), {
          timeout: 20_000,
        })
        .toBe('met');
      expect(await fresh.locator('[data-goal="ssd-only"]').getAttribute('data-state')).toBe(
        'unmet',
      );
      await fresh.locator('[data-node="gpu-1"]').waitFor();
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });

  for (const [what, hash, message] of [
    ['a corrupted', '#v1/%%%not-a-payload', /The playground opened the default sandbox\./],
    ['a future-version', '#v99/AAAA', /newer/],
  ] as const) {
    it(`opens the default sandbox with a message for ${what} link`, async () => {
      await page.goto('about:blank');
      await page.goto(new URL(hash, site.url).href);
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      await waitForSandbox(page);
      await page.locator('[data-node="worker-2"]').waitFor();
    });
  }
});

describe('scenario files', () => {
  it('exports the session as YAML and imports it back over later changes', async () => {
    await page.goto(site.url);
    await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
    await waitForSandbox(page);
    await runInConsole(page, 'kubectl delete node worker-1');
    await page.locator('[data-node="worker-1"]').waitFor({ state: 'detached' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('scenario.yaml');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toMatch(/format: daemonset-playground\/scenario/);
    expect(text).toMatch(/kubectl delete node worker-1/);

    // A change after the export, which the import must undo.
    await runInConsole(page, 'kubectl delete node worker-2');
    await page.locator('[data-node="worker-2"]').waitFor({ state: 'detached' });
    await page.getByLabel('Import a scenario file').setInputFiles({
      name: 'scenario.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(text),
    });
    await page.waitForURL(/#\/sandbox$/);
    await waitForCluster(page);
    await page.locator('[data-node="worker-2"]').waitFor();
    await page.locator('[data-node="worker-1"]').waitFor({ state: 'detached' });
  });

  it('keeps the current session and says why when the file is not a scenario', async () => {
    await page.getByLabel('Import a scenario file').setInputFiles({
      name: 'x.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('just: text\n'),
    });
    await page.getByRole('alert').filter({ hasText: 'The current session is kept.' }).waitFor();
    expect(await page.locator('[data-node="worker-1"]').count()).toBe(0);
  });
});
