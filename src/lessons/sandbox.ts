/**
 * The default sandbox, read from lessons/sandbox/ at build time: its files, its start script
 * (run through the console like anything a learner types) and its intro text.
 */
const raw: Record<string, string> = import.meta.glob('/lessons/sandbox/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** A lesson-like starting point for the playground. */
export interface Sandbox {
  title: string;
  /** Files opened as editor tabs, in tab order; the first is shown. */
  files: { name: string; text: string }[];
  /** Console lines of start.sim, without blank lines and comments. */
  startCommands: string[];
  /** Whether the simulated clock plays in real time once started. */
  playing: boolean;
  /** The intro, Markdown. */
  intro: string;
}

/** Splits a `---` frontmatter block (simple `key: value` and `key: [a, b]` lines) from Markdown. */
export function parseFrontmatter(text: string): {
  data: Record<string, string | string[]>;
  body: string;
} {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) return { data: {}, body: text };
  const data: Record<string, string | string[]> = {};
  for (const line of match[1].split('\n')) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!kv) continue;
    const value = kv[2].trim();
    data[kv[1]] = value.startsWith('[')
      ? value
          .slice(1, -1)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value;
  }
  return { data, body: text.slice(match[0].length) };
}

/** Console lines of a `.sim` script, as the headless runner reads them. */
export function scriptLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Builds the sandbox from the files under lessons/sandbox/ (keyed by `/lessons/sandbox/NAME`). */
export function loadSandbox(files: Record<string, string> = raw): Sandbox {
  const byName = new Map<string, string>();
  for (const [path, text] of Object.entries(files))
    byName.set(path.slice(path.lastIndexOf('/') + 1), text);
  const { data, body } = parseFrontmatter(byName.get('index.md') ?? '');
  const listed = Array.isArray(data.files) ? data.files : [];
  const yamlNames = [...byName.keys()].filter((n) => n.endsWith('.yaml')).sort();
  const order = [
    ...listed.filter((n) => byName.has(n)),
    ...yamlNames.filter((n) => !listed.includes(n)),
  ];
  return {
    title: typeof data.title === 'string' ? data.title : 'Sandbox',
    files: order.map((name) => ({ name, text: byName.get(name) ?? '' })),
    startCommands: scriptLines(byName.get('start.sim') ?? ''),
    playing: data.clock === 'playing',
    intro: body.trim(),
  };
}
