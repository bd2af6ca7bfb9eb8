import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { lessonsPlugin } from './scripts/lessons-plugin.ts';
import { embedElementPlugin } from './scripts/embed-element-plugin.ts';

/** A page of the site, as a build input. */
const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  // Relative asset URLs, so dist/ works from any static host and any sub-path.
  base: './',
  plugins: [
    svelte(),
    lessonsPlugin(),
    // dist/embed.js, the <daemonset-playground> element: unhashed, outside the chunk graph.
    embedElementPlugin(),
    // Offline after the first visit: a generated Workbox service worker precaches the whole build
    // (docs/toolchain.md, note 12). 'prompt' waits for the learner to reload, so a new deploy
    // never swaps the code under a running session.
    VitePWA({
      registerType: 'prompt',
      // src/ui/update/register.ts registers it, lazily, after the page has loaded.
      injectRegister: false,
      // public/manifest.webmanifest is ours, linked from index.html.
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ttf,webmanifest}'],
        // The Monaco chunk is about 3.4 MB; Workbox skips files over 2 MiB unless told.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Hashed asset names are their own revision; a cache-busting query would just miss.
        dontCacheBustURLsMatching: /assets\//,
        navigateFallback: 'index.html',
        // embed.html?lesson=... must be answered by the precached embed.html, not fall back to
        // index.html; the pages read their parameters themselves, none names another file.
        ignoreURLParametersMatching: [/.*/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: {
    alias: [
      // monaco-yaml's worker manager imports 'monaco-editor/esm/vs/editor/editor.worker.js', but
      // monaco-editor >= 0.56 maps './*' to './esm/vs/*' in its exports, so that path resolves to
      // nothing. Strip the prefix (docs/toolchain.md, note 1).
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
    ],
  },
  worker: { format: 'es' },
  // Deps reached only from workers or lazy chunks would otherwise be found late by the dev
  // optimizer, which reloads the page mid-test (docs/toolchain.md, note 7).
  optimizeDeps: {
    include: [
      'js-yaml',
      'monaco-yaml',
      'monaco-yaml/yaml.worker.js',
      // The lazy editor chunk's Monaco entries (src/ui/editor/monaco-min.ts), for the same reason.
      'monaco-editor/editor',
      'monaco-editor/editor/contrib/suggest/browser/suggestController',
      ...[
        'codicon',
        'hover',
        'suggest',
        'folding',
        'bracketMatching',
        'find',
        'format',
        'gotoError',
        'comment',
        'clipboard',
        'contextmenu',
        'linesOperations',
        'wordOperations',
        'codeAction',
        'toggleTabFocusMode',
      ].map((f) => `monaco-editor/features/${f}/register`),
      'monaco-editor/languages/definitions/yaml/register',
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      // The full app, the iframe page docs sites embed, and an example host page for it.
      input: {
        main: page('./index.html'),
        embed: page('./embed.html'),
        'embed-demo': page('./embed-demo.html'),
      },
      output: {
        codeSplitting: {
          groups: [
            // Keep Vite's preload helper out of the monaco chunk, or index.html would
            // modulepreload Monaco and lazy loading would silently stop (pitfall 5).
            { name: 'vite-runtime', test: /vite\/preload-helper/, priority: 10 },
            { name: 'monaco', test: /node_modules[\\/]monaco-editor[\\/]/ },
            { name: 'd3', test: /node_modules[\\/]d3(-[a-z]+)?[\\/]/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
