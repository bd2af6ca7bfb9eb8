/**
 * Lesson text to HTML: Markdown by marked, sanitised by DOMPurify (lessons are other people's
 * data once embedded). Loaded with the first lesson, not in the first load. Lines of `sh`
 * blocks become buttons that run them in the console; the page handles their clicks.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  renderer: {
    code({ text, lang }: Tokens.Code): string | false {
      if (lang !== 'sh' && lang !== 'bash' && lang !== 'console') return false;
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
