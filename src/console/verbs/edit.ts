/**
 * `kubectl edit TYPE/NAME`: the live object in an editor, and on save a two-way strategic
 * merge patch from it to the edited text (editoptions.go visitToPatch), which kubectl reports
 * as `daemonset.apps/NAME edited`.
 *
 * The console has no terminal editor. In the page it opens the object as an editor tab named
 * like kubectl's temp file (`kubectl-edit-daemonset-NAME.yaml`); applying that tab runs this
 * verb again with `--edited-file=TAB`, the playground's stand-in for the editor closing, so the
 * save is one line of the transcript and the command log. Headless (`npm run sim`) there is no
 * editor at all and the verb answers as kubectl does when `vi` cannot be launched, but a script
 * may still save an edit with `--edited-file` (docs/console-contract.md).
 */
import type { Verb } from './verb.ts';
import type { VerbContext } from '../context.ts';
import type { KubeObject } from '../../engine/types.ts';
import { stringFlag } from '../args.ts';
import { resolveTargets, type Target } from '../targets.ts';
import type { ResourceType } from '../resources.ts';
import { readManifest } from '../manifest/read.ts';
import { fatalMessage } from '../files.ts';
import { printYaml } from '../printers/yaml.ts';
import { servedForm } from '../printers/json.ts';
import { formatApiError } from '../api-errors.ts';
import { renderFieldError } from '../../engine/api/field-errors.ts';
import { cloneJson, isObject } from '../../engine/api/records.ts';
import { findKind } from '../../engine/api/schema.ts';
import { structCursor } from '../../engine/api/patch-meta.ts';
import { createThreeWayMergePatch, deepEqual } from '../../engine/api/three-way-patch.ts';
import { PatchError } from '../../engine/api/strategic-merge.ts';
import {
  editConflict,
  editEmpty,
  editGone,
  editIdentityChanged,
  editInvalid,
  editNamespaceChanged,
  editNoChanges,
  editNotOneObject,
  editNotPatched,
  editOpened,
  editorUnavailable,
  editSyntaxError,
  noResourcesGiven,
  notFound,
  operationDone,
  pathDoesNotExist,
} from '../messages.ts';

/** The header kubectl writes above the object (editoptions.go editHeader.writeTo). */
export const EDIT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

type JsonMap = Record<string, unknown>;

/** The name kubectl's builder gives the saved text (editoptions.go updatedResultGetter). */
const EDITED_STREAM = 'edited-file';

/** Metadata the API server owns: a save neither compares nor sends it. */
const SERVER_METADATA = ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/**
 * From a resource's singular (`daemonset.apps`) and an object's name, the editor tab kubectl's
 * temp file stands for (kubectl's is `kubectl-edit-` plus five random letters).
 */
export function editFileName(singular: string, name: string): string {
  return `kubectl-edit-${singular.split('.')[0]}-${name}.yaml`;
}

/** From a live object, the text kubectl opens in the editor: its header, then `-o yaml`. */
export function editText(object: KubeObject): string {
  return EDIT_HEADER + printYaml(servedForm(object));
}

/** What a save compares and patches: the object without status and server-owned metadata. */
function editable(value: Record<string, unknown>): JsonMap {
  const copy = cloneJson(value) as JsonMap;
  delete copy.status;
  if (isObject(copy.metadata)) for (const key of SERVER_METADATA) delete copy.metadata[key];
  return copy;
}

/** Whether a text holds anything but comments and blank lines (editoptions.go hasLines). */
function hasLines(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#');
  });
}

