import { describe, expect, it } from 'vitest';
import { locateChromium, planTools, type ToolsProbe } from '../../scripts/test-tools.ts';

/** A machine with these files and these commands on PATH. */
function machine(
  options: {
    files?: string[];
    commands?: string[];
    env?: Record<string, string>;
    root?: boolean;
  } = {},
): ToolsProbe {
  const files = new Set(options.files ?? []);
  const commands = new Set(options.commands ?? []);
  return {
    env: { HOME: '/home/me', ...options.env },
    exists: (path) => files.has(path),
    has: (command) => commands.has(command),
    isRoot: options.root ?? true,
  };
}

const APT = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];

describe('locateChromium', () => {
  it('prefers CHROMIUM_PATH over Debian’s chromium', () => {
    const probe = machine({
      files: ['/opt/chrome/chrome', '/usr/bin/chromium'],
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
    });
    expect(locateChromium(probe)).toEqual({ kind: 'path', path: '/opt/chrome/chrome' });
  });

  it('finds Debian’s chromium, then Playwright’s download in the home cache', () => {
    expect(locateChromium(machine({ files: ['/usr/bin/chromium'] }))).toEqual({
      kind: 'path',
      path: '/usr/bin/chromium',
    });
    expect(locateChromium(machine({ files: ['/home/me/.cache/ms-playwright'] }))).toEqual({
      kind: 'playwright',
    });
    expect(locateChromium(machine()).kind).toBe('none');
  });
});

describe('planTools', () => {
  it('has nothing to do when Chromium and shellcheck are there', () => {
    const probe = machine({ files: ['/usr/bin/chromium'], commands: ['shellcheck'] });
    expect(planTools(probe)).toEqual({ kind: 'ready', warnings: [] });
  });

  it('installs both with apt-get as root, updating the package lists first', () => {
    expect(planTools(machine({ commands: ['apt-get'] }))).toEqual({
      kind: 'install',
      packages: ['chromium', 'shellcheck'],
      commands: [
        [...APT, 'update'],
        [...APT, 'install', '-y', '--no-install-recommends', 'chromium', 'shellcheck'],
      ],
      warnings: [],
    });
  });

  it('goes through sudo when not root', () => {
    const plan = planTools(machine({ commands: ['apt-get', 'sudo', 'shellcheck'], root: false }));
    expect(plan.kind === 'install' && plan.commands[1]).toEqual([
      'sudo',
      ...APT,
      'install',
      '-y',
      '--no-install-recommends',
      'chromium',
    ]);
  });

  it('fails saying what to do when Chromium is missing and cannot be installed', () => {
    const noSudo = planTools(machine({ commands: ['apt-get'], root: false }));
    expect(noSudo.kind).toBe('fail');
    expect(noSudo.kind === 'fail' && noSudo.message).toMatch(
      /not running as root, and there is no sudo.*set CHROMIUM_PATH/,
    );
    const noApt = planTools(machine({ commands: ['shellcheck'] }));
    expect(noApt.kind === 'fail' && noApt.message).toMatch(/there is no apt-get/);
  });

  it('fails on a CHROMIUM_PATH that points nowhere instead of installing another browser', () => {
    const plan = planTools(
      machine({ commands: ['apt-get'], env: { CHROMIUM_PATH: '/nope/chrome' } }),
    );
    expect(plan).toEqual({
      kind: 'fail',
      message: expect.stringMatching(/^CHROMIUM_PATH=\/nope\/chrome does not exist/),
    });
  });

  it('only warns when shellcheck alone is missing and cannot be installed', () => {
    const plan = planTools(machine({ files: ['/usr/bin/chromium'] }));
    expect(plan.kind).toBe('ready');
    expect(plan.kind === 'ready' && plan.warnings[0]).toMatch(/lint tests will be skipped/);
  });
});
