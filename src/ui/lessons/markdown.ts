/**
 * Lesson text to HTML: Markdown by marked, sanitised by DOMPurify (lessons are other people's
 * data once embedded). Loaded with the first lesson, not in the first load. Lines of `sh`
 * blocks become buttons that run them in the console; the page handles their clicks.
 */
import DOMPurify from 'dompurify';
import { Marked, type Token, type Tokens } from 'marked';

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COMMAND_LANGS = ['sh', 'bash', 'console'];

const marked = new Marked({
  renderer: {
    code({ text, lang }: Tokens.Code): string | false {
      if (!COMMAND_LANGS.includes(lang ?? '')) return false;
      const lines = text.split('\n').map((line) => {
        const command = line.trim();
        if (command === '' || command.startsWith('#'))
          return `<span class="cmd-comment">${escape(line)}</span>`;
        return `<button type="button" class="cmd" data-command="${escape(command)}" title="Run in the console">${escape(command)}</button>`;
      });
      return `<pre class="commands">${lines.join('\n')}</pre>\n`;
    },
  },
});

/** From Markdown, sanitised HTML (buttons keep their `data-command`). */
export function renderMarkdown(markdown: string): string {
  return DOMPurify.sanitize(marked.parse(markdown, { async: false }));
}

/** A run of the lesson's text, and the commands whose questions follow it. */
export interface ProseSegment {
  html: string;
  /** Commands of a runnable block at the end of this run that questions are asked before. */
  asks: string[];
}

/** The same before rendering: a run of Markdown. */
export interface MarkdownSegment {
  markdown: string;
  asks: string[];
}

/**
 * From Markdown and the commands questions are asked before, the text cut after each top-level
 * block that holds one of them as a runnable line (or, for a solution file's apply, the last
 * apply of the learner's own file), so a question sits right below its command, where the learner is
 * about to run it, and does not give away what the text after it explains. Commands the text
 * never shows are in no segment (the page asks them last).
 */
export function segmentMarkdown(markdown: string, commands: readonly string[]): MarkdownSegment[] {
  const segments: MarkdownSegment[] = [];
  const asked: string[] = [];
  let run = '';
  const blocks = marked.lexer(markdown);
  const linesOf = blocks.map(runnableLines);
  for (const [i, block] of blocks.entries()) {
    run += block.raw;
    const lines = linesOf[i];
    const open = commands.filter((c) => !asked.includes(c));
    // The learner's line stands for a solution line at its last block (the first apply of a
    // file is often "try it as it is", the last one "apply your fix"), and only once no open
    // question is about that very line.
    const asks = open.filter((c) => {
      if (lines.includes(c)) return true;
      const mine = learnersLine(c);
      if (mine === undefined || !lines.includes(mine) || open.includes(mine)) return false;
      return !linesOf.slice(i + 1).some((later) => later.includes(mine));
    });
    if (asks.length === 0) continue;
    asked.push(...asks);
    segments.push({ markdown: run, asks });
    run = '';
  }
  if (run.trim() !== '' || segments.length === 0) segments.push({ markdown: run, asks: [] });
  return segments;
}

/** `segmentMarkdown`, each run rendered and sanitised as `renderMarkdown` does. */
export function renderSegments(markdown: string, commands: readonly string[]): ProseSegment[] {
  return segmentMarkdown(markdown, commands).map((s) => ({
    html: renderMarkdown(s.markdown),
    asks: s.asks,
  }));
}

/**
 * For a line applying a solution file (`kubectl apply -f solution/agent.yaml`), the line applying
 * the learner's version of it (`kubectl apply -f start/agent.yaml`): the text shows that one,
 * and a question about what the fix does belongs where the learner applies their fix.
 */
function learnersLine(command: string): string | undefined {
  const match = /^kubectl apply -f solution\/(\S+)$/.exec(command);
  return match ? `kubectl apply -f start/${match[1]}` : undefined;
}

/** The runnable lines of a block: its own if it is a command block, else of the blocks inside. */
function runnableLines(token: Token): string[] {
  if (token.type === 'code') {
    const code = token as Tokens.Code;
    if (!COMMAND_LANGS.includes(code.lang ?? '')) return [];
    return code.text.split('\n').map((l) => l.trim());
  }
  const inner: Token[] = [
    ...((token as { tokens?: Token[] }).tokens ?? []),
    ...((token as { items?: Token[] }).items ?? []),
  ];
  return inner.flatMap(runnableLines);
}
