/**
 * Turning the simulated API server's errors into kubectl's text (cmd/util/helpers.go
 * CheckErr/StandardErrorMessage and AddSourceToErr): Invalid becomes `The Kind "x" is invalid:`
 * with one cause inline or several as a bulleted list; the others become
 * `Error from server (Reason): [error when VERB "FILE": ]message`.
 */
import type { ApiError } from '../engine/operations.ts';
import { renderFieldError } from '../engine/api/field-errors.ts';
import { renderObjectKindErrors } from '../engine/api/kind-check.ts';
import { resourceOfKind } from './resources.ts';
import {
  alreadyExists,
  alreadyExistsFor,
  errorWhen,
  invalidInAggregate,
  badRequest,
  invalidHead,
  noKindMatch,
  notFound,
  notFoundFor,
  serverError,
  validationFailed,
} from './messages.ts';

/** Where the failing object came from, for `error when creating "FILE"`. */
export interface ErrorSource {
  /** `creating`, `patching`, `deleting`, `replacing`. */
  verb: string;
  file?: string;
  /** For NoKindMatch: the object's name and namespace as written. */
  name?: string;
  namespace?: string;
}

/** From an API error and where it came from, the lines kubectl prints on stderr. */
export function formatApiError(
  error: ApiError,
  source: ErrorSource = { verb: 'creating' },
): string {
  switch (error.reason) {
    case 'Invalid': {
      // kubectl's CheckErr: an Invalid status that names no kind and no object (a patch that
      // could not be converted) reads `The request is invalid`.
      const head =
        error.kind === '' && error.name === ''
          ? 'The request is invalid: '
          : invalidHead(error.kind, error.name);
      const causes = error.causes.map((c) => renderFieldError(c));
      if (causes.length === 1) return `${head}${causes[0]}`;
      return `${head}\n${causes.map((c) => `* ${c}`).join('\n')}`;
    }
    case 'BadRequest': {
      const version = error.apiVersion.includes('/')
        ? error.apiVersion.split('/')[1]
        : error.apiVersion;
      const message = /cannot be handled as a/.test(error.message)
        ? error.message
        : `${error.kind} in version "${version}" cannot be handled as a ${error.kind}: ${error.message}`;
      return badRequest(source.verb, source.file, message);
    }
    case 'NotFound':
      return source.file === undefined
        ? notFound(error.resource, error.name)
        : notFoundFor(source.verb, source.file, error.resource, error.name);
    case 'AlreadyExists':
      return source.file === undefined
        ? alreadyExists(error.resource, error.name)
        : alreadyExistsFor(source.verb, source.file, error.resource, error.name);
    case 'NoKindMatch':
      return noKindMatch(
        source.name ?? '',
        source.namespace ?? '',
        source.file ?? '',
        error.kind,
        error.apiVersion,
      );
    case 'ValidationError':
      // kubectl's own check before sending; a manifest read from no file is kubectl's STDIN.
      return validationFailed(source.file ?? 'STDIN', renderObjectKindErrors(error.errors));
    case 'Forbidden':
      return serverError('Forbidden', source.verb, source.file, error.message);
    case 'Conflict':
      return serverError('Conflict', source.verb, source.file, error.message);
    case 'Unknown':
      return error.statusReason === undefined
        ? `Error from server: ${error.message}`
        : `Error from server (${error.statusReason}): ${error.message}`;
    default:
      return `Error from server: ${JSON.stringify(error)}`;
  }
}

/**
 * The same error as one line of an aggregate (several errors from one command): kubectl then
 * prints each through StandardErrorMessage, so Invalid reads `Error from server (Invalid):
 * error when creating "FILE": DaemonSet.apps "x" is invalid: [a, b]`, and plain errors lose
 * their `error: ` prefix.
 */
export function formatApiErrorInAggregate(
  error: ApiError,
  source: ErrorSource = { verb: 'creating' },
): string {
  if (error.reason !== 'Invalid') return asAggregateLine(formatApiError(error, source));
  const group = resourceOfKind(error.kind)?.singular.split('.').slice(1).join('.');
  const qualified = group ? `${error.kind}.${group}` : error.kind;
  const causes = error.causes.map((c) => renderFieldError(c));
  return invalidInAggregate(errorWhen(source.verb, source.file), qualified, error.name, causes);
}

/** A single-error line as it reads inside an aggregate (no `error: ` prefix). */
export function asAggregateLine(message: string): string {
  return message.startsWith('error: ') ? message.slice('error: '.length) : message;
}

/**
 * An API error's own text, as Go's err.Error() gives the server's status message (`DaemonSet.apps
 * "x" is invalid: ...`, `daemonsets.apps "x" not found`), for kubectl messages that wrap it.
 */
export function apiErrorText(error: ApiError): string {
  if (error.reason === 'Invalid') {
    const line = formatApiErrorInAggregate(error, { verb: 'patching' });
    return line.replace(/^Error from server \(Invalid\): /, '');
  }
  return formatApiError(error, { verb: 'patching' }).replace(/^Error from server \([^)]*\): /, '');
}
