/**
 * `kubectl drain NAME --ignore-daemonsets [--force]` (kubectl/pkg/drain filters): cordon, then
 * refuse DaemonSet pods without --ignore-daemonsets and bare pods without --force, else evict
 * everything else through the Eviction subresource. DaemonSet pods stay: their controller
 * tolerates the unschedulable taint, which is the lesson.
 */
import type { Verb } from './verb.ts';
import { boolFlag, type ParsedArgs } from '../args.ts';
import type { VerbContext } from '../context.ts';
import { tryFetchCopy } from './update.ts';
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

/**
 * Drains one cordoned node (drain.go deleteOrEvictPodsSimple): the reasons it cannot, or
 * none after its pods were evicted and `node/NAME drained` was printed.
 */
function drainNode(context: VerbContext, name: string, args: ParsedArgs): string[] {
  const out = context.output;
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
  if (problems.length > 0) return problems;
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
    if (!result.ok) {
      out.fail(formatApiError(result.error, { verb: 'evicting' }));
      return [];
    }
    out.print(operationDone('pod', pod.name, 'evicted'));
  }
  out.print(operationDone('node', name, 'drained'));
  return [];
}

export const drain: Verb = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  usage: 'kubectl drain NODE [options]',
  mutates: true,
  flags: [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
  ],
  completeArgs: (_args, source) => source.names('Node'),
  run(args, context) {
    const out = context.output;
    if (args.positionals.length === 0) return out.fail(nodeUsage('drain'));
    const names = args.positionals.map((word) => word.replace(/^nodes?\//, ''));
    // drain.go RunDrain: every node is read, then cordoned, then drained in turn; a node that
    // cannot be drained is reported and the next one is tried.
    for (const name of names) {
      const read = tryFetchCopy(context, 'Node', name);
      if ('error' in read) return out.fail(formatApiError(read.error));
    }
    for (const name of names) if (!setUnschedulable(context, name, true)) return 1;
    const fatal: string[][] = [];
    const remaining: string[] = [];
    for (const name of names) {
      const problems = drainNode(context, name, args);
      if (problems.length === 0) continue;
      const reason = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
      out.error(drainFailed(name, reason));
      fatal.push(problems);
      remaining.push(name);
    }
    if (remaining.length === 0) return out.exit;
    out.error(drainPending(remaining));
    // checkErr: one node's problems one per line; several nodes' each as one aggregate line.
    if (fatal.length === 1) for (const p of fatal[0]) out.error(p);
    else
      for (const problems of fatal)
        out.error(problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`);
    out.exit = 1;
    return 1;
  },
};
