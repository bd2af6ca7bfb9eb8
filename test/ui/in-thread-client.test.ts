import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { flushSync } from 'svelte';
import { loadSandbox } from '../../src/lessons/sandbox.ts';
import { mountApp, type MountedApp } from './support/mount-app.svelte.ts';

let app: MountedApp | undefined;

// A laptop's window: below 900 px the why panel sits behind a tab of its own.
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

describe('component tests run the worker host the app runs', () => {
  it('receive deltas: a kind a command left alone keeps its identity on the page', async () => {
    app = mountApp();
    await startSandbox(app);
    const nodes = app.client.snapshot?.objects.Node;
    const pods = app.client.snapshot?.objects.Pod;
    expect(nodes?.length).toBeGreaterThan(0);
    const result = await app.playground.run(
      `kubectl label node ${nodes?.[0].metadata.name} tier=edge`,
    );
    expect(result.exit).toBe(0);
    expect(app.client.snapshot?.objects.Node).not.toBe(nodes);
    expect(app.client.snapshot?.objects.Pod).toBe(pods);
  });

  it('carry no events in snapshots: the why panel gets its pod events by subscription', async () => {
    app = mountApp();
    await startSandbox(app);
    expect(app.client.snapshot?.objects.Event).toEqual([]);
    const pod = app.client.snapshot?.objects.Pod[0];
    if (!pod) throw new Error('the sandbox has pods');
    app.playground.selection = {
      kind: 'pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
    };
    flushSync();
    const events = page.getByRole('list', { name: 'Events, oldest first' });
    await expect.element(events).toBeVisible();
    await expect
      .element(
        events.getByText(`Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name}`, {
          exact: false,
        }),
      )
      .toBeVisible();
  });

  it('play the clock only when the test lets real time pass', async () => {
    app = mountApp();
    await startSandbox(app);
    const before = app.client.timeMs;
    await app.client.setPlaying(true);
    app.client.tick(1000);
    await expect.poll(() => app?.client.timeMs).toBe(before + 1000);
  });
});
