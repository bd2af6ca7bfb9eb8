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

  it('streams kubectl get -w rows under the command during a rollout until Ctrl+C', async () => {
    await page.viewport(1280, 800);
    app = mountApp();
    const { playground, client } = app;
    for (const line of loadSandbox().startCommands) await playground.run(line);
    const ds = client.snapshot?.objects.DaemonSet[0];
    if (!ds) throw new Error('the sandbox has no DaemonSet');
    const namespace = ds.metadata.namespace ?? 'default';
    await playground.run(`kubectl rollout restart ds/${ds.metadata.name} -n ${namespace}`);
    const input = page.getByRole('textbox', { name: 'kubectl console', exact: true });
    await userEvent.fill(input, `kubectl get pods -n ${namespace} -w`);
    await userEvent.keyboard('{Enter}');
    const stop = page.getByRole('button', { name: 'Stop watching' });
    await expect.element(stop).toBeVisible();
    const transcript = page.getByRole('log', { name: 'Console output' }).element() as HTMLElement;
    const watched = (): string =>
      [...transcript.querySelectorAll<HTMLElement>('.entry')].at(-1)?.textContent ?? '';
    const listed = watched();

    // The clock plays: rows arrive under the command without another line typed.
    await client.setPlaying(true);
    client.tick(3000);
    await expect.poll(() => watched().length).toBeGreaterThan(listed.length);
    expect(watched().match(/NAME\s+READY/g)).toHaveLength(1);

    // Ctrl+C stops it: the entry ends with ^C, the button goes, and no row follows.
    await userEvent.click(input);
    await userEvent.keyboard('{Control>}c{/Control}');
    await expect.element(stop).not.toBeInTheDocument();
    await expect.poll(() => watched()).toMatch(/\^C\s*$/);
    const stopped = watched();
    client.tick(3000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(watched()).toBe(stopped);
  });

  it('stops a watch with its button, and a kubectl line typed during one stops it too', async () => {
    app = mountApp();
    const { playground, client } = app;
    for (const line of loadSandbox().startCommands) await playground.run(line);
    await playground.run('kubectl get nodes -w');
    const stop = page.getByRole('button', { name: 'Stop watching' });
    await userEvent.click(stop);
    await expect.element(stop).not.toBeInTheDocument();
    expect(client.watching).toBe(false);

    await playground.run('kubectl get nodes -w');
    await expect.element(stop).toBeVisible();
    await playground.run('kubectl get ds -A');
    await expect.element(stop).not.toBeInTheDocument();
    const entries = [...document.querySelectorAll<HTMLElement>('.entry')];
    expect(entries.at(-2)?.textContent).toMatch(/\^C\s*$/);
  });
});
