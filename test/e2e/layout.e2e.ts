/**
 * The page's layout at the sizes learners use: a phone (390x844), a small embed (600x400),
 * laptops (1280x800, 1440x900). On narrow screens the regions are tabs with the cluster
 * first and nothing runs off the side; on laptops the default sandbox's five nodes fit the
 * cluster picture without scrolling, and the table view shows every column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { waitForSandbox } from './support/playground.ts';
import { serveSite, type SiteServer } from './support/server.ts';
import { seriousViolations } from './support/axe.ts';

/** A DaemonSet in flow style, so it can be typed into either editor as one line. */
const PROBE =
  '{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: probe, namespace: default}, ' +
  'spec: {selector: {matchLabels: {app: probe}}, template: {metadata: {labels: {app: probe}}, ' +
  'spec: {containers: [{name: c, image: busybox:1.37}]}}}}';

const NODES = ['control-plane', 'gpu-1', 'worker-1', 'worker-2', 'worker-3'];

let site: SiteServer;

beforeAll(async () => {
  site = await serveSite();
});

afterAll(async () => {
  await site?.close();
});

/** Opens the sandbox in a fresh browser of this size. */
async function open(
  width: number,
  height: number,
  touch = false,
): Promise<{ browser: TestBrowser; page: Page }> {
  const browser = await launchBrowser({ width, height, touch });
  const page = await browser.newPage();
  await page.goto(site.url);
  await waitForSandbox(page);
  return { browser, page };
}

/** Whether the page is wider than the window, which a learner would have to scroll sideways. */
function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth > window.innerWidth);
}

