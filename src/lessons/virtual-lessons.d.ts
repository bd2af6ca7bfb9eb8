/** The modules scripts/lessons-plugin.ts makes from lessons/ at build time. */
// An ambient module may not import relative paths, so its types are named with import().
/* eslint-disable @typescript-eslint/consistent-type-imports */
declare module 'virtual:lessons' {
  /** Chapters and lesson titles, for the list (in the first load). */
  export const courseIndex: import('./bundle.ts').CourseIndex;
  /** One loader per lesson id: each lesson is a chunk of its own. */
  export const lessonLoaders: Record<
    string,
    () => Promise<{ default: import('./bundle.ts').LessonBundle }>
  >;
}
