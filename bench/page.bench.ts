/**
 * Page benchmark (prints numbers, never fails on timing): on the built site in headless
 * Chromium, how long from pressing Apply on a new DaemonSet to the first frame that shows its
 * pods, at 20 and 500 nodes; the longest main-thread task while typing in the editor; and how
 * long switching lessons takes until the new lesson's cluster is shown.
 * Builds dist/ first if it is missing. Run: `npm run bench -- page` (`BENCH_SWITCH_ONLY=1` times
 * only the lesson switches).
 *
 * "First frame" is timed to the start of the frame after the one that draws the first new pod
 * chip (two animation frames after the DOM change), so it errs late by up to one frame. A
 * shared two-core machine varies from run to run, so each size runs several times and the
 * median is printed beside every run; the first run is the cold one (code not yet optimised).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import {
  focusEditor,
  openTab,
  replaceEditorText,
  runInConsole,
  waitForSandbox,
} from '../test/e2e/support/playground.ts';
import { DIST, serveSite } from '../test/e2e/support/server.ts';

/**
 * Node counts, and Applies at each: more at 20 nodes, where a run is short and the machine's
 * noise is a larger share of it. Typing is measured after the last Apply, so the cluster it
 * runs beside has as many DaemonSets as Applies.
 */
const SIZES: { nodes: number; runs: number }[] = process.env.BENCH_SWITCH_ONLY
  ? []
  : [
      { nodes: 20, runs: 7 },
      { nodes: 500, runs: 3 },
    ];

if (!existsSync(join(DIST, 'index.html'))) {
  console.log('dist/ is missing; building it first');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(1);
}

/**
 * `count` extra nodes in flow style, one node a line: inserted text is not re-indented, and
 * short lines keep Monaco fast (one 60 KB line crashed the page).
 */
function nodesList(count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const name = `bench-node-${String(i + 1).padStart(3, '0')}`;
    const zone = `zone-${'abc'[i % 3]}`;
    return `{"apiVersion":"v1","kind":"Node","metadata":{"name":"${name}","labels":{"topology.kubernetes.io/zone":"${zone}"}}}`;
  });
  return `{"apiVersion":"v1","kind":"List","items":[\n${items.join(',\n')}\n]}`;
}

function daemonSet(name: string): string {
  return (
    `{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"${name}","namespace":"default"},` +
    `"spec":{"selector":{"matchLabels":{"app":"${name}"}},"template":{"metadata":{"labels":{"app":"${name}"}},` +
    `"spec":{"tolerations":[{"operator":"Exists"}],"containers":[{"name":"c","image":"busybox:latest",` +
    `"resources":{"requests":{"cpu":"1m","memory":"1Mi"},"limits":{"memory":"1Mi"}}}]}}}}`
  );
}

/** Times of one Apply, in ms from the click. */
interface ApplyTimes {
  /** The start of the frame after the one that draws the first new pod chip. */
  frame: number;
  /** The arrival of the snapshot that carries the pods (the worker's share ends here). */
  snapshot: number;
}

/** Clicks Apply and resolves with the times of the first frame showing a new pod. */
async function applyToFirstFrame(page: Page, prefix: string): Promise<ApplyTimes> {
  // A string, not a function: tsx adds `__name` helpers to functions, which the page lacks.
  const measuring = page.evaluate(`new Promise((resolve) => {
    let t0 = 0;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Apply');
    button.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t0 === 0 || document.querySelector('[data-pod^="${prefix}"]') === null) return;
      observer.disconnect();
      // The frame that paints the new chips is the one after the DOM changed.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const arrived = performance.getEntriesByName('dsp:snapshot').find((e) => e.startTime > t0);
        resolve({ frame: performance.now() - t0, snapshot: arrived ? arrived.startTime - t0 : -1 });
      }));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  })`) as Promise<ApplyTimes>;
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  return measuring;
}

