/**
 * Gets what the tests need beyond npm packages, so `npm test` runs everything on a fresh Debian
 * machine: a Chromium for the browser tests (required) and shellcheck for the replay script's
 * lint tests (wanted; without it those tests are skipped loudly). What is missing is installed
 * with Debian's apt-get, through sudo when not root; when that cannot be done, the message says
 * what to do instead. Run first by `npm test`, or alone with `npm run test:tools`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** What the plan looks at: the environment, the filesystem and the commands on PATH. */
export interface ToolsProbe {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** Whether a command is on PATH. */
  has(command: string): boolean;
  isRoot: boolean;
}

/** Where Debian's package puts Chromium; the tests look there when CHROMIUM_PATH is unset. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the tests would use: a path, Playwright's own download, or none. */
export type ChromiumFound =
  { kind: 'path'; path: string } | { kind: 'playwright' } | { kind: 'none'; problem: string };

const INSTALL_HINT =
  "install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary";

/**
 * Finds the browser for tests: CHROMIUM_PATH if set (and it must exist), else Debian's
 * /usr/bin/chromium, else Playwright's own download if one is installed.
 */
export function locateChromium(probe: ToolsProbe): ChromiumFound {
  const fromEnv = probe.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (probe.exists(fromEnv)) return { kind: 'path', path: fromEnv };
    return { kind: 'none', problem: `CHROMIUM_PATH=${fromEnv} does not exist: ${INSTALL_HINT}.` };
  }
  if (probe.exists(DEBIAN_CHROMIUM)) return { kind: 'path', path: DEBIAN_CHROMIUM };
  const playwright =
    probe.env.PLAYWRIGHT_BROWSERS_PATH ?? `${probe.env.HOME ?? ''}/.cache/ms-playwright`;
  if (probe.exists(playwright)) return { kind: 'playwright' };
  return { kind: 'none', problem: `No Chromium found: ${INSTALL_HINT}.` };
}

/** What to do before the tests run. */
export type ToolsPlan =
  | { kind: 'ready'; warnings: string[] }
  | { kind: 'install'; packages: string[]; commands: string[][]; warnings: string[] }
  | { kind: 'fail'; message: string };

/**
 * From what the machine has, the plan: nothing to do, the apt-get commands that install what is
 * missing, or why the tests cannot run. A CHROMIUM_PATH that points nowhere is a mistake to
 * fix, not a reason to install another browser. Missing shellcheck alone never fails the plan.
 */
export function planTools(probe: ToolsProbe): ToolsPlan {
  const chromium = locateChromium(probe);
  if (chromium.kind === 'none' && probe.env.CHROMIUM_PATH)
    return { kind: 'fail', message: chromium.problem };
  const packages: string[] = [];
  if (chromium.kind === 'none') packages.push('chromium');
  if (!probe.has('shellcheck')) packages.push('shellcheck');
  if (packages.length === 0) return { kind: 'ready', warnings: [] };

  const skipped =
    'shellcheck is missing, so the replay script lint tests will be skipped (apt-get install -y shellcheck).';
  const cannot = (why: string): ToolsPlan =>
    chromium.kind === 'none'
      ? {
          kind: 'fail',
          message: `${chromium.problem.replace(/\.$/, '')}. It cannot be installed here: ${why}. Install Chromium yourself and set CHROMIUM_PATH to its binary, then run npm test again.`,
        }
      : { kind: 'ready', warnings: [skipped] };
  if (!probe.has('apt-get')) return cannot('there is no apt-get (this is not Debian or Ubuntu)');
  let sudo: string[] = [];
  if (!probe.isRoot) {
    if (!probe.has('sudo')) return cannot('not running as root, and there is no sudo');
    sudo = ['sudo'];
  }
  const apt = [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  return {
    kind: 'install',
    packages,
    commands: [
      [...apt, 'update'],
      [...apt, 'install', '-y', '--no-install-recommends', ...packages],
    ],
    warnings: [],
  };
}

/** The probe of this machine. */
export function machineProbe(): ToolsProbe {
  return {
    env: process.env,
    exists: existsSync,
    has: (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0,
    isRoot: process.getuid?.() === 0,
  };
}

function main(): number {
  const say = (line: string) => console.error(`test-tools: ${line}`);
  const plan = planTools(machineProbe());
  if (plan.kind === 'fail') {
    say(plan.message);
    return 1;
  }
  if (plan.kind === 'install') {
    say(`installing ${plan.packages.join(' and ')} with apt-get`);
    for (const argv of plan.commands) {
      say(argv.join(' '));
      const run = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' });
      if (run.status !== 0) {
        say(
          `\`${argv.join(' ')}\` failed. Install ${plan.packages.join(' and ')} yourself (or set CHROMIUM_PATH to a Chromium binary), then run npm test again.`,
        );
        return 1;
      }
    }
    const after = machineProbe();
    if (locateChromium(after).kind === 'none') {
      say(
        `apt-get finished but Chromium is still not at ${DEBIAN_CHROMIUM}: set CHROMIUM_PATH to its binary.`,
      );
      return 1;
    }
    if (!after.has('shellcheck'))
      say('shellcheck is still missing: its lint tests will be skipped.');
  }
  for (const warning of plan.warnings) say(warning);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main();
