import { describe, expect, it } from 'vitest';
import { readYamlData } from '../../src/console/manifest/read.ts';
import {
  filesOfLine,
  findLesson,
  formatProblem,
  loadCourse,
  splitFrontmatter,
  startSteps,
} from '../../src/lessons/loader.ts';

const CHAPTER = '---\nid: basics\ntitle: Basics\nsummary: The first steps.\n---\nIntro.\n';

function lessonIndex(id: string, extra = ''): string {
  return `---
id: ${id}
title: Lesson ${id}
summary: A lesson.
minutes: 4
goals:
  - id: exists
    text: the DaemonSet exists
    exists: {kind: DaemonSet, name: agent}
${extra}---

Prose of ${id}.
`;
}

/** A two-lesson chapter; the second starts where the first ends. */
function course(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const files: Record<string, string | undefined> = {
    'README.md': '# not a lesson',
    'sandbox/index.md': '---\ntitle: Sandbox\n---\n',
    '01-basics/index.md': CHAPTER,
    '01-basics/01-first/index.md': lessonIndex('first', 'files: [start/agent.yaml]\n'),
    '01-basics/01-first/start.sim': '# nodes\nkubectl apply -f start/nodes.yaml\n\nsim settle\n',
    '01-basics/01-first/solution.sim': 'kubectl apply -f start/agent.yaml\n',
    '01-basics/01-first/wrong.sim': 'kubectl get pods\n',
    '01-basics/01-first/start/nodes.yaml': 'kind: Node',
    '01-basics/01-first/start/agent.yaml': 'kind: DaemonSet',
    '01-basics/02-second/index.md': lessonIndex('second'),
    '01-basics/02-second/solution.sim': 'kubectl delete ds agent\n',
    '01-basics/02-second/wrong.sim': 'kubectl get ds\n',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

const problems = (files: Record<string, string>) =>
  loadCourse(files, readYamlData).problems.map(formatProblem);

describe('the lesson loader', () => {
  it('reads chapters and lessons in folder order, skipping the sandbox and the README', () => {
    const { course: loaded, problems: found } = loadCourse(course(), readYamlData);
    expect(found).toEqual([]);
    expect(loaded.chapters.map((c) => [c.id, c.title, c.prose])).toEqual([
      ['basics', 'Basics', 'Intro.'],
    ]);
    const [first, second] = loaded.chapters[0].lessons;
    expect(first).toMatchObject({
      id: 'first',
      dir: '01-basics/01-first',
      chapterId: 'basics',
      minutes: 4,
      files: ['start/agent.yaml'],
      panels: ['editor', 'console', 'cluster', 'why'],
      clock: 'paused',
      hints: [],
      predict: [],
      prose: 'Prose of first.',
      scripts: {
        start: ['kubectl apply -f start/nodes.yaml', 'sim settle'],
        solution: ['kubectl apply -f start/agent.yaml'],
        wrong: ['kubectl get pods'],
      },
    });
    expect(Object.keys(first.assets).sort()).toEqual(['start/agent.yaml', 'start/nodes.yaml']);
    expect(second.scripts.start).toBeUndefined();
  });

  it('accepts the paths Vite gives (/lessons/...)', () => {
    const files = Object.fromEntries(
      Object.entries(course()).map(([k, v]) => [`/lessons/${k}`, v]),
    );
    expect(loadCourse(files, readYamlData).course.chapters[0].lessons).toHaveLength(2);
  });

  it('starts a lesson without start.sim from the previous lesson plus its solution', () => {
    const { course: loaded } = loadCourse(course(), readYamlData);
    const found = findLesson(loaded, 'second');
    expect(found && startSteps(found.chapter, found.lesson)).toEqual([
      { dir: '01-basics/01-first', lines: ['kubectl apply -f start/nodes.yaml', 'sim settle'] },
      { dir: '01-basics/01-first', lines: ['kubectl apply -f start/agent.yaml'] },
    ]);
  });

  it('reports a malformed frontmatter by file and field', () => {
    const bad = `---
id: first
title: First
summary: A lesson.
minutes: "four"
panels: [editor, terminal]
goals:
  - id: g
    text: x
    exists: {kind: DaemonSet}
predict:
  - id: q
    before: kubectl apply -f elsewhere.yaml
    question: What happens?
    choices: [a, b]
    answer: c
    explanation: Because.
colour: blue
---
`;
    expect(problems(course({ '01-basics/01-first/index.md': bad }))).toEqual([
      'lessons/01-basics/01-first/index.md: minutes: must be a whole number, not the text "four"',
      'lessons/01-basics/01-first/index.md: predict[0].answer: must be one of the choices, written the same way (got "c")',
      'lessons/01-basics/01-first/index.md: panels[1]: must be one of editor, console, cluster, why, not "terminal"',
      'lessons/01-basics/01-first/index.md: colour: is not a known field (known here: id, title, summary, minutes, goals, hints, predict, files, panels, clock)',
      'lessons/01-basics/01-first/index.md: goals[0].exists.name: is required',
    ]);
  });

  it('reports YAML errors with the file line, and duplicate fields', () => {
    expect(
      problems(course({ '01-basics/01-first/index.md': '---\nid: first\ntitle: [a\n---\n' })),
    ).toEqual([expect.stringMatching(/^lessons\/01-basics\/01-first\/index\.md: line \d+: /)]);
    expect(
      problems(
        course({ '01-basics/index.md': '---\nid: basics\nid: again\ntitle: B\nsummary: S\n---\n' }),
      ),
    ).toEqual(['lessons/01-basics/index.md: id: is given twice (line 3)']);
    expect(problems(course({ '01-basics/index.md': 'no frontmatter' }))).toEqual([
      'lessons/01-basics/index.md: must start with a frontmatter block between two --- lines',
    ]);
  });

  it('reports missing scripts, files a script or the frontmatter names, and repeated ids', () => {
    expect(
      problems(
        course({
          '01-basics/01-first/start.sim': undefined,
          '01-basics/01-first/wrong.sim': 'kubectl apply -f wrong/agent.yaml\n',
          '01-basics/02-second/index.md': lessonIndex('first', 'files: [gone.yaml]\n'),
          '01-basics/02-second/solution.sim': undefined,
        }),
      ),
    ).toEqual([
      'lessons/01-basics/01-first/start.sim: is missing: the first lesson of a chapter must say how its cluster starts',
      'lessons/01-basics/01-first/wrong.sim: reads wrong/agent.yaml, which is not in the lesson folder (paths are relative to it)',
      'lessons/01-basics/02-second/solution.sim: is missing (every lesson has one)',
      'lessons/01-basics/02-second/index.md: files[0]: names gone.yaml, which is not in the lesson folder',
    ]);
    expect(problems(course({ '01-basics/02-second/index.md': lessonIndex('first') }))).toEqual([
      'lessons/01-basics/02-second/index.md: id: repeats the id of 01-basics/01-first',
    ]);
  });

  it('ties a predict question to a line of solution.sim', () => {
    const predict = `predict:
  - id: q
    before: kubectl apply -f start/agent.yaml
    question: How many pods?
    choices: ["one", "three"]
    answer: three
    explanation: One per worker.
`;
    const files = course({ '01-basics/01-first/index.md': lessonIndex('first', predict) });
    const { course: loaded, problems: found } = loadCourse(files, readYamlData);
    expect(found).toEqual([]);
    expect(loaded.chapters[0].lessons[0].predict[0]).toMatchObject({
      before: 'kubectl apply -f start/agent.yaml',
      answer: 'three',
    });
  });
});

describe('lesson file helpers', () => {
  it('splits a frontmatter block from the Markdown after it', () => {
    expect(splitFrontmatter('---\na: 1\n---\nbody\n')).toEqual({ yaml: 'a: 1', body: 'body\n' });
    expect(splitFrontmatter('body only')).toEqual({ body: 'body only' });
  });

  it('finds the files a console line reads', () => {
    expect(filesOfLine('kubectl apply -f a.yaml --filename b.yaml --filename=c.yaml')).toEqual([
      'a.yaml',
      'b.yaml',
      'c.yaml',
    ]);
    expect(filesOfLine('kubectl get pods')).toEqual([]);
  });
});
