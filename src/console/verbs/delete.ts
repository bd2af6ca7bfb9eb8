/**
 * `kubectl delete TYPE NAME... | -f FILE | pods -l SEL [--field-selector spec.nodeName=N]`:
 * graceful deletes through the engine, printing `kind.group "name" deleted`. The console does
 * not wait for the object to disappear (kubectl's --wait): the clock moves only with sim
 * commands and rollout status, so a deleted pod shows Terminating until time passes.
 */
import type { Verb } from './verb.ts';
import type { Kind } from '../../engine/types.ts';
import { boolFlag, intFlag, listFlag, stringFlag } from '../args.ts';
import type { VerbContext } from '../context.ts';
import { resolveTargets } from '../targets.ts';
import { loadFiles } from '../files.ts';
import { formatApiError } from '../api-errors.ts';
import {
  deleted,
  deleteFoundNothing,
  noNameGiven,
  nameWithSelector,
  allAndSelector,
  forceWithGracePeriod,
  immediateDeletionWarning,
  noKindMatch,
  nowWithGracePeriod,
  noResourcesGiven,
} from '../messages.ts';
import { resourceOfKind } from '../resources.ts';
import { printedResource } from './apply.ts';
import { listObjects, selectorWithNames } from '../list.ts';

function deleteOne(
  context: VerbContext,
  kind: Kind,
  name: string,
  namespace: string | undefined,
  grace: number | undefined,
  file?: string,
): void {
  const result = context.cluster.execute({
    op: 'delete',
    key: { kind, name, namespace },
    gracePeriodSeconds: grace,
  });
  if (result.ok) context.output.print(deleted(printedResource(kind), name, grace === 0));
  else context.output.fail(formatApiError(result.error, { verb: 'deleting', file }));
}

export const del: Verb = {
  name: 'delete',
  short:
    'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: 'kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]',
  mutates: true,
  flags: [
    { name: 'filename', short: 'f', type: 'strings', completes: 'files' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'grace-period', type: 'int', defaultValue: '-1' },
    { name: 'now', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
  ],
  run(args, context) {
    const out = context.output;
    // delete.go Complete/Validate: --now is a grace period of 1; 0 without --force becomes 1;
    // --force alone is 0 and warns that deletion is immediate.
    let grace = intFlag(args, 'grace-period');
    const force = boolFlag(args, 'force');
    if (boolFlag(args, 'now')) {
      if (grace !== undefined && grace >= 0) return out.fail(nowWithGracePeriod());
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && (grace === undefined || grace < 0)) grace = 0;
    if (force && grace !== undefined && grace > 0) return out.fail(forceWithGracePeriod());
    if (force && grace === 0) out.error(immediateDeletionWarning());
    if (grace !== undefined && grace < 0) grace = undefined;
    const files = listFlag(args, 'filename');
    if (files.length > 0) {
      const loaded = loadFiles(context.files, files);
      if ('missing' in loaded) return out.fail(loaded.missing);
      for (const item of loaded.items) {
        if (item.type === 'error') {
          out.fail(item.message);
          continue;
        }
        const value = item.object.value;
        const type = resourceOfKind(String(value.kind));
        const metadata = (value.metadata ?? {}) as Record<string, unknown>;
        const name = String(metadata.name ?? '');
        if (!type) {
          out.fail(
            noKindMatch(
              name,
              String(metadata.namespace ?? ''),
              item.file,
              String(value.kind),
              String(value.apiVersion),
            ),
          );
          continue;
        }
        const namespace = type.namespaced
          ? String(metadata.namespace ?? context.namespace)
          : undefined;
        deleteOne(context, type.kind, name, namespace, grace, item.file);
      }
      return out.exit;
    }
    if (args.positionals.length === 0) return out.fail(noResourcesGiven());
    const targets = resolveTargets(args.positionals);
    if ('error' in targets) return out.fail(targets.error);
    const selector = stringFlag(args, 'selector');
    const fieldSelector = stringFlag(args, 'field-selector');
    // Every object the command visits counts; only when there is none does kubectl say so.
    let found = 0;
    for (const { type, names } of targets) {
      const namespace = type.namespaced ? context.namespace : undefined;
      if (names.length > 0) {
        // --all stands for the selector that matches everything, so names are refused with it.
        const refused =
          selectorWithNames({ labelSelector: selector, fieldSelector }) ??
          (boolFlag(args, 'all') ? nameWithSelector() : undefined);
        if (refused) return out.fail(refused);
        found += names.length;
        for (const name of names) {
          if (
            boolFlag(args, 'ignore-not-found') &&
            !context.cluster.get(type.kind, name, namespace)
          )
            continue;
          deleteOne(context, type.kind, name, namespace, grace);
        }
        continue;
      }
      if (selector === undefined && fieldSelector === undefined && !boolFlag(args, 'all'))
        return out.fail(noNameGiven());
      if (boolFlag(args, 'all') && (selector ?? '').trim() !== '')
        return out.fail(allAndSelector());
      const listed = listObjects(context.cluster, type, {
        namespace,
        labelSelector: selector,
        fieldSelector,
      });
      if ('error' in listed) return out.fail(listed.error);
      found += listed.length;
      for (const object of listed)
        deleteOne(context, type.kind, object.metadata.name, object.metadata.namespace, grace);
    }
    if (found === 0) out.print(deleteFoundNothing());
    return out.exit;
  },
};
