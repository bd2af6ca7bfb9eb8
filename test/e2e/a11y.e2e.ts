import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { waitForSandbox } from './support/playground.ts';
import { serveSite, type SiteServer } from './support/server.ts';

let site: SiteServer;

/**
 * The serious and critical axe-core violations on the page as it is now, one line each
 * (rule, then the elements), so a failure names what to fix.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // A card caught fading in has its text at part opacity, which axe would measure as low
  // contrast; what the learner reads is the card once it has arrived.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  // label-content-name-mismatch is experimental in axe, so off unless asked for; a pod chip
  // whose name does not start with the text it shows is what speech input cannot click.
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

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
