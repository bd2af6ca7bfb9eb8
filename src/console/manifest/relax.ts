/**
 * go-yaml (a libyaml port) ignores indentation inside flow collections and quoted scalars, so
 * kubectl reads
 *
 *     args: [
 *       "-c", "/etc/filebeat.yml",
 *     ]
 *
 * where the `]` sits under `args`, and it reads a lone `-` in a flow collection (`[a, -]`) as the
 * string "-". js-yaml follows the YAML spec and refuses both. Since leading spaces on those lines
 * carry no meaning (flow and quoted scalars fold them away), we indent such lines just enough for
 * js-yaml, quote such dashes, and map offsets back to the text as written.
 */

/** A text with lines indented for js-yaml, and the way back to offsets of the original. */
export interface Relaxed {
  text: string;
  /** From an offset in `text`, the offset of the same character in the original. */
  toOriginal(offset: number): number;
}

/** What the scanner is inside of at a position. */
interface ScanState {
  /** Open flow collections. */
  depth: number;
  /** Quote character of an open quoted scalar, if any. */
  quote: '"' | "'" | undefined;
  /** Column of the outermost open flow collection or quoted scalar. */
  column: number;
  /** Whether the next non-space character begins a node (so `[`, `{`, quotes start one). */
  expectNode: boolean;
  /** Indentation of a block scalar's header line while skipping its content, else -1. */
  blockScalar: number;
}

function indentOf(line: string): number {
  let n = 0;
  while (line[n] === ' ') n++;
  return n;
}

/** Text inserted at an offset of the original. */
interface Edit {
  at: number;
  text: string;
}

/**
 * From a document's text, the same text with every line that continues a flow collection or a
 * quoted scalar indented to at least the column where that construct opened and lone dashes in
 * flow collections quoted, or undefined when nothing needs it.
 */
export function relaxIndentation(text: string): Relaxed | undefined {
  const lines = text.split('\n');
  const state: ScanState = {
    depth: 0,
    quote: undefined,
    column: 0,
    expectNode: true,
    blockScalar: -1,
  };
  const edits: Edit[] = [];
  let lineStart = 0;
  for (const line of lines) {
    const start = lineStart;
    lineStart += line.length + 1;
    const indent = indentOf(line);
    if (state.blockScalar >= 0) {
      if (line.trim() === '' || indent > state.blockScalar) continue;
      state.blockScalar = -1;
    }
    const inside = state.depth > 0 || state.quote !== undefined;
    let shift = 0;
    if (inside && indent < state.column && line.trim() !== '') {
      shift = state.column - indent;
      edits.push({ at: start, text: ' '.repeat(shift) });
    }
    if (!inside) state.expectNode = true;
    // Scanned as it will read once indented, so columns of new constructs are the relaxed ones.
    for (const insert of scanLine(' '.repeat(shift) + line, state)) {
      edits.push({ at: start + insert.column - shift, text: insert.text });
    }
  }
  if (edits.length === 0) return undefined;
  let out = '';
  let from = 0;
  // Where each edit lands in the relaxed text, and how much was inserted before it.
  const landed: { at: number; length: number; original: number }[] = [];
  let inserted = 0;
  for (const edit of edits) {
    out += text.slice(from, edit.at);
    landed.push({ at: edit.at + inserted, length: edit.text.length, original: edit.at });
    out += edit.text;
    inserted += edit.text.length;
    from = edit.at;
  }
  out += text.slice(from);
  return {
    text: out,
    toOriginal(position: number): number {
      let shift = 0;
      for (const edit of landed) {
        if (position < edit.at) break;
        if (position < edit.at + edit.length) return edit.original;
        shift += edit.length;
      }
      return position - shift;
    },
  };
}

/**
 * The offset of the first line, in block context, that starts with a `:` value indicator and no
 * key (`: value`): js-yaml reads an empty key there, go-yaml's parser stops (`did not find
 * expected key`). Undefined when there is none.
 */
