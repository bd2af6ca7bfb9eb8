import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLessonFiles } from '../../src/cli/lesson.ts';
import { readYamlData } from '../../src/console/manifest/read.ts';
import { findLesson, loadCourse } from '../../src/lessons/loader.ts';
import type { GoalState, WorkerMessage, WorkerRequest } from '../../src/protocol/messages.ts';
import { EngineHost } from '../../src/worker/engine-host.ts';
import { runtime } from '../../src/worker/runtime.ts';
import { createFakeRuntime } from './fake-runtime.ts';
import { manualClock } from './manual-clock.ts';

/** A request as the test writes it; the host is given an id. */
type Body = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'id'>
    : never
  : never;

const LESSONS = join(fileURLToPath(new URL('../../', import.meta.url)), 'lessons');
const { course } = loadCourse(readLessonFiles(LESSONS), readYamlData);

/** A real engine in a host, started on a lesson's start.sim with its files. */
function startLesson(id: string) {
  const found = findLesson(course, id);
  if (!found) throw new Error(`no lesson ${id}`);
  const { lesson } = found;
  const out: WorkerMessage[] = [];
  const host = new EngineHost(runtime, manualClock(), (m) => out.push(m));
  let next = 1;
  const send = (r: Body) => host.receive({ ...r, id: next++ } as WorkerRequest);
  send({
    type: 'start',
    log: { seed: 1, files: lesson.assets, entries: [] },
    untilMs: 0,
    playing: false,
    baseVersion: 0,
  });
  const run = (line: string, files = lesson.assets) => send({ type: 'run', line, files });
  for (const line of lesson.scripts.start ?? []) run(line);
  /** The goal states the page was last sent. */
  const goals = (): GoalState[] | undefined =>
    out
      .flatMap((m) =>
        m.type === 'snapshot' ? [m] : m.type === 'ran' && m.snapshot ? [m.snapshot] : [],
      )
      .filter((s) => s.goals)
      .at(-1)?.goals;
  return { lesson, out, send, run, goals };
}

const metOf = (states: GoalState[] | undefined) =>
  Object.fromEntries((states ?? []).map((s) => [s.id, s.met]));

describe('lesson goals in the worker', () => {
  it('sends the goal states as soon as the lesson begins, all unmet at its start', () => {
    const { lesson, send, goals } = startLesson('one-pod-per-node');
    expect(goals()).toBeUndefined();
    send({ type: 'goals', goals: lesson.goals });
    expect(metOf(goals())).toEqual({ 'agent-on-every-worker': false, 'agent-ready': false });
    expect(goals()?.[0].detail).not.toBe('');
  });

  it('ticks goals in the snapshot that rides with the command that met them', () => {
    const { lesson, out, send, run, goals } = startLesson('one-pod-per-node');
    send({ type: 'goals', goals: lesson.goals });
    run('kubectl apply -f solution/node-agent.yaml');
    run('sim settle');
    const last = out.filter((m) => m.type === 'ran').at(-1);
    expect(last?.type === 'ran' && metOf(last.snapshot?.goals)).toEqual({
      'agent-on-every-worker': true,
      'agent-ready': true,
    });
    expect(goals()?.every((g) => g.detail === '')).toBe(true);
  });

  it('sends goal states again only when one changed', () => {
    const { lesson, out, send, run } = startLesson('one-pod-per-node');
    send({ type: 'goals', goals: lesson.goals });
    const before = out.length;
    run('kubectl get nodes');
    run('kubectl label node worker-1 team=a');
    const ran = out.slice(before).filter((m) => m.type === 'ran');
    expect(ran.map((m) => m.type === 'ran' && m.snapshot?.goals !== undefined)).toEqual([
      false,
      false,
    ]);
  });

  it('finds a node left uncovered during a rollout without surge', () => {
    const { lesson, send, run, goals } = startLesson('max-surge');
    send({ type: 'goals', goals: lesson.goals });
    // The same update without surge: each node loses its pod before the new one is ready.
    const withoutSurge = lesson.assets['solution/log-agent.yaml']
      .replace('maxUnavailable: 0', 'maxUnavailable: 1')
      .replace('maxSurge: 1', 'maxSurge: 0');
    run('kubectl apply -f plain.yaml', { ...lesson.assets, 'plain.yaml': withoutSurge });
    run('sim settle');
    expect(metOf(goals())).toEqual({ 'new-image-everywhere': true, 'never-uncovered': false });
  });

  it('meets the history goal when the rollout surges', () => {
    const { lesson, send, run, goals } = startLesson('max-surge');
    send({ type: 'goals', goals: lesson.goals });
    for (const line of lesson.scripts.solution) run(line);
    expect(metOf(goals())).toEqual({ 'new-image-everywhere': true, 'never-uncovered': true });
  });

  it('judges goals it cannot read unmet and says why, instead of failing', () => {
    const { send, goals } = startLesson('one-pod-per-node');
    send({
      type: 'goals',
      goals: [{ id: 'x', text: 'runs', podsOnNodes: { daemonSet: 3 } }] as never,
    });
    expect(goals()).toEqual([
      {
        id: 'x',
        met: false,
        detail: expect.stringContaining("the lesson's goals could not be read"),
      },
    ]);
  });

  it('ends the lesson with an empty goal list and at every start', () => {
    const { lesson, out, send, run } = startLesson('one-pod-per-node');
    send({ type: 'goals', goals: lesson.goals });
    send({ type: 'goals', goals: [] });
    const before = out.length;
    run('kubectl apply -f solution/node-agent.yaml');
    run('sim settle');
    expect(out.slice(before).some((m) => m.type === 'ran' && m.snapshot?.goals)).toBe(false);
  });
});