/** Types into the editor like a person and reports main-thread long tasks meanwhile. */
async function typingLongTasks(page: Page): Promise<{ count: number; max: number }> {
  await page.evaluate(`(() => {
    const tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(e.duration);
      document.body.dataset.benchLongTasks = JSON.stringify(tasks);
    }).observe({ type: 'longtask' });
    document.body.dataset.benchLongTasks = '[]';
  })()`);
  await openTab(page, 'log-collector.yaml');
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n# a learner typing a comment about tolerations and taints\n', {
    delay: 35,
  });
  await page.waitForTimeout(800);
  const stored = await page.locator('body').getAttribute('data-bench-long-tasks');
  const tasks = JSON.parse(stored ?? '[]') as number[];
  return { count: tasks.length, max: tasks.length ? Math.max(...tasks) : 0 };
}

/** Lessons switched to in turn, each from the one before (the last is built from two solutions). */
const SWITCHES = [
  'node-selector',
  'taints-and-tolerations',
  'max-surge',
  'one-pod-per-node',
  'noexecute',
  'requests-and-limits',
  'selector-and-template',
];

/**
 * Switches to a lesson as a link does (the hash changes) and resolves with the ms until the
 * frame after the one that shows its cluster: the lesson is marked ready once its start script
 * has run and the snapshot of its last line is drawn.
 */
async function switchToLesson(page: Page, id: string): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-lesson-open="${id}"][data-lesson-status="ready"]') === null) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    location.hash = '#/lessons/${id}';
  })`)) as number;
}

const site = await serveSite();
const browser = await launchBrowser({ width: 1440, height: 900 });
try {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    'nodes | apply → first frame, ms: median (each run) | snapshot arrived, median | long tasks while typing (count, max ms)',
  );
  console.log(
    '----- | ------------------------------------------ | ------------------------ | -------------------------------------',
  );
  for (const { nodes: size, runs } of SIZES) {
    const page = await browser.newPage();
    await page.goto(site.url);
    // The page keeps its session across loads (the last size's nodes included): start each
    // size from the default sandbox, as a learner would, with New sandbox.
    await page.locator('[data-node]').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'New sandbox' }).click();
    await waitForSandbox(page);
    const sandboxNodes = await page.locator('[data-node]').count();
    await openTab(page, 'nodes.yaml');
    await replaceEditorText(page, nodesList(size - sandboxNodes));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page
      .locator('.console .entry')
      .last()
      .and(page.locator('[data-exit]'))
      .waitFor({ timeout: 120_000 });
    await runInConsole(page, 'sim settle');
    const times: ApplyTimes[] = [];
    await openTab(page, 'namespaces.yaml');
    for (let run = 1; run <= runs; run += 1) {
      const name = `bench-ds-${run}`;
      await replaceEditorText(page, daemonSet(name));
      times.push(await applyToFirstFrame(page, `${name}-`));
      await page
        .locator('.console .entry')
        .last()
        .and(page.locator('[data-exit]'))
        .waitFor({ timeout: 120_000 });
    }
    const typing = await typingLongTasks(page);
    const median = (key: keyof ApplyTimes) => {
      const sorted = times.map((t) => t[key]).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)].toFixed(0);
    };
    const frames = `${median('frame')} (${times.map((t) => t.frame.toFixed(0)).join(', ')})`;
    console.log(
      `${String(size).padStart(5)} | ${frames.padEnd(42)} | ${median('snapshot').padStart(24)} | ${typing.count}, ${typing.max.toFixed(0)}`,
    );
    await page.close();
  }
  const page = await browser.newPage();
  await page.goto(`${site.url}#/lessons/one-pod-per-node`);
  await page
    .locator('[data-lesson-open="one-pod-per-node"][data-lesson-status="ready"]')
    .waitFor({ timeout: 60_000 });
  const switches: number[] = [];
  for (const id of SWITCHES) switches.push(await switchToLesson(page, id));
  const sorted = [...switches].sort((a, b) => a - b);
  console.log(
    `\nswitching lessons → new cluster shown, ms: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} (${switches.map((t) => t.toFixed(0)).join(', ')})`,
  );
  await page.close();
  if (browser.problems.length > 0)
    console.log(`\nbrowser problems:\n${browser.problems.join('\n')}`);
} finally {
  await browser.close();
  await site.close();
}
