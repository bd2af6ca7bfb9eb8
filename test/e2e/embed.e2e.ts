/**
 * The embed in a real browser: its size, the demo host page driving two embeds through the
 * custom element, the origin rule against a page of another origin, and separate sessions.
 * Host pages of other origins are served from memory by extra servers on other ports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { embedLoadScripts, firstLoadScripts } from './support/first-load.ts';
import { DIST, serveSite, type SiteServer } from './support/server.ts';
import { seriousViolations } from './support/axe.ts';

const BUDGET_BYTES = 80 * 1024;
const MARK = { source: 'daemonset-playground', version: 1 };

/** Pages served from memory on their own origin (127.0.0.1 and a free port). */
interface HtmlServer {
  origin: string;
  close(): Promise<void>;
}

async function serveHtml(
  pages: Record<string, (query: URLSearchParams) => string>,
): Promise<HtmlServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = Object.hasOwn(pages, url.pathname) ? pages[url.pathname] : undefined;
    if (page === undefined) {
      // Browsers ask every origin for a favicon; having none is not a failure of the test.
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(url.searchParams));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

let site: SiteServer;
let hostSite: HtmlServer;
let foreignSite: HtmlServer;
let browser: TestBrowser;

/**
 * The host side of the handshake, for a page whose embed is the iframe `#embed`: it says
 * `hello` when the embed says `ready`, keeps every playground message in `window.got`, and
 * `window.send` posts a message to the embed.
 */
const HOST_SCRIPT = `<script>
  window.got = [];
  const frame = document.getElementById('embed');
  const target = new URL(frame.src).origin;
  let greeted = false;
  addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.data?.source !== 'daemonset-playground') return;
    window.got.push(e.data);
    if (e.data.type === 'ready' && !greeted) {
      greeted = true;
      frame.contentWindow.postMessage({ source: 'daemonset-playground', version: 1, type: 'hello' }, target);
    }
  });
  window.send = (msg) => frame.contentWindow.postMessage({ source: 'daemonset-playground', version: 1, ...msg }, target);
</script>`;

/**
 * A host page on its own origin with a plain iframe of embed.html (`query` appended) first,
 * then a frame from the foreign origin. It shakes hands when the embed says `ready`, unless
 * passes `?origins=` on to the embed, and keeps every playground message in `window.got`.
 */
function hostPage(query: URLSearchParams): string {
  const origins = query.get('origins');
  const extra = origins === null ? '' : `&origins=${encodeURIComponent(origins)}`;
  return `<!doctype html><html><body>
<iframe id="embed" style="width:900px;height:500px" src="${site.url}embed.html?autoload=1&panels=cluster,console${extra}"></iframe>
<iframe id="foreign" src="${foreignSite.origin}/foreign.html"></iframe>
${HOST_SCRIPT}</body></html>`;
}

/** A host page with one lesson embed, driven by HOST_SCRIPT. */
function lessonHostPage(): string {
  return `<!doctype html><html><body>
<iframe id="embed" style="width:1100px;height:600px" src="${site.url}embed.html?autoload=1&lesson=one-pod-per-node&id=lesson-host"></iframe>
${HOST_SCRIPT}</body></html>`;
}

/** Two embeds of the same sandbox, told apart only by `id`. */
function twoSessionsPage(): string {
  const frame = (id: string) =>
    `<iframe id="${id}" style="width:900px;height:480px" src="${site.url}embed.html?autoload=1&panels=cluster,console&id=${id}"></iframe>`;
  return `<!doctype html><html><body>${frame('first')}${frame('second')}</body></html>`;
}

beforeAll(async () => {
  site = await serveSite();
  foreignSite = await serveHtml({
    '/foreign.html': () => '<!doctype html><html><body>another site</body></html>',
  });
  hostSite = await serveHtml({
    '/host.html': hostPage,
    '/two.html': twoSessionsPage,
    '/lesson.html': lessonHostPage,
  });
  browser = await launchBrowser({ width: 1400, height: 1000 });
});

afterAll(async () => {
  await browser?.close();
  await hostSite?.close();
  await foreignSite?.close();
  await site?.close();
});

