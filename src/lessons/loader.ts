/**
 * The lesson loader: from the text of the files under `lessons/` (the page gets them from
 * Vite at build time, the checker from the disk), the chapters and their lessons, or every
 * problem found, each naming its file and field. The YAML reader is passed in: it is the
 * console's (the one manifests use), and src/lessons may not import the console.
 */
import { parseGoals, type Goal } from './goals.ts';
import {
  childPath,
  integer,
  list,
  object,
  refine,
  text,
  type Schema,
  type SchemaIssue,
} from './schema.ts';

/** What the YAML reader makes of a frontmatter block (console/manifest/read.ts readYamlData). */
export type YamlReader = (
  text: string,
) =>
  | { ok: true; value: unknown; duplicates: { key: string; line: number }[] }
  | { ok: false; problem: string; line: number };

/** A predict-then-observe question, asked before a command runs. */
export interface PredictQuestion {
  id: string;
  /** The command (a line of solution.sim) the question is asked before. */
  before: string;
  question: string;
  choices: string[];
  /** The right choice, written exactly as in `choices`. */
  answer: string;
  /** Shown after the command ran, right or wrong. */
  explanation: string;
}

/** The panels a lesson may show. */
export const PANELS = ['editor', 'console', 'cluster', 'why'] as const;
export type Panel = (typeof PANELS)[number];

/** A lesson's frontmatter, validated. */
export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  goals: Goal[];
  hints: string[];
  predict: PredictQuestion[];
  /** Files opened as editor tabs, relative to the lesson folder, in tab order. */
  files: string[];
  panels: Panel[];
  clock: 'paused' | 'playing';
}

export interface Lesson extends LessonMeta {
  /** Folder under lessons/, e.g. `01-what-is-a-daemonset/02-pods-follow-nodes`. */
  dir: string;
  chapterId: string;
  /** The Markdown after the frontmatter. */
  prose: string;
  /** Console lines of each script (blank lines and `#` comments dropped); start may be absent. */
  scripts: { start?: string[]; solution: string[]; wrong: string[] };
  /** Every other file of the lesson folder, by path relative to it (`start/agent.yaml`). */
  assets: Record<string, string>;
}

export interface Chapter {
  id: string;
  dir: string;
  title: string;
  summary: string;
  prose: string;
  lessons: Lesson[];
}

export interface Course {
  chapters: Chapter[];
}

/** A problem in a lesson file: `file` is relative to lessons/, `field` a path in its frontmatter. */
export interface LessonProblem {
  file: string;
  field?: string;
  message: string;
}

/** A problem as one line: `lessons/01-x/index.md: goals[0].text: is required`. */
export function formatProblem(problem: LessonProblem): string {
  return `lessons/${problem.file}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

const slug = text({
  pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  patternHint: 'lower-case words joined by -',
});

const chapterSchema = object({ id: slug, title: text(), summary: text() });

const predictSchema: Schema<PredictQuestion> = refine(
  object({
    id: slug,
    before: text(),
    question: text(),
    choices: list(text(), { min: 2, max: 6 }),
    answer: text(),
    explanation: text(),
  }),
  (q, path, issues) => {
    if (!q.choices.includes(q.answer))
      issues.push({
        path: childPath(path, 'answer'),
        message: `must be one of the choices, written the same way (got ${JSON.stringify(q.answer)})`,
      });
  },
);

const lessonSchema = object(
  {
    id: slug,
    title: text(),
    summary: text(),
    minutes: integer({ min: 1, max: 30 }),
    goals: { parse: (v: unknown) => v } as Schema<unknown>,
  },
  {
    hints: list(text()),
    predict: list(predictSchema),
    files: list(text()),
    panels: list(text({ oneOf: PANELS })),
    clock: text({ oneOf: ['paused', 'playing'] }),
  },
);

/** From a Markdown file with a `---` fenced frontmatter, the frontmatter text and the body. */
export function splitFrontmatter(source: string): { yaml?: string; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { body: source };
  return { yaml: match[1], body: source.slice(match[0].length) };
}

/** Console lines of a `.sim` script: blank lines and `#` comments dropped. */
export function scriptLines(source: string): string[] {
  return source
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Paths a console line reads with `-f` / `--filename` (the lessons' scripts do not quote them). */
export function filesOfLine(line: string): string[] {
  const words = line.split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === '-f' || w === '--filename') && i + 1 < words.length) out.push(words[++i]);
    else if (w.startsWith('--filename=')) out.push(w.slice('--filename='.length));
    else if (w.startsWith('-f=')) out.push(w.slice(3));
  }
  return out;
}

