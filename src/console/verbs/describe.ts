/**
 * `kubectl describe (node|pod|ds) [NAME]`: one describer per kind (printers/describe.ts); with
 * no name, every object of the type, separated as kubectl separates them.
 */
import type { Verb } from './verb.ts';
import type { DaemonSet, KubeObject, Node, Pod } from '../../engine/types.ts';
import { stringFlag } from '../args.ts';
import { nowMs, type VerbContext } from '../context.ts';
import { resolveTargets } from '../targets.ts';
import { describeRequiresResource, noResourcesFound, notFound, resourceTypeNotOffered } from '../messages.ts';
import { describeDaemonSet, describeNode, describePod } from '../printers/describe.ts';

function describeOne(object: KubeObject, context: VerbContext): string {
  const now = nowMs(context);
  const { cluster } = context;
  const ns = object.metadata.namespace;
  const events = cluster.eventsFor(object.kind, object.metadata.name, ns);
  if (object.kind === 'Pod') return describePod(object as Pod, events, now);
  if (object.kind === 'Node') {
    const pods = cluster.list('Pod', { fieldSelector: `spec.nodeName=${object.metadata.name}` });
    const running = Array.isArray(pods) ? pods.filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed') : [];
    return describeNode(object as Node, running, events, now);
  }
  const ds = object as DaemonSet;
  const pods = cluster.list('Pod', { namespace: ns });
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of Array.isArray(pods) ? pods : []) {
    if (!pod.metadata.ownerReferences?.some((r) => r.controller && r.uid === ds.metadata.uid)) continue;
    if (pod.status.phase === 'Running') counts.running++;
    else if (pod.status.phase === 'Pending') counts.waiting++;
    else if (pod.status.phase === 'Succeeded') counts.succeeded++;
    else if (pod.status.phase === 'Failed') counts.failed++;
  }
  return describeDaemonSet(ds, counts, events, now);
}

export const describe: Verb = {
  name: 'describe',
  mutates: false,
  flags: [{ name: 'selector', short: 'l', type: 'string' }],
  run(args, context) {
    const out = context.output;
    if (args.positionals.length === 0) return out.fail(describeRequiresResource());
    const targets = resolveTargets(args.positionals);
    if ('error' in targets) return out.fail(targets.error);
    const texts: string[] = [];
    for (const { type, names } of targets) {
      if (!['Node', 'Pod', 'DaemonSet'].includes(type.kind)) return out.fail(resourceTypeNotOffered(`describe ${type.plural}`));
      const namespace = type.namespaced ? context.namespace : undefined;
      if (names.length === 0) {
        const listed = context.cluster.list(type.kind, { namespace, labelSelector: stringFlag(args, 'selector') });
        if ('error' in listed) return out.fail(`error: ${listed.error}`);
        if (listed.length === 0) out.error(noResourcesFound(type.namespaced ? namespace : undefined));
        for (const object of listed) texts.push(describeOne(object, context));
        continue;
      }
      for (const name of names) {
        const object = context.cluster.get(type.kind, name, namespace);
        if (!object) {
          out.fail(notFound(type.plural, name));
          continue;
        }
        texts.push(describeOne(object, context));
      }
    }
    // describe.go separates several objects with a blank line pair.
    out.write(texts.join('\n\n'));
    return out.exit;
  },
};
