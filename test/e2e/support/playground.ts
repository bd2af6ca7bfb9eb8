/**
 * Steps a learner takes in the built playground, written once for the e2e tests and the
 * page benchmark: wait for the sandbox, type into the console, replace the editor's text.
 */
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { serveSite, type SiteServer } from './server.ts';

/** The console input, by its accessible name. */
export function consoleInput(page: Page): Locator {
  return page.getByRole('textbox', { name: 'kubectl console', exact: true });
}

/**
 * Waits until the sandbox start script has run and the editor has loaded. On a narrow screen
 * the editor and the console sit behind their tabs, so they are waited for in the page, not
 * on screen.
 */
export async function waitForSandbox(page: Page): Promise<void> {
  await page.locator('[data-editor-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.locator('[data-node="worker-1"]').waitFor({ timeout: 60_000 });
  // The start script ends with `sim settle`; its entry finishing means the cluster is up.
  await page
    .locator('.console .entry', { hasText: 'sim settle' })
    .and(page.locator('[data-exit]'))
    .waitFor({ state: 'attached', timeout: 60_000 });
}

/** Types a line into the console, presses Enter and waits for its output entry to finish. */
export async function runInConsole(
  page: Page,
  line: string,
): Promise<{ out: string; err: string }> {
  const entries = page.locator('.console .entry');
  const before = await entries.count();
  const input = consoleInput(page);
  await input.fill(line);
  await input.press('Enter');
  const entry = entries.nth(before);
  await entry.and(page.locator('[data-exit]')).waitFor({ timeout: 60_000 });
  return {
    out: (await entry.locator('.out').allTextContents()).join(''),
    err: (await entry.locator('.err').allTextContents()).join(''),
  };
}

/** Shows the editor tab `name`. */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.locator(`[role="tab"][aria-selected="true"]`, { hasText: name }).waitFor();
}

/**
 * Puts the caret in the shown file, as a click near the top of its text does. The box of the
 * lines is as wide as the longest line and as tall as the file, so its middle (and its first
 * line, once scrolled) can lie outside what the editor shows; the editor's own box cannot.
 */
export async function focusEditor(page: Page): Promise<void> {
  await page
    .locator('.monaco-editor')
    .first()
    .click({ position: { x: 100, y: 10 } });
}

/**
 * Replaces the shown file's text as a learner pasting would. Text is inserted as one input
 * event, so keep it free of newlines that Monaco would auto-indent (flow-style YAML is fine).
 */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** A served site, a browser on it and one page showing the sandbox. */
export interface SandboxSession {
  site: SiteServer;
  browser: TestBrowser;
  page: Page;
  close(): Promise<void>;
}

/**
 * From a viewport size, serves the built site, opens it in a fresh browser and waits for the
 * sandbox: the setup most e2e files share.
 */
export async function openSandbox(size: {
  width: number;
  height: number;
}): Promise<SandboxSession> {
  const site = await serveSite();
  const browser = await launchBrowser(size);
  const page = await browser.newPage();
  await page.goto(site.url);
  await waitForSandbox(page);
  return {
    site,
    browser,
    page,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}
