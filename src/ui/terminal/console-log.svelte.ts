/** What the console panel shows: every command with its output, and the input history. */
import type { CommandResult } from '../../protocol/cluster.ts';

/** One command and, once it has finished, what it printed. */
export interface ConsoleEntry {
  id: number;
  line: string;
  result: CommandResult | undefined;
}

/** The console transcript and shell-like history (Up/Down). */
export class ConsoleLog {
  entries: ConsoleEntry[] = $state([]);
  #history: string[] = [];
  #cursor = 0;
  #draft = '';
  #nextId = 1;

  /** Adds a running command; the returned id is used to attach its result. */
  begin(line: string): number {
    const id = this.#nextId++;
    this.entries.push({ id, line, result: undefined });
    if (this.#history.at(-1) !== line) this.#history.push(line);
    this.#cursor = this.#history.length;
    this.#draft = '';
    return id;
  }

  /** Attaches a finished command's result. */
  finish(id: number, result: CommandResult): void {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.result = result;
  }

  /**
   * Rows an open `kubectl get -w` printed while the clock played: they extend the newest
   * entry, as a terminal prints them under the command still running, if that entry left the
   * watch open.
   */
  appendWatchOutput(rows: string): void {
    const result = this.entries.at(-1)?.result;
    if (result?.watching) result.out += rows;
  }

  /**
   * The watch under the newest entry was stopped: the entry ends with `^C`, as a terminal
   * echoes the interrupt, and no longer counts as watching.
   */
  interrupt(): void {
    const result = this.entries.at(-1)?.result;
    if (!result?.watching) return;
    result.out += '^C\n';
    delete result.watching;
  }

  /** Up arrow: the previous command, remembering what was being typed. */
  previous(current: string): string {
    if (this.#cursor === this.#history.length) this.#draft = current;
    if (this.#cursor > 0) this.#cursor -= 1;
    return this.#history[this.#cursor] ?? current;
  }

  /** Down arrow: the next command, or back to what was being typed. */
  next(current: string): string {
    if (this.#cursor >= this.#history.length) return current;
    this.#cursor += 1;
    return this.#cursor === this.#history.length ? this.#draft : this.#history[this.#cursor];
  }

  /**
   * Empties the transcript (history stays, as in a terminal's `clear`). A watch still open
   * keeps its command, with the rows so far cleared, so what it prints next has a place.
   */
  clear(): void {
    const newest = this.entries.at(-1);
    if (newest?.result?.watching) {
      newest.result.out = '';
      this.entries = [newest];
    } else this.entries = [];
  }
}
