import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFakeRuntime } from '../worker/fake-runtime.ts';
import { mountApp, type MountedApp } from './support/mount-app.svelte.ts';

let app: MountedApp | undefined;

afterEach(async () => {
  app?.destroy();
  app = undefined;
  await page.viewport(1280, 800);
});

async function openAt(width: number, height: number): Promise<MountedApp> {
  await page.viewport(width, height);
  return mountApp({ runtime: createFakeRuntime(), width, height });
}

// A hidden region or control is out of the accessibility tree, so its role finds nothing.
const regions = () => page.getByRole('tablist', { name: 'Regions' });
const regionTab = (name: string) => regions().getByRole('tab', { name, exact: true });

describe('the page on a phone', () => {
  it('shows one region at a time under tabs, the cluster first', async () => {
    app = await openAt(390, 844);
    await expect.element(regionTab('Cluster')).toHaveAttribute('aria-selected', 'true');
    await expect.element(page.getByRole('tabpanel', { name: 'Cluster view' })).toBeVisible();
    await expect
      .poll(
        () => page.getByRole('region', { name: 'Manifest editor', exact: true }).elements().length,
      )
      .toBe(0);
    await expect
      .poll(() => page.getByRole('region', { name: 'Console', exact: true }).elements().length)
      .toBe(0);

    await userEvent.click(regionTab('Editor'));
    await expect
      .element(page.getByRole('region', { name: 'Manifest editor', exact: true }))
      .toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Apply', exact: true })).toBeVisible();
    await expect
      .poll(() => page.getByRole('tabpanel', { name: 'Cluster view' }).elements().length)
      .toBe(0);
  });

  it('moves along the tabs with the arrow keys, Home and End, and shows the tab reached', async () => {
    app = await openAt(390, 844);
    (regionTab('Cluster').element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect.element(regionTab('Lessons')).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(regionTab('Lessons').element());
    await expect.element(page.getByRole('region', { name: 'Sandbox' })).toBeVisible();
    await userEvent.keyboard('{Home}{ArrowRight}{ArrowRight}');
    await expect.element(regionTab('Console')).toHaveAttribute('aria-selected', 'true');
    await expect.element(page.getByRole('region', { name: 'Console', exact: true })).toBeVisible();
    // Only the selected tab is in the Tab order; the others are reached with the arrows.
    expect(
      [...regions().element().querySelectorAll('[role="tab"]')].map((t) =>
        t.getAttribute('tabindex'),
      ),
    ).toEqual(['-1', '-1', '0', '-1', '-1']);
  });

  it('folds the session controls and the theme into a menu that Escape closes', async () => {
    app = await openAt(390, 844);
    const menu = page.getByRole('button', { name: 'Session and theme menu' });
    const share = page.getByRole('button', { name: 'Share', exact: true });
    await expect.poll(() => share.elements().length).toBe(0);
    await userEvent.click(menu);
    await expect.element(menu).toHaveAttribute('aria-expanded', 'true');
    await expect.element(share).toBeVisible();
    await expect
      .element(page.getByRole('button', { name: /Switch to (dark|light) theme/ }))
      .toBeVisible();
    (share.element() as HTMLElement).focus();
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => share.elements().length).toBe(0);
    expect(document.activeElement).toBe(menu.element());
  });

  it('closes the menu when the learner presses anywhere else', async () => {
    app = await openAt(390, 844);
    const menu = page.getByRole('button', { name: 'Session and theme menu' });
    await userEvent.click(menu);
    await expect.element(page.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
    await userEvent.click(page.getByRole('heading', { level: 1 }));
    await expect.element(menu).toHaveAttribute('aria-expanded', 'false');
    await expect
      .poll(() => page.getByRole('button', { name: 'Share', exact: true }).elements().length)
      .toBe(0);
  });

  it('keeps the page within the width of the window', async () => {
    app = await openAt(390, 844);
    await expect.element(regionTab('Cluster')).toBeVisible();
    expect(document.scrollingElement!.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  });
});

describe('the page on a laptop', () => {
  it('shows every region side by side, with no tabs and no menu button', async () => {
    app = await openAt(1280, 800);
    for (const name of ['Manifest editor', 'Cluster view', 'Console']) {
      await expect.element(page.getByRole('region', { name, exact: true })).toBeVisible();
    }
    await expect.element(page.getByRole('region', { name: 'Details' })).toBeVisible();
    expect(regions().elements()).toHaveLength(0);
    await expect
      .poll(() => page.getByRole('button', { name: 'Session and theme menu' }).elements().length)
      .toBe(0);
    await expect.element(page.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
  });
});
