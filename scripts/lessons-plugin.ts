/**
 * The Vite plugin that puts the lessons into the site: at build start it loads every lesson
 * under lessons/ with the checker's loader and YAML reader, and a malformed lesson fails the
 * build with its file and field. The page imports `virtual:lessons`, a small course index with
 * one dynamic import per lesson, so each lesson's text and manifests are a chunk of their own,
 * fetched when the lesson opens.
 */
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { readLessonFiles } from '../src/cli/lesson.ts';
import { readYamlData } from '../src/console/manifest/read.ts';
import { toCourseIndex, toLessonBundle } from '../src/lessons/bundle.ts';
import { formatProblem, loadCourse, type Course } from '../src/lessons/loader.ts';

const INDEX_ID = 'virtual:lessons';
const LESSON_PREFIX = 'virtual:lessons/';

/** From the project root, the plugin; `lessonsDir` defaults to `<root>/lessons`. */
export function lessonsPlugin(options: { lessonsDir?: string } = {}): Plugin {
  let folder = '';
  let course: Course | undefined;

  /** Loads the course, or throws one error listing every problem by file and field. */
  const load = (): Course => {
    const loaded = loadCourse(readLessonFiles(folder), readYamlData);
    if (loaded.problems.length > 0)
      throw new Error(
        `the lessons have problems:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      );
    return loaded.course;
  };

  return {
    name: 'dsp-lessons',
    configResolved(config) {
      folder = options.lessonsDir ?? join(config.root, 'lessons');
    },
    buildStart() {
      course = load();
      this.addWatchFile(folder);
    },
    watchChange(id) {
      if (id.startsWith(folder)) course = undefined;
    },
    resolveId(id) {
      if (id === INDEX_ID || id.startsWith(LESSON_PREFIX)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${INDEX_ID}`)) return undefined;
      course ??= load();
      const name = id.slice(1);
      if (name === INDEX_ID) {
        const loaders = course.chapters
          .flatMap((c) => c.lessons)
          .map(
            (l) =>
              `  ${JSON.stringify(l.id)}: () => import(${JSON.stringify(LESSON_PREFIX + l.id)}),`,
          );
        return [
          `export const courseIndex = JSON.parse(${JSON.stringify(JSON.stringify(toCourseIndex(course)))});`,
          `export const lessonLoaders = {\n${loaders.join('\n')}\n};`,
        ].join('\n');
      }
      const lessonId = name.slice(LESSON_PREFIX.length);
      for (const chapter of course.chapters)
        for (const lesson of chapter.lessons)
          if (lesson.id === lessonId) {
            const bundle = toLessonBundle(course, chapter, lesson);
            return `export default JSON.parse(${JSON.stringify(JSON.stringify(bundle))});`;
          }
      this.error(`no lesson has the id ${lessonId}`);
    },
  };
}
