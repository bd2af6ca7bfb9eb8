/**
 * Measures the first-load JavaScript of the built site: the module scripts and modulepreloads
 * dist/index.html references, gzipped at level 9, as the size budget counts them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One first-load script and its sizes in bytes. */
export interface LoadedScript {
  file: string;
  raw: number;
  gzip: number;
}

/** The scripts dist/index.html makes the browser fetch before the app runs. */
export function firstLoadScripts(dist: string): LoadedScript[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  return refs.map((ref) => {
    const bytes = readFileSync(join(dist, ref));
    return { file: ref, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}
