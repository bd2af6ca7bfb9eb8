/**
 * The playground of an embed: the page's Playground, plus a guard on the lines the reader
 * types in a read-only embed, and the way the host's commands pass it.
 */
import type { CommandResult } from '../protocol/cluster.ts';
import { Playground } from '../ui/playground.svelte.ts';

/** A Playground whose reader-typed lines go through `guard` once `guarding` is set. */
export class EmbedPlayground extends Playground {
  /** From a line, why it is refused, or undefined to run it. */
  guard: ((line: string) => string | undefined) | undefined;
  /** Set once the embed's own start lines have run; the guard applies from then on. */
  guarding = false;
  #bypass = false;

  /** Runs a line; a refused one enters the transcript with its reason and never reaches the engine. */
  override async run(line: string): Promise<CommandResult> {
    // Read synchronously at the call, so a line typed while a host line waits is still guarded.
    const trusted = this.#bypass;
    this.#bypass = false;
    const refusal = this.guarding && !trusted ? this.guard?.(line) : undefined;
    if (refusal === undefined) return super.run(line);
    const trimmed = line.trim();
    const id = this.console.begin(trimmed);
    const result: CommandResult = { exit: 1, out: '', err: `${refusal}\n`, touched: [] };
    this.console.finish(id, result);
    this.onRan?.(trimmed, result);
    return result;
  }

  /** Runs a line the host sent: it is shown like any other but never refused. */
  runTrusted(line: string): Promise<CommandResult> {
    this.#bypass = true;
    return this.run(line);
  }
}
