/**
 * Plain-language sentences for learners, from a verdict the engine computed. Pure: it words the
 * engine's decision (shouldRun, shouldContinueRunning and the failed checks); it never makes one.
 */
import type { NodeVerdict, VerdictCheck } from '../../protocol/cluster.ts';

/** What the learner clicked, as far as the sentence needs to know. */
export interface ExplainContext {
  /** The DaemonSet's name, e.g. "fluentd". */
  daemonSet: string;
  /** Whether a pod of this DaemonSet (not terminating) is on the node now. */
  hasPod: boolean;
  /** That pod's kubectl STATUS, when there is one. */
  podStatus?: string;
}

/**
 * From a node's verdict for a DaemonSet and what is on the node, one or two sentences saying
 * what happens there and why, e.g. "An existing pod may stay: the taint is NoSchedule, which
 * only blocks new pods."
 */
export function explainVerdict(verdict: NodeVerdict, context: ExplainContext): string {
  const ds = context.daemonSet;
  const failed = verdict.checks.filter((c) => !c.passed);
  if (verdict.shouldRun) {
    const scheduler = failed.find((c) => c.check === 'resources' || c.check === 'ports');
    if (!scheduler) {
      return context.hasPod
        ? `${verdict.node} runs ${ds}: every check passes, so the DaemonSet controller keeps exactly one pod here.`
        : `${verdict.node} should run ${ds}: every check passes, so the DaemonSet controller creates a pod here.`;
    }
    const what =
      scheduler.check === 'ports'
        ? 'a host port the pod asks for is already taken on this node'
        : `the node does not have room (${scheduler.message})`;
    return `${verdict.node} should run ${ds}, so the controller creates the pod, but the scheduler cannot place it: ${what}. The pod stays Pending until that changes. Resources and ports never stop the controller from trying.`;
  }

  const first = failed[0];
  if (!first) return `${verdict.node} does not run ${ds}.`;
  if (first.check === 'nodeName') {
    return `No pod on ${verdict.node}: the pod template sets nodeName to another node, so only that node runs ${ds}.`;
  }
  if (first.check === 'nodeSelector' || first.check === 'nodeAffinity') {
    const what = first.check === 'nodeSelector' ? 'nodeSelector' : 'required node affinity';
    const data = failedSubjects(first);
    return `No pod on ${verdict.node}: its labels do not match the DaemonSet's ${what}${data ? ` (${data})` : ''}. Labels decide both placing and keeping, so a pod already here would be deleted.`;
  }
  if (first.check === 'taints') {
    const taints = untoleratedTaints(first);
    const noExecute = taints.filter((t) => t.endsWith(':NoExecute'));
    const named = taints.length > 0 ? taints.join(', ') : 'a taint';
    if (verdict.shouldContinueRunning) {
      return context.hasPod
        ? `An existing pod may stay: the untolerated taint ${named} is NoSchedule, which only blocks new pods. The pod counts as misscheduled, and a deleted pod would not come back.`
        : `No new pod on ${verdict.node}: the taint ${named} is not tolerated. NoSchedule only blocks new pods, so a pod that was already here could have stayed.`;
    }
    const evicting = noExecute.length > 0 ? noExecute.join(', ') : named;
    return `No pod on ${verdict.node}: the taint ${evicting} is not tolerated, and NoExecute also evicts pods that are already running. Add a matching toleration to run here.`;
  }
  return `No pod on ${verdict.node}: ${first.message}.`;
}

/** From a taints check, the subjects (e.g. "dedicated=gpu:NoSchedule") no toleration matched. */
export function untoleratedTaints(check: VerdictCheck): string[] {
  return (check.items ?? [])
    .filter((i) => !i.passed)
    .map((i) => i.subject)
    .filter((s) => !s.endsWith(':PreferNoSchedule'));
}

function failedSubjects(check: VerdictCheck): string {
  return (check.items ?? [])
    .filter((i) => !i.passed)
    .map((i) => i.subject)
    .join('; ');
}
