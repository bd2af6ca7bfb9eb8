/** The shape of one kubectl verb: its flags and what it does with parsed arguments. */
import type { Kind } from '../../engine/types.ts';
import type { FlagSpec, ParsedArgs } from '../args.ts';
import type { VerbContext } from '../context.ts';

/** What a verb's Tab completion may look up in the cluster. */
export interface CompletionSource {
  /** The names of the objects of a kind (every namespace), unique. */
  names(kind: Kind): string[];
}

export interface Verb {
  /** The word after `kubectl`. */
  name: string;
  /** kubectl's one-line description of the command (cobra's Short), for `kubectl help`. */
  short: string;
  /** kubectl's Usage line for it, narrowed to what the playground offers. */
  usage: string;
  /** Its own flags; Tab completion offers them, with the global ones, after a `-`. */
  flags: FlagSpec[];
  /** Runs the verb; writes to `context.output` and returns the exit code. */
  run(args: ParsedArgs, context: VerbContext): number;
  /** Whether it refuses positional words, as apply does (`Unexpected args: [x]`). */
  takesNoArguments?: boolean;
  /** Whether it may change the cluster (then the controllers react at the current instant). */
  mutates: boolean;
  /**
   * For verbs with subcommands (`create namespace`, `set image`, `rollout status`): the ones the
   * playground offers, checked before flags so `create deployment --image=x` says "not available".
   */
  subcommands?: string[];
  /**
   * Tab completion for the next positional word, from those typed after the verb so far.
   * Without it: a resource type (`pods`, `ds`), then names of that type's objects.
   */
  completeArgs?(args: readonly string[], source: CompletionSource): string[];
}
