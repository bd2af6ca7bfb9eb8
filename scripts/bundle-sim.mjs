// Bundles the headless runner into one ES module (build/sim.mjs) so `node build/sim.mjs` starts
// without tsx compiling TypeScript at every run. Usage: node scripts/bundle-sim.mjs
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/sim.ts'],
  outfile: 'build/sim.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
