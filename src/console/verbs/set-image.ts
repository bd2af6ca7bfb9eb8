/**
 * `kubectl set image TYPE NAME... CONTAINER=IMAGE ... [--all | -l SEL]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go, v1.32): the objects are read first
 * (any failure stops the command), then each gets the images; a container name no object has
 * is reported at the end without stopping the others, and an object whose images are already
 * the ones asked for is left alone and not printed.
 */
import type { Verb } from './verb.ts';
import type { KubeObject, PodSpec } from '../../engine/types.ts';
import { boolFlag, stringFlag } from '../args.ts';
import { tryFetchCopy, trySendUpdate } from './update.ts';
import { resourcesAndPairs, visitTargets, type Visit } from '../targets.ts';
import { errorText, reportErrors, type VisitError } from '../aggregate.ts';
import { apiErrorText } from '../api-errors.ts';
import {
  allWithSelector,
  containerNotFound,
  invalidPairFormat,
  noResourcesGiven,
  operationDone,
  setImageNeedsPair,
  setImageWildcardAndMore,
  setImagePatchFailed,
  verbNotOffered,
} from '../messages.ts';

/** From `NAME=IMAGE` arguments, the images by container name, or kubectl's error (ParsePairs). */
export function parseImages(pairs: string[]): Map<string, string> | { error: string } {
  const images = new Map<string, string>();
  const invalid: string[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0) images.set(pair.slice(0, eq), pair.slice(eq + 1));
    else invalid.push(pair);
  }
  if (invalid.length > 0) return { error: invalidPairFormat('image', invalid) };
  return images;
}

/** The pod spec set image changes: a DaemonSet's template, or a pod's own. */
function podSpecOf(object: KubeObject): PodSpec | undefined {
  if (object.kind === 'DaemonSet') return object.spec.template.spec;
  if (object.kind === 'Pod') return object.spec;
  return undefined;
}

export const setVerb: Verb = {
  name: 'set',
  short: 'Set specific features on objects',
  usage: 'kubectl set SUBCOMMAND [options]',
  mutates: true,
  subcommands: ['image'],
  completeArgs(args, source) {
    if (args.length === 0) return setVerb.subcommands ?? [];
    return source.names('DaemonSet').map((n) => `ds/${n}`);
  },
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run(args, context) {
    const out = context.output;
    const [sub, ...rest] = args.positionals;
    if (sub !== 'image') return out.fail(verbNotOffered(`set ${sub ?? ''}`.trim()));
    // Complete: split the words, parse the pairs, then read every object.
    const split = resourcesAndPairs(rest, 'image');
    if ('error' in split) return out.fail(split.error);
    const images = parseImages(split.pairs);
    if ('error' in images) return out.fail(images.error);
    const all = boolFlag(args, 'all');
    const selector = stringFlag(args, 'selector');
    if (split.resources.length === 0) return out.fail(noResourcesGiven());
    const visits = visitTargets(context, split.resources, { all, selector });
    if ('error' in visits) return out.fail(visits.error);
    for (const { type } of visits)
      if (type.kind !== 'DaemonSet' && type.kind !== 'Pod')
        return out.fail(verbNotOffered(`set image ${type.plural}`));
    const objects: { visit: Visit; object: KubeObject }[] = [];
    const readErrors: VisitError[] = [];
    for (const visit of visits) {
      const fetched = tryFetchCopy(context, visit.type.kind, visit.name);
      if ('error' in fetched) readErrors.push({ api: fetched.error });
      else objects.push({ visit, object: fetched.object });
    }
    if (readErrors.length > 0) return reportErrors(out, readErrors);
    // Validate: its problems are reported together.
    const problems: string[] = [];
    if (all && (selector ?? '') !== '') problems.push(errorText(allWithSelector()));
    if (images.size === 0) problems.push(errorText(setImageNeedsPair()));
    else if (images.size > 1 && images.has('*'))
      problems.push(errorText(setImageWildcardAndMore()));
    if (problems.length > 0) return reportErrors(out, [{ texts: problems }]);
    // Run: the errors of every object are gathered in one list.
    const errors: string[] = [];
    for (const { visit, object } of objects) {
      const spec = podSpecOf(object);
      if (!spec) continue;
      const before = JSON.stringify(spec);
      for (const [name, image] of images) {
        const matched = [...(spec.initContainers ?? []), ...spec.containers].filter(
          (c) => name === '*' || c.name === name,
        );
        for (const c of matched) c.image = image;
        // The message carries its own `error: `, which an aggregate line keeps.
        if (matched.length === 0) errors.push(containerNotFound(name));
      }
      if (JSON.stringify(spec) === before) continue;
      const failed = trySendUpdate(context, object);
      if (failed) {
        errors.push(setImagePatchFailed(apiErrorText(failed)));
        continue;
      }
      out.print(operationDone(visit.type.singular, object.metadata.name, 'image updated'));
    }
    return errors.length === 0 ? 0 : reportErrors(out, [{ texts: errors }]);
  },
};
