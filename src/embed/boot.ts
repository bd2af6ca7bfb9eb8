/**
 * The embed's playground, loaded only when the reader clicks "Load playground" (or the host
 * asks): builds the engine client, the playground, the lesson state and the session keeper the
 * way src/main.ts does for the full site, with this embed's storage prefix, and mounts
 * EmbedApp. Reports to the host through `hooks.post`.
 */
import { mount, unmount } from 'svelte';
import EmbedApp from './EmbedApp.svelte';
import { WorkerEngineClient } from '../client/worker-client.svelte.ts';
import { loadSandbox } from '../lessons/sandbox.ts';
import { ThemeState, type ThemeChoice } from '../ui/theme.svelte.ts';
import { LessonState } from '../ui/lessons/lesson-state.svelte.ts';
import { ProgressStore } from '../ui/lessons/progress-store.svelte.ts';
import { loadSession, type StorageLike } from '../share/persist.ts';
import { parseRoute } from '../ui/lessons/route.ts';
import { encodeShareLink } from '../share/link.ts';
import { ENGINE_VERSION } from '../share/engine-version.ts';
import { lastFiles, openFiles, planStart, SessionKeeper } from '../ui/session-keeper.svelte.ts';
import { EmbedPlayground } from './embed-playground.svelte.ts';
import { readOnlyRefusal } from './readonly.ts';
import type { EmbedParams, EmbedTheme } from './params.ts';
import type { PlaygroundMessage } from './protocol.ts';
import type { CommandResult } from '../protocol/cluster.ts';

type Body<M> = M extends unknown ? Omit<M, 'source' | 'version'> : never;

/** What the page around the playground gives it. */
export interface EmbedHooks {
  /** Sends a message to the host (the page decides where, by the origin rule). */
  post(message: Body<PlaygroundMessage>): void;
  /** Starts this embed afresh, its saved session forgotten. */
  reset(): void;
}

/** A running embed, as the page drives it. */
export interface RunningEmbed {
  /** Runs a host's command through the console; resolves when it has finished. */
  run(command: string, requestId?: string): Promise<CommandResult>;
  setTheme(theme: EmbedTheme): void;
  /** Stops the worker and removes the playground (before another scenario is loaded). */
  dispose(): void;
}

const noStorage: StorageLike = { getItem: () => null, setItem: () => {}, removeItem: () => {} };

/** Maps the embed's theme word to the page's theme choice. */
export function themeChoice(theme: EmbedTheme): ThemeChoice {
  return theme === 'auto' ? 'system' : theme;
}

