/**
 * The errors of a command that visits several objects and goes on after a failure (the
 * builder's ContinueOnError, as label and taint use it): each object's failure is kept, the
 * other objects are still changed, and the errors are printed together at the end as
 * cmd/util/helpers.go checkErr prints an aggregate: one error alone in its usual form, several
 * one per line without the `error: ` prefix.
 */
import type { ApiError } from '../engine/operations.ts';
import type { Output } from './context.ts';
import { asAggregateLine, formatApiError, formatApiErrorInAggregate } from './api-errors.ts';

/**
 * One object's failure: an API error, or kubectl's own messages (each with `error: `); an
 * object may fail for several reasons at once, an aggregate inside the aggregate.
 */
export type VisitError = { api: ApiError } | { messages: string[] };

/** Prints the collected errors as kubectl's checkErr does and returns the exit code. */
export function reportErrors(output: Output, errors: readonly VisitError[]): number {
  if (errors.length === 0) return 0;
  const source = { verb: 'patching' };
  if (errors.length === 1) {
    const [only] = errors;
    if ('api' in only) return output.fail(formatApiError(only.api, source));
    // checkErr unwraps an aggregate of one; the inner aggregate then prints line by line.
    if (only.messages.length === 1) return output.fail(only.messages[0]);
    for (const message of only.messages) output.error(asAggregateLine(message));
    output.exit = 1;
    return 1;
  }
  for (const e of errors) {
    if ('api' in e) output.error(formatApiErrorInAggregate(e.api, source));
    else {
      const lines = e.messages.map(asAggregateLine);
      // An inner aggregate of several prints as Go prints an aggregate: `[a, b]`.
      output.error(lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`);
    }
  }
  output.exit = 1;
  return 1;
}