/** Saves the text of `file` over the live object; returns the exit code. */
function save(context: VerbContext, target: EditTarget, file: string): number {
  const out = context.output;
  const { type, name } = target;
  const text = context.files.read(file);
  if (text === undefined) return out.fail(pathDoesNotExist(file));
  const live = context.cluster.get(type.kind, name, target.namespace);
  if (!live) return out.fail(editGone(type.plural, name, file));
  if (!hasLines(text)) {
    out.error(editEmpty());
    return 0;
  }
  // kubectl reads the saved text as a stream it calls `edited-file`, so its errors say so.
  const read = readManifest(text, EDITED_STREAM, { validate: true });
  if (read.fatal)
    return out.fail(
      editSyntaxError(fatalMessage(EDITED_STREAM, read.fatal).replace(/^error: /, '')),
    );
  const objects = read.entries.flatMap((e) => (e.type === 'object' ? [e.object.value] : []));
  const problem = read.entries.find((e) => e.type === 'problem');
  if (problem?.type === 'problem') return out.fail(problem.problem.message);
  if (objects.length !== 1) return out.fail(editNotOneObject(file));
  const edited = objects[0];
  const served = servedForm(live);
  const original = editable(served);
  const modified = editable(edited);
  if (deepEqual(original, modified)) {
    out.error(editNoChanges());
    return 0;
  }
  const metadata = isObject(edited.metadata) ? edited.metadata : {};
  if (
    edited.apiVersion !== served.apiVersion ||
    edited.kind !== served.kind ||
    metadata.name !== name
  )
    return out.fail(editIdentityChanged());
  if (
    target.namespace !== undefined &&
    typeof metadata.namespace === 'string' &&
    metadata.namespace !== target.namespace
  )
    return out.fail(editNamespaceChanged(metadata.namespace, target.namespace));
  // kubectl diffs against its own copy of the object as it was opened; the playground keeps no
  // such copy between lines, so a spec changed elsewhere since then (a new generation) is
  // refused rather than silently undone by this save.
  const openedGeneration = isObject(edited.metadata) ? edited.metadata.generation : undefined;
  if (openedGeneration !== undefined && openedGeneration !== live.metadata.generation)
    return out.fail(editNotPatched(type.plural, name, editConflict(type.plural, name)));
  const struct = findKind(String(served.apiVersion), live.kind)?.struct ?? live.kind;
  let patch: JsonMap;
  try {
    patch = createThreeWayMergePatch(original, modified, original, structCursor(struct));
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    return out.fail(editNotPatched(type.plural, name, error.message));
  }
  const result = context.cluster.execute({
    op: 'patch',
    key: { kind: live.kind, name, ...(target.namespace ? { namespace: target.namespace } : {}) },
    patchType: 'strategic',
    patch,
    fieldValidation: 'Strict',
  });
  if (!result.ok) {
    const error = result.error;
    if (error.reason === 'Invalid')
      return out.fail(editInvalid(type.plural, name, error.causes.map(renderFieldError)));
    if (error.reason === 'NotFound') return out.fail(editGone(type.plural, name, file));
    return out.fail(
      editNotPatched(
        type.plural,
        name,
        formatApiError(error, { verb: 'patching' }).replace(/^Error from server[^:]*: /, ''),
      ),
    );
  }
  for (const warning of result.warnings ?? []) out.error(`Warning: ${warning}`);
  out.print(operationDone(type.singular, name, 'edited'));
  return 0;
}

interface EditTarget {
  type: ResourceType;
  name: string;
  namespace: string | undefined;
}

function firstTarget(positionals: string[]): Target | { error: string } | undefined {
  const targets = resolveTargets(positionals);
  if ('error' in targets) return targets;
  return targets[0];
}

export const edit: Verb = {
  name: 'edit',
  short: 'Edit a resource on the server',
  usage: 'kubectl edit (RESOURCE/NAME | RESOURCE NAME) [options]',
  mutates: true,
  flags: [{ name: 'edited-file', type: 'string', completes: 'files' }],
  run(args, context) {
    const out = context.output;
    const target = firstTarget(args.positionals);
    if (target === undefined) return out.fail(noResourcesGiven());
    if ('error' in target) return out.fail(target.error);
    const { type, names } = target;
    const [name] = names;
    if (name === undefined) return out.fail(noResourcesGiven());
    const namespace = type.namespaced ? context.namespace : undefined;
    const editTarget: EditTarget = { type, name, namespace };
    const edited = stringFlag(args, 'edited-file');
    if (edited !== undefined) return save(context, editTarget, edited);
    const live = context.cluster.get(type.kind, name, namespace);
    if (!live) return out.fail(notFound(type.plural, name));
    if (!context.editor) return out.fail(editorUnavailable());
    const file = editFileName(type.singular, name);
    context.editor.open({
      name: file,
      text: editText(live),
      resource: `${type.singular}/${name}`,
      ...(namespace === undefined ? {} : { namespace }),
    });
    out.print(editOpened(type.singular, name, file));
    return 0;
  },
};
