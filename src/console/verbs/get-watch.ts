/**
 * `kubectl get -w` and `--watch-only` (kubectl pkg/cmd/get/get.go, `watch`): one resource type,
 * listed (or one object got) and printed unless `--watch-only`, then a watch from there on whose
 * rows the console's watch session prints after every simulated instant.
 */
import type { KubeObject } from '../../engine/types.ts';
import { nowMs, type VerbContext } from '../context.ts';
import { listObjects, selectorWithNames } from '../list.ts';
import {
  allNamespacesWithName,
  noResourcesGiven,
  notFound,
  watchOneResource,
  watchOneType,
} from '../messages.ts';
import type { Target } from '../targets.ts';
import { ObjectWatch, type WatchRequest } from '../watch.ts';

/** The flags of `get` that shape a watch, already read from the command line. */
export interface WatchFlags {
  format: string | undefined;
  watchOnly: boolean;
  events: boolean;
  allNamespaces: boolean;
  selector: string | undefined;
  fieldSelector: string | undefined;
  noHeaders: boolean;
  showLabels: boolean;
}

/** From the targets and flags of `get -w`, prints what kubectl prints first and opens the watch. */
export function runGetWatch(targets: Target[], flags: WatchFlags, context: VerbContext): number {
  const out = context.output;
  if (targets.length === 0) return out.fail(noResourcesGiven());
  if (targets.length > 1) return out.fail(watchOneType());
  const [{ type, names }] = targets;
  const namespace = type.namespaced && !flags.allNamespaces ? context.namespace : undefined;
  const request: WatchRequest = {
    type,
    namespace,
    labelSelector: flags.selector,
    fieldSelector: flags.fieldSelector,
    format: flags.format,
    withNamespace: flags.allNamespaces && type.namespaced,
    noHeaders: flags.noHeaders,
    showLabels: flags.showLabels,
    events: flags.events,
  };
  let objects: KubeObject[];
  if (names.length > 0) {
    const refused = selectorWithNames({
      labelSelector: flags.selector,
      fieldSelector: flags.fieldSelector,
    });
    if (refused) return out.fail(refused);
    if (flags.allNamespaces && type.namespaced) return out.fail(allNamespacesWithName());
    objects = [];
    for (const name of names) {
      const object = context.cluster.get(type.kind, name, namespace);
      if (!object) return out.fail(notFound(type.plural, name));
      objects.push(object);
    }
    request.name = names[0];
  } else {
    const listed = listObjects(context.cluster, type, {
      namespace,
      labelSelector: flags.selector,
      fieldSelector: flags.fieldSelector,
    });
    if ('error' in listed) return out.fail(listed.error);
    objects = listed;
  }
  const watch = new ObjectWatch(request, objects);
  // Several names are got and printed, and only then refused: a watch follows one request.
  if (!flags.watchOnly) out.write(watch.printList(objects, nowMs(context)));
  if (names.length > 1) return out.fail(watchOneResource());
  context.watch?.open(watch, context.cluster);
  return 0;
}
