/**
 * What the page loads of the course: a small index (chapters, lesson titles and minutes) in the
 * first load, and one bundle per lesson (its text, goals, scripts and files) when it is opened.
 * Both are made at build time from the loaded course (`scripts/lessons-plugin.ts`), so a lesson
 * the page shows has passed the loader's checks.
 */
import { filesOfLine, startSteps, type Chapter, type Course, type Lesson } from './loader.ts';

/** A lesson as the list shows it. */
export interface LessonEntry {
  id: string;
  title: string;
  summary: string;
  minutes: number;
}

/** The course as the list shows it: chapters in order, each with its lessons. */
export interface CourseIndex {
  chapters: { id: string; title: string; summary: string; lessons: LessonEntry[] }[];
}

/** One run of start lines, with the files its `-f` paths name (relative to their lesson). */
export interface StartStep {
  lines: string[];
  files: Record<string, string>;
}

/** Everything the page needs to play one lesson. */
export interface LessonBundle {
  lesson: Omit<Lesson, 'scripts'> & { scripts: { solution: string[] } };
  chapterTitle: string;
  /** The lines that build the starting cluster (the previous lessons' solutions when it has no start.sim). */
  start: StartStep[];
}

/** From the loaded course, its index. */
export function toCourseIndex(course: Course): CourseIndex {
  return {
    chapters: course.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      summary: c.summary,
      lessons: c.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        summary: l.summary,
        minutes: l.minutes,
      })),
    })),
  };
}

/**
 * From the course, a chapter and one of its lessons, the lesson's bundle. wrong.sim stays out:
 * it is for the checker, and the page never plays it.
 */
export function toLessonBundle(course: Course, chapter: Chapter, lesson: Lesson): LessonBundle {
  const assetsOf = new Map<string, Record<string, string>>();
  for (const c of course.chapters) for (const l of c.lessons) assetsOf.set(l.dir, l.assets);
  const start = startSteps(chapter, lesson).map((step) => {
    const files: Record<string, string> = {};
    for (const line of step.lines)
      for (const path of filesOfLine(line)) {
        const name = path.replace(/^\.\//, '');
        const text = assetsOf.get(step.dir)?.[name];
        if (text !== undefined) files[name] = text;
      }
    return { lines: step.lines, files };
  });
  const { scripts, ...rest } = lesson;
  return {
    lesson: { ...rest, scripts: { solution: scripts.solution } },
    chapterTitle: chapter.title,
    start,
  };
}
