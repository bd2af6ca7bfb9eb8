import fc from 'fast-check';
import lzString from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { CommandLog } from '../../src/protocol/messages.ts';
import { ENGINE_VERSION } from '../../src/share/engine-version.ts';
import { decodeShareLink, encodeShareLink, parseHash, routeHash } from '../../src/share/link.ts';
import { LIMITS, type SharedSession } from '../../src/share/session.ts';
import { lessonSessions } from './lesson-sessions.ts';
import { lzBomb } from './lz-bomb.ts';

const NODES = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n';
const AGENT = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n';

const session: SharedSession = {
  log: {
    seed: 42,
    files: { 'nodes.yaml': NODES, 'agent.yaml': AGENT },
    entries: [
      { atMs: 0, line: 'kubectl apply -f nodes.yaml' },
      { atMs: 1500, line: 'kubectl apply -f agent.yaml' },
      // The learner edited agent.yaml, opened a new file and closed nodes.yaml.
      {
        atMs: 9000,
        line: "kubectl apply -f agent.yaml -o jsonpath='{.metadata.name}'",
        files: { 'agent.yaml': AGENT + '  labels: {a: b}\n', 'extra.yaml': 'x: 1\n' },
      },
      { atMs: 9000, line: 'sim settle' },
    ],
  },
  lessonId: 'taints-and-tolerations',
  engineVersion: ENGINE_VERSION,
};

