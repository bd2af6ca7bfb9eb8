import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.ts';
import {
  consoleInput,
  focusEditor,
  openTab,
  runInConsole,
  openSandbox,
  type SandboxSession,
} from './support/playground.ts';
import { type SiteServer } from './support/server.ts';

let site: SiteServer;
let browser: TestBrowser;
let page: Page;

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

/** Names of node-exporter pods drawn on a node's card (leaving ones excluded by the view). */
function exporterPods(node: string) {
  return page.locator(`[data-node="${node}"] [data-pod^="node-exporter-"]`);
}

let session: SandboxSession | undefined;

beforeAll(async () => {
  session = await openSandbox({ width: 1280, height: 800 });
  ({ site, browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the playground, as a learner uses it', () => {
  it('starts the sandbox: the log collector runs everywhere but the GPU node', async () => {
    for (const node of ['control-plane', ...WORKERS]) {
      await page.locator(`[data-node="${node}"] [data-pod^="log-collector-"]`).first().waitFor();
    }
    expect(await page.locator('[data-node="gpu-1"] [data-pod^="log-collector-"]').count()).toBe(0);
  });

  it('applies the node-exporter example: a pod on every worker but the tainted GPU node, which says why', async () => {
    await openTab(page, 'node-exporter.yaml');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page
      .locator('.console .out', { hasText: 'daemonset.apps/node-exporter created' })
      .waitFor();
    for (const node of WORKERS) await exporterPods(node).first().waitFor();
    expect(await exporterPods('gpu-1').count()).toBe(0);
    expect(await exporterPods('control-plane').count()).toBe(0);
    // The status bar follows the DaemonSet just applied.
    await page.locator('[data-daemonset="monitoring/node-exporter"]').waitFor();
    const gpuCard = await page.locator('[data-node="gpu-1"]').textContent();
    expect(gpuCard).toMatch(/dedicated/);
    await page.screenshot({ path: '/tmp/dsp-applied-light.png' });
  });

  it('applies an open file by name from the console, with or without .yaml', async () => {
    const result = await runInConsole(page, 'kubectl apply -f node-exporter');
    expect(result.err).toBe('');
    expect(result.out).toContain('daemonset.apps/node-exporter unchanged');
  });

  it("explains a field path in kubectl explain's layout, from the schema the editor hovers with", async () => {
    const result = await runInConsole(page, 'kubectl explain ds.spec.updateStrategy');
    expect(result.err).toBe('');
    expect(result.out).toMatch(
      /^GROUP: +apps\nKIND: +DaemonSet\nVERSION: +v1\n\nFIELD: updateStrategy <DaemonSetUpdateStrategy>\n/,
    );
    expect(result.out).toMatch(/\nDESCRIPTION:\n {4}\S/);
    expect(result.out).toMatch(/\nFIELDS:\n {2}rollingUpdate\t<RollingUpdateDaemonSet>\n/);
    expect(result.out).toContain('enum: OnDelete, RollingUpdate');
  });

  it('evicts the pod from a node tainted NoExecute, and the why panel names the taint', async () => {
    const result = await runInConsole(page, 'kubectl taint nodes worker-2 demo=x:NoExecute');
    expect(result.out).toContain('node/worker-2 tainted');
    await runInConsole(page, 'sim settle');

    await page.locator('[data-node="worker-2"]').click();
    const why = page.locator('.why-panel');
    await expect.poll(() => why.textContent()).toMatch(/demo/);
    await page.screenshot({ path: '/tmp/dsp-why-light.png' });

    await expect.poll(() => exporterPods('worker-2').count(), { timeout: 20_000 }).toBe(0);
    expect(await exporterPods('worker-1').count()).toBe(1);
  });

  it('marks invalid YAML in the editor and leaves the cluster unchanged when it is applied', async () => {
    await openTab(page, 'node-exporter.yaml');
    const podsBefore = await page.locator('[data-pod]').count();
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\nspec: [unclosed');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.locator('.console .entry').last().and(page.locator('[data-exit="1"]')).waitFor();
    expect(await page.locator('[data-pod]').count()).toBe(podsBefore);
    await page.screenshot({ path: '/tmp/dsp-invalid-light.png' });
    // Put the file back for later steps.
    await page.keyboard.press('ControlOrMeta+z');
  });

  it('looks right in the dark theme too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-node="gpu-1"]').click();
    await page.screenshot({ path: '/tmp/dsp-why-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps the console history and never logged an error', async () => {
    await consoleInput(page).click();
    // Apply runs through the console, so it is in the history too.
    await page.keyboard.press('ArrowUp');
    expect(await consoleInput(page).inputValue()).toBe('kubectl apply -f node-exporter.yaml');
    await page.keyboard.press('ArrowUp');
    expect(await consoleInput(page).inputValue()).toBe('sim settle');
    expect(browser.problems).toEqual([]);
    expect(site.missing).toEqual([]);
  });
});
