/**
 * `kubectl get -w` in the built page: during a rollout the pod rows stream in under the
 * command while the clock plays, and Ctrl+C or the Stop watching button ends the stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleInput,
  openSandbox,
  runInConsole,
  type SandboxSession,
} from './support/playground.ts';

let session: SandboxSession;

beforeAll(async () => {
  session = await openSandbox({ width: 1280, height: 800 });
  // A faster clock keeps the rollout short; the rows do not depend on the pace.
  await session.page.getByRole('combobox', { name: 'Clock speed' }).selectOption('10');
}, 120_000);

afterAll(async () => {
  await session?.close();
});

/** The text of the newest console entry. */
async function newestEntry(): Promise<string> {
  return (await session.page.locator('.console .entry').last().textContent()) ?? '';
}

describe('kubectl get -w in the page', () => {
  it('streams pod rows during a rollout until Ctrl+C, then prints no more', async () => {
    const { page } = session;
    await runInConsole(page, 'kubectl rollout restart ds/log-collector -n kube-system');
    const listed = await runInConsole(page, 'kubectl get pods -n kube-system -o wide -w');
    expect(listed.out).toMatch(/^NAME\s+READY\s+STATUS/);
    const stop = page.getByRole('button', { name: 'Stop watching' });
    await stop.waitFor();

    // The rollout replaces pods one at a time: new rows (a Terminating pod, a new one Running)
    // arrive under the command with nothing typed.
    // The list itself may or may not hold a Terminating pod (the clock plays between commands),
    // so what counts is a Terminating row streamed in after it.
    const streamed = async () => {
      const entry = await newestEntry();
      return entry.slice(entry.indexOf(listed.out) + listed.out.length);
    };
    await expect.poll(streamed, { timeout: 30_000 }).toMatch(/Terminating/);
    await expect
      .poll(async () => (await newestEntry()).length, { timeout: 30_000 })
      .toBeGreaterThan(listed.out.length + 200);
    const text = await newestEntry();
    expect(text.length).toBeGreaterThan(listed.out.length + 200);
    expect(text.match(/NAME\s+READY/g)).toHaveLength(1);

    // The wide rows scroll sideways rather than being cut off.
    const transcript = page.getByRole('log', { name: 'Console output' });
    const widths = await transcript.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(widths[0]).toBeGreaterThan(widths[1]);

    await consoleInput(page).click();
    await page.keyboard.press('Control+c');
    await stop.waitFor({ state: 'detached' });
    const stopped = await newestEntry();
    expect(stopped).toMatch(/\^C\s*$/);
    await page.waitForTimeout(2000);
    expect(await newestEntry()).toBe(stopped);
  }, 90_000);

  it('stops with the Stop watching button too', async () => {
    const { page } = session;
    await runInConsole(page, 'kubectl get ds -A --watch');
    const stop = page.getByRole('button', { name: 'Stop watching' });
    await stop.click();
    await stop.waitFor({ state: 'detached' });
    expect(await newestEntry()).toMatch(/\^C\s*$/);
  }, 60_000);
});
