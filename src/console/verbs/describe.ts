/**
 * `kubectl describe (node|pod|ds) [NAME]`: one describer per kind (printers/describe.ts); with
 * no name, every object of the type, separated as kubectl separates them.
 */
import type { Verb } from './verb.ts';
import type { DaemonSet, KubeObject, Node, Pod } from '../../engine/types.ts';
import { stringFlag } from '../args.ts';
import { nowMs, type VerbContext } from '../context.ts';
import { resolveTargets } from '../targets.ts';
import {
  describeRequiresResource,
  noResourcesFound,
  notFound,
  resourceTypeNotOffered,
} from '../messages.ts';
import { describeDaemonSet, describeNode, describePod } from '../printers/describe.ts';
import { listObjects, selectorWithNames } from '../list.ts';

function describeOne(object: KubeObject, context: VerbContext, showEvents: boolean): string {
  const now = nowMs(context);
  const { cluster } = context;
  const ns = object.metadata.namespace;
  const events = showEvents ? cluster.eventsFor(object.kind, object.metadata.name, ns) : undefined;
  if (object.kind === 'Pod') return describePod(object as Pod, events, now);
  if (object.kind === 'Node') {
    const pods = cluster.list('Pod', { fieldSelector: `spec.nodeName=${object.metadata.name}` });
    const running = Array.isArray(pods)
      ? pods.filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed')
      : [];
    return describeNode(object as Node, running, events, now);
  }
  const ds = object as DaemonSet;
  const pods = cluster.list('Pod', { namespace: ns });
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of Array.isArray(pods) ? pods : []) {
    if (!pod.metadata.ownerReferences?.some((r) => r.controller && r.uid === ds.metadata.uid))
      continue;
    if (pod.status.phase === 'Running') counts.running++;
    else if (pod.status.phase === 'Pending') counts.waiting++;
    else if (pod.status.phase === 'Succeeded') counts.succeeded++;
    else if (pod.status.phase === 'Failed') counts.failed++;
  }
  return describeDaemonSet(ds, counts, events, now);
}

export const describe: Verb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  mutates: false,
  flags: [{ name: 'selector', short: 'l', type: 'string' }],
  run(args, context) {
    const out = context.output;
    if (args.positionals.length === 0) return out.fail(describeRequiresResource());
    const targets = resolveTargets(args.positionals);
    if ('error' in targets) return out.fail(targets.error);
    // Collected first: describe.go leaves Events out when it describes more than one object.
    const found: KubeObject[] = [];
    let notFoundError = false;
    for (const { type, names } of targets) {
      if (!['Node', 'Pod', 'DaemonSet'].includes(type.kind))
        return out.fail(resourceTypeNotOffered(`describe ${type.plural}`));
      const namespace = type.namespaced ? context.namespace : undefined;
      if (names.length === 0) {
        const listed = listObjects(context.cluster, type, {
          namespace,
          labelSelector: stringFlag(args, 'selector'),
        });
        if ('error' in listed) return out.fail(listed.error);
        found.push(...listed);
        continue;
      }
      const refused = selectorWithNames({ labelSelector: stringFlag(args, 'selector') });
      if (refused) return out.fail(refused);
      for (const name of names) {
        const object = context.cluster.get(type.kind, name, namespace);
        if (object) {
          found.push(object);
          continue;
        }
        // `describe TYPE PREFIX` describes every object whose name starts with PREFIX
        // (DescribeMatchingResources), without events.
        if (args.positionals.length === 2 && !args.positionals[0].includes('/')) {
          const listed = context.cluster.list(type.kind, { namespace });
          const matches = Array.isArray(listed)
            ? listed.filter((o) => o.metadata.name.startsWith(name))
            : [];
          if (matches.length > 0) {
            out.write(matches.map((o) => `${describeOne(o, context, false)}\n`).join(''));
            return 0;
          }
        }
        out.fail(notFound(type.plural, name));
        notFoundError = true;
      }
    }
    const showEvents = found.length === 1 && !notFoundError;
    // describe.go separates several objects with "\n\n".
    out.write(found.map((o) => describeOne(o, context, showEvents)).join('\n\n'));
    if (found.length === 0 && !notFoundError) {
      out.error(
        noResourcesFound(targets.some((t) => t.type.namespaced) ? context.namespace : undefined),
      );
    }
    return out.exit;
  },
};
