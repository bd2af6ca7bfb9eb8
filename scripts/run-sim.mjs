// Starts the headless runner fast: runs build/sim.mjs (an esbuild bundle of src/cli/sim.ts),
// rebuilding it first when any source file is newer. Node 20 cannot run TypeScript itself, and
// compiling through tsx at every start costs seconds; the bundle starts in a few hundred ms.
// Usage (as the package.json `sim` script): node scripts/run-sim.mjs [--format=...] [--seed=N] FILE
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'build', 'sim.mjs');

/** Newest modification time under the folders the runner is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const folder of ['src/cli', 'src/console', 'src/engine']) {
    const full = join(root, folder);
    if (existsSync(full)) walk(full);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) {
  const { buildSync } = await import('esbuild');
  buildSync({
    entryPoints: [join(root, 'src/cli/sim.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = main(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
