/**
 * The headless runner: `npm run --silent sim -- [--format=text|jsonl] [--seed=N] SCRIPT_FILE`.
 * Prints only the run's output; exits 0 when the script ran (each command's failure is in its
 * record) and 2 when the script or the arguments cannot be used.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { recordLine, runScript, type FileSource } from '../console/index.ts';
import { decodeUtf16WithBom } from '../console/manifest/encoding.ts';

export interface CliOptions {
  format: 'text' | 'jsonl';
  seed: number;
  script: string;
}

/** From the runner's arguments, its options or a usage error. */
export function parseCliArgs(argv: string[]): CliOptions | { error: string } {
  let format: 'text' | 'jsonl' = 'text';
  let seed = 1;
  let script: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--')
      ? [arg.split('=')[0], arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined]
      : [arg, undefined];
    if (name === '--format') {
      const value = inline ?? argv[++i];
      if (value !== 'text' && value !== 'jsonl')
        return { error: `sim: --format must be text or jsonl, not "${value ?? ''}"` };
      format = value;
    } else if (name === '--seed') {
      const value = inline ?? argv[++i];
      if (value === undefined || !/^-?\d+$/.test(value))
        return { error: `sim: --seed must be an integer, not "${value ?? ''}"` };
      seed = Number(value);
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `sim: unknown option ${arg}` };
    } else if (script === undefined) {
      script = arg;
    } else {
      return { error: `sim: only one SCRIPT_FILE may be given (got "${script}" and "${arg}")` };
    }
  }
  if (script === undefined)
    return { error: 'usage: npm run --silent sim -- [--format=text|jsonl] [--seed=N] SCRIPT_FILE' };
  return { format, seed, script };
}

/** A file source reading paths relative to the script's folder. */
export function folderFiles(folder: string): FileSource {
  return {
    read(path) {
      try {
        const full = resolve(folder, path);
        if (!statSync(full).isFile()) return undefined;
        const bytes = readFileSync(full);
        // UTF-16 with a byte order mark is decoded as kubectl's file reader does.
        return decodeUtf16WithBom(bytes) ?? bytes.toString('utf8');
      } catch {
        return undefined;
      }
    },
    list() {
      const out: string[] = [];
      const walk = (dir: string, depth: number): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const full = join(dir, entry.name);
          if (entry.isDirectory() && depth < 3) walk(full, depth + 1);
          else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(relative(folder, full));
        }
      };
      try {
        walk(folder, 0);
      } catch {
        // An unreadable folder simply offers no completions.
      }
      return out.sort();
    },
  };
}

/**
 * Runs the CLI from its arguments, output sinks and the folder relative paths are read from
 * (`npm run` starts scripts in the package root and passes the caller's folder as INIT_CWD, so
 * `npm run sim -- start.sim` must look for start.sim where the learner typed it); returns the
 * process exit status.
 */
export function main(
  argv: string[],
  write: (text: string) => void,
  writeError: (text: string) => void,
  cwd: string = process.env.INIT_CWD ?? process.cwd(),
): number {
  const options = parseCliArgs(argv);
  if ('error' in options) {
    writeError(`${options.error}\n`);
    return 2;
  }
  const scriptPath = resolve(cwd, options.script);
  let script: string;
  try {
    script = readFileSync(scriptPath, 'utf8');
  } catch (error) {
    writeError(`sim: cannot read ${options.script}: ${(error as Error).message}\n`);
    return 2;
  }
  const records = runScript(script, {
    seed: options.seed,
    files: folderFiles(dirname(scriptPath)),
  });
  const chunks: string[] = [];
  for (const r of records) {
    chunks.push(options.format === 'jsonl' ? recordLine(r) : r.out + r.err);
  }
  write(chunks.join(''));
  return 0;
}

// Run when executed directly (tsx src/cli/sim.ts, node build/sim.mjs), not when imported by
// tests or by scripts/run-sim.mjs.
if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  process.exitCode = main(
    process.argv.slice(2),
    (t) => process.stdout.write(t),
    (t) => process.stderr.write(t),
  );
}
