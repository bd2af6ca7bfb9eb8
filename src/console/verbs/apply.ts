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
  applyPatchFailed,
  patchCreationFailed,
  type PatchTarget,
} from '../messages.ts';
import { resourceOfKind } from '../resources.ts';
import { compactJson } from '../printers/json.ts';
import type { VerbContext } from '../context.ts';
import type { ManifestObject } from '../manifest/read.ts';
import type { KubeObject } from '../../engine/types.ts';
import type { OperationResult } from '../../engine/operations.ts';
import { cloneJson, isObject } from '../../engine/api/records.ts';
import { findKind } from '../../engine/api/schema.ts';
import { structCursor } from '../../engine/api/patch-meta.ts';
import { PatchError } from '../../engine/api/strategic-merge.ts';
import { createThreeWayMergePatch } from '../../engine/api/three-way-patch.ts';

/** The annotation kubectl apply keeps the applied object in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The API server's request body limit (3 MiB). */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

/** An apply error in both of the forms kubectl prints it. */
export interface ApplyError {
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
  const kind = String(value.kind);
  // A kind the server does not serve at this apiVersion goes the create way, which refuses it.
  const served = findKind(String(prepared.apiVersion), kind) !== undefined;
  const result =
    current === undefined || type === undefined || !served
      ? context.cluster.execute({ op: 'apply', object: prepared })
      : patchLive(context, prepared, current, file, errors);
  if (result === undefined) return;
  if (result.ok) {
    // apply.go warns when it patches an object that `kubectl create` made without the annotation.
    if (current && current.metadata.annotations?.[LAST_APPLIED] === undefined && type) {
      context.output.error(missingLastApplied(type.plural, name));
    }
    for (const warning of result.warnings ?? []) context.output.error(`Warning: ${warning}`);
    const action =
      result.action === 'created'
        ? 'created'
        : result.action === 'unchanged'
          ? 'unchanged'
          : 'configured';
    context.output.print(operationDone(printedResource(kind), name, action));
    if (result.object) {
      const { kind: touchedKind, metadata } = result.object;
      context.reportTouched({
        kind: touchedKind,
        name: metadata.name,
        ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
        action,
      });
    }
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

/**
 * An existing object: kubectl's three-way strategic merge of the last-applied annotation, the
 * file and the live object (apply.go Patcher.Patch). An empty patch is not sent (`unchanged`);
 * any other is, and kubectl then says `configured` whatever the server made of it. A patch that
 * cannot be computed is an error of this object; undefined is returned after recording it.
 */
function patchLive(
  context: VerbContext,
  prepared: Record<string, unknown>,
  current: KubeObject,
  file: string,
  errors: ApplyError[],
  dryRun = false,
): OperationResult | undefined {
  const struct = findKind(String(prepared.apiVersion), current.kind)?.struct ?? current.kind;
  const annotation = current.metadata.annotations?.[LAST_APPLIED];
  const live = cloneJson(current) as Record<string, unknown>;
  const modified = cloneJson(prepared) as Record<string, unknown>;
  let patch: Record<string, unknown>;
  try {
    const original =
      annotation === undefined ? undefined : (cloneJson(JSON.parse(annotation)) as unknown);
    patch = createThreeWayMergePatch(
      isObject(original) ? original : undefined,
      modified,
      live,
      structCursor(struct),
    );
  } catch (error) {
    if (!(error instanceof PatchError) && !(error instanceof SyntaxError)) throw error;
    const target = patchTarget(prepared, current);
    const documents = {
      original: annotation ?? '',
      modified: compactJson(prepared),
      current: compactJson(current),
    };
    errors.push(plainError(patchCreationFailed(target, documents, file, error.message)));
    return undefined;
  }
  if (Object.keys(patch).length === 0) return { ok: true, action: 'unchanged', object: current };
  const result = context.cluster.execute({
    op: 'patch',
    key: {
      kind: current.kind,
      name: current.metadata.name,
      ...(current.metadata.namespace === undefined
        ? {}
        : { namespace: current.metadata.namespace }),
    },
    patchType: 'strategic',
    patch,
    fieldValidation: 'Strict',
    ...(dryRun ? { dryRun } : {}),
  });
  if (result.ok) return { ...result, action: 'configured' };
  // Invalid prints from its details; any other error carries apply.go's nesting of the patch.
  if (result.error.reason === 'Invalid') return result;
  const reason =
    result.error.reason === 'Unknown' ? result.error.statusReason : result.error.reason;
  const message = 'message' in result.error ? result.error.message : formatApiError(result.error);
  errors.push(
    plainError(
      applyPatchFailed(
        reason,
        compactJson(patch).trimEnd(),
        patchTarget(prepared, current),
        file,
        message,
      ),
    ),
  );
  return undefined;
}

/**
 * What `kubectl diff` compares for one manifest object: the live object (undefined when it does
 * not exist) and what applying the object would make of it, from a server-side dry run of the
 * same create or three-way patch apply sends. Undefined after recording an error.
 */
export function dryRunApply(
  context: VerbContext,
  object: ManifestObject,
  file: string,
  errors: ApplyError[],
): { live: KubeObject | undefined; merged: KubeObject } | undefined {
  const value = object.value;
  const metadata = (value.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const type = resourceOfKind(String(value.kind));
  const prepared = prepareForApply(value, context.namespace);
  const namespace = type?.namespaced
    ? String((prepared.metadata as Record<string, unknown>).namespace)
    : undefined;
  const live =
    type !== undefined && name !== '' ? context.cluster.get(type.kind, name, namespace) : undefined;
  const served = findKind(String(prepared.apiVersion), String(value.kind)) !== undefined;
  const result =
    live === undefined || !served
      ? context.cluster.execute({ op: 'apply', object: prepared, dryRun: true })
      : patchLive(context, prepared, live, file, errors, true);
  if (result === undefined) return undefined;
  if (!result.ok) {
    const source = { verb: live ? 'patching' : 'creating', file, name, namespace: '' };
    errors.push({
      single: formatApiError(result.error, source),
      aggregate: formatApiErrorInAggregate(result.error, source),
    });
    return undefined;
  }
  return { live, merged: result.object ?? (live as KubeObject) };
}

/** The object's REST mapping and name as apply.go prints an Info in its errors. */
function patchTarget(prepared: Record<string, unknown>, current: KubeObject): PatchTarget {
  const apiVersion = String(prepared.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const info = findKind(apiVersion, current.kind);
  return {
    group,
    version,
    resource: (info?.resource ?? '').split('.')[0],
    kind: current.kind,
    name: current.metadata.name,
    namespace: current.metadata.namespace ?? '',
  };
}

export const apply: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
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
