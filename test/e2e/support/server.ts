/**
 * A static file server for the built site, in-process on 127.0.0.1 with a free port. It mounts
 * dist/ under a sub-path, so tests prove the site works from any folder of a static host.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's dist/ folder. */
export const DIST = resolve(fileURLToPath(new URL('../../../dist', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

/** A running server and the URL of the site's index. */
export interface SiteServer {
  url: string;
  /** Paths requested that were not found (a test may assert there are none). */
  missing: string[];
  close(): Promise<void>;
}

/** Serves `root` under `base` (e.g. /docs/playground/) on 127.0.0.1, port chosen by the OS. */
export async function serveSite(root = DIST, base = '/docs/playground/'): Promise<SiteServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`npx vite build\` first.`);
  }
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) {
      missing.push(path);
      res.writeHead(404).end('not found');
      return;
    }
    const relative = normalize(path.slice(base.length) || 'index.html').replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(root, relative);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      missing.push(path);
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    missing,
    // A browser keeps idle connections open; drop them, or close waits for them to time out.
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
