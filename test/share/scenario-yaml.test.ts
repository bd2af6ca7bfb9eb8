import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/share/engine-version.ts';
import { fromScenarioYaml, toScenarioYaml } from '../../src/share/scenario-yaml.ts';
import { LIMITS, type SharedSession } from '../../src/share/session.ts';
import { lessonSessions } from './lesson-sessions.ts';

const session: SharedSession = {
  log: {
    seed: 42,
    files: { 'agent.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n' },
    entries: [
      { atMs: 0, line: 'kubectl apply -f agent.yaml' },
      { atMs: 30_000, line: 'yes', files: { 'agent.yaml': 'kind: DaemonSet\n', 'b.yaml': '' } },
    ],
  },
  lessonId: 'one-pod-per-node',
  engineVersion: ENGINE_VERSION,
};

const errorOf = (text: string) => {
  const result = fromScenarioYaml(text);
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
};

const scenario = (body: string) =>
  `format: daemonset-playground/scenario\nversion: 1\nengineVersion: 1\nseed: 1\n${body}`;

describe('scenario files', () => {
  it('writes a readable document: files as block literals, commands with their times', () => {
    const text = toScenarioYaml(session);
    expect(text).toContain('format: daemonset-playground/scenario\nversion: 1\n');
    expect(text).toContain('lesson: one-pod-per-node\nseed: 42\n');
    expect(text).toContain('  agent.yaml: |\n    apiVersion: apps/v1\n    kind: DaemonSet\n');
    expect(text).toContain("  - atMs: 30000\n    line: 'yes'\n    files:\n");
  });

  it('imports what it exported', () => {
    expect(fromScenarioYaml(toScenarioYaml(session))).toEqual({ ok: true, session, notices: [] });
  });

  it('imports every lesson session it exported', () => {
    for (const s of lessonSessions().values())
      expect(fromScenarioYaml(toScenarioYaml(s))).toEqual({ ok: true, session: s, notices: [] });
  });

  it('round-trips any files and lines', () => {
    const files = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.string({ maxLength: 60 }),
      {
        maxKeys: 4,
      },
    );
    const line = fc.string({ maxLength: 30, unit: 'binary' }).filter((l) => !/[\r\n]/.test(l));
    fc.assert(
      fc.property(files, fc.array(line, { maxLength: 6 }), files, (start, lines, later) => {
        const s: SharedSession = {
          log: {
            seed: 1,
            files: start,
            entries: lines.map((l, i) =>
              i === 1 ? { atMs: i, line: l, files: later } : { atMs: i, line: l },
            ),
          },
          engineVersion: 1,
        };
        expect(fromScenarioYaml(toScenarioYaml(s), 1)).toEqual({
          ok: true,
          session: s,
          notices: [],
        });
      }),
      { numRuns: 200 },
    );
  });

  it('imports a scenario from another engine version with a notice', () => {
    const result = fromScenarioYaml(toScenarioYaml({ ...session, engineVersion: 1 }), 2);
    expect(result.ok && result.notices).toEqual([expect.stringMatching(/results may differ/)]);
  });

  it('says a future scenario version was made by a newer playground', () => {
    const error = errorOf('format: daemonset-playground/scenario\nversion: 4\n');
    expect(error.code).toBe('newer-version');
    expect(error.message).toMatch(/made by a newer playground/);
  });

  it.each([
    ['text that is not YAML', 'a: [1, 2\n', 'corrupt', /not a scenario the playground can read/],
    [
      'a YAML file of another kind',
      'apiVersion: v1\nkind: Node\n',
      'invalid',
      /not a playground scenario/,
    ],
    ['a duplicated key', scenario('seed: 2\n'), 'corrupt', /duplicated mapping key/],
    [
      'a command without text',
      scenario('commands:\n  - atMs: 0\n'),
      'invalid',
      /Command 1 of the scenario has no text/,
    ],
    [
      'a file that is a number',
      scenario('files:\n  a.yaml: 5\n'),
      'invalid',
      /"a.yaml" in the scenario has no text/,
    ],
  ])('refuses %s', (_name, text, code, message) => {
    const error = errorOf(text);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses aliases, so a billion-laughs file cannot expand', () => {
    const laughs = scenario('a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n');
    expect(errorOf(laughs).message).toMatch(/aliases exceeded/);
  });

  it('refuses deep nesting and oversized files', () => {
    expect(errorOf(scenario(`x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).message).toMatch(
      /maxDepth/,
    );
    expect(errorOf(scenario(`x: ${'y'.repeat(LIMITS.payloadChars)}\n`)).code).toBe('too-big');
  });

  it('refuses more commands than a link may hold', () => {
    const commands = '  - {atMs: 0, line: x}\n'.repeat(LIMITS.commands + 1);
    expect(errorOf(scenario(`commands:\n${commands}`)).code).toBe('too-many-commands');
  });

  it('answers any text with a session or a typed error, never an exception', () => {
    const header = 'format: daemonset-playground/scenario\nversion: 1\n';
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (body, withHeader) => {
        const result = fromScenarioYaml(withHeader ? header + body : body);
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps __proto__ as a file name and pollutes nothing', () => {
    const result = fromScenarioYaml(scenario('files:\n  __proto__: |\n    polluted: 1\n'));
    expect(
      result.ok && Object.getOwnPropertyDescriptor(result.session.log.files, '__proto__')?.value,
    ).toBe('polluted: 1\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
