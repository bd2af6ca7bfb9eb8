/**
 * Page entry: builds the playground from the default sandbox, starts the engine worker and
 * mounts the app. Monaco is not imported here; the editor loads it after first paint.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { WorkerEngineClient } from './client/worker-client.svelte.ts';
import { loadSandbox } from './lessons/sandbox.ts';
import { Playground } from './ui/playground.svelte.ts';
import { ThemeState } from './ui/theme.svelte.ts';

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
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, {
  target,
  props: { playground, theme, lesson: { title: sandbox.title, intro: sandbox.intro } },
});

// The sandbox's start script runs through the console like anything typed, so it is part of
// the command log; the clock starts playing only once the cluster is set up.
void (async () => {
  for (const line of sandbox.startCommands) await playground.run(line);
  if (sandbox.playing) await client.setPlaying(true);
  for (const f of sandbox.files) void playground.diagnose(f.name);
})();
