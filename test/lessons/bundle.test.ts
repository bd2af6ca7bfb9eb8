import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readLessonFiles } from '../../src/cli/lesson.ts';
import { readYamlData } from '../../src/console/manifest/read.ts';
import { toCourseIndex, toLessonBundle } from '../../src/lessons/bundle.ts';
import { findLesson, loadCourse } from '../../src/lessons/loader.ts';
import { lessonsPlugin } from '../../scripts/lessons-plugin.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { course } = loadCourse(readLessonFiles(join(ROOT, 'lessons')), readYamlData);

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Runs the plugin's build start on a project root, as Vite does; resolves with its error. */
function buildStartError(root: string): string | undefined {
  const plugin = lessonsPlugin();
  const configResolved = plugin.configResolved as (config: { root: string }) => void;
  const buildStart = plugin.buildStart as (this: unknown) => void;
  configResolved({ root });
  try {
    buildStart.call({ addWatchFile: () => {} });
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

describe('the course index', () => {
  it('lists every lesson by chapter with its title and minutes, and no lesson text', () => {
    const index = toCourseIndex(course);
    expect(index.chapters.flatMap((c) => c.lessons.map((l) => l.id))).toEqual(
      course.chapters.flatMap((c) => c.lessons.map((l) => l.id)),
    );
    expect(index.chapters[0].lessons[0]).toEqual({
      id: 'one-pod-per-node',
      title: 'One pod per node',
      summary: 'Apply a minimal DaemonSet and see it place exactly one pod on each worker.',
      minutes: 4,
    });
    expect(JSON.stringify(index)).not.toContain('apiVersion');
  });

  it('stays a small part of the first load (under 4 KiB gzipped)', () => {
    const bytes = gzipSync(JSON.stringify(toCourseIndex(course)), { level: 9 }).length;
    expect(bytes).toBeLessThan(4 * 1024);
  });
});

describe('a lesson bundle', () => {
  it('builds a lesson without start.sim from the previous lesson, with the files its lines read', () => {
    const found = findLesson(course, 'pods-follow-nodes');
    if (!found) throw new Error('pods-follow-nodes is missing');
    const previous = found.chapter.lessons[0];
    const bundle = toLessonBundle(course, found.chapter, found.lesson);
    expect(bundle.start.map((s) => s.lines)).toEqual([
      previous.scripts.start,
      previous.scripts.solution,
    ]);
    expect(Object.keys(bundle.start[0].files)).toEqual(['start/nodes.yaml']);
    expect(bundle.start[1].files['solution/node-agent.yaml']).toBe(
      previous.assets['solution/node-agent.yaml'],
    );
    expect(bundle.chapterTitle).toBe(found.chapter.title);
  });

  it('leaves out wrong.sim, which only the checker plays', () => {
    const found = findLesson(course, 'one-pod-per-node');
    if (!found) throw new Error('one-pod-per-node is missing');
    const bundle = toLessonBundle(course, found.chapter, found.lesson);
    expect(Object.keys(bundle.lesson.scripts)).toEqual(['solution']);
  });
});

describe('the lessons build plugin', () => {
  it('accepts the lessons as they are', () => {
    expect(buildStartError(ROOT)).toBeUndefined();
  });

  it('fails the build on a malformed lesson, naming its file and field', () => {
    const root = mkdtempSync(join(tmpdir(), 'lessons-plugin-'));
    temps.push(root);
    cpSync(
      join(ROOT, 'lessons/01-what-is-a-daemonset'),
      join(root, 'lessons/01-what-is-a-daemonset'),
      {
        recursive: true,
      },
    );
    const index = join(root, 'lessons/01-what-is-a-daemonset/01-one-pod-per-node/index.md');
    writeFileSync(index, readFileSync(index, 'utf8').replace('minutes: 4', 'minutes: four'));
    expect(buildStartError(root)).toContain(
      'lessons/01-what-is-a-daemonset/01-one-pod-per-node/index.md: minutes:',
    );
  });
});