/** Builds and mounts the playground in `target`; resolves once its content is set up. */
export async function startEmbed(
  target: HTMLElement,
  params: EmbedParams,
  hooks: EmbedHooks,
): Promise<RunningEmbed> {
  const storage = localStorageOrUndefined();
  const { content } = params;
  const sandbox = loadSandbox();
  // A lesson reopens at its start, as on the full site; a scenario or the sandbox comes back
  // as the reader left it, under this embed's own key.
  const plan =
    content.kind === 'lesson'
      ? {}
      : planStart(loadSession(storage ?? noStorage, params.storagePrefix), true);
  const scenario = content.kind === 'scenario' ? content.session : undefined;
  const startLog = plan.saved?.session.log ?? scenario?.log;
  const client = new WorkerEngineClient({
    createWorker: () =>
      new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'engine',
      }),
    seed: 1,
    files: Object.fromEntries(sandbox.files.map((f) => [f.name, f.text])),
    log: startLog,
    playing: false,
  });
  const playground = new EmbedPlayground(
    client,
    plan.saved
      ? openFiles(plan.saved.editor)
      : startLog
        ? openFiles(lastFiles(startLog))
        : sandbox.files,
  );
  if (params.readonly) playground.guard = readOnlyRefusal;

  const theme = new ThemeState();
  // The embed's theme comes from its parameters and the host, never from the site's stored choice.
  theme.choice = themeChoice(params.theme);
  const progress = new ProgressStore(storage);
  const lesson = new LessonState(
    playground,
    progress,
    sandbox,
    () => matchMedia('(prefers-reduced-motion: reduce)').matches,
  );
  const keeper = new SessionKeeper(
    storage,
    params.storagePrefix,
    playground,
    () => content.kind !== 'lesson',
  );
  const notes = [...(plan.saved ? [] : scenario ? notices(content) : []), plan.message].filter(
    (n): n is string => n !== undefined,
  );
  keeper.message = notes.length > 0 ? notes.join(' ') : undefined;

  /** Stops the session keeper, once it watches (Reset may come before). */
  const keeping: { stop?: () => void } = {};
  /** Set by Reset: the session was forgotten on purpose, so leaving must not write it back. */
  let forgotten = false;
  // Every finished line is told to the host; the host's own lines carry their request id.
  let started = false;
  const hostLines: { line: string; requestId?: string }[] = [];
  const heardByLesson = playground.onRan;
  playground.onRan = (line, result) => {
    heardByLesson?.(line, result);
    if (!started) return;
    const head = hostLines[0];
    const fromHost = head !== undefined && head.line === line;
    if (fromHost) hostLines.shift();
    hooks.post({
      type: 'applied',
      command: line,
      exit: result.exit,
      touched: result.touched.map((t) => ({
        kind: t.kind,
        name: t.name,
        ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
        action: t.action,
      })),
      by: fromHost ? 'host' : 'page',
      ...(fromHost && head.requestId !== undefined ? { requestId: head.requestId } : {}),
    });
  };

  const app = mount(EmbedApp, {
    target,
    props: {
      playground,
      theme,
      lesson,
      keeper,
      panels: params.panels,
      readonly: params.readonly,
      sandbox: { title: sandbox.title, intro: sandbox.intro },
      scenarioTitle: content.kind === 'scenario' ? 'Shared scenario' : undefined,
      shareLink: () =>
        encodeShareLink({
          log: client.log,
          engineVersion: ENGINE_VERSION,
          ...(content.kind === 'lesson' ? { lessonId: content.id } : {}),
        }),
      onReset: () => {
        forgotten = true;
        keeping.stop?.();
        keeper.forget();
        hooks.reset();
      },
      onGoalMet: (goal: string, text: string, allMet: boolean) => {
        if (content.kind === 'lesson')
          hooks.post({ type: 'goalMet', lesson: content.id, goal, text, allMet });
      },
    },
  });

  if (content.kind === 'lesson') await lesson.go({ kind: 'lesson', id: content.id }, true);
  else if (!startLog) await lesson.go({ kind: 'sandbox' }, true);
  // A request after the replay or the start lines answers only once they are done.
  await client.setPlaying(params.autoplay || client.playing);
  for (const f of playground.files.files) void playground.diagnose(f.name);
  keeping.stop = keeper.watch();
  // A lesson's "Next lesson" link names the next lesson's route; the embed opens it in place.
  const onHash = () => {
    const route = parseRoute(location.hash);
    if (route.kind === 'lesson') void lesson.go(route);
  };
  if (content.kind === 'lesson') addEventListener('hashchange', onHash);
  started = true;
  playground.guarding = true;

  return {
    run(command, requestId) {
      hostLines.push({ line: command.trim(), requestId });
      return playground.runTrusted(command);
    },
    setTheme(next) {
      theme.choice = themeChoice(next);
    },
    dispose() {
      if (!forgotten) keeper.save();
      keeping.stop?.();
      removeEventListener('hashchange', onHash);
      unmount(app);
      client.dispose();
      playground.dispose();
      theme.dispose();
    },
  };
}

function notices(content: EmbedParams['content']): string[] {
  return content.kind === 'scenario' ? content.notices : [];
}

/** localStorage, unless the browser refuses it (a sandboxed or third-party frame may). */
function localStorageOrUndefined(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
