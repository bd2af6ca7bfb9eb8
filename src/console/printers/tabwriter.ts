/**
 * Go's text/tabwriter, which kubectl uses for every table and for describe. Cells end at a tab;
 * the text after a line's last tab is not part of any column. A column is aligned over each
 * block of consecutive lines that have a cell in it, so a line with fewer cells ends the block
 * (that is why describe's `Desired Number of Nodes Scheduled: 3` lines break the alignment).
 */

export interface TabwriterOptions {
  /** Minimal cell width including padding. */
  minwidth: number;
  /** Spaces added to the widest cell of a column. */
  padding: number;
}

/** kubectl get's table writer (cli-runtime printers.GetNewTabWriter: 6, 4, 3, ' ', 0). */
export const TABLE_WRITER: TabwriterOptions = { minwidth: 6, padding: 3 };

/** kubectl describe's writer (describe.go tabbedString: 0, 8, 2, ' ', 0). */
export const DESCRIBE_WRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

/** Display width of a cell: Go counts runes. */
function runeWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * From text whose cells are separated by tabs and lines by newlines, the aligned text Go's
 * tabwriter would print. `text` should end with a newline, as every writer in kubectl does.
 * With `remembered`, this is one Flush of a writer made with liggitt/tabwriter's
 * RememberWidths flag (kubectl's GetNewTabWriter): a column is never narrower than the widest
 * it was at an earlier flush, and the array keeps the widths for the next one (`get -w` flushes
 * once per watch event, so its rows stay under the header).
 */
export function formatTabbed(
  text: string,
  options: TabwriterOptions,
  remembered?: number[],
): string {
  const trailing = text.endsWith('\n');
  const rawLines = (trailing ? text.slice(0, -1) : text).split('\n');
  const lines = rawLines.map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j];
        line += cell;
        if (j < widths.length && j < cells.length - 1) {
          line += ' '.repeat(Math.max(0, widths[j] - runeWidth(cell)));
        }
      }
      out.push(line);
    }
  };

  // Mirrors tabwriter.Writer.format: recursive over columns, one block at a time.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = options.minwidth;
      for (; current < line1; current++) {
        if (column >= lines[current].length - 1) break;
        const w = runeWidth(lines[current][column]) + options.padding;
        if (w > width) width = w;
      }
      if (remembered) width = rememberWidth(remembered, widths, width);
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
      current--;
    }
    writeLines(line0, line1);
  };
  formatFrom(format, lines.length);
  return out.join('\n') + (trailing ? '\n' : '');
}

/**
 * From the remembered widths, the widths of the columns to the left and a column block's own
 * width, the width to use, remembering it (liggitt/tabwriter tabwriter.go, RememberWidths).
 */
function rememberWidth(remembered: number[], widths: readonly number[], width: number): number {
  const column = widths.length;
  if (remembered.length < column) remembered.push(...widths.slice(remembered.length));
  if (remembered.length === column) remembered.push(width);
  else if (remembered[column] > width) return remembered[column];
  else remembered[column] = width;
  return width;
}

/** Runs the block formatter over all lines, as `Flush` does. */
function formatFrom(format: (a: number, b: number) => void, count: number): void {
  format(0, count);
}

/**
 * A describe-style writer: collects `write` calls and formats each flushed section on its own,
 * as `PrefixWriter.Flush` does before the Events table.
 */
export class TabbedText {
  private sections: string[] = [];
  private current = '';

  constructor(
    private readonly options: TabwriterOptions = DESCRIBE_WRITER,
    /** Leave tabs as they are (writers that print without a tabwriter). */
    private readonly raw = false,
  ) {}

  /** Appends text at an indent level (2 spaces per level, as describe's PrefixWriter). */
  write(level: number, text: string): void {
    this.current += '  '.repeat(level) + text;
  }

  /** Ends an alignment section. */
  flush(): void {
    this.sections.push(this.raw ? this.current : formatTabbed(this.current, this.options));
    this.current = '';
  }

  /** All sections, formatted. */
  toString(): string {
    return (
      this.sections.join('') + (this.raw ? this.current : formatTabbed(this.current, this.options))
    );
  }
}
