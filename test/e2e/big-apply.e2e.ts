/**
 * A big apply through the page: a List of 5,000 nodes pasted into the editor and applied.
 * Reading, checking and applying it take seconds, which the worker reports as progress, so
 * the page waits for it instead of calling it a hang and rebuilding the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.ts';
import { openTab, runInConsole, openSandbox, type SandboxSession } from './support/playground.ts';
import { type SiteServer } from './support/server.ts';

const COUNT = 5000;

let site: SiteServer;
let browser: TestBrowser;
let page: Page;

let session: SandboxSession | undefined;

beforeAll(async () => {
  session = await openSandbox({ width: 1280, height: 800 });
  ({ site, browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

/**
 * A List of `count` Linux nodes, one per line in flow style: indentation inside a flow
 * collection means nothing to YAML, so Monaco's auto-indent of a paste cannot change it.
 */
function nodeList(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `{apiVersion: v1, kind: Node, metadata: {name: big-${i}, labels: {kubernetes.io/os: linux}}}`,
  );
  return `{apiVersion: v1, kind: List, items: [\n${items.join(',\n')}\n]}`;
}

/**
 * Replaces the shown file's text by a paste from the clipboard, as a learner does with a
 * long file (typing it in, even as one input event, runs Monaco's auto-indent per line).
 */
async function pasteIntoEditor(text: string): Promise<void> {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(site.url).origin,
  });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
}

const desired = async (): Promise<number> =>
  Number(await page.locator('[data-column="DESIRED"] dd').textContent());

describe('a big apply', () => {
  it(`applies ${COUNT} nodes pasted into the editor without the page giving up on the worker`, async () => {
    const before = await desired();
    const nodesBefore = (await runInConsole(page, 'kubectl get nodes --no-headers')).out
      .trim()
      .split('\n').length;
    await openTab(page, 'nodes.yaml');
    const pasted = Date.now();
    await pasteIntoEditor(nodeList(COUNT));
    // A loaded machine may take a while to paste 5,000 nodes: Apply reads the editor's text,
    // so wait until the pasted nodes are what the editor shows.
    await page
      .locator('.monaco-editor .view-lines', { hasText: 'big-' })
      .first()
      .waitFor({ timeout: 60_000 });
    // The worker checks the pasted file (a dry run of every node) before anything else.
    await page.waitForTimeout(300);
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    // Work that runs over a second shows how long it has run.
    const shown = page.locator('[data-engine-status="busy"]', { hasText: /working… \d+ s/ });
    let sawProgress = false;
    void shown
      .waitFor({ timeout: 60_000 })
      .then(() => (sawProgress = true))
      .catch(() => {});
    const last = page.locator('.console .out', { hasText: `node/big-${COUNT - 1} created` });
    await last.waitFor({ timeout: 90_000 });
    const applied = Date.now();
    await expect.poll(desired, { timeout: 60_000 }).toBe(before + COUNT);
    const scheduled = Date.now();

    const nodes = await runInConsole(page, 'kubectl get nodes --no-headers');
    expect(nodes.out.trim().split('\n')).toHaveLength(nodesBefore + COUNT);
    expect(nodes.out).toContain('big-0 ');
    expect(nodes.out).toContain(`big-${COUNT - 1} `);
    // No rebuild: the page never said the simulation stopped or was rebuilt.
    expect(await page.locator('.notice').count()).toBe(0);
    expect(browser.problems).toEqual([]);
    console.log(
      `big apply: paste+check ${clicked - pasted} ms, apply click to last line ${applied - clicked} ms, ` +
        `to DESIRED ${before + COUNT} ${scheduled - clicked} ms, progress shown: ${sawProgress}`,
    );
  }, 240_000);
});
