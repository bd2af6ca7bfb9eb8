/**
 * `kubectl drain NAME --ignore-daemonsets [--force]` (kubectl/pkg/drain filters): cordon, then
 * refuse DaemonSet pods without --ignore-daemonsets and bare pods without --force, else evict
 * everything else through the Eviction subresource. DaemonSet pods stay: their controller
 * tolerates the unschedulable taint, which is the lesson.
 */
import type { Verb } from './verb.ts';
import { boolFlag } from '../args.ts';
import { setUnschedulable } from './cordon.ts';
import { formatApiError } from '../api-errors.ts';
import {
  drainBarePods,
  drainBareWarning,
  drainDaemonSetPods,
  drainEvicting,
  drainFailed,
  drainIgnoringDaemonSets,
  drainPending,
  drainWarnings,
  nodeUsage,
  operationDone,
} from '../messages.ts';

export const drain: Verb = {
  name: 'drain',
  mutates: true,
  flags: [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
  ],
  completeArgs: (_args, source) => source.names('Node'),
  run(args, context) {
    const out = context.output;
    if (args.positionals.length !== 1) return out.fail(nodeUsage('drain'));
    const name = args.positionals[0].replace(/^nodes?\//, '');
    if (!setUnschedulable(context, name, true)) return 1;
    const listed = context.cluster.list('Pod', { fieldSelector: `spec.nodeName=${name}` });
    const pods = Array.isArray(listed) ? listed : [];
    const ignoreDaemonSets = boolFlag(args, 'ignore-daemonsets');
    const force = boolFlag(args, 'force');
    const daemonPods: string[] = [];
    const barePods: string[] = [];
    const toEvict: { namespace: string; name: string }[] = [];
    for (const pod of pods) {
      const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const terminal = pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
      const controller = pod.metadata.ownerReferences?.find((r) => r.controller);
      if (controller?.kind === 'DaemonSet' && !terminal) {
        daemonPods.push(id);
        continue;
      }
      if (!controller && !terminal) barePods.push(id);
      toEvict.push({ namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name });
    }
    const problems: string[] = [];
    if (daemonPods.length > 0 && !ignoreDaemonSets) problems.push(drainDaemonSetPods(daemonPods));
    if (barePods.length > 0 && !force) problems.push(drainBarePods(barePods));
    if (problems.length > 0) {
      const reason = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
      out.error(drainFailed(name, reason));
      out.error(drainPending([name]));
      for (const p of problems) out.error(p);
      out.exit = 1;
      return 1;
    }
    const warnings: string[] = [];
    if (barePods.length > 0) warnings.push(drainBareWarning(barePods));
    if (daemonPods.length > 0) warnings.push(drainIgnoringDaemonSets(daemonPods));
    if (warnings.length > 0) out.error(drainWarnings(warnings));
    for (const pod of toEvict) out.print(drainEvicting(pod.namespace, pod.name));
    for (const pod of toEvict) {
      const result = context.cluster.execute({
        op: 'evict',
        namespace: pod.namespace,
        name: pod.name,
      });
      if (!result.ok) return out.fail(formatApiError(result.error, { verb: 'evicting' }));
      out.print(operationDone('pod', pod.name, 'evicted'));
    }
    out.print(operationDone('node', name, 'drained'));
    return 0;
  },
};
