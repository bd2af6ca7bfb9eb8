/**
 * The get → modify a copy → update cycle that taint, label, cordon, set image, patch and
 * rollout undo/restart share, as kubectl's patch-based commands behave from the outside.
 */
import type { Kind, ObjectOf } from '../../engine/types.ts';
import type { ApiError } from '../../engine/operations.ts';
import type { VerbContext } from '../context.ts';
import { formatApiError } from '../api-errors.ts';
import { notFound } from '../messages.ts';
import { resourceOfKind } from '../resources.ts';

/** From a kind and name, a modifiable plain copy of the stored object, or prints NotFound. */
export function fetchCopy<K extends Kind>(
  context: VerbContext,
  kind: K,
  name: string,
): ObjectOf<K> | undefined {
  const type = resourceOfKind(kind)!;
  const object = context.cluster.get(kind, name, type.namespaced ? context.namespace : undefined);
  if (!object) {
    context.output.fail(notFound(type.plural, name));
    return undefined;
  }
  return JSON.parse(JSON.stringify(object)) as ObjectOf<K>;
}

/** Sends the modified copy; prints the API error (as kubectl prints a failed patch) on failure. */
export function sendUpdate(context: VerbContext, object: unknown): boolean {
  const result = context.cluster.execute({ op: 'update', object });
  if (!result.ok) {
    context.output.fail(formatApiError(result.error, { verb: 'patching' }));
    return false;
  }
  for (const warning of result.warnings ?? []) context.output.error(`Warning: ${warning}`);
  return true;
}

/**
 * The same read as fetchCopy for a command that goes on after a failure: the copy, or the
 * NotFound error to report with the others at the end.
 */
export function tryFetchCopy<K extends Kind>(
  context: VerbContext,
  kind: K,
  name: string,
): { object: ObjectOf<K> } | { error: ApiError } {
  const type = resourceOfKind(kind)!;
  const object = context.cluster.get(kind, name, type.namespaced ? context.namespace : undefined);
  if (!object) return { error: { reason: 'NotFound', resource: type.plural, name } };
  return { object: JSON.parse(JSON.stringify(object)) as ObjectOf<K> };
}

/** The same write as sendUpdate for such a command: the API error instead of printing it. */
export function trySendUpdate(context: VerbContext, object: unknown): ApiError | undefined {
  const result = context.cluster.execute({ op: 'update', object });
  if (!result.ok) return result.error;
  for (const warning of result.warnings ?? []) context.output.error(`Warning: ${warning}`);
  return undefined;
}
