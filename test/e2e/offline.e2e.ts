import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { DIST, serveSite, type SiteServer } from './support/server.ts';

let site: SiteServer | undefined;
let browser: TestBrowser | undefined;
let copy: string | undefined;

afterEach(async () => {
  await browser?.close();
  await site?.close();
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
  browser = site = copy = undefined;
});

/** Waits until the playground and its Monaco editor are up. */
async function playgroundOpens(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
    .toContain('DaemonSet Playground');
  await page.locator('[data-editor-state="ready"]').waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Resolves once a service worker is active, that is, once it has precached the whole build. */
async function serviceWorkerInstalled(page: Page): Promise<string> {
  return page.evaluate(async () => {
    // `ready` never settles without a worker; fail in seconds rather than at the test timeout.
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no service worker became active')), 30_000),
    );
    const registration = await Promise.race([navigator.serviceWorker.ready, timeout]);
    return registration.scope;
  });
}

describe('the built site offline', () => {
  it('opens the playground and the editor after the first visit with the server gone', async () => {
    site = await serveSite();
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${site.url}#/sandbox`);
    await playgroundOpens(page);
    // Scoped to the sub-path the site is served from, not the host's root.
    expect(await serviceWorkerInstalled(page)).toBe(site.url);

    await site.close();
    site = undefined;
    await page.reload();
    await playgroundOpens(page);
    expect(await page.getByRole('button', { name: 'Apply', exact: true }).count()).toBe(1);
    expect(browser.problems).toEqual([]);
  });

  it('offers a new deploy with a quiet prompt, and Reload switches to it', async () => {
    copy = mkdtempSync(join(tmpdir(), 'dsp-deploy-'));
    cpSync(DIST, copy, { recursive: true });
    site = await serveSite(copy);
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(site.url);
    await playgroundOpens(page);
    await serviceWorkerInstalled(page);
    // The second load runs under the service worker.
    await page.reload();
    await playgroundOpens(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const prompt = page.getByRole('status').filter({ hasText: 'New version available' });
    expect(await prompt.count()).toBe(0);

    // A new deploy: index.html changes, and so does its revision in the precache manifest.
    const indexPath = join(copy, 'index.html');
    const oldIndex = readFileSync(indexPath, 'utf8');
    const newIndex = oldIndex.replace('<head>', '<head>\n    <meta name="deploy" content="2" />');
    writeFileSync(indexPath, newIndex);
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const swPath = join(copy, 'sw.js');
    const sw = readFileSync(swPath, 'utf8');
    expect(sw).toContain(md5(oldIndex));
    writeFileSync(swPath, sw.replace(md5(oldIndex), md5(newIndex)));

    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      await registration.update();
    });
    await prompt.waitFor({ timeout: 30_000 });
    // Nothing reloads behind the learner's back.
    expect(await page.locator('meta[name="deploy"]').count()).toBe(0);

    await Promise.all([
      page.waitForEvent('load'),
      prompt.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await playgroundOpens(page);
    expect(await page.locator('meta[name="deploy"]').getAttribute('content')).toBe('2');
    expect(await prompt.count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
