// Lint rules, including the import boundaries of docs/architecture.md: each folder may import
// only the folders its row allows, and the pure folders may not reach for real time, randomness
// or the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const pattern = (group, message) => ({ group, message });

/** Import patterns each folder may not use. */
const UI_ONLY = ['**/ui/**', '*.svelte', '**/*.svelte'];
const boundaries = {
  'src/kube/**': [
    pattern(
      [
        '**/engine/**',
        '**/console/**',
        '**/protocol/**',
        '**/worker/**',
        '**/client/**',
        '**/lessons/**',
        '**/share/**',
        '**/cli/**',
        ...UI_ONLY,
      ],
      'src/kube imports nothing app-specific: engine, console and ui import it.',
    ),
    pattern(
      [
        'node:*',
        'd3',
        'd3-*',
        'monaco-editor',
        'monaco-editor/*',
        'monaco-yaml',
        'js-yaml',
        'svelte',
        'svelte/*',
      ],
      'src/kube is pure: no Node, DOM, view or YAML libraries.',
    ),
  ],
  'src/engine/**': [
    pattern(
      [
        '**/console/**',
        '**/protocol/**',
        '**/worker/**',
        '**/client/**',
        '**/lessons/**',
        '**/share/**',
        '**/cli/**',
        ...UI_ONLY,
      ],
      'src/engine imports only src/engine, src/kube and pure libraries.',
    ),
    pattern(
      [
        'node:*',
        'd3',
        'd3-*',
        'monaco-editor',
        'monaco-editor/*',
        'monaco-yaml',
        'js-yaml',
        'svelte',
        'svelte/*',
      ],
      'src/engine is pure: no Node, DOM, view or YAML libraries.',
    ),
  ],
  'src/console/**': [
    pattern(
      [
        '**/protocol/**',
        '**/worker/**',
        '**/client/**',
        '**/lessons/**',
        '**/share/**',
        '**/cli/**',
        ...UI_ONLY,
      ],
      'src/console imports only src/engine, src/kube and the YAML library.',
    ),
    pattern(
      [
        'node:*',
        'd3',
        'd3-*',
        'monaco-editor',
        'monaco-editor/*',
        'monaco-yaml',
        'svelte',
        'svelte/*',
      ],
      'src/console is pure: no Node, DOM or view libraries.',
    ),
  ],
  'src/protocol/**': [
    pattern(
      [
        '**/worker/**',
        '**/client/**',
        '**/lessons/**',
        '**/share/**',
        '**/cli/**',
        ...UI_ONLY,
        'node:*',
        'd3',
        'monaco-editor',
        'svelte',
      ],
      'src/protocol holds types only (import type from src/engine).',
    ),
  ],
  'src/share/**': [
    pattern(
      [
        '**/kube/**',
        '**/engine/**',
        '**/console/**',
        '**/worker/**',
        '**/client/**',
        '**/lessons/**',
        '**/cli/**',
        ...UI_ONLY,
        'node:*',
      ],
      'src/share imports nothing app-specific (only `import type` from src/protocol).',
    ),
  ],
  'src/client/**': [
    pattern(
      [
        '**/kube/**',
        '**/engine/**',
        '**/console/**',
        '**/worker/**',
        '**/lessons/**',
        '**/cli/**',
        ...UI_ONLY,
        'node:*',
      ],
      'src/client imports only src/protocol.',
    ),
  ],
  'src/worker/**': [
    pattern(
      [
        '**/client/**',
        '**/share/**',
        '**/cli/**',
        ...UI_ONLY,
        'node:*',
        'd3',
        'monaco-editor',
        'svelte',
      ],
      'src/worker imports console, engine, protocol and lesson goals.',
    ),
  ],
  'src/lessons/**': [
    pattern(
      ['**/console/**', '**/worker/**', '**/client/**', '**/cli/**', ...UI_ONLY, 'node:*'],
      'src/lessons imports src/protocol types and src/kube.',
    ),
  ],
  'src/ui/**': [
    pattern(
      ['**/engine/**', '**/console/**', '**/worker/**', '**/cli/**', 'node:*'],
      'src/ui talks to the engine only through src/client and src/protocol types (src/kube is shared knowledge, not the engine).',
    ),
  ],
  'src/embed/**': [
    pattern(
      ['**/engine/**', '**/console/**', '**/worker/**', '**/cli/**', 'node:*'],
      'src/embed is a page, as src/main.ts: it reaches the engine only through src/client.',
    ),
  ],
  // Built alone into dist/embed.js for other sites' pages: it must stay one small file.
  'src/embed/element.ts': [
    {
      regex: '^(?!\\./protocol\\.ts$)',
      message:
        'src/embed/element.ts (dist/embed.js) imports only ./protocol.ts, so it stays small and self-contained.',
    },
  ],
};

/** Globals and members that make code nondeterministic or DOM-bound. */
const impureGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'performance',
  'fetch',
  'Worker',
  'self',
].map((name) => ({
  name,
  message:
    'The engine, console and kube layers are pure and deterministic: no DOM, timers or real time.',
}));
const impureMembers = [
  { object: 'Date', property: 'now', message: 'Use the simulated clock, not Date.now().' },
  {
    object: 'Math',
    property: 'random',
    message: 'Use the seeded generator in the cluster state, not Math.random().',
  },
  { object: 'performance', property: 'now', message: 'Use the simulated clock.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'build/**',
      '.vitest-attachments/**',
      'node_modules/**',
      'coverage/**',
      '**/*-changed.*',
      'test/**/__screenshots__/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  ...Object.entries(boundaries).map(([folder, patterns]) => ({
    files: [folder],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // The protocol is types only: it may name engine and console shapes, never their code.
    files: ['src/protocol/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**', '**/console/**'],
              allowTypeImports: true,
              message: 'src/protocol may only `import type` from src/engine and src/console.',
            },
          ],
        },
      ],
    },
  },
  {
    // Share links carry the command log, so src/share names its protocol type, never its code.
    files: ['src/share/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/protocol/**'],
              allowTypeImports: true,
              message: 'src/share may only `import type` from src/protocol.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/kube/**', 'src/engine/**', 'src/console/**'],
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': ['error', ...impureMembers],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'new Date() reads real time; use the simulated clock.',
        },
      ],
    },
  },
);