function readFrontmatter(
  file: string,
  source: string,
  readYaml: YamlReader,
  problems: LessonProblem[],
): { value?: Record<string, unknown>; body: string } {
  const { yaml, body } = splitFrontmatter(source);
  if (yaml === undefined) {
    problems.push({ file, message: 'must start with a frontmatter block between two --- lines' });
    return { body };
  }
  const read = readYaml(yaml);
  if (!read.ok) {
    // The frontmatter starts on the file's second line.
    problems.push({ file, message: `line ${read.line + 1}: ${read.problem}` });
    return { body };
  }
  for (const d of read.duplicates)
    problems.push({ file, field: d.key, message: `is given twice (line ${d.line + 1})` });
  if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) {
    problems.push({ file, message: 'the frontmatter must be a mapping of fields' });
    return { body };
  }
  return { value: read.value as Record<string, unknown>, body };
}

function pushIssues(file: string, issues: SchemaIssue[], problems: LessonProblem[]): void {
  for (const issue of issues) problems.push({ file, field: issue.path, message: issue.message });
}

const FOLDER = /^\d\d-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * From the files under lessons/ (path relative to it, or starting with `/lessons/` as Vite
 * names them, to text) and the YAML reader, the course in folder order and every problem.
 * The sandbox folder and the README are not lessons and are skipped.
 */
