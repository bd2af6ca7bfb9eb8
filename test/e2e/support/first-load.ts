/**
 * Measures the first-load JavaScript of the built site: the module scripts and modulepreloads
 * a page's HTML (dist/index.html unless told) references, gzipped at level 9, as the size
 * budget counts them; and, for the embed page, what its "Load playground" click adds.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One first-load script and its sizes in bytes. */
export interface LoadedScript {
  file: string;
  raw: number;
  gzip: number;
}

function measure(dist: string, ref: string): LoadedScript {
  const bytes = readFileSync(join(dist, ref));
  return { file: ref, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The scripts `page` (a file in dist/) makes the browser fetch before its code runs. */
export function firstLoadScripts(dist: string, page = 'index.html'): LoadedScript[] {
  const html = readFileSync(join(dist, page), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => posix.normalize(m[1]));
  return refs.map((ref) => measure(dist, ref));
}

/**
 * From built chunks (paths relative to dist/), every chunk they import statically, directly or
 * not, themselves included: what the browser must fetch before they run. Dynamic `import()`s
 * are left out, as the budget leaves out what loads later.
 */
export function staticClosure(dist: string, chunks: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Minified static imports: `import{a as b}from"./x.js"` and `import"./x.js"`.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*"(\.\/[^"]+\.js)"/g))
      visit(posix.normalize(posix.join(posix.dirname(file), m[1])));
  };
  for (const chunk of chunks) visit(posix.normalize(chunk));
  return [...seen];
}

/**
 * What the embed page runs once the reader clicks "Load playground", before anything else is
 * asked for: embed.html's own scripts plus the playground chunk (boot) and its static imports.
 * The editor (Monaco), lesson texts and the engine worker load later or apart, so they are out.
 */
export function embedLoadScripts(dist: string): LoadedScript[] {
  const first = firstLoadScripts(dist, 'embed.html');
  const entry = first[0].file;
  const code = readFileSync(join(dist, entry), 'utf8');
  const boot = /["'`]\.\/(boot-[\w-]+\.js)["'`]/.exec(code);
  if (boot === null) throw new Error(`${entry} does not import the boot chunk`);
  const more = staticClosure(dist, [posix.join(posix.dirname(entry), boot[1])]).filter(
    (file) => !first.some((s) => s.file === file),
  );
  return [...first, ...more.map((file) => measure(dist, file))];
}
