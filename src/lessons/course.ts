/**
 * The course in the page: the index (in the first load) and each lesson's bundle, fetched when
 * the lesson opens and kept once fetched.
 */
import { courseIndex, lessonLoaders } from 'virtual:lessons';
import type { CourseIndex, LessonBundle } from './bundle.ts';

export type { CourseIndex, LessonBundle, LessonEntry } from './bundle.ts';

/** The chapters and lessons, for the list. */
export const COURSE: CourseIndex = courseIndex;

/** Whether a lesson with this id exists. */
export function hasLesson(id: string): boolean {
  return Object.hasOwn(lessonLoaders, id);
}

/** From a lesson id, its bundle (undefined for an unknown id). */
export async function loadLessonBundle(id: string): Promise<LessonBundle | undefined> {
  if (!hasLesson(id)) return undefined;
  return (await lessonLoaders[id]()).default;
}
