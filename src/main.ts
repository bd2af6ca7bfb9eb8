/**
 * Page entry: builds the playground, the learner's progress and the lesson state, starts the
 * engine worker, mounts the app and follows the route in the URL's hash (`#/lessons/<id>`,
 * `#/sandbox`). Monaco is not imported here; the editor loads it after first paint, and a
 * lesson's text and files load when it opens.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { WorkerEngineClient } from './client/worker-client.svelte.ts';
import { loadSandbox } from './lessons/sandbox.ts';
import { Playground } from './ui/playground.svelte.ts';
import { ThemeState } from './ui/theme.svelte.ts';
import { LessonState } from './ui/lessons/lesson-state.svelte.ts';
import { ProgressStore } from './ui/lessons/progress-store.svelte.ts';
import { parseRoute } from './ui/lessons/route.ts';
import UpdatePrompt from './ui/update/UpdatePrompt.svelte';
import { registerServiceWorker } from './ui/update/register.ts';
import { UpdateState } from './ui/update/update-state.svelte.ts';

const sandbox = loadSandbox();
const files = Object.fromEntries(sandbox.files.map((f) => [f.name, f.text]));
const client = new WorkerEngineClient({
  createWorker: () =>
    new Worker(new URL('./worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    }),
  seed: 1,
  files,
  playing: false,
});
const playground = new Playground(client, sandbox.files);
const theme = new ThemeState();
const progress = new ProgressStore(storage());
const lesson = new LessonState(
  playground,
  progress,
  sandbox,
  () => matchMedia('(prefers-reduced-motion: reduce)').matches,
);
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, {
  target,
  props: {
    playground,
    theme,
    sandbox: { title: sandbox.title, intro: sandbox.intro },
    lesson,
  },
});

// Offline after the first visit; a new deploy waits behind a quiet "Reload" notice.
const update = new UpdateState();
mount(UpdatePrompt, { target: document.body, props: { update } });
registerServiceWorker(update);

// Links change the hash; back and forward change it too. Each change opens what it names.
addEventListener('hashchange', () => void lesson.go(parseRoute(location.hash)));
void lesson.go(parseRoute(location.hash), true);

/** localStorage, unless the browser refuses it (then progress lasts as long as the page). */
function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
