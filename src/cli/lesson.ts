/**
 * The lesson checker: `npm run --silent lesson -- check [LESSON_DIR...]` loads every lesson
 * (reporting malformed frontmatter by file and field) and replays the given lessons, or all of
 * them, headless: every goal must be unmet at the start, every goal met after solution.sim, and
 * at least one goal unmet after wrong.sim. Exits 0 when all hold, 1 when a lesson fails (a line
 * names the lesson and the goal), 2 when the lessons cannot be loaded or the arguments are wrong.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConsole, type FileSource } from '../console/index.ts';
import { createCluster, restoreCluster } from '../console/engine-entry.ts';
import { readYamlData } from '../console/manifest/read.ts';
import { ClusterHistory } from '../engine/history.ts';
import type { Cluster } from '../engine/operations.ts';
import { readsHistory, toSample, type Goal, type GoalResult } from '../lessons/goals.ts';
import {
  formatProblem,
  loadCourse,
  startSteps,
  type Chapter,
  type Course,
  type Lesson,
  type ScriptStep,
} from '../lessons/loader.ts';
import { Timeline } from '../lessons/timeline.ts';

/** Every text file under a lessons folder, keyed by its path relative to it (with `/`). */
export function readLessonFiles(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|sim|ya?ml|json)$/.test(entry.name))
        out[relative(folder, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(folder);
  return out;
}

/** A cluster being replayed, with the timeline its goals are read from once they begin. */
interface Replay {
  cluster: Cluster;
  /**
   * The goals begin now, as a lesson begins in the page: from here every write is recorded
   * and every line ends a step of their timeline. Returns their results as of now.
   */
  begin(goals: readonly Goal[]): () => GoalResult[];
  /** Runs lines with `-f` paths relative to the step's lesson folder; returns failed lines. */
  run(step: ScriptStep): { line: string; err: string }[];
}

function createReplay(course: Course, cluster: Cluster): Replay {
  const assets = new Map<string, Record<string, string>>();
  for (const chapter of course.chapters)
    for (const lesson of chapter.lessons) assets.set(lesson.dir, lesson.assets);
  let dir = '';
  const files: FileSource = {
    read: (path) => assets.get(dir)?.[path.replace(/^\.\//, '')],
    list: () => Object.keys(assets.get(dir) ?? {}),
  };
  const kubeConsole = createConsole({ cluster, files });
  // Like the worker: the writes since the last line, then the view after it, are a step.
  let step: (() => void) | undefined;
  return {
    cluster,
    begin(goals) {
      const timeline = new Timeline(goals, toSample(cluster.view({ events: false })));
      const recorder = goals.some(readsHistory) ? new ClusterHistory(cluster) : undefined;
      let read = recorder?.nextSeq ?? 0;
      step = () => {
        const writes = recorder ? recorder.since(read).entries : [];
        read = recorder?.nextSeq ?? 0;
        timeline.step(writes, toSample(cluster.view({ events: false })));
      };
      return () => timeline.results();
    },
    run(script) {
      dir = script.dir;
      const failed: { line: string; err: string }[] = [];
      for (const line of script.lines) {
        const result = kubeConsole.run(line);
        step?.();
        if (result.exit !== 0) failed.push({ line, err: result.err.trim() });
      }
      return failed;
    },
  };
}

/** From the course, a lesson and its chapter, the lesson's failures as lines (none: it passes). */
export function checkLesson(course: Course, chapter: Chapter, lesson: Lesson): string[] {
  const name = `lessons/${lesson.dir} (${lesson.id})`;
  const failures: string[] = [];
  const start = createReplay(course, createCluster({ seed: 1 }));
  for (const step of startSteps(chapter, lesson)) {
    for (const f of start.run(step))
      failures.push(
        `${name}: the start failed at "${f.line}" (from lessons/${step.dir}): ${f.err}`,
      );
  }
  if (failures.length > 0) return failures;
  const startState = start.cluster.snapshot();
  const solved = start.begin(lesson.goals);
  solved().forEach((result, i) => {
    if (result.met)
      failures.push(`${name}: goal ${lesson.goals[i].id} is already met at the start`);
  });

  for (const f of start.run({ dir: lesson.dir, lines: lesson.scripts.solution }))
    failures.push(`${name}: solution.sim failed at "${f.line}": ${f.err}`);
  solved().forEach((result, i) => {
    if (!result.met)
      failures.push(
        `${name}: goal ${lesson.goals[i].id} is unmet after solution.sim: ${result.detail}`,
      );
  });

  const wrong = createReplay(course, restoreCluster(startState));
  const attempted = wrong.begin(lesson.goals);
  wrong.run({ dir: lesson.dir, lines: lesson.scripts.wrong });
  if (attempted().every((result) => result.met))
    failures.push(
      `${name}: every goal is met after wrong.sim (goals ${lesson.goals.map((g) => g.id).join(', ')}); a wrong attempt must leave one unmet`,
    );
  return failures;
}

/**
 * Runs the checker from its arguments, output sinks, the folder LESSON_DIRs are relative to and
 * the package root; returns the exit status.
 */
export function main(
  argv: string[],
  write: (text: string) => void,
  writeError: (text: string) => void,
  cwd: string = process.env.INIT_CWD ?? process.cwd(),
  root: string = process.cwd(),
): number {
  const [command, ...dirs] = argv;
  if (command !== 'check') {
    writeError('usage: npm run --silent lesson -- check [LESSON_DIR...]\n');
    return 2;
  }
  const lessonsFolder = join(root, 'lessons');
  let files: Record<string, string>;
  try {
    files = readLessonFiles(lessonsFolder);
  } catch (error) {
    writeError(`lesson: cannot read ${lessonsFolder}: ${(error as Error).message}\n`);
    return 2;
  }
  const { course, problems } = loadCourse(files, readYamlData);
  if (problems.length > 0) {
    writeError(problems.map((p) => `${formatProblem(p)}\n`).join(''));
    return 2;
  }
  const all = course.chapters.flatMap((chapter) =>
    chapter.lessons.map((lesson) => ({ chapter, lesson })),
  );
  let chosen = all;
  if (dirs.length > 0) {
    chosen = [];
    for (const dir of dirs) {
      const rel = relative(lessonsFolder, resolve(cwd, dir)).split(sep).join('/');
      const matches = all.filter(
        ({ lesson }) => lesson.dir === rel || lesson.dir.startsWith(`${rel}/`),
      );
      if (rel.startsWith('..') || matches.length === 0) {
        writeError(`lesson: ${dir} is no lesson or chapter folder under ${lessonsFolder}\n`);
        return 2;
      }
      chosen.push(...matches.filter((m) => !chosen.includes(m)));
    }
  }
  let failed = 0;
  const out: string[] = [];
  for (const { chapter, lesson } of chosen) {
    const failures = checkLesson(course, chapter, lesson);
    if (failures.length > 0) failed++;
    out.push(
      failures.length === 0
        ? `ok   lessons/${lesson.dir} (${lesson.id}): ${lesson.goals.length} goal${lesson.goals.length === 1 ? '' : 's'}\n`
        : failures.map((f) => `FAIL ${f}\n`).join(''),
    );
  }
  out.push(`${chosen.length - failed} of ${chosen.length} lessons pass\n`);
  write(out.join(''));
  return failed > 0 ? 1 : 0;
}

// Run when executed directly (tsx src/cli/lesson.ts, node build/lesson.mjs), not when imported.
if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  process.exitCode = main(
    process.argv.slice(2),
    (t) => process.stdout.write(t),
    (t) => process.stderr.write(t),
  );
}