describe('the timeline in the worker', () => {
  /** A host over the fake engine, whose clock has tasks due at 100, 200 and 300 ms. */
  function fakeLesson(goal: Record<string, unknown>) {
    const fake = createFakeRuntime();
    const host = new EngineHost(fake, manualClock(), () => {});
    host.receive({
      type: 'start',
      id: 1,
      log: { seed: 1, files: {}, entries: [] },
      untilMs: 0,
      playing: false,
      baseVersion: 0,
    });
    const state = fake.states[0];
    state.due.push(100, 200, 300);
    host.receive({ type: 'goals', id: 2, goals: [{ id: 'g', text: 'a goal', ...goal }] });
    const views = state.views.length;
    host.receive({ type: 'run', id: 3, line: 'sim wait 500ms', files: {} });
    return { viewsDuringWait: state.views.length - views };
  }

  it('views the cluster only for the reply, also when a goal reads history (the recorder hears every write)', () => {
    expect(fakeLesson({ alwaysAvailable: { daemonSet: 'x' } }).viewsDuringWait).toBe(1);
    expect(fakeLesson({ exists: { kind: 'Node', name: 'n' } }).viewsDuringWait).toBe(1);
  });

  it('sees a node left bare and covered again inside one command, between two snapshots', () => {
    const { lesson, send, run, goals } = startLesson('max-surge');
    const onlyLast = {
      id: 'last-node-covered',
      text: 'the last node never lost its pod',
      alwaysAvailable: { daemonSet: 'log-agent', nodes: { names: ['worker-3'] } },
    };
    send({ type: 'goals', goals: [onlyLast] });
    const withoutSurge = lesson.assets['solution/log-agent.yaml']
      .replace('maxUnavailable: 0', 'maxUnavailable: 1')
      .replace('maxSurge: 1', 'maxSurge: 0');
    run('kubectl apply -f plain.yaml', { ...lesson.assets, 'plain.yaml': withoutSurge });
    // worker-3's turn comes later, inside the wait: its snapshot shows every pod available.
    expect(goals()?.[0].met).toBe(true);
    run('sim wait 3m');
    expect(goals()?.[0]).toEqual({
      id: 'last-node-covered',
      met: false,
      detail: expect.stringMatching(/^worker-3 had no available pod of log-agent/),
    });
  });
});
