import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, readLessonFiles } from '../../src/cli/lesson.ts';
import { readYamlData } from '../../src/console/manifest/read.ts';
import { loadCourse } from '../../src/lessons/loader.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIRST = join(ROOT, 'lessons/01-what-is-a-daemonset/01-one-pod-per-node');

/** Runs the checker in-process; returns its exit code and everything it printed. */
function check(args: string[], root = ROOT, cwd = root): { code: number; out: string } {
  let out = '';
  const code = main(
    ['check', ...args],
    (t) => (out += t),
    (t) => (out += t),
    cwd,
    root,
  );
  return { code, out };
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A package root holding only the first lesson, with some of its files replaced. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lessons-'));
  temps.push(root);
  const chapter = join(root, 'lessons/01-what-is-a-daemonset');
  mkdirSync(chapter, { recursive: true });
  cpSync(join(ROOT, 'lessons/01-what-is-a-daemonset/index.md'), join(chapter, 'index.md'));
  cpSync(FIRST, join(chapter, '01-one-pod-per-node'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    const full = join(chapter, '01-one-pod-per-node', path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

const LESSON = 'lessons/01-what-is-a-daemonset/01-one-pod-per-node (one-pod-per-node)';

describe('npm run lesson -- check', () => {
  it('passes every lesson of the course', () => {
    const { code, out } = check([]);
    expect(out).not.toContain('FAIL');
    expect(out).toMatch(/^(\d+) of \1 lessons pass$/m);
    expect(code).toBe(0);
  }, 120_000);

  it('checks only the lesson or chapter folders it is given, relative to the caller', () => {
    const { code, out } = check(
      ['01-one-pod-per-node'],
      ROOT,
      join(ROOT, 'lessons/01-what-is-a-daemonset'),
    );
    expect(out).toBe(`ok   ${LESSON}: 2 goals\n1 of 1 lessons pass\n`);
    expect(code).toBe(0);
    expect(check(['lessons/nowhere']).code).toBe(2);
  });

  it('names the lesson and the goal a solution leaves unmet', () => {
    const root = fixture({
      'solution.sim': 'kubectl apply -f solution/node-agent.yaml\nkubectl delete ds node-agent\n',
    });
    const { code, out } = check([], root);
    expect(out).toContain(
      `FAIL ${LESSON}: goal agent-on-every-worker is unmet after solution.sim: DaemonSet node-agent does not exist\n`,
    );
    expect(code).toBe(1);
  });

  it('fails a lesson whose goal is met before the learner did anything', () => {
    const root = fixture({
      'start.sim':
        'kubectl apply -f start/nodes.yaml\nkubectl apply -f solution/node-agent.yaml\nsim settle\n',
    });
    const { code, out } = check([], root);
    expect(out).toContain(`FAIL ${LESSON}: goal agent-on-every-worker is already met at the start`);
    expect(out).toContain(`FAIL ${LESSON}: goal agent-ready is already met at the start`);
    expect(code).toBe(1);
  });

  it('fails a lesson whose wrong attempt meets every goal', () => {
    const root = fixture({
      'wrong.sim': 'kubectl apply -f solution/node-agent.yaml\nsim settle\n',
    });
    const { code, out } = check([], root);
    expect(out).toContain(
      `FAIL ${LESSON}: every goal is met after wrong.sim (goals agent-on-every-worker, agent-ready); a wrong attempt must leave one unmet`,
    );
    expect(code).toBe(1);
  });

  it('reports a failing command of the solution with its error', () => {
    const root = fixture({
      'solution.sim':
        'kubectl apply -f wrong-replicas.yaml\nkubectl apply -f solution/node-agent.yaml\nsim settle\n',
    });
    const { code, out } = check([], root);
    expect(out).toContain(
      `FAIL ${LESSON}: solution.sim failed at "kubectl apply -f wrong-replicas.yaml": Error from server (BadRequest)`,
    );
    expect(code).toBe(1);
  });

  it('refuses to replay a malformed lesson and names the file and field', () => {
    const root = fixture({
      'index.md': '---\nid: one-pod-per-node\ntitle: T\nsummary: S\nminutes: 4\ngoals: []\n---\n',
    });
    const { code, out } = check([], root);
    expect(out).toBe(
      'lessons/01-what-is-a-daemonset/01-one-pod-per-node/index.md: goals: must have at least 1 item\n',
    );
    expect(code).toBe(2);
  });

  it('prints its usage when the command is not check', () => {
    let err = '';
    const code = main(
      [],
      () => {},
      (t) => (err += t),
      ROOT,
      ROOT,
    );
    expect(code).toBe(2);
    expect(err).toContain('usage: npm run --silent lesson -- check');
  });
});

describe('the course', () => {
  it('asks a prediction in at least half of its lessons', () => {
    const { course, problems } = loadCourse(readLessonFiles(join(ROOT, 'lessons')), readYamlData);
    expect(problems).toEqual([]);
    const lessons = course.chapters.flatMap((c) => c.lessons);
    const predicting = lessons.filter((l) => l.predict.length > 0);
    expect(predicting.length * 2).toBeGreaterThanOrEqual(lessons.length);
  });
});
