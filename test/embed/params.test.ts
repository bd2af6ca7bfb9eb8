import { describe, expect, it } from 'vitest';
import { encodeShareLink } from '../../src/share/link.ts';
import {
  canonicalOrigin,
  EMBED_PREFIX,
  MAX_ORIGINS,
  parseEmbedParams,
  readLesson,
  withContent,
  type EmbedParams,
} from '../../src/embed/params.ts';

const link = encodeShareLink({
  engineVersion: 1,
  log: {
    seed: 1,
    files: { 'ds.yaml': 'kind: DaemonSet\n' },
    entries: [{ atMs: 0, line: 'kubectl apply -f ds.yaml' }],
  },
});

function ok(search: string): EmbedParams {
  const result = parseEmbedParams(search);
  if (!result.ok) throw new Error(result.errors.join(' '));
  return result.params;
}

function errors(search: string): string[] {
  const result = parseEmbedParams(search);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('embed parameters', () => {
  it('open the default sandbox with every panel but the lesson when none are given', () => {
    const p = ok('');
    expect(p.content).toEqual({ kind: 'sandbox' });
    expect(p.panels).toEqual(['cluster', 'editor', 'console', 'why']);
    expect(p).toMatchObject({ readonly: false, autoplay: false, autoload: false, theme: 'auto' });
    expect(p.origins).toEqual([]);
  });

  it('open a lesson with its panel by default', () => {
    const p = ok('?lesson=one-pod-per-node');
    expect(p.content).toEqual({ kind: 'lesson', id: 'one-pod-per-node' });
    expect(p.panels).toEqual(['cluster', 'lesson', 'editor', 'console', 'why']);
  });

  it('decode a scenario given as a hash, a bare payload or a whole share link', () => {
    for (const value of [link, link.slice(1), `https://example.com/play/${link}`]) {
      const p = ok(`scenario=${encodeURIComponent(value)}`);
      expect(p.content.kind).toBe('scenario');
      if (p.content.kind === 'scenario')
        expect(p.content.session.log.entries.map((e) => e.line)).toEqual([
          'kubectl apply -f ds.yaml',
        ]);
    }
  });

  it('refuse a damaged scenario with the share link message', () => {
    expect(errors('scenario=%23v1/garbage!!')[0]).toMatch(/^The scenario cannot be opened: /);
    expect(errors('scenario=%23v9/abc')[0]).toMatch(/newer playground/);
  });

  it('keep the cluster whatever panels are asked for, in layout order', () => {
    expect(ok('panels=console').panels).toEqual(['cluster', 'console']);
    expect(ok('lesson=x&panels=why,lesson').panels).toEqual(['cluster', 'lesson', 'why']);
  });

  it('report an unknown panel, a lesson panel without a lesson, and unknown parameters', () => {
    expect(errors('panels=cluster,terminal')).toEqual([
      'Unknown panel "terminal": panels are lesson, editor, cluster, console and why.',
    ]);
    expect(errors('panels=lesson')[0]).toMatch(/lesson panel needs a lesson/);
    expect(errors('lessen=one')).toEqual(['Unknown parameter "lessen".']);
  });

  it('refuse both a lesson and a scenario, and a repeated parameter', () => {
    expect(errors(`lesson=a&scenario=${encodeURIComponent(link)}`)).toContain(
      'Give either lesson or scenario, not both.',
    );
    expect(errors('theme=dark&theme=light')).toContain(
      'The parameter "theme" is given more than once.',
    );
  });

  it('read flags as 1/0/true/false or bare, and refuse anything else', () => {
    expect(ok('readonly=1&autoplay&autoload=true')).toMatchObject({
      readonly: true,
      autoplay: true,
      autoload: true,
    });
    expect(ok('readonly=0&autoplay=false').readonly).toBe(false);
    expect(errors('readonly=yes')).toEqual(['readonly must be 1 or 0, not "yes".']);
  });

  it('take light, dark or auto as the theme', () => {
    expect(ok('theme=dark').theme).toBe('dark');
    expect(errors('theme=purple')).toEqual(['theme must be light, dark or auto, not "purple".']);
  });

  it('take a height in pixels, rem, em or vh, or auto', () => {
    for (const h of ['480', '480px', '30rem', '80vh', 'auto'])
      expect(ok(`height=${h}`).height).toBe(h);
    expect(errors('height=100%25')[0]).toMatch(/^height must be/);
  });

  it('canonicalise allowed origins and refuse paths, queries and other schemes', () => {
    expect(ok('origins=https://Docs.Example.com, http://localhost:8080/').origins).toEqual([
      'https://docs.example.com',
      'http://localhost:8080',
    ]);
    expect(canonicalOrigin('https://docs.example.com/guide')).toBeUndefined();
    expect(canonicalOrigin('https://docs.example.com?x=1')).toBeUndefined();
    expect(canonicalOrigin('javascript:alert(1)')).toBeUndefined();
    expect(canonicalOrigin('docs.example.com')).toBeUndefined();
    expect(errors('origins=ftp://x.org')[0]).toMatch(/is not an origin/);
    expect(errors('origins=')[0]).toMatch(/origins is empty/);
    const many = Array.from({ length: MAX_ORIGINS + 1 }, (_, i) => `https://h${i}.org`).join(',');
    expect(errors(`origins=${many}`)[0]).toMatch(/at most 20/);
  });

  it('give each embed id and content its own storage prefix', () => {
    const a = ok('id=intro&lesson=one');
    const b = ok('id=later&lesson=one');
    const c = ok(`id=intro&scenario=${encodeURIComponent(link)}`);
    expect(a.storagePrefix).toBe(`${EMBED_PREFIX}intro:lesson:one:`);
    expect(new Set([a.storagePrefix, b.storagePrefix, c.storagePrefix]).size).toBe(3);
    expect(ok('').storagePrefix).toBe(`${EMBED_PREFIX}default:sandbox:`);
    expect(errors('id=has space')).toEqual(['id must be 1 to 64 letters, digits, "-" or "_".']);
  });

  it('report every problem at once, each short even for huge values', () => {
    const list = errors(`theme=${'x'.repeat(10_000)}&panels=nope&readonly=2`);
    expect(list).toHaveLength(3);
    for (const e of list) expect(e.length).toBeLessThan(200);
  });

  it('swap the content for a host load: a lesson brings its panel unless panels were given', () => {
    const base = ok(`scenario=${encodeURIComponent(link)}`);
    const lesson = readLesson('one-pod-per-node');
    if (!lesson.ok) throw new Error(lesson.error);
    const loaded = withContent(base, lesson.content, false);
    expect(loaded.panels).toEqual(['cluster', 'lesson', 'editor', 'console', 'why']);
    expect(loaded.storagePrefix).toBe(`${EMBED_PREFIX}default:lesson:one-pod-per-node:`);
    expect(withContent(base, lesson.content, true).panels).not.toContain('lesson');
    expect(readLesson('../etc').ok).toBe(false);
  });
});
