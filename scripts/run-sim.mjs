// Starts the headless runner fast from its bundle (see cli-bundle.mjs).
// Usage (as the package.json `sim` script): node scripts/run-sim.mjs [--format=...] [--seed=N] FILE
import { loadCli } from './cli-bundle.mjs';

const { main } = await loadCli('sim');
process.exitCode = main(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
