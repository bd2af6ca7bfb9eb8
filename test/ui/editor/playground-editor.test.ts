import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import DriftNotice from '../../../src/ui/editor/DriftNotice.svelte';
import { loadSandbox } from '../../../src/lessons/sandbox.ts';
import { Playground } from '../../../src/ui/playground.svelte.ts';
import { InThreadClient } from '../support/in-thread-client.svelte.ts';

let playground: Playground | undefined;
let mounted: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (mounted) void unmount(mounted);
  mounted = undefined;
  document.body.replaceChildren();
  playground?.dispose();
  playground?.client.dispose();
  playground = undefined;
});

/** The sandbox with its start script run, as the page has it after loading. */
async function sandbox(): Promise<Playground> {
  const { files, startCommands } = loadSandbox();
  const client = new InThreadClient({
    files: Object.fromEntries(files.map((f) => [f.name, f.text])),
  });
  const started = new Playground(client, files);
  for (const line of startCommands) await started.run(line);
  playground = started;
  return started;
}

describe('the editor state', () => {
  it('opens new files as untitled-1.yaml, then untitled-2.yaml, each shown at once', async () => {
    const p = await sandbox();
    expect(p.newFile()).toBe('untitled-1.yaml');
    expect(p.files.active).toBe('untitled-1.yaml');
    expect(p.newFile()).toBe('untitled-2.yaml');
    expect(p.files.active).toBe('untitled-2.yaml');
    expect(p.files.current?.text).toMatch(/^# /);
  });

  it('lets the learner close the files they opened, and only those', async () => {
    const p = await sandbox();
    const first = p.files.active;
    expect(p.closable(first)).toBe(false);
    const name = p.newFile();
    expect(p.closable(name)).toBe(true);
    p.closeFile(name);
    expect(p.files.files.map((f) => f.name)).not.toContain(name);
    expect(p.files.active).toBe(p.files.files.at(-1)?.name);
  });

  it('holds the drift of a file the cluster changed, and loses it once the live object is loaded', async () => {
    const p = await sandbox();
    p.files.open('log-collector.yaml');
    await p.run('kubectl set image ds/log-collector -n kube-system fluentd=fluentd:v9');
    await p.diagnose('log-collector.yaml');
    const drift = p.drift['log-collector.yaml'];
    expect(drift?.objects.map((o) => o.resource)).toEqual(['daemonset.apps/log-collector']);
    p.loadLive('log-collector.yaml');
    expect(p.files.current?.text).toMatch(/image: fluentd:v9/);
    await p.diagnose('log-collector.yaml');
    expect(p.drift['log-collector.yaml']).toBeUndefined();
  });

  it('shows the diff as a console line', async () => {
    const p = await sandbox();
    const result = await p.showDiff('log-collector.yaml');
    expect(p.console.entries.at(-1)?.line).toBe('kubectl diff -f log-collector.yaml');
    expect(result.exit).toBe(0);
  });

  it('opens `kubectl edit` as a tab whose Apply saves the edit and closes the tab', async () => {
    const p = await sandbox();
    await p.run('kubectl edit ds log-collector -n kube-system');
    const name = 'kubectl-edit-daemonset-log-collector.yaml';
    expect(p.files.active).toBe(name);
    const text = p.files.current?.text ?? '';
    p.edit(name, text.replace('fluentd:v2.5.2', 'fluentd:v2.6.0'));
    const saved = await p.apply();
    expect(p.console.entries.at(-1)?.line).toBe(
      `kubectl edit daemonset.apps/log-collector -n kube-system --edited-file=${name}`,
    );
    expect(saved).toMatchObject({ exit: 0, out: 'daemonset.apps/log-collector edited\n' });
    expect(p.files.files.map((f) => f.name)).not.toContain(name);
    expect(p.edits[name]).toBeUndefined();
  });

  it('keeps the edit tab open when the save fails, so the learner can fix it', async () => {
    const p = await sandbox();
    await p.run('kubectl edit ds log-collector -n kube-system');
    const name = 'kubectl-edit-daemonset-log-collector.yaml';
    p.edit(name, 'spec: [\n');
    const saved = await p.apply();
    expect(saved.exit).toBe(1);
    expect(saved.err).toMatch(/^error: The edited file had a syntax error: /);
    expect(p.files.active).toBe(name);
  });
});

describe('the drift notice', () => {
  it('names the object and the field, and loads the live object when asked', async () => {
    const p = await sandbox();
    p.files.open('log-collector.yaml');
    const target = document.createElement('div');
    document.body.append(target);
    mounted = mount(DriftNotice, { target, props: { playground: p } });
    flushSync();
    expect(document.querySelector('[data-drift]')).toBeNull();

    await p.run('kubectl set image ds/log-collector -n kube-system fluentd=fluentd:v9');
    await p.diagnose('log-collector.yaml');
    flushSync();
    const notice = page.getByRole('status');
    await expect.element(notice).toHaveTextContent(/daemonset\.apps\/log-collector changed/);
    await expect.element(notice).toHaveTextContent(/containers\[0\]\.image is fluentd:v9 there/);

    await userEvent.click(page.getByRole('button', { name: 'Load live object' }));
    expect(p.files.current?.text).toMatch(/image: fluentd:v9/);
    await expect.poll(() => document.querySelector('[data-drift]')).toBeNull();
  });
});
