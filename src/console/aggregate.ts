/**
 * The errors of a command that visits several objects and goes on after a failure (the
 * builder's ContinueOnError, as label, taint and set image use it): each object's failure is
 * kept, the other objects are still changed, and the errors are printed together at the end as
 * cmd/util/helpers.go checkErr prints an aggregate: one error alone in its usual form (with
 * `error: ` in front unless it has it already), several one per line as their text reads.
 */
import type { ApiError } from '../engine/operations.ts';
import type { Output } from './context.ts';
import { formatApiError, formatApiErrorInAggregate } from './api-errors.ts';

/**
 * One failure: an API error, or the text of an error of kubectl's own as Go's err.Error()
 * returns it (no `error: ` added); an object may fail for several reasons at once, an
 * aggregate inside the aggregate.
 */
export type VisitError = { api: ApiError } | { texts: string[] };

/** From a catalogue message (`error: ...`), its text as a Go error (checkErr adds the prefix). */
export function errorText(message: string): string {
  return message.startsWith('error: ') ? message.slice('error: '.length) : message;
}

/** checkErr's line for an error that is not an API error. */
function standalone(text: string): string {
  return text.startsWith('error: ') ? text : `error: ${text}`;
}

/** Prints the collected errors as kubectl's checkErr does and returns the exit code. */
export function reportErrors(output: Output, errors: readonly VisitError[]): number {
  if (errors.length === 0) return 0;
  const source = { verb: 'patching' };
  if (errors.length === 1) {
    const [only] = errors;
    if ('api' in only) return output.fail(formatApiError(only.api, source));
    // checkErr unwraps an aggregate of one; an inner aggregate then prints line by line.
    if (only.texts.length === 1) return output.fail(standalone(only.texts[0]));
    for (const text of only.texts) output.error(text);
    output.exit = 1;
    return 1;
  }
  for (const e of errors) {
    if ('api' in e) output.error(formatApiErrorInAggregate(e.api, source));
    // An inner aggregate of several prints as Go prints an aggregate: `[a, b]`.
    else output.error(e.texts.length === 1 ? e.texts[0] : `[${e.texts.join(', ')}]`);
  }
  output.exit = 1;
  return 1;
}
