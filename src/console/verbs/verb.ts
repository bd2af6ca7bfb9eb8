/** The shape of one kubectl verb: its flags and what it does with parsed arguments. */
import type { FlagSpec, ParsedArgs } from '../args.ts';
import type { VerbContext } from '../context.ts';

export interface Verb {
  /** The word after `kubectl`. */
  name: string;
  flags: FlagSpec[];
  /** Runs the verb; writes to `context.output` and returns the exit code. */
  run(args: ParsedArgs, context: VerbContext): number;
  /** Whether it may change the cluster (then the controllers react at the current instant). */
  mutates: boolean;
  /**
   * For verbs with subcommands (`create namespace`, `set image`, `rollout status`): the ones the
   * playground offers, checked before flags so `create deployment --image=x` says "not available".
   */
  subcommands?: string[];
}