/** The box of `locator`, which must be on the page. */
async function box(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${String(locator)} has no box`);
  return b;
}

function regionTab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Regions' }).getByRole('tab', { name, exact: true });
}

for (const [width, height] of [
  [390, 844],
  [600, 400],
] as const) {
  describe(`at ${width}x${height}`, () => {
    let browser: TestBrowser;
    let page: Page;

    beforeAll(async () => {
      ({ browser, page } = await open(width, height));
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('shows the cluster first, under tabs for every region, and nothing off to the side', async () => {
      const tabs = page.getByRole('tablist', { name: 'Regions' }).getByRole('tab');
      expect(await tabs.allTextContents()).toEqual([
        'Cluster',
        'Editor',
        'Console',
        'Why',
        'Lessons',
      ]);
      expect(await regionTab(page, 'Cluster').getAttribute('aria-selected')).toBe('true');
      const cluster = page.getByRole('tabpanel', { name: 'Cluster view' });
      const card = await box(page.locator('[data-node="control-plane"]'));
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(width);
      expect(card.y + 40).toBeLessThanOrEqual(height);
      expect(await cluster.isVisible()).toBe(true);
      expect(await page.getByRole('region', { name: 'Manifest editor' }).isVisible()).toBe(false);
      expect(await scrollsSideways(page)).toBe(false);
      // Every header control is inside the window.
      for (const control of await page.locator('header button:visible, header select').all()) {
        const b = await box(control);
        expect(b.x + b.width, (await control.textContent()) ?? '').toBeLessThanOrEqual(width);
      }
    });

    it('has nothing serious for axe-core, with the cluster tab and with the menu open', async () => {
      expect(await seriousViolations(page)).toEqual([]);
      const menu = page.getByRole('button', { name: 'Session and theme menu' });
      await menu.click();
      expect(await seriousViolations(page)).toEqual([]);
      await menu.click();
    });

    it('moves between the tabs with the arrow keys, as the ARIA tabs pattern does', async () => {
      await regionTab(page, 'Cluster').focus();
      await page.keyboard.press('ArrowRight');
      expect(await regionTab(page, 'Editor').getAttribute('aria-selected')).toBe('true');
      expect(await regionTab(page, 'Editor').evaluate((el) => el === document.activeElement)).toBe(
        true,
      );
      await page.keyboard.press('End');
      expect(await regionTab(page, 'Lessons').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowRight');
      expect(await regionTab(page, 'Cluster').getAttribute('aria-selected')).toBe('true');
      expect(await page.locator('[data-node="worker-1"]').isVisible()).toBe(true);
    });

    it('applies an edited file from the editor tab, and the cluster tab shows it', async () => {
      await regionTab(page, 'Editor').click();
      const apply = page.getByRole('button', { name: 'Apply', exact: true });
      const b = await box(apply);
      expect(b.x + b.width).toBeLessThanOrEqual(width);
      await page
        .locator('.monaco-editor')
        .first()
        .click({ position: { x: 150, y: 10 } });
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(PROBE);
      await apply.click();
      await regionTab(page, 'Console').click();
      await page
        .locator('.console .entry', { hasText: 'daemonset.apps/probe created' })
        .waitFor({ timeout: 30_000 });
      await regionTab(page, 'Cluster').click();
      await page
        .locator('[data-node="worker-1"] [data-pod^="probe-"]')
        .waitFor({ timeout: 30_000 });
      expect(await scrollsSideways(page)).toBe(false);
    });

    it('takes a tapped node to the why tab', async () => {
      await page.locator('[data-node="gpu-1"] .cv-node-button').click();
      await page.getByRole('button', { name: /^Why\? gpu-1/ }).click();
      expect(await regionTab(page, 'Why').getAttribute('aria-selected')).toBe('true');
      await page.locator('[data-why]').waitFor();
      expect(await page.locator('[data-why]').isVisible()).toBe(true);
      expect(await scrollsSideways(page)).toBe(false);
      expect(browser.problems).toEqual([]);
    });
  });
}

describe('on a touch screen', () => {
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, page } = await open(390, 844, true));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('edits in a plain text area that lists the same problems, and applies it', async () => {
    await regionTab(page, 'Editor').click();
    expect(await page.locator('.monaco-editor').count()).toBe(0);
    const area = page.getByRole('textbox', { name: 'YAML of log-collector.yaml' });
    await area.fill('kind: DaemonSet\napiVersion: apps/v1\nmetadata: {name: broken\n');
    const problems = page.getByRole('list', { name: 'Problems in log-collector.yaml' });
    await expect
      .poll(() => problems.getByRole('listitem').first().textContent(), { timeout: 15_000 })
      .toMatch(/Line \d+ error \(YAML\)/);
    expect(await area.getAttribute('aria-invalid')).toBe('true');
    await area.fill(PROBE);
    await expect.poll(() => area.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('false');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await regionTab(page, 'Cluster').click();
    await page.locator('[data-node="worker-2"] [data-pod^="probe-"]').waitFor({ timeout: 30_000 });
    expect(await scrollsSideways(page)).toBe(false);
    expect(browser.problems).toEqual([]);
  });
});

for (const [width, height] of [
  [1280, 800],
  [1440, 900],
] as const) {
  describe(`at ${width}x${height}`, () => {
    let browser: TestBrowser;
    let page: Page;

    beforeAll(async () => {
      ({ browser, page } = await open(width, height));
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('shows all five node cards of the sandbox inside the cluster picture, unscrolled', async () => {
      const scroller = page.locator('.cluster-view .scroller');
      const view = await box(scroller);
      for (const name of NODES) {
        const card = await box(page.locator(`[data-node="${name}"]`));
        expect(card.x, name).toBeGreaterThanOrEqual(view.x);
        expect(card.y, name).toBeGreaterThanOrEqual(view.y);
        expect(card.x + card.width, name).toBeLessThanOrEqual(view.x + view.width);
        expect(card.y + card.height, name).toBeLessThanOrEqual(view.y + view.height);
      }
      expect(await scroller.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
      // No empty column: the cards' right edge is near the picture's.
      const right = Math.max(
        ...(await Promise.all(NODES.map(async (n) => box(page.locator(`[data-node="${n}"]`))))).map(
          (b) => b.x + b.width,
        ),
      );
      expect(view.x + view.width - right).toBeLessThan(40);
      expect(await scrollsSideways(page)).toBe(false);
    });

    it('shows every column of the table view, Verdict included, inside the region', async () => {
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      const table = page.locator('.cluster-table');
      const region = await box(table);
      const verdict = await box(page.getByRole('columnheader', { name: 'Verdict' }));
      expect(verdict.x + verdict.width).toBeLessThanOrEqual(region.x + region.width);
      const cell = await box(page.locator('[data-table-node="gpu-1"] td[data-state]'));
      expect(cell.x + cell.width).toBeLessThanOrEqual(region.x + region.width);
      expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await page.getByRole('button', { name: 'Picture', exact: true }).click();
      expect(browser.problems).toEqual([]);
    });
  });
}
