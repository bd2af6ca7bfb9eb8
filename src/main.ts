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
import { parseRoute, toHash } from './ui/lessons/route.ts';
import UpdatePrompt from './ui/update/UpdatePrompt.svelte';
import { registerServiceWorker } from './ui/update/register.ts';
import { UpdateState } from './ui/update/update-state.svelte.ts';
import { loadSession } from './share/persist.ts';
import { parseHash } from './share/link.ts';
import { ENGINE_VERSION } from './share/engine-version.ts';
import { MAIN_PREFIX, openFiles, planOpen, SessionKeeper } from './ui/session-keeper.svelte.ts';

/** Stands in when the browser refuses localStorage: nothing was saved, so nothing loads. */
const noStorage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };

const sandbox = loadSandbox();
const files = Object.fromEntries(sandbox.files.map((f) => [f.name, f.text]));
// A share link replays its session (in its lesson, if it has one); a saved sandbox session
// comes back only in the sandbox.
const plan = planOpen(parseHash(location.hash), () =>
  loadSession(storage() ?? noStorage, MAIN_PREFIX),
);
// Routes and share payloads stay apart: once read, a link leaves the sandbox route behind.
if (plan.replaceHash !== undefined) history.replaceState(null, '', plan.replaceHash);
const firstRoute = parseRoute(location.hash);
const client = new WorkerEngineClient({
  createWorker: () =>
    new Worker(new URL('./worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    }),
  seed: 1,
  files,
  log: plan.saved?.session.log,
  playing: false,
});
const playground = new Playground(
  client,
  plan.saved ? openFiles(plan.saved.editor) : sandbox.files,
);
const theme = new ThemeState();
const progress = new ProgressStore(storage());
const lesson = new LessonState(
  playground,
  progress,
  sandbox,
  () => matchMedia('(prefers-reduced-motion: reduce)').matches,
);
const keeper = new SessionKeeper(
  storage(),
  MAIN_PREFIX,
  playground,
  () => lesson.route.kind === 'sandbox',
);
keeper.message = plan.message;
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, {
  target,
  props: {
    playground,
    theme,
    sandbox: { title: sandbox.title, intro: sandbox.intro },
    lesson,
    keeper,
    currentSession: () => {
      const route = lesson.route;
      return {
        log: client.log,
        engineVersion: ENGINE_VERSION,
        ...(route.kind === 'lesson' ? { lessonId: route.id } : {}),
      };
    },
    onNewSandbox: () => {
      keeper.forget();
      keeper.message = undefined;
      // A new hash opens the sandbox through `hashchange`; the same hash does not, so go now.
      const hash = toHash({ kind: 'sandbox' });
      if (location.hash !== hash) location.hash = hash;
      else void lesson.go({ kind: 'sandbox' });
    },
  },
});

// Offline after the first visit; a new deploy waits behind a quiet "Reload" notice.
const update = new UpdateState();
mount(UpdatePrompt, { target: document.body, props: { update } });
registerServiceWorker(update);

// Links change the hash; back and forward change it too. Each change opens what it names.
// A share link pasted into this tab opens the way a fresh page opens it.
addEventListener('hashchange', () => {
  if (parseHash(location.hash).type === 'route') void lesson.go(parseRoute(location.hash));
  else location.reload();
});
// A restored or shared session is already the cluster: its replay runs in the worker. A link
// made in a lesson puts that lesson's text and goals over it.
if (plan.lessonId !== undefined) void lesson.resume(plan.lessonId);
else if (!plan.saved) void lesson.go(firstRoute, true);
keeper.watch();

/** localStorage, unless the browser refuses it (then progress lasts as long as the page). */
function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
