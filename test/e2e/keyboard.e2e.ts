import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.ts';
import { openSandbox, type SandboxSession } from './support/playground.ts';

let browser: TestBrowser;
let page: Page;

/** Where focus is: the page region holding it, and a short description of the element. */
async function focused(): Promise<{ region: string; label: string; inEditor: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const region = el?.closest('section[aria-label]')?.getAttribute('aria-label') ?? '';
    const label = el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    return { region, label, inEditor: !!el?.closest('.monaco-editor') };
  });
}

/** Presses `key` until `done` holds, at most `limit` times; returns the presses it took. */
async function pressUntil(
  key: string,
  done: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 150,
): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (done(await focused())) return presses;
  }
  throw new Error(`${key} pressed ${limit} times without reaching the target`);
}

let session: SandboxSession | undefined;

beforeAll(async () => {
  session = await openSandbox({ width: 1280, height: 800 });
  ({ browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('keyboard only', () => {
  it('offers a skip link first that moves focus to the cluster without changing the route', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect((await focused()).label).toBe('Skip to the cluster');
    const route = await page.evaluate(() => location.hash);
    await page.keyboard.press('Enter');
    expect((await focused()).label).toBe('Cluster view');
    expect(await page.evaluate(() => location.hash)).toBe(route);
    await page.keyboard.press('Tab');
    expect((await focused()).region).toBe('Cluster view');
  });

  it('goes from the top of the page through the editor to the console and back', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await pressUntil('Tab', (f) => f.inEditor);
    // Esc then Tab goes on past the editor, never back to the Apply button before it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const after = await focused();
    expect(after.inEditor).toBe(false);
    expect(after.region).toBe('Cluster view');
    await pressUntil('Tab', (f) => f.label === 'kubectl console');

    // And back: Shift+Tab reaches the editor, Esc then Shift+Tab the Apply button before it.
    await pressUntil('Shift+Tab', (f) => f.inEditor);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).label).toBe('Apply');
    await pressUntil('Shift+Tab', (f) => f.label === 'Skip to the cluster');
    expect(browser.problems).toEqual([]);
  });
});