export function firstEmptyKey(text: string): number | undefined {
  // Most texts have no such line at all; one search settles that without scanning.
  if (!/^ *:(\s|$)/m.test(text)) return undefined;
  const state: ScanState = {
    depth: 0,
    quote: undefined,
    column: 0,
    expectNode: true,
    blockScalar: -1,
  };
  let start = 0;
  for (const line of text.split('\n')) {
    const lineStart = start;
    start += line.length + 1;
    const indent = indentOf(line);
    if (state.blockScalar >= 0) {
      if (line.trim() === '' || indent > state.blockScalar) continue;
      state.blockScalar = -1;
    }
    const inside = state.depth > 0 || state.quote !== undefined;
    if (!inside) {
      if (/^:(\s|$)/.test(line.slice(indent))) return lineStart + indent;
      state.expectNode = true;
    }
    scanLine(line, state);
  }
  return undefined;
}

/**
 * Advances the scan state over one line (YAML's indicators, quotes and comments) and returns
 * what to insert where for js-yaml: quotes around a plain `-` in a flow collection, a space
 * between a closing quote or bracket and a `#` right after it (go-yaml reads a comment there).
 */
function scanLine(line: string, state: ScanState): { column: number; text: string }[] {
  const dashes: { column: number; text: string }[] = [];
  const closeQuote = (i: number): void => {
    state.quote = undefined;
    state.expectNode = false;
    if (line[i + 1] === '#') dashes.push({ column: i + 1, text: ' ' });
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (state.quote === "'") {
      if (c === "'") {
        if (line[i + 1] === "'") i++;
        else closeQuote(i);
      }
      continue;
    }
    if (state.quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') closeQuote(i);
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    const afterSpace = i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t';
    if (c === '#' && afterSpace) return dashes;
    if (state.depth > 0) {
      if (c === '-' && state.expectNode && ',]}'.includes(line[i + 1] ?? ' ')) {
        dashes.push({ column: i, text: '"' }, { column: i + 1, text: '"' });
        state.expectNode = false;
      } else if (c === '[' || c === '{') {
        state.depth++;
        state.expectNode = true;
      } else if (c === ']' || c === '}') {
        state.depth--;
        state.expectNode = false;
        // libyaml takes `#` right after an indicator as a comment; js-yaml wants a space first.
        if (line[i + 1] === '#') dashes.push({ column: i + 1, text: ' ' });
      } else if (c === ',' || c === ':' || c === '?') state.expectNode = true;
      else if ((c === '"' || c === "'") && state.expectNode) state.quote = c;
      else if ((c === '&' || c === '!') && state.expectNode) i = skipToken(line, i);
      else state.expectNode = false;
      continue;
    }
    if (state.expectNode) {
      if (c === '[' || c === '{') {
        state.depth = 1;
        state.column = i;
        state.expectNode = true;
        continue;
      }
      if (c === '"' || c === "'") {
        state.quote = c;
        state.column = i;
        continue;
      }
      if (
        (c === '|' || c === '>') &&
        !/\S/.test(
          line
            .slice(i + 1)
            .replace(/^[-+0-9]*/, '')
            .replace(/\s#.*$/, ''),
        )
      ) {
        state.blockScalar = indentOf(line);
        return dashes;
      }
      if ((c === '&' || c === '!') && afterSpace) {
        i = skipToken(line, i);
        continue;
      }
      if ((c === '-' || c === '?') && (line[i + 1] === ' ' || i + 1 === line.length)) continue;
    }
    if (c === ':' && (line[i + 1] === ' ' || i + 1 === line.length)) {
      state.expectNode = true;
      continue;
    }
    // A plain scalar or key: a following `: ` or `:` at the end starts a value.
    state.expectNode = false;
    while (i + 1 < line.length) {
      const next = line[i + 1];
      if (next === ':' && (line[i + 2] === ' ' || i + 2 === line.length)) {
        state.expectNode = true;
        i++;
        break;
      }
      if (next === ' ' && line[i + 2] === '#') return dashes;
      i++;
    }
  }
  return dashes;
}

/** Skips an anchor or tag token, returning the index of its last character. */
function skipToken(line: string, i: number): number {
  let j = i;
  while (j + 1 < line.length && line[j + 1] !== ' ' && line[j + 1] !== '\t') j++;
  return j;
}