export function loadCourse(
  files: Record<string, string>,
  readYaml: YamlReader,
): { course: Course; problems: LessonProblem[] } {
  const problems: LessonProblem[] = [];
  const byDir = new Map<string, Map<string, string>>();
  for (const [rawPath, content] of Object.entries(files)) {
    const path = rawPath.replace(/^\/?lessons\//, '');
    const parts = path.split('/');
    if (parts[0] === 'sandbox' || parts.length < 2) continue;
    const dir = parts.length >= 3 && FOLDER.test(parts[1]) ? parts.slice(0, 2).join('/') : parts[0];
    const rest = path.slice(dir.length + 1);
    if (!byDir.has(dir)) byDir.set(dir, new Map());
    byDir.get(dir)?.set(rest, content);
  }
  const chapterDirs = [...byDir.keys()].filter((d) => !d.includes('/')).sort();
  const chapters: Chapter[] = [];
  const lessonIds = new Map<string, string>();
  for (const chapterDir of chapterDirs) {
    if (!FOLDER.test(chapterDir)) {
      problems.push({
        file: `${chapterDir}/`,
        message: 'a chapter folder is named NN-words, e.g. 01-basics',
      });
      continue;
    }
    const chapterFile = `${chapterDir}/index.md`;
    const source = byDir.get(chapterDir)?.get('index.md');
    if (source === undefined) {
      problems.push({ file: chapterFile, message: 'is missing (every chapter has one)' });
      continue;
    }
    const front = readFrontmatter(chapterFile, source, readYaml, problems);
    const issues: SchemaIssue[] = [];
    const meta = front.value ? chapterSchema.parse(front.value, '', issues) : undefined;
    pushIssues(chapterFile, issues, problems);
    const lessonDirs = [...byDir.keys()].filter((d) => d.startsWith(`${chapterDir}/`)).sort();
    const lessons: Lesson[] = [];
    lessonDirs.forEach((lessonDir, index) => {
      const lessonFiles = byDir.get(lessonDir) ?? new Map<string, string>();
      // Checked on the folder, not the loaded lesson: a broken first lesson must not make the
      // second one look first.
      if (index === 0 && !lessonFiles.has('start.sim'))
        problems.push({
          file: `${lessonDir}/start.sim`,
          message: 'is missing: the first lesson of a chapter must say how its cluster starts',
        });
      const lesson = loadLesson(lessonDir, lessonFiles, meta?.id ?? chapterDir, readYaml, problems);
      if (!lesson) return;
      const other = lessonIds.get(lesson.id);
      if (other !== undefined)
        problems.push({
          file: `${lessonDir}/index.md`,
          field: 'id',
          message: `repeats the id of ${other}`,
        });
      lessonIds.set(lesson.id, lessonDir);
      lessons.push(lesson);
    });
    if (meta) chapters.push({ ...meta, dir: chapterDir, prose: front.body.trim(), lessons });
  }
  return { course: { chapters }, problems };
}

function loadLesson(
  dir: string,
  files: Map<string, string>,
  chapterId: string,
  readYaml: YamlReader,
  problems: LessonProblem[],
): Lesson | undefined {
  const file = `${dir}/index.md`;
  const before = problems.length;
  const source = files.get('index.md');
  if (source === undefined) {
    problems.push({ file, message: 'is missing (every lesson has one)' });
    return undefined;
  }
  const front = readFrontmatter(file, source, readYaml, problems);
  if (!front.value) return undefined;
  const issues: SchemaIssue[] = [];
  const meta = lessonSchema.parse(front.value, '', issues);
  const { goals, issues: goalIssues } = parseGoals(front.value.goals);
  pushIssues(file, [...issues, ...(front.value.goals === undefined ? [] : goalIssues)], problems);
  const script = (name: string, required: boolean): string[] | undefined => {
    const text = files.get(name);
    if (text === undefined) {
      if (required)
        problems.push({ file: `${dir}/${name}`, message: 'is missing (every lesson has one)' });
      return undefined;
    }
    const lines = scriptLines(text);
    for (const line of lines)
      for (const path of filesOfLine(line))
        if (!files.has(path.replace(/^\.\//, '')))
          problems.push({
            file: `${dir}/${name}`,
            message: `reads ${path}, which is not in the lesson folder (paths are relative to it)`,
          });
    return lines;
  };
  const start = script('start.sim', false);
  const solution = script('solution.sim', true) ?? [];
  const wrong = script('wrong.sim', true) ?? [];
  if (meta) {
    (meta.files ?? []).forEach((path, i) => {
      if (!files.has(path))
        problems.push({
          file,
          field: `files[${i}]`,
          message: `names ${path}, which is not in the lesson folder`,
        });
    });
    (meta.predict ?? []).forEach((q, i) => {
      if (!solution.includes(q.before))
        problems.push({
          file,
          field: `predict[${i}].before`,
          message: `must be a line of solution.sim, written the same way (got ${JSON.stringify(q.before)})`,
        });
    });
    const ids = new Set<string>();
    (meta.predict ?? []).forEach((q, i) => {
      if (ids.has(q.id))
        problems.push({ file, field: `predict[${i}].id`, message: `repeats the id "${q.id}"` });
      ids.add(q.id);
    });
  }
  if (!meta || !goals || problems.length > before) return undefined;
  const assets: Record<string, string> = {};
  for (const [path, content] of files)
    if (!['index.md', 'start.sim', 'solution.sim', 'wrong.sim'].includes(path))
      assets[path] = content;
  return {
    id: meta.id,
    title: meta.title,
    summary: meta.summary,
    minutes: meta.minutes,
    goals,
    hints: meta.hints ?? [],
    predict: meta.predict ?? [],
    files: meta.files ?? [],
    panels: (meta.panels as Panel[] | undefined) ?? [...PANELS],
    clock: (meta.clock as 'paused' | 'playing' | undefined) ?? 'paused',
    dir,
    chapterId,
    prose: front.body.trim(),
    scripts: { start, solution, wrong },
    assets,
  };
}

/** One run of console lines whose `-f` paths are relative to a lesson folder. */
export interface ScriptStep {
  /** The lesson folder (under lessons/) the lines read files from. */
  dir: string;
  lines: string[];
}

/**
 * From a chapter and a lesson of it, the lines that build the lesson's starting cluster: its
 * own start.sim, or else the previous lesson's start followed by that lesson's solution.
 */
export function startSteps(chapter: Chapter, lesson: Lesson): ScriptStep[] {
  const index = chapter.lessons.indexOf(lesson);
  if (index < 0) throw new Error(`lesson ${lesson.id} is not in chapter ${chapter.id}`);
  if (lesson.scripts.start !== undefined) return [{ dir: lesson.dir, lines: lesson.scripts.start }];
  if (index === 0) return [];
  const previous = chapter.lessons[index - 1];
  return [
    ...startSteps(chapter, previous),
    { dir: previous.dir, lines: previous.scripts.solution },
  ];
}

/** From a course and a lesson id, the lesson and its chapter. */
export function findLesson(
  course: Course,
  id: string,
): { chapter: Chapter; lesson: Lesson } | undefined {
  for (const chapter of course.chapters)
    for (const lesson of chapter.lessons) if (lesson.id === id) return { chapter, lesson };
  return undefined;
}
