import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFakeRuntime } from '../worker/fake-runtime.ts';
import { mountApp, type MountedApp } from './support/mount-app.svelte.ts';

let app: MountedApp | undefined;

beforeEach(async () => {
  await page.viewport(1280, 800);
});

afterEach(() => {
  app?.destroy();
  app = undefined;
});

describe('the clock controls', () => {
  it('name every control, in the order Tab reaches them', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const clock = page.getByRole('group', { name: 'Simulated clock' });
    const play = clock.getByRole('button', { name: 'Play the clock' });
    await expect.element(play).toBeVisible();
    (play.element() as HTMLElement).focus();
    const order = [
      clock.getByRole('button', { name: 'Step to the next change' }),
      clock.getByRole('button', { name: 'Settle: run until nothing changes' }),
      clock.getByRole('combobox', { name: 'Clock speed' }),
    ];
    for (const control of order) {
      await userEvent.keyboard('{Tab}');
      expect(document.activeElement).toBe(control.element());
    }
    await expect.element(clock.getByRole('combobox', { name: 'Clock speed' })).toHaveValue('1');
  });

  it('steps to the next change from the keyboard, as a sim wait line in the console and the log', async () => {
    // The real engine, with the sandbox's log collector just applied: its pods are yet to
    // be pulled and started, so a change is due.
    app = mountApp();
    for (const file of ['nodes.yaml', 'namespaces.yaml', 'log-collector.yaml'])
      await app.playground.run(`kubectl apply -f ${file}`);
    const before = app.client.timeMs;
    const step = page.getByRole('button', { name: 'Step to the next change' });
    (step.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => app?.client.log.entries.length).toBe(4);
    const stepped = app.client.log.entries[3];
    const wait = /^sim wait (\d+)ms$/.exec(stepped.line);
    expect(wait).not.toBeNull();
    expect(Number(wait?.[1])).toBeGreaterThan(0);
    await expect.element(page.getByText(stepped.line).first()).toBeVisible();
    // The step lands exactly on the instant of the change.
    await expect.poll(() => app?.client.timeMs).toBe(before + Number(wait?.[1]));
  });

  it('runs until settled from the keyboard, through the console', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const settle = page.getByRole('button', { name: 'Settle: run until nothing changes' });
    (settle.element() as HTMLElement).focus();
    await userEvent.keyboard(' ');
    await expect.element(page.getByText('ok sim settle')).toBeVisible();
    expect(app.client.log.entries.map((e) => e.line)).toEqual(['sim settle']);
  });

  it('changes the speed with the arrow keys, up to 50x', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const speed = page.getByRole('combobox', { name: 'Clock speed' });
    (speed.element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(() => app?.client.speed).toBe(2);
    await userEvent.keyboard('{End}');
    await expect.poll(() => app?.client.speed).toBe(50);
    await expect.element(speed).toHaveValue('50');
    // Speed is pace, not history: nothing enters the log.
    expect(app.client.log.entries).toEqual([]);
  });
});