/** A v1 link from a payload written by hand, to reach what encodeShareLink never writes. */
const linkOf = (payload: unknown): string =>
  `#v1/${lzString.compressToEncodedURIComponent(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;

const errorOf = (hash: string) => {
  const result = decodeShareLink(hash);
  if (result.ok) throw new Error(`expected ${hash.slice(0, 40)} to fail`);
  return result.error;
};

describe('share links', () => {
  it('restores the session a link was made from', () => {
    const hash = encodeShareLink(session);
    expect(hash).toMatch(/^#v1\/[A-Za-z0-9+\-$]+$/);
    expect(decodeShareLink(hash)).toEqual({ ok: true, session, notices: [] });
  });

  it('restores a session without a lesson and without a leading #', () => {
    const sandbox: SharedSession = { log: { seed: 0, files: {}, entries: [] }, engineVersion: 3 };
    expect(decodeShareLink(encodeShareLink(sandbox).slice(1), 3)).toEqual({
      ok: true,
      session: sandbox,
      notices: [],
    });
  });

  it('keeps opening a v1 link written by the first release', () => {
    // Written once by encodeShareLink on 2026-12-06 and frozen: a change to the format must
    // add a version, never break this link.
    const frozen =
      '#v1/N4IgbiBcCMA0IGcoHZ4DMqgHYHsAmApggHQCeAhgLYA2UI5ADgJYBqBATgkzlpAARhoAHSwBrJljz8AcvgIjKBAC7k85FZBF8+WKgX4B3HO1EcAtMKwgAvvAJQA2g4AM8UQFcARgQDGS6nyMDNSkfGZoOnIkFDQgALqwDgBMzqnwXJR8CMr+9rDYUWRUtJD0zGyc3LwCluKSMnIKyqrq5JpY2rqKhsam7GZJIjZxCSAlIDwEZgz40+a4hDZAA';
    const node = (name: string) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n`;
    expect(decodeShareLink(frozen, 1)).toEqual({
      ok: true,
      session: {
        log: {
          seed: 7,
          files: { 'nodes.yaml': node('worker-1') },
          entries: [
            { atMs: 0, line: 'kubectl apply -f nodes.yaml' },
            { atMs: 2000, line: 'sim settle', files: { 'nodes.yaml': node('worker-2') } },
          ],
        },
        lessonId: 'one-pod-per-node',
        engineVersion: 1,
      },
      notices: [],
    });
  });

  it('opens a link from an older engine with a notice that results may differ', () => {
    const old = encodeShareLink({ ...session, engineVersion: 1 });
    const result = decodeShareLink(old, 2);
    expect(result.ok).toBe(true);
    expect(result.ok && result.notices).toEqual([
      expect.stringMatching(
        /older version of the simulator \(engine 1, this is engine 2\).*may differ/,
      ),
    ]);
  });

  it('says a future link version was made by a newer playground', () => {
    const error = errorOf('#v9/N4Ig');
    expect(error.code).toBe('newer-version');
    expect(error.message).toMatch(/made by a newer playground/);
    expect(error.message).toMatch(/Reload the page/);
  });

  it('opens a link whose $ and + a chat program percent-encoded', () => {
    const hash = encodeShareLink(session);
    const mangled = hash.replace(/\$/g, '%24').replace(/\+/g, '%2B');
    expect(mangled).not.toBe(hash);
    expect(decodeShareLink(mangled)).toEqual({ ok: true, session, notices: [] });
  });

  it('refuses a version that never existed', () => {
    expect(errorOf('#v0/abc').code).toBe('unknown-version');
  });

  it('calls a link cut in half truncated', () => {
    const hash = encodeShareLink(session);
    const error = errorOf(hash.slice(0, hash.length >> 1));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/not copied whole/);
  });

  it('calls a damaged link damaged', () => {
    expect(errorOf('#v1/abc%20def').code).toBe('corrupt');
    expect(errorOf(linkOf('{"v":1,')).code).toBe('corrupt');
    expect(errorOf(linkOf('[1,2,3]')).code).toBe('invalid');
  });

  it('refuses a link longer than the limit before unpacking it', () => {
    const error = errorOf(`#v1/${'A'.repeat(LIMITS.linkChars + 1)}`);
    expect(error.code).toBe('too-big');
  });

  it('stops a decompression bomb at the unpacked size limit', () => {
    // How long it takes is printed by `npm run bench` (share.bench.ts), not asserted.
    const error = errorOf(`#v1/${lzBomb(5_000)}`);
    expect(error.code).toBe('too-big');
  });

  it('refuses a huge number of commands before looking at any', () => {
    const payload = `{"v":1,"s":1,"f":{},"e":[${'[0,""],'.repeat(50_000)}[0,"x"]]}`;
    const hash = linkOf(payload);
    expect(hash.length).toBeLessThan(LIMITS.linkChars);
    const error = errorOf(hash);
    expect(error.code).toBe('too-many-commands');
    expect(error.message).toMatch(/50001 commands; the playground replays at most 2000/);
  });

  it('keeps __proto__ and constructor as ordinary file names and pollutes nothing', () => {
    const payload =
      '{"__proto__":{"polluted":1},"v":1,"s":1,"f":{"__proto__":"a: 1\\n","constructor":"b"},' +
      '"e":[[0,"kubectl get pods",{"__proto__":null,"prototype":"c"}]]}';
    const result = decodeShareLink(linkOf(payload));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { files, entries } = result.session.log;
    expect(Object.keys(files)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(files, '__proto__')?.value).toBe('a: 1\n');
    expect(Object.keys(entries[0].files ?? {})).toEqual(['constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Encoding it again keeps the names as data too.
    expect(decodeShareLink(encodeShareLink(result.session))).toEqual(result);
  });

  it.each([
    ['a seed that is text', { v: 1, s: '1', f: {}, e: [] }, /no valid seed/],
    ['no engine version', { s: 1, f: {}, e: [] }, /which simulator version/],
    ['files that are a list', { v: 1, s: 1, f: ['x'], e: [] }, /has no files/],
    [
      'command files that are text',
      { v: 1, s: 1, f: {}, e: [[0, 'x', 'y']] },
      /files of command 1/,
    ],
    ['a file without text', { v: 1, s: 1, f: { a: 1 }, e: [] }, /"a" in the scenario has no text/],
    ['a command that is a word', { v: 1, s: 1, f: {}, e: ['ls'] }, /Command 1 of this link/],
    ['a negative time', { v: 1, s: 1, f: {}, e: [[-1, 'x']] }, /no valid simulated time/],
    [
      'time going back',
      {
        v: 1,
        s: 1,
        f: {},
        e: [
          [5, 'x'],
          [4, 'y'],
        ],
      },
      /earlier than/,
    ],
    ['two lines in one', { v: 1, s: 1, f: {}, e: [[0, 'a\nb']] }, /not one line/],
    ['a lesson id with spaces', { v: 1, s: 1, l: 'a b', f: {}, e: [] }, /names a lesson/],
  ])('refuses %s with a message', (_name, payload, message) => {
    const error = errorOf(linkOf(payload));
    expect(error.message).toMatch(message);
  });

  it('refuses simulated time past the cap', () => {
    const error = errorOf(
      linkOf({ v: 1, s: 1, f: {}, e: [[LIMITS.simulatedMs + 1, 'sim settle']] }),
    );
    expect(error.code).toBe('too-late');
  });

  it('refuses too many files and files too large', () => {
    const many = Object.fromEntries(
      Array.from({ length: LIMITS.files + 1 }, (_, i) => [`f${i}`, '']),
    );
    expect(errorOf(linkOf({ v: 1, s: 1, f: many, e: [] })).code).toBe('too-many-files');
    const big = { a: 'x'.repeat(LIMITS.fileChars + 1) };
    expect(errorOf(linkOf({ v: 1, s: 1, f: big, e: [] })).code).toBe('too-big');
  });

  it('keeps every lesson-size session under 8 KB', () => {
    const sizes = [...lessonSessions()].map(([id, s]) => [id, encodeShareLink(s).length] as const);
    expect(sizes.length).toBeGreaterThan(20);
    for (const [id, size] of sizes) expect({ id, small: size < 8192 }).toEqual({ id, small: true });
  });

  it('round-trips any valid log', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    const files = fc.dictionary(name, fc.string({ maxLength: 40 }), { maxKeys: 4 });
    const line = fc.string({ maxLength: 30, unit: 'binary' }).filter((l) => !/[\r\n]/.test(l));
    const arbitrarySession = fc
      .record({
        seed: fc.nat({ max: 0xffffffff }),
        files,
        steps: fc.array(
          fc.record({
            gap: fc.nat({ max: 60_000 }),
            line,
            files: fc.option(files, { nil: undefined }),
          }),
          { maxLength: 12 },
        ),
        lessonId: fc.option(fc.constantFrom('one-pod-per-node', '02-where/taints'), {
          nil: undefined,
        }),
        engineVersion: fc.integer({ min: 1, max: 5 }),
      })
      .map(({ seed, files, steps, lessonId, engineVersion }): SharedSession => {
        let atMs = 0;
        const log: CommandLog = {
          seed,
          files,
          entries: steps.map((step) => {
            atMs += step.gap;
            return step.files === undefined
              ? { atMs, line: step.line }
              : { atMs, line: step.line, files: step.files };
          }),
        };
        return lessonId === undefined ? { log, engineVersion } : { log, lessonId, engineVersion };
      });
    fc.assert(
      fc.property(arbitrarySession, (s) => {
        expect(decodeShareLink(encodeShareLink(s), s.engineVersion)).toEqual({
          ok: true,
          session: s,
          notices: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('answers any hash with a result or a typed error, quickly, never an exception', () => {
    const valid = encodeShareLink(session);
    const mutated = fc
      .tuple(
        fc.nat({ max: valid.length - 1 }),
        fc.nat({ max: valid.length }),
        fc.string({ maxLength: 8 }),
      )
      .map(([at, cut, insert]) =>
        (valid.slice(0, at) + insert + valid.slice(at + 1)).slice(0, Math.max(at, cut)),
      );
    const anyHash = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((s) => `#v1/${s}`),
      mutated,
      fc.json().map((j) => linkOf(j)),
    );
    fc.assert(
      fc.property(anyHash, (hash) => {
        const result = parseHash(hash);
        expect(['route', 'share', 'error']).toContain(result.type);
        if (result.type === 'error') expect(result.error.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hash routes', () => {
  it('reads an empty hash and #/sandbox as the sandbox', () => {
    for (const hash of ['', '#', '#/', '#/sandbox'])
      expect(parseHash(hash)).toEqual({ type: 'route', route: { name: 'sandbox' } });
  });

  it('reads a lesson route, with an id of one or more segments', () => {
    expect(parseHash('#/lessons/taints-and-tolerations')).toEqual({
      type: 'route',
      route: { name: 'lesson', lessonId: 'taints-and-tolerations' },
    });
    expect(parseHash(routeHash({ name: 'lesson', lessonId: '02-where/node-affinity' }))).toEqual({
      type: 'route',
      route: { name: 'lesson', lessonId: '02-where/node-affinity' },
    });
  });

  it('tells an unknown route from a damaged share link', () => {
    expect(parseHash('#/nowhere')).toMatchObject({
      type: 'error',
      error: { code: 'unknown-route' },
    });
    expect(parseHash('#/lessons/%E0%A4%A')).toMatchObject({
      type: 'error',
      error: { code: 'unknown-route' },
    });
    expect(parseHash('#/lessons/a b')).toMatchObject({
      type: 'error',
      error: { code: 'unknown-route' },
    });
    expect(parseHash('#section-2')).toMatchObject({ type: 'error', error: { code: 'not-a-link' } });
  });

  it('reads a share link as a session', () => {
    expect(parseHash(encodeShareLink(session))).toEqual({ type: 'share', session, notices: [] });
  });
});
