/**
 * Splitting a console line the way a POSIX shell splits a simple command: whitespace separates
 * words, single quotes keep everything literally, double quotes keep everything but `\"`,
 * `\\`, `\$` and `` \` ``, and a backslash outside quotes escapes the next character. Learners
 * paste `kubectl patch ... -p '{"spec":...}'` from tutorials, so this must behave like bash.
 */

/** The words of a line, or an error when a quote is left open. */
export type SplitResult = { ok: true; words: string[] } | { ok: false; error: string };

/** From one console line, its words after quote removal (a trailing `# comment` is dropped). */
export function splitShellLine(line: string): SplitResult {
  const words: string[] = [];
  let word = '';
  // A word exists once any character (even an empty pair of quotes) was seen for it.
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '#' && !inWord) {
      // A comment starts only at the beginning of a word, as in a shell.
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') word += line[i + 1];
        inWord = true;
        i += 2;
      } else {
        i++;
      }
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}
