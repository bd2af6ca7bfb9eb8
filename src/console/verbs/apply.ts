/**
 * `kubectl apply -f FILE`: each object of each file in order, with the
 * last-applied-configuration annotation kubectl writes, printing `kind.group/name
 * created|configured|unchanged`; errors are collected and printed after the results, as
 * apply.go does: first what the builder reported while reading (YAML syntax, validation,
 * decoding, namespace mismatch), then each object's error from the API server.
 */
import type { Verb } from './verb.ts';
import { listFlag } from '../args.ts';
import { loadFiles } from '../files.ts';
import { asAggregateLine, formatApiError, formatApiErrorInAggregate } from '../api-errors.ts';
import {
  missingLastApplied,
  mustSpecifyFilename,
  namespaceMismatch,
  noObjectsInFile,
  objectTooLarge,
  operationDone,
} from '../messages.ts';
import { resourceOfKind } from '../resources.ts';
import { compactJson } from '../printers/json.ts';
import type { VerbContext } from '../context.ts';
import type { ManifestObject } from '../manifest/read.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The API server's request body limit (3 MiB). */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

/** An apply error in both of the forms kubectl prints it. */
interface ApplyError {
  single: string;
  aggregate: string;
}

function plainError(message: string): ApplyError {
  return { single: message, aggregate: asAggregateLine(message) };
}

/**
 * The builder's errors as one error of apply's list: one error as itself; several as an
 * aggregate, which prints one line each when it is all that failed, and as one `[a, b]` line
 * (duplicates once) beside the API server's errors.
 */
function builderError(messages: string[]): ApplyError {
  if (messages.length === 1) return plainError(messages[0]);
  const lines = messages.map(asAggregateLine);
  const unique = [...new Set(lines)];
  return {
    single: lines.join('\n'),
    aggregate: unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`,
  };
}

/** A deep copy with ordinary prototypes (the engine may keep what it is given). */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * From a manifest object and the command's namespace, what kubectl sends: the namespace filled
 * in for namespaced kinds, and the last-applied annotation (the object itself as compact JSON,
 * with `annotations: {}` left behind when it had none, as GetModifiedConfiguration does).
 */
export function prepareForApply(
  object: Record<string, unknown>,
  namespace: string,
): Record<string, unknown> {
  const copy = plainCopy(object);
  const metadata = (
    typeof copy.metadata === 'object' && copy.metadata !== null
      ? copy.metadata
      : (copy.metadata = {})
  ) as Record<string, unknown>;
  const type = resourceOfKind(String(copy.kind));
  if (type?.namespaced) {
    if (metadata.namespace === undefined || metadata.namespace === '')
      metadata.namespace = namespace;
  }
  const annotations = (
    typeof metadata.annotations === 'object' && metadata.annotations !== null
      ? metadata.annotations
      : {}
  ) as Record<string, unknown>;
  delete annotations[LAST_APPLIED];
  metadata.annotations = annotations;
  const lastApplied = compactJson(copy);
  metadata.annotations = { ...annotations, [LAST_APPLIED]: lastApplied };
  return copy;
}

/** The name printer's resource word for a kind (`daemonset.apps`), lower-case kind otherwise. */
export function printedResource(kind: string): string {
  return resourceOfKind(kind)?.singular ?? kind.toLowerCase();
}

/** The namespace an object names when it differs from an explicit `-n` (the builder's RequireNamespace). */
function mismatchedNamespace(context: VerbContext, object: ManifestObject): string | undefined {
  const metadata = (object.value.metadata ?? {}) as Record<string, unknown>;
  const written = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const namespaced = resourceOfKind(String(object.value.kind))?.namespaced === true;
  return namespaced && context.namespaceExplicit && written !== '' && written !== context.namespace
    ? written
    : undefined;
}

function applyOne(
  context: VerbContext,
  object: ManifestObject,
  file: string,
  errors: ApplyError[],
): void {
  const value = object.value;
  const metadata = (value.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const writtenNamespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const type = resourceOfKind(String(value.kind));
  const prepared = prepareForApply(value, context.namespace);
  const namespace = type?.namespaced
    ? String((prepared.metadata as Record<string, unknown>).namespace)
    : undefined;
  const current =
    type !== undefined && name !== '' ? context.cluster.get(type.kind, name, namespace) : undefined;
  const existed = current !== undefined;
  // The API server refuses request bodies over 3 MiB; kubectl sends one object per request.
  if (JSON.stringify(prepared).length > MAX_REQUEST_BYTES) {
    errors.push(plainError(objectTooLarge(existed ? 'patching' : 'creating', file)));
    return;
  }
  const result = context.cluster.execute({ op: 'apply', object: prepared });
  if (result.ok) {
    // apply.go warns when it patches an object that `kubectl create` made without the annotation.
    if (current && current.metadata.annotations?.[LAST_APPLIED] === undefined && type) {
      context.output.error(missingLastApplied(type.plural, name));
    }
    for (const warning of result.warnings ?? []) context.output.error(`Warning: ${warning}`);
    context.output.print(operationDone(printedResource(String(value.kind)), name, result.action));
    return;
  }
  const source = {
    verb: existed ? 'patching' : 'creating',
    file,
    name,
    namespace: writtenNamespace,
  };
  errors.push({
    single: formatApiError(result.error, source),
    aggregate: formatApiErrorInAggregate(result.error, source),
  });
}

export const apply: Verb = {
  name: 'apply',
  mutates: true,
  flags: [{ name: 'filename', short: 'f', type: 'strings', completes: 'files' }],
  takesNoArguments: true,
  run(args, context) {
    const names = listFlag(args, 'filename');
    if (names.length === 0) return context.output.fail(mustSpecifyFilename());
    const loaded = loadFiles(context.files, names, { validate: true });
    if ('missing' in loaded) return context.output.fail(loaded.missing);
    // The builder's pass: what it could not read, and the objects it collected.
    const builderErrors: string[] = [];
    const objects: { object: ManifestObject; file: string }[] = [];
    for (const item of loaded.items) {
      if (item.type === 'error') builderErrors.push(item.message);
      else {
        const written = mismatchedNamespace(context, item.object);
        if (written === undefined) objects.push(item);
        else builderErrors.push(namespaceMismatch(written, context.namespace));
      }
    }
    if (objects.length === 0 && builderErrors.length === 0)
      return context.output.fail(noObjectsInFile('apply'));
    const errors: ApplyError[] = [];
    if (builderErrors.length > 0) errors.push(builderError(builderErrors));
    for (const { object, file } of objects) applyOne(context, object, file, errors);
    // One error prints in its own words; several print as kubectl prints an aggregate.
    for (const e of errors) context.output.error(errors.length === 1 ? e.single : e.aggregate);
    if (errors.length > 0) context.output.exit = 1;
    return context.output.exit;
  },
};
