// Loads a headless CLI (src/cli/NAME.ts) from an esbuild bundle in build/NAME.mjs, rebuilding
// the bundle first when any source file is newer. Node 20 cannot run TypeScript itself, and
// compiling through tsx at every start costs seconds; the bundle starts in a few hundred ms.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time under the folders the CLIs are built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const folder of ['src/cli', 'src/console', 'src/engine', 'src/lessons']) {
    const full = join(root, folder);
    if (existsSync(full)) walk(full);
  }
  return newest;
}

/** From a CLI's name, its module (built or rebuilt as needed). */
export async function loadCli(name) {
  const bundle = join(root, 'build', `${name}.mjs`);
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) {
    const { buildSync } = await import('esbuild');
    buildSync({
      entryPoints: [join(root, 'src', 'cli', `${name}.ts`)],
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
  return import(pathToFileURL(bundle).href);
}
