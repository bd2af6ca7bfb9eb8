import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { waitForSandbox } from './support/playground.ts';
import { serveSite, type SiteServer } from './support/server.ts';
import { seriousViolations } from './support/axe.ts';

let site: SiteServer;

beforeAll(async () => {
  site = await serveSite();
});

afterAll(async () => {
  await site?.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`axe-core finds nothing serious, ${colorScheme} theme`, () => {
    let browser: TestBrowser;
    let page: Page;

    beforeAll(async () => {
      browser = await launchBrowser({ width: 1280, height: 800, colorScheme });
      page = await browser.newPage();
      await page.goto(`${site.url}#/sandbox`);
      await waitForSandbox(page);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('in the sandbox as it opens', async () => {
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('with a pod selected and the why panel open', async () => {
      await page.locator('[data-node="worker-1"] [data-pod]').first().click();
      await page.locator('[data-why]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('with the why panel taller than its room, so that it scrolls', async () => {
      await page.setViewportSize({ width: 1280, height: 600 });
      const body = page.locator('.detail-body');
      await expect.poll(() => body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('in the table view', async () => {
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      await page.locator('.cluster table').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Picture', exact: true }).click();
    });

    it('in a lesson with its predict question', async () => {
      await page.goto(`${site.url}#/lessons/one-pod-per-node`);
      await page
        .locator('[data-lesson-open="one-pod-per-node"][data-lesson-status="ready"]')
        .waitFor({ timeout: 60_000 });
      await page.locator('[data-question="how-many-pods"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(browser.problems).toEqual([]);
    });
  });
}
