import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { consoleInput, replaceEditorText } from './support/playground.ts';
import { serveSite, type SiteServer } from './support/server.ts';

let site: SiteServer;
let browser: TestBrowser;
let page: Page;

/** The first lesson's DaemonSet, completed, in flow style (inserted text is not re-indented). */
const NODE_AGENT = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'node-agent' },
  spec: {
    selector: { matchLabels: { app: 'node-agent' } },
    template: {
      metadata: { labels: { app: 'node-agent' } },
      spec: {
        containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }],
      },
    },
  },
});

const goalState = (id: string) => page.locator(`[data-goal="${id}"]`).getAttribute('data-state');

/** Opens a lesson by its deep link and waits for its cluster and goals. */
async function openLesson(id: string): Promise<void> {
  await page.goto(`${site.url}#/lessons/${id}`);
  await page
    .locator(`[data-lesson-open="${id}"][data-lesson-status="ready"]`)
    .waitFor({ timeout: 60_000 });
  await page.locator('[data-editor-state="ready"]').waitFor({ timeout: 60_000 });
  // The lesson's own cluster is drawn: a fresh load restarts the worker right behind its first
  // start, and a picture dropped as late once left the page with no nodes at all.
  await page.locator('[data-node]').first().waitFor({ timeout: 10_000 });
}

beforeAll(async () => {
  site = await serveSite();
  browser = await launchBrowser({ width: 1280, height: 800 });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('lessons in the page', () => {
  it('completes the first lesson by editing its YAML, and the done mark survives a reload', async () => {
    await openLesson('one-pod-per-node');
    expect(await goalState('agent-on-every-worker')).toBe('unmet');
    expect(await goalState('agent-ready')).toBe('unmet');
    await page.getByRole('tab', { name: 'start/node-agent.yaml', exact: true }).click();
    await replaceEditorText(page, NODE_AGENT);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await consoleInput(page).fill('sim settle');
    await consoleInput(page).press('Enter');
    await expect.poll(() => goalState('agent-on-every-worker'), { timeout: 20_000 }).toBe('met');
    await expect.poll(() => goalState('agent-ready'), { timeout: 20_000 }).toBe('met');
    await expect
      .poll(() => page.locator('[data-lesson="one-pod-per-node"]').getAttribute('data-done'))
      .toBe('true');

    await page.reload();
    await page.locator('[data-lesson-open="one-pod-per-node"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-lesson="one-pod-per-node"]').getAttribute('data-done')).toBe(
      'true',
    );
    // The lesson starts over after a reload: its goals are unmet again, the mark stays.
    await expect.poll(() => goalState('agent-ready'), { timeout: 20_000 }).toBe('unmet');
  });

  it('asks a predict question before its command and says whether the answer was right', async () => {
    await openLesson('one-pod-per-node');
    const question = page.locator('[data-question="how-many-pods"]');
    const run = question.getByRole('button', { name: /^Run / });
    expect(await run.isDisabled()).toBe(true);
    await question
      .getByRole('radio', { name: 'Four: one on every node, the control plane included' })
      .check();
    await run.click();
    const result = question.locator('[data-predict-result]');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-predict-result')).toBe('wrong');
    expect(await result.innerText()).toContain('the answer is “Three: one on each worker”');
    expect(await result.innerText()).toContain("The control plane's taint is not tolerated");
    // The command ran through the console, where the learner sees it.
    await page
      .locator('.console', { hasText: 'kubectl apply -f solution/node-agent.yaml' })
      .waitFor();
  });

  it('asks a question right below its command, and keeps it open when that command is refused', async () => {
    await openLesson('log-collector');
    const question = page.locator('[data-question="configmap-missing"]');
    // The question follows the block that runs its command, not the end of the text.
    expect(
      await question.evaluate((q) =>
        Boolean(
          q.previousElementSibling?.querySelector(
            'button[data-command="kubectl apply -f start/filebeat.yaml"]',
          ),
        ),
      ),
    ).toBe(true);
    expect(
      await question.evaluate((q) => q.nextElementSibling?.textContent?.includes('-n logging')),
    ).toBe(true);
    // Applied from the editor before its namespace exists, the DaemonSet is refused: the
    // question about what its pods do stays open.
    await page.getByRole('tab', { name: 'start/filebeat.yaml', exact: true }).click();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const refused = page
      .locator('.console .entry', { hasText: 'kubectl apply -f start/filebeat.yaml' })
      .and(page.locator('[data-exit]'));
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.getAttribute('data-exit')).not.toBe('0');
    expect(await question.locator('[data-predict-result]').count()).toBe(0);
    expect(await question.getByRole('button', { name: /^Run / }).count()).toBe(1);
  });

  it('opens the files its start applies as tabs, then keeps only the lesson’s own', async () => {
    await openLesson('node-affinity');
    // The start replays the previous lesson, whose files were open while it ran; the start's
    // own apply lines went through the console with those files.
    await page
      .locator('.console .entry', { hasText: 'kubectl apply -f solution/cache-warmer.yaml' })
      .waitFor();
    const tabs = await page
      .getByRole('tablist', { name: 'Open files' })
      .getByRole('tab')
      .allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['start/metrics-relay.yaml']);
  });

  it('plays the solution through the console when asked', async () => {
    await openLesson('node-selector');
    expect(await page.getByRole('tab', { name: 'solution/cache-warmer.yaml' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show solution' }).click();
    // The solution's file is loaded into a tab and shown before its apply line runs, so the
    // learner sees what is applied.
    await page
      .locator('[role="tab"][aria-selected="true"]', { hasText: 'solution/cache-warmer.yaml' })
      .waitFor({ timeout: 10_000 });
    expect(
      await page
        .locator('.console .entry', { hasText: 'kubectl apply -f solution/cache-warmer.yaml' })
        .count(),
    ).toBe(0);
    await expect
      .poll(
        async () =>
          await page
            .locator('[data-goal]')
            .evaluateAll((els) => els.every((e) => e.getAttribute('data-state') === 'met')),
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.locator('[data-lesson="node-selector"]').getAttribute('data-done'))
      .toBe('true');
  });

  it('follows back and forward between lessons and the sandbox', async () => {
    await openLesson('one-pod-per-node');
    await page.locator('details.course summary').click();
    await page.locator('[data-lesson="pods-follow-nodes"]').click();
    await page.locator('[data-lesson-open="pods-follow-nodes"]').waitFor({ timeout: 30_000 });
    // Read to the end of this lesson, then go back: the other lesson opens at its top.
    const panel = page.locator('section.lesson.panel');
    await panel.evaluate((e) => (e.scrollTop = e.scrollHeight));
    expect(await panel.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    await page.goBack();
    await page.locator('[data-lesson-open="one-pod-per-node"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.evaluate((e) => e.scrollTop)).toBe(0);
    await page.goForward();
    await page.locator('[data-lesson-open="pods-follow-nodes"]').waitFor({ timeout: 30_000 });
  });

  it('resets a corrupted progress value with a message instead of a blank page', async () => {
    await page.evaluate(() => localStorage.setItem('dsp-progress', '{"version":1,"done":'));
    await page.goto(`${site.url}#/sandbox`);
    await page.reload();
    const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('so it was reset');
    await page.locator('[data-lesson="one-pod-per-node"]').waitFor();
    expect(await page.locator('[data-done="true"]').count()).toBe(0);
    expect(
      await page.evaluate(() => JSON.parse(localStorage.getItem('dsp-progress') ?? 'null')),
    ).toEqual({
      version: 1,
      done: [],
      predictions: {},
    });
  });

  it('saw no page errors', () => {
    expect(browser.problems).toEqual([]);
  });
});
