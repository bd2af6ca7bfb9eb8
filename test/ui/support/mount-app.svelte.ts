/**
 * Mounts the whole page (App.svelte) in Vitest's browser mode with an in-thread client, the
 * way main.ts does with the worker client.
 */
import { flushSync, mount, unmount } from 'svelte';
import App from '../../../src/App.svelte';
import { loadSandbox } from '../../../src/lessons/sandbox.ts';
import { Playground } from '../../../src/ui/playground.svelte.ts';
import { ThemeState } from '../../../src/ui/theme.svelte.ts';
import { LessonState } from '../../../src/ui/lessons/lesson-state.svelte.ts';
import {
  ProgressStore,
  type ProgressStorage,
} from '../../../src/ui/lessons/progress-store.svelte.ts';
import type { Runtime } from '../../../src/worker/engine-host.ts';
import { ENGINE_VERSION } from '../../../src/share/engine-version.ts';
import { MAIN_PREFIX, SessionKeeper } from '../../../src/ui/session-keeper.svelte.ts';
import { InThreadClient } from './in-thread-client.svelte.ts';

/** The mounted page and its parts. */
export interface MountedApp {
  target: HTMLElement;
  client: InThreadClient;
  playground: Playground;
  theme: ThemeState;
  lesson: LessonState;
  destroy(): void;
}

/**
 * Mounts App at `width`×`height` with the sandbox files (start script not run). Progress is
 * kept in `storage` (default: in memory only).
 */
export function mountApp(
  options: { runtime?: Runtime; width?: number; height?: number; storage?: ProgressStorage } = {},
): MountedApp {
  const sandbox = loadSandbox();
  const files = Object.fromEntries(sandbox.files.map((f) => [f.name, f.text]));
  const client = new InThreadClient({ files, runtime: options.runtime });
  const playground = new Playground(client, sandbox.files);
  const theme = new ThemeState();
  const lesson = new LessonState(playground, new ProgressStore(options.storage), sandbox);
  // No storage: component tests start from the sandbox every time and save nothing.
  const keeper = new SessionKeeper(
    undefined,
    MAIN_PREFIX,
    playground,
    () => lesson.route.kind === 'sandbox',
  );
  const target = document.createElement('div');
  target.style.cssText = `width:${options.width ?? 1280}px;height:${options.height ?? 800}px;`;
  document.body.append(target);
  const app = mount(App, {
    target,
    props: {
      playground,
      theme,
      sandbox: { title: sandbox.title, intro: sandbox.intro },
      lesson,
      keeper,
      onNewSandbox: () => void lesson.go({ kind: 'sandbox' }),
      currentSession: () => ({ log: client.log, engineVersion: ENGINE_VERSION }),
    },
  });
  flushSync();
  return {
    target,
    client,
    playground,
    theme,
    lesson,
    destroy() {
      unmount(app);
      playground.dispose();
      theme.set('system');
      theme.dispose();
      target.remove();
    },
  };
}
