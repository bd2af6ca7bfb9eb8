/**
 * GNU `diff -u` of two texts, for `kubectl diff` (which shells out to `diff -u -N`): hunks with
 * three lines of context, GNU's range notation (`-5` for one line, `-4,0` for none), and the
 * `\ No newline at end of file` marker. Lines are matched by a longest common subsequence, so
 * the hunks may differ from GNU's heuristics on texts with many equal candidate matches.
 */

const CONTEXT = 3;

type Edit = { op: ' ' | '-' | '+'; line: string };

/** The edit script turning `a` into `b`, from a longest common subsequence table. */
function editScript(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      edits.push({ op: ' ', line: a[i] });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push({ op: '-', line: a[i] });
      i++;
    } else {
      edits.push({ op: '+', line: b[j] });
      j++;
    }
  }
  return edits;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** GNU's hunk range: `start,count`, `start` alone for one line, the line before for none. */
function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * The hunks of `diff -u` between two texts (without the `---`/`+++` header), or '' when they
 * are equal.
 */
export function unifiedHunks(before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const edits = editScript(a, b);
  const changed = edits.map((e, index) => (e.op === ' ' ? -1 : index)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context windows touch (GNU joins hunks up to 2 * CONTEXT apart).
  const groups: [number, number][] = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= 2 * CONTEXT + 1) last[1] = index;
    else groups.push([index, index]);
  }
  // Line numbers in a and b before each edit.
  const aAt: number[] = [];
  const bAt: number[] = [];
  let ai = 0;
  let bi = 0;
  for (const e of edits) {
    aAt.push(ai);
    bAt.push(bi);
    if (e.op !== '+') ai++;
    if (e.op !== '-') bi++;
  }
  const noNewline = (text: string): boolean => text !== '' && !text.endsWith('\n');
  let out = '';
  for (const [first, last] of groups) {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(edits.length - 1, last + CONTEXT);
    const slice = edits.slice(from, to + 1);
    const aCount = slice.filter((e) => e.op !== '+').length;
    const bCount = slice.filter((e) => e.op !== '-').length;
    out += `@@ -${range(aAt[from], aCount)} +${range(bAt[from], bCount)} @@\n`;
    for (const [k, e] of slice.entries()) {
      out += `${e.op}${e.line}\n`;
      const index = from + k;
      const lastOfA = e.op !== '+' && aAt[index] === a.length - 1 && noNewline(before);
      const lastOfB = e.op !== '-' && bAt[index] === b.length - 1 && noNewline(after);
      if (lastOfA || lastOfB) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
