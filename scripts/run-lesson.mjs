// Starts the lesson checker fast from its bundle (see cli-bundle.mjs).
// Usage (as the package.json `lesson` script): node scripts/run-lesson.mjs check [LESSON_DIR...]
import { loadCli, root } from './cli-bundle.mjs';

const { main } = await loadCli('lesson');
process.exitCode = main(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
  process.env.INIT_CWD ?? process.cwd(),
  root,
);
