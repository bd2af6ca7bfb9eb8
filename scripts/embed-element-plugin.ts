/**
 * Builds the `<daemonset-playground>` custom element (src/embed/element.ts) into `embed.js` at
 * the top of dist/: one small classic script under a stable, unhashed name, so docs pages can
 * point at it across deploys. It is bundled by esbuild on its own, outside the app's chunk
 * graph, so it never shares (or drags in) an app chunk; the service worker precaches it like
 * any other file. In dev, the same bundle is served at `/embed.js`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ENTRY = fileURLToPath(new URL('../src/embed/element.ts', import.meta.url));

/** The custom element as one minified IIFE. */
export async function bundleEmbedElement(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}

/** Emits `embed.js` into the build and serves it in dev. */
export function embedElementPlugin(): Plugin {
  return {
    name: 'daemonset-playground:embed-element',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed.js', source: await bundleEmbedElement() });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0].endsWith('/embed.js')) return next();
        bundleEmbedElement().then(
          (code) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.end(code);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
