import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { firstLoadScripts } from './support/first-load.ts';
import { DIST, serveSite, type SiteServer } from './support/server.ts';

// Issue 14's budget: the full app's first load, before Monaco, at most 100 KiB.
const BUDGET_BYTES = 100 * 1024;

let site: SiteServer;
let browser: TestBrowser;

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the built site', () => {
  it('keeps Monaco out of index.html and the first load at most 100 KiB gzipped', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/monaco|yaml-editor|codicon/i);
    const scripts = firstLoadScripts(DIST);
    const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `first-load JS (gzip -9): ${(total / 1024).toFixed(1)} KiB = ${scripts
        .map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)}`)
        .join(' + ')}`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('shows the shell, then loads the editor after first paint, with no errors', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(site.url);

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('DaemonSet Playground');
    for (const name of ['Manifest editor', 'Cluster view', 'Console']) {
      expect(await page.getByRole('region', { name, exact: true }).count()).toBe(1);
    }
    expect(await page.getByRole('region', { name: 'Sandbox' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'kubectl console', exact: true }).count()).toBe(
      1,
    );
    expect(await page.getByRole('button', { name: 'Apply', exact: true }).count()).toBe(1);

    await page.locator('[data-editor-state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().waitFor();

    // Lazy: the Monaco chunk was requested after the page had painted.
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1;
      const monaco = performance
        .getEntriesByType('resource')
        .find((e) => /\/monaco-[^/]*\.js$/.test(e.name));
      return { paint, monacoStart: monaco?.startTime ?? -1 };
    });
    expect(requests.some((u) => /\/monaco-[^/]*\.js$/.test(u))).toBe(true);
    expect(timing.paint).toBeGreaterThan(0);
    expect(timing.monacoStart).toBeGreaterThan(timing.paint);

    expect(browser.problems).toEqual([]);
    expect(site.missing).toEqual([]);
    await page.close();
  });

  it('follows the system colour scheme and the theme toggle', async () => {
    const page = await browser.newPage();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(site.url);
    await page.getByRole('region', { name: 'Manifest editor' }).waitFor();
    const light = await background();
    await page.screenshot({ path: '/tmp/dsp-shell-light.png' });

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).not.toBe(light);
    const dark = await background();
    await page.locator('[data-editor-state="ready"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: '/tmp/dsp-shell-dark.png' });

    // The toggle overrides the system and survives a reload.
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect.poll(background).toBe(light);
    await page.reload();
    await page.getByRole('region', { name: 'Manifest editor' }).waitFor();
    expect(await background()).toBe(light);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(dark).not.toBe(light);

    expect(browser.problems).toEqual([]);
    await page.close();
  });
});
