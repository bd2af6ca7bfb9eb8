import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { loadSandbox } from '../../src/lessons/sandbox.ts';
import { mountApp, type MountedApp } from './support/mount-app.svelte.ts';

let app: MountedApp | undefined;

beforeEach(async () => {
  await page.viewport(1280, 800);
});

afterEach(() => {
  app?.destroy();
  app = undefined;
});

async function startSandbox(mounted: MountedApp): Promise<void> {
  for (const line of loadSandbox().startCommands) await mounted.playground.run(line);
}

/** The status bar's number under a column heading. */
function column(name: string): string | null {
  return document.querySelector(`[data-column="${name}"] dd`)?.textContent ?? null;
}

describe('the page on the real simulation', () => {
  it('shows the sandbox cluster and the log collector status in the status bar', async () => {
    app = mountApp();
    await startSandbox(app);
    await expect
      .element(page.getByRole('status', { name: 'DaemonSet status bar' }))
      .toHaveAttribute('data-daemonset', 'kube-system/log-collector');
    expect([column('DESIRED'), column('CURRENT'), column('READY'), column('MISSCHEDULED')]).toEqual(
      ['4', '4', '4', '0'],
    );
    expect(document.querySelectorAll('[data-node]')).toHaveLength(5);
  });

  it('follows the DaemonSet just applied, by file name without .yaml', async () => {
    app = mountApp();
    await startSandbox(app);
    const result = await app.playground.run('kubectl apply -f node-exporter');
    expect(result).toEqual({
      exit: 0,
      out: 'daemonset.apps/node-exporter created\n',
      err: '',
      touched: [
        { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter', action: 'created' },
      ],
    });
    await expect
      .element(page.getByRole('status', { name: 'DaemonSet status bar' }))
      .toHaveAttribute('data-daemonset', 'monitoring/node-exporter');
    expect(column('DESIRED')).toBe('3');
  });

  it('follows the applied DaemonSet by namespace when another namespace has one of the same name', async () => {
    app = mountApp();
    await startSandbox(app);
    const original = app.playground.files.files.find((f) => f.name === 'node-exporter.yaml');
    const twin = (original?.text ?? '').replace(/namespace: monitoring/g, 'namespace: default');
    expect(twin).toContain('namespace: default');
    app.playground.edit('twin.yaml', twin);
    await app.playground.run('kubectl apply -f twin.yaml');
    await app.playground.run('kubectl apply -f node-exporter.yaml');
    await expect
      .element(page.getByRole('status', { name: 'DaemonSet status bar' }))
      .toHaveAttribute('data-daemonset', 'monitoring/node-exporter');
  });

  it('reports YAML errors as diagnostics and leaves the cluster unchanged on apply', async () => {
    app = mountApp();
    await startSandbox(app);
    const before = app.client.snapshot?.objects.Pod.length;
    app.playground.edit('node-exporter.yaml', 'spec: [unclosed\n');
    await app.playground.diagnose('node-exporter.yaml');
    const diagnostics = app.playground.diagnostics['node-exporter.yaml'];
    expect(diagnostics.some((d) => d.severity === 'error' && d.source === 'yaml')).toBe(true);
    app.playground.files.open('node-exporter.yaml');
    const result = await app.playground.apply();
    expect(result.exit).toBe(1);
    expect(app.client.snapshot?.objects.Pod.length).toBe(before);
    await expect.element(page.getByText(/1 error/)).toBeVisible();
  });

  it('adds a node through an editor file and kubectl apply', async () => {
    app = mountApp();
    await startSandbox(app);
    const result = await app.playground.addNode('worker-4', { disk: 'ssd' });
    expect(result.out).toBe('node/worker-4 created\n');
    expect(app.client.lines.at(-1)).toBe('kubectl apply -f new-node.yaml');
    await expect.element(page.getByRole('tab', { name: 'new-node.yaml' })).toBeVisible();
  });
});