/** The embed's frame inside a page, once its playground has started (worker-1 drawn). */
async function embedFrame(page: Page, selector: string): Promise<Frame> {
  const handle = await page.locator(selector).elementHandle({ timeout: 30_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`${selector} has no frame`);
  await frame.locator('[data-node="worker-1"]').waitFor({ timeout: 60_000 });
  return frame;
}

/** The console lines an embed shows. */
async function consoleLines(frame: Frame): Promise<string[]> {
  const lines = await frame.locator('.console .entry .command').allTextContents();
  return lines.map((l) => l.replace(/^\s*\$\s*/, '').trim());
}

describe('the embed page', () => {
  it('loads at most 80 KiB of script (gzip -9) before the editor, and never names Monaco', () => {
    const html = readFileSync(join(DIST, 'embed.html'), 'utf8');
    expect(html).not.toMatch(/monaco|yaml-editor|codicon/i);
    const first = firstLoadScripts(DIST, 'embed.html');
    const loaded = embedLoadScripts(DIST);
    const sum = (list: { gzip: number }[]) => list.reduce((s, x) => s + x.gzip, 0);
    console.log(
      `embed.html scripts (gzip -9): ${sum(first)} bytes (${(sum(first) / 1024).toFixed(1)} KiB); ` +
        `after "Load playground": ${sum(loaded)} bytes (${(sum(loaded) / 1024).toFixed(1)} KiB) = ` +
        loaded.map((s) => `${s.file} ${s.gzip}`).join(' + '),
    );
    expect(loaded.some((s) => /monaco|yaml-editor/.test(s.file))).toBe(false);
    expect(sum(loaded)).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('ships the custom element as one small unhashed dist/embed.js, precached', () => {
    const script = readFileSync(join(DIST, 'embed.js'), 'utf8');
    expect(script).toContain('daemonset-playground');
    expect(script).not.toMatch(/\bimport\s*[({"]/);
    expect(script.length).toBeLessThan(12 * 1024);
    expect(existsSync(join(DIST, 'embed-demo.html'))).toBe(true);
    expect(readFileSync(join(DIST, 'sw.js'), 'utf8')).toMatch(/"embed\.js"/);
  });
});

describe('the demo host page', () => {
  it('hears ready from both embeds, sends a command and hears it applied; Monaco comes only with the Editor tab', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.url}embed-demo.html`);
    const log = page.locator('#log');
    for (const id of ['lesson-embed', 'scenario-embed'])
      await log.locator(`li[data-embed="${id}"][data-type="ready"]`).first().waitFor();
    // Both are posters until something asks for them: no engine yet.
    expect(requests.some((u) => /engine\.worker|boot-/.test(u))).toBe(false);

    await page.locator('#target').selectOption('scenario-embed');
    await page.getByRole('textbox', { name: 'Command' }).fill('kubectl get nodes');
    await page.getByRole('button', { name: 'Run in the embed' }).click();
    const applied = log.locator('li[data-embed="scenario-embed"][data-type="applied"]', {
      hasText: 'kubectl get nodes',
    });
    await applied.waitFor({ timeout: 60_000 });
    expect(await applied.textContent()).toMatch(/kubectl get nodes → exit 0 \(r1\)/);

    // The line ran where the reader sees it: in the scenario embed's console.
    const frame = await embedFrame(page, '#scenario-embed iframe');
    await frame.getByRole('tab', { name: 'Console' }).click();
    expect(await consoleLines(frame)).toContain('kubectl get nodes');
    // The lesson embed was never loaded, and no embed showed its editor: no Monaco.
    expect(requests.some((u) => /monaco|yaml-editor/.test(u))).toBe(false);
    expect(await log.locator('li[data-embed="lesson-embed"][data-type="applied"]').count()).toBe(0);
    // Opening the Editor tab is what brings Monaco, and it works inside the frame.
    await frame.getByRole('tab', { name: 'Editor' }).click();
    await frame.locator('[data-editor-state="ready"]').waitFor({ timeout: 60_000 });
    expect(requests.some((u) => /monaco/.test(u))).toBe(true);
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});

describe('the origin rule', () => {
  it('ignores a frame of another origin once the host has shaken hands', async () => {
    const page = await browser.newPage();
    await page.goto(`${hostSite.origin}/host.html`);
    const frame = await embedFrame(page, '#embed');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { got: { phase?: string }[] }).got))
      .toContainEqual(expect.objectContaining({ type: 'ready', phase: 'running' }));

    // Another site's frame on the same page tries to pin itself and drive the embed.
    const foreign = page.frames().find((f) => f.url().startsWith(foreignSite.origin));
    if (!foreign) throw new Error('no foreign frame');
    await foreign.evaluate((mark) => {
      const embed = window.parent.frames[0];
      embed.postMessage({ ...mark, type: 'hello' }, '*');
      embed.postMessage({ ...mark, type: 'run', command: 'kubectl delete node worker-1' }, '*');
      embed.postMessage({ ...mark, type: 'setTheme', theme: 'dark' }, '*');
    }, MARK);
    // The host's own command after it proves the embed was listening all along.
    await page.evaluate(() =>
      (window as unknown as { send: (m: object) => void }).send({
        type: 'run',
        command: 'kubectl get nodes',
        requestId: 'host-1',
      }),
    );
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { got: object[] }).got))
      .toContainEqual(expect.objectContaining({ type: 'applied', requestId: 'host-1', exit: 0 }));
    const lines = await consoleLines(frame);
    expect(lines).toContain('kubectl get nodes');
    expect(lines).not.toContain('kubectl delete node worker-1');
    expect(await frame.locator('[data-node="worker-1"]').count()).toBe(1);
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    expect(browser.problems).toEqual([]);
    await page.close();
  });

  it('ignores even the framing page when origins= does not list it', async () => {
    const page = await browser.newPage();
    // The embed's allow-list names only the foreign origin, not the page that frames it.
    await page.goto(
      `${hostSite.origin}/host.html?origins=${encodeURIComponent(foreignSite.origin)}`,
    );
    const frame = await embedFrame(page, '#embed');
    await page.evaluate(() => {
      const w = window as unknown as { got: unknown[]; send: (m: object) => void };
      w.got.length = 0;
      w.send({ type: 'hello' });
      w.send({ type: 'run', command: 'kubectl delete node worker-2', requestId: 'nope' });
    });
    await page.waitForTimeout(1500);
    const got = await page.evaluate(() => (window as unknown as { got: { type: string }[] }).got);
    // Only the state-free `ready` (to any parent) may arrive; nothing answers the host.
    expect(got.filter((m) => m.type !== 'ready')).toEqual([]);
    expect(got.every((m) => Object.keys(m).sort().join() === 'phase,source,type,version')).toBe(
      true,
    );
    expect(await consoleLines(frame)).not.toContain('kubectl delete node worker-2');
    expect(await frame.locator('[data-node="worker-2"]').count()).toBe(1);
    await page.close();
  });
});

describe('two embeds on one page', () => {
  it('keep separate sessions across a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${hostSite.origin}/two.html`);
    const first = await embedFrame(page, '#first');
    await embedFrame(page, '#second');
    const input = first.getByRole('textbox', { name: 'kubectl console', exact: true });
    await input.fill('kubectl delete node worker-3');
    await input.press('Enter');
    await first.locator('[data-node="worker-3"]').waitFor({ state: 'detached' });
    // The write comes a moment after the last change.
    await page.waitForTimeout(1000);
    await page.reload();
    const firstAgain = await embedFrame(page, '#first');
    const secondAgain = await embedFrame(page, '#second');
    expect(await firstAgain.locator('[data-node="worker-3"]').count()).toBe(0);
    expect(await secondAgain.locator('[data-node="worker-3"]').count()).toBe(1);
    expect(browser.problems).toEqual([]);
    await page.close();
  });
});

describe('a 600x400 embed', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious accessibility problem as a poster or loaded (${theme})`, async () => {
      const small = await launchBrowser({ width: 600, height: 400, colorScheme: theme });
      try {
        const page = await small.newPage();
        await page.goto(`${site.url}embed.html?lesson=one-pod-per-node&theme=${theme}`);
        await page.getByRole('button', { name: 'Load playground' }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Load playground' }).click();
        await page.locator('[data-lesson-status="ready"]').waitFor({ timeout: 60_000 });
        // A short frame shows one panel at a time, as tabs; a lesson opens on its text.
        expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Lesson');
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('tab', { name: 'Cluster' }).click();
        await page.locator('[data-node="worker-1"]').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        expect(small.problems).toEqual([]);
      } finally {
        await small.close();
      }
    });
  }
});

describe('a lesson embed', () => {
  it('tells the host each goal met as the solution plays, then opens another lesson on load', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${hostSite.origin}/lesson.html`);
      const frame = await embedFrame(page, '#embed');
      await frame.locator('[data-lesson-status="ready"]').waitFor({ timeout: 60_000 });
      await frame.getByRole('button', { name: 'Show solution' }).click();
      const goalsMet = () =>
        page.evaluate(() =>
          (window as unknown as { got: { type: string; allMet?: boolean; lesson?: string }[] }).got
            .filter((m) => m.type === 'goalMet')
            .map((m) => `${m.lesson}:${m.allMet}`),
        );
      await expect.poll(goalsMet, { timeout: 60_000 }).toContain('one-pod-per-node:true');

      await page.evaluate(() =>
        (window as unknown as { send: (m: object) => void }).send({
          type: 'load',
          lesson: 'pods-follow-nodes',
        }),
      );
      await frame
        .locator('[data-lesson-open="pods-follow-nodes"][data-lesson-status="ready"]')
        .waitFor({ timeout: 60_000 });
      expect(browser.problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
