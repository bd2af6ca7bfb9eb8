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

describe('the playground page', () => {
  it('has a header and the four labelled regions', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    await expect
      .element(page.getByRole('heading', { level: 1 }))
      .toHaveTextContent('DaemonSet Playground');
    await expect
      .element(page.getByRole('region', { name: 'Manifest editor', exact: true }))
      .toBeVisible();
    await expect
      .element(page.getByRole('region', { name: 'Cluster view', exact: true }))
      .toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Console', exact: true })).toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Sandbox' })).toBeVisible();
  });

  it('runs console lines, prints stdout then stderr, and recalls them with Up and Down', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const input = page.getByRole('textbox', { name: 'kubectl console', exact: true });
    await userEvent.fill(input, 'kubectl get nodes');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('ok kubectl get nodes')).toBeVisible();
    await userEvent.fill(input, 'kubectl apply -f missing');
    await userEvent.keyboard('{Enter}');
    const err = page.getByText('error: the path "missing" does not exist');
    await expect.element(err).toBeVisible();
    expect(err.element().classList.contains('err')).toBe(true);

    await userEvent.click(input);
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(input).toHaveValue('kubectl apply -f missing');
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(input).toHaveValue('kubectl get nodes');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect.element(input).toHaveValue('');
  });

  it('completes the console line with Tab', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const input = page.getByRole('textbox', { name: 'kubectl console', exact: true });
    await userEvent.fill(input, 'kubectl g');
    await userEvent.keyboard('{Tab}');
    await expect.element(input).toHaveValue('kubectl get ');
  });

  it('applies the open file with the Apply button and shows the result in the console', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    await userEvent.click(page.getByRole('tab', { name: 'nodes.yaml' }));
    await userEvent.click(page.getByRole('button', { name: 'Apply', exact: true }));
    await expect.element(page.getByText('applied nodes.yaml')).toBeVisible();
    expect(app.client.lines).toEqual(['kubectl apply -f nodes.yaml']);
  });

  it('moves between file tabs with the arrow keys', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const first = page.getByRole('tab', { name: 'log-collector.yaml' });
    await userEvent.click(first);
    await userEvent.keyboard('{ArrowRight}');
    await expect
      .element(page.getByRole('tab', { name: 'node-exporter.yaml' }))
      .toHaveAttribute('aria-selected', 'true');
    expect(app.playground.files.active).toBe('node-exporter.yaml');
  });

  it('switches between light and dark with the theme button', async () => {
    app = mountApp({ runtime: createFakeRuntime() });
    const before = app.theme.resolved;
    const toggle = page.getByRole('button', { name: /Switch to (light|dark) theme/ });
    await userEvent.click(toggle);
    const after = before === 'dark' ? 'light' : 'dark';
    expect(document.documentElement.dataset.theme).toBe(after);
    await expect.element(toggle).toHaveAttribute('data-theme-now', after);
  });
});
