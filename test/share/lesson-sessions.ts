/**
 * Lesson-size sessions for the size tests: for every lesson, the log a learner leaves after
 * the lesson's start and its solution, with every manifest of the lesson open in the editor.
 */
import { fileURLToPath } from 'node:url';
import { readLessonFiles } from '../../src/cli/lesson.ts';
import { readYamlData } from '../../src/console/manifest/read.ts';
import { loadCourse, startSteps } from '../../src/lessons/loader.ts';
import type { LogEntry } from '../../src/protocol/messages.ts';
import { ENGINE_VERSION } from '../../src/share/engine-version.ts';
import type { SharedSession } from '../../src/share/session.ts';

const LESSONS = fileURLToPath(new URL('../../lessons/', import.meta.url));

/** Every lesson's session after its solution, by lesson id. */
export function lessonSessions(): Map<string, SharedSession> {
  const { course } = loadCourse(readLessonFiles(LESSONS), readYamlData);
  const out = new Map<string, SharedSession>();
  for (const chapter of course.chapters)
    for (const lesson of chapter.lessons) {
      const files: Record<string, string> = {};
      for (const [path, text] of Object.entries(lesson.assets))
        if (/\.ya?ml$/.test(path)) files[path] = text;
      const lines = [
        ...startSteps(chapter, lesson).flatMap((step) => step.lines),
        ...lesson.scripts.solution,
      ];
      // Commands a few simulated seconds apart, as a learner types them.
      const entries: LogEntry[] = lines.map((line, i) => ({ atMs: i * 7_250, line }));
      out.set(lesson.id, {
        log: { seed: 20_260_101, files, entries },
        lessonId: lesson.id,
        engineVersion: ENGINE_VERSION,
      });
    }
  return out;
}
