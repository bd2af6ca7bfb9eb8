import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import UpdatePrompt from '../../../src/ui/update/UpdatePrompt.svelte';
import { UpdateState } from '../../../src/ui/update/update-state.svelte.ts';

let component: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
});

function mountPrompt(update: UpdateState): void {
  component = mount(UpdatePrompt, { target: document.body, props: { update } });
  flushSync();
}

describe('the update prompt', () => {
  it('stays hidden until a new version is waiting', async () => {
    const update = new UpdateState();
    mountPrompt(update);
    expect(document.querySelector('.update')).toBeNull();

    update.offer(async () => {});
    await expect.element(page.getByRole('status')).toHaveTextContent('New version available');
  });

  it('activates the waiting version when Reload is pressed', async () => {
    const update = new UpdateState();
    let activated = 0;
    update.offer(async () => {
      activated++;
    });
    mountPrompt(update);
    await page.getByRole('button', { name: 'Reload' }).click();
    expect(activated).toBe(1);
  });

  it('goes away when dismissed and comes back for the next update', async () => {
    const update = new UpdateState();
    update.offer(async () => {});
    mountPrompt(update);
    await page.getByRole('button', { name: 'Dismiss update notice' }).click();
    await expect.element(page.getByRole('status')).not.toBeInTheDocument();

    update.offer(async () => {});
    await expect.element(page.getByRole('status')).toBeVisible();
    // A status, never a dialog: it does not take focus from the learner's work.
    expect(document.activeElement?.closest('.update')).toBeFalsy();
  });
});
