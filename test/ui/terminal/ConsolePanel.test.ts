import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { loadSandbox } from '../../../src/lessons/sandbox.ts';
import { mountApp, type MountedApp } from '../support/mount-app.svelte.ts';

let app: MountedApp | undefined;

afterEach(() => {
  app?.destroy();
  app = undefined;
});

describe('the console panel', () => {
  it('scrolls a listing wider than the panel sideways instead of clipping its last columns', async () => {
    await page.viewport(1280, 800);
    app = mountApp();
    for (const line of loadSandbox().startCommands) await app.playground.run(line);
    const input = page.getByRole('textbox', { name: 'kubectl console', exact: true });
    await userEvent.fill(input, 'kubectl get pods -A -o wide');
    await userEvent.keyboard('{Enter}');
    const transcript = page.getByRole('log', { name: 'Console output' }).element() as HTMLElement;
    const last = (): HTMLElement | undefined =>
      [...transcript.querySelectorAll<HTMLElement>('pre.out')].at(-1);
    await expect.poll(() => last()?.textContent ?? '').toContain('NOMINATED NODE');
    const out = last() as HTMLElement;
    const entry = out.closest('.entry') as HTMLElement;

    // Wider than the panel, so the transcript scrolls; nothing on the way clips it.
    expect(transcript.scrollWidth).toBeGreaterThan(transcript.clientWidth);
    expect(getComputedStyle(transcript).overflowX).toBe('auto');
    expect(entry.scrollWidth).toBeLessThanOrEqual(entry.clientWidth);
    for (let node: HTMLElement | null = out; node && node !== transcript; node = node.parentElement)
      expect(['visible', 'auto', 'scroll']).toContain(getComputedStyle(node).overflowX);

    // Scrolled to the end, the table's last column lies inside the panel.
    transcript.scrollLeft = transcript.scrollWidth;
    await expect
      .poll(() => out.getBoundingClientRect().right)
      .toBeLessThanOrEqual(transcript.getBoundingClientRect().right + 1);
  });

  it('still wraps an error sentence at the panel width', async () => {
    await page.viewport(1280, 800);
    app = mountApp();
    const input = page.getByRole('textbox', { name: 'kubectl console', exact: true });
    await userEvent.fill(
      input,
      `kubectl get pods ${'x'.repeat(60)} ${'y'.repeat(60)} ${'z'.repeat(60)}`,
    );
    await userEvent.keyboard('{Enter}');
    const transcript = page.getByRole('log', { name: 'Console output' }).element() as HTMLElement;
    await expect
      .poll(() => transcript.querySelector('pre.err')?.textContent ?? '')
      .toContain('not found');
    const err = transcript.querySelector('pre.err') as HTMLElement;
    expect(err.getBoundingClientRect().width).toBeLessThanOrEqual(transcript.clientWidth);
    expect(transcript.scrollWidth).toBe(transcript.clientWidth);
  });

  it('suggests help in its placeholder', async () => {
    app = mountApp();
    const input = page.getByRole('textbox', { name: 'kubectl console', exact: true });
    await expect.element(input).toHaveAttribute('placeholder', expect.stringContaining('help'));
  });
});
