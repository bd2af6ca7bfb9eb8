/**
 * Plain-language sentences for learners, from a verdict the engine computed. Pure: it words the
 * engine's decision (shouldRun, shouldContinueRunning and the failed checks); it never makes one.
 * Every filter of the engine's registry has its title and sentence here (the record is
 * exhaustive over FilterName), and a failed check without one still gets a sentence built from
 * its message.
 */
import type { FilterName, NodeVerdict, VerdictCheck } from '../../protocol/cluster.ts';

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
 * From a failed check, the verdict and the context, the sentence that check gives, or undefined
 * when it is not what decided the outcome (e.g. a NoSchedule taint on a node the labels already
 * exclude), so the next failed check is asked.
 */
type Sentence = (
  check: VerdictCheck,
  verdict: NodeVerdict,
  context: ExplainContext,
) => string | undefined;

/** The controller wants a pod here but a scheduler filter rejects the node. */
function unplaced(verdict: NodeVerdict, context: ExplainContext, what: string, coda = ''): string {
  return `${verdict.node} should run ${context.daemonSet}, so the controller creates the pod, but the scheduler cannot place it: ${what}. The pod stays Pending until that changes.${coda ? ` ${coda}` : ''}`;
}

const NEVER_STOPS = 'Resources and ports never stop the controller from trying.';

/** A sentence for a filter only the scheduler runs: it explains a Pending pod, never an absent one. */
function schedulerSentence(what: (check: VerdictCheck) => string, coda: string): Sentence {
  return (check, verdict, context) =>
    verdict.shouldRun ? unplaced(verdict, context, what(check), coda) : undefined;
}

function labelSentence(what: string): Sentence {
  return (check, verdict) => {
    if (verdict.shouldRun) return undefined;
    const data = failedSubjects(check);
    return `No pod on ${verdict.node}: its labels do not match the DaemonSet's ${what}${data ? ` (${data})` : ''}. Labels decide both placing and keeping, so a pod already here would be deleted.`;
  };
}

function taintSentence(
  check: VerdictCheck,
  verdict: NodeVerdict,
  context: ExplainContext,
): string | undefined {
  if (verdict.shouldRun) return undefined;
  const taints = untoleratedTaints(check);
  const named = taints.length > 0 ? taints.join(', ') : 'a taint';
  if (verdict.shouldContinueRunning) {
    return context.hasPod
      ? `An existing pod may stay: the untolerated taint ${named} is NoSchedule, which only blocks new pods. The pod counts as misscheduled, and a deleted pod would not come back.`
      : `No new pod on ${verdict.node}: the taint ${named} is not tolerated. NoSchedule only blocks new pods, so a pod that was already here could have stayed.`;
  }
  const noExecute = taints.filter((t) => t.endsWith(':NoExecute'));
  // Only NoSchedule taints fail here, yet the pod may not stay: another check decided that.
  if (taints.length > 0 && noExecute.length === 0) return undefined;
  const evicting = noExecute.length > 0 ? noExecute.join(', ') : named;
  return `No pod on ${verdict.node}: the taint ${evicting} is not tolerated, and NoExecute also evicts pods that are already running. Add a matching toleration to run here.`;
}

/** What the panel says about one filter: its title in the check list and its sentence. */
interface CheckText {
  title: string;
  sentence: Sentence;
}

/**
 * One entry per filter of the engine's registry. The record is exhaustive over FilterName, so a
 * filter added to the registry without its panel text fails the type check.
 */
const CHECK_TEXT: Record<FilterName, CheckText> = {
  unschedulable: {
    title: 'Cordon (spec.unschedulable)',
    sentence: schedulerSentence(
      () => 'the node is cordoned and the pod does not tolerate node.kubernetes.io/unschedulable',
      'A cordon never stops the controller from trying.',
    ),
  },
  nodeName: {
    title: 'spec.nodeName',
    sentence: (_check, verdict, context) =>
      verdict.shouldRun
        ? undefined
        : `No pod on ${verdict.node}: the pod template sets nodeName to another node, so only that node runs ${context.daemonSet}.`,
  },
  taints: { title: 'Taints and tolerations', sentence: taintSentence },
  nodeSelector: { title: 'nodeSelector', sentence: labelSentence('nodeSelector') },
  nodeAffinity: {
    title: 'Required node affinity',
    sentence: labelSentence('required node affinity'),
  },
  ports: {
    title: 'Host ports (scheduler)',
    sentence: schedulerSentence(
      () => 'a host port the pod asks for is already taken on this node',
      NEVER_STOPS,
    ),
  },
  resources: {
    title: 'Resources (scheduler)',
    sentence: schedulerSentence(
      (check) => `the node does not have room (${check.message})`,
      NEVER_STOPS,
    ),
  },
};

/** From a check's name, its title; a name this page does not know shows as itself. */
export function checkTitle(name: string): string {
  return Object.hasOwn(CHECK_TEXT, name) ? CHECK_TEXT[name as FilterName].title : name;
}

function sentenceOf(check: VerdictCheck): Sentence | undefined {
  // A verdict from a newer engine may name a filter this page does not know.
  return Object.hasOwn(CHECK_TEXT, check.check) ? CHECK_TEXT[check.check].sentence : undefined;
}

/**
 * From a node's verdict for a DaemonSet and what is on the node, one or two sentences saying
 * what happens there and why, e.g. "An existing pod may stay: the taint is NoSchedule, which
 * only blocks new pods." The failed checks are asked in order; the first that explains the
 * outcome speaks. "Every check passes" is said only when no check failed.
 */
export function explainVerdict(verdict: NodeVerdict, context: ExplainContext): string {
  const ds = context.daemonSet;
  const failed = verdict.checks.filter((c) => !c.passed);
  for (const check of failed) {
    const sentence = sentenceOf(check)?.(check, verdict, context);
    if (sentence) return sentence;
  }
  const first = failed[0];
  if (verdict.shouldRun) {
    if (first) return unplaced(verdict, context, first.message);
    return context.hasPod
      ? `${verdict.node} runs ${ds}: every check passes, so the DaemonSet controller keeps exactly one pod here.`
      : `${verdict.node} should run ${ds}: every check passes, so the DaemonSet controller creates a pod here.`;
  }
  if (!first) return `${verdict.node} does not run ${ds}.`;
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
