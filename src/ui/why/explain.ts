/**
 * Plain-language sentences for learners, from a verdict the engine computed. Pure: it words the
 * engine's decision (shouldRun, shouldContinueRunning and the failed checks); it never makes one.
 * Every filter of the engine's registry has its title and sentence here (the record is
 * exhaustive over FilterName), and a failed check without one still gets a sentence built from
 * its message. A pod the engine diagnosed as not available, and a DaemonSet whose rollout
 * waits, get their sentences from the engine's typed diagnosis (explainPod, explainRollout).
 */
import type {
  FilterName,
  NodeVerdict,
  PodDiagnosis,
  RolloutDiagnosis,
  VerdictCheck,
} from '../../protocol/cluster.ts';
import { humanDuration } from '../../kube/duration.ts';

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

/** What a pod sentence needs besides the diagnosis. */
export interface PodContext {
  /** The simulated wall clock (epoch ms), for the time left on a back-off or minReadySeconds. */
  now: number;
}

/** From an RFC 3339 instant and now, the time left, as kubectl prints a duration ("12s", "1m30s"). */
function timeLeft(at: string | undefined, now: number): string | undefined {
  if (!at) return undefined;
  const ms = Date.parse(at) - now;
  return ms > 0 ? humanDuration(ms) : undefined;
}

/** From an init flag and a container name, how the sentence names the container. */
function containerName(init: boolean, name: string): string {
  return init ? `init container ${name}` : `container ${name}`;
}

/**
 * From the engine's diagnosis of a pod that is not available, one or two sentences leading with
 * the stage it is stuck at (not placed, placed but not running, running but not available) and
 * the cause in the engine's own figures.
 */
export function explainPod(d: PodDiagnosis, context: PodContext): string {
  switch (d.stage) {
    case 'terminating':
      return 'Terminating: the pod is being deleted and its containers are stopping.';
    case 'finished':
      return `Finished (phase ${d.phase}): its containers have stopped. A DaemonSet controller deletes such a pod and creates a new one.`;
    case 'notPlaced':
      return d.message
        ? `Not placed: the scheduler cannot bind the pod to a node (${d.reason ?? 'Unschedulable'}): ${d.message}`
        : 'Not placed: the pod waits for the scheduler to bind it to a node.';
    case 'notRunning':
      switch (d.reason) {
        case 'missingVolume':
          return `Placed, but not running: the kubelet cannot mount volume "${d.volume}" because ${d.source} "${d.name}" does not exist in the pod's namespace. The pod stays ContainerCreating and the kubelet retries the mount; create the ${d.source} (or mark the volume optional) and it starts.`;
        case 'imagePull': {
          const what = `Placed, but not running: the image "${d.image}" of ${containerName(d.init, d.container)} cannot be pulled.`;
          const retry = d.backOff
            ? 'The kubelet retries with a growing back-off (ImagePullBackOff).'
            : 'The kubelet will retry after a back-off (ErrImagePull).';
          return d.answer
            ? `${what} The registry answered: ${d.answer}. ${retry} Fix the image name or tag.`
            : `${what} The registry has it now, so the next retry succeeds. ${retry}`;
        }
        case 'initWaiting':
          return `Placed, but not running: ${containerName(true, d.container)} waits for the Service "${d.service}", which does not exist in the pod's namespace. The other containers start only after every init container has finished; create the Service.`;
        case 'crashLoop': {
          const restarts = `restarted ${d.restarts} time${d.restarts === 1 ? '' : 's'}`;
          const what = `Crash loop: ${containerName(d.init, d.container)} exits with code ${d.exitCode} (${restarts}).`;
          if (d.backOffMs === 0)
            return `${what} The kubelet restarts it; each further crash waits longer, from 10s doubling up to 5m (CrashLoopBackOff).`;
          const left = timeLeft(d.retryAt, context.now);
          return `${what} The kubelet waits ${humanDuration(d.backOffMs)} before the next start (CrashLoopBackOff)${left ? `, ${left} from now` : ''}; the wait doubles up to 5m. Fix the command or its configuration.`;
        }
        case 'starting':
          return d.container
            ? `Placed, starting: ${d.container} is being created (image pull or start); nothing has failed.`
            : 'Placed, starting: the kubelet is setting the pod up; nothing has failed.';
      }
      break;
    case 'notAvailable':
      switch (d.reason) {
        case 'nodeNotReady':
          return `Running, but not available: node ${d.node} is not Ready, so the kubelet reports no container ready.`;
        case 'readiness':
          return d.probe
            ? `Running, but not available: container ${d.container}'s readiness probe has not passed yet.`
            : `Running, not ready yet: the kubelet reports container ${d.container} ready at its next status sync.`;
        case 'minReadySeconds': {
          const left = timeLeft(d.availableAt, context.now);
          return `Ready, but not available yet: the DaemonSet's minReadySeconds is ${d.minReadySeconds}, so the pod counts as available ${left ? `in ${left}` : 'now'}. Until then it uses up rollout budget.`;
        }
      }
  }
  return 'The pod is not available.';
}

/** What a rollout sentence needs besides the diagnosis. */
export interface RolloutContext {
  /** From a pod name, its kubectl STATUS (e.g. "ImagePullBackOff"), when the page has the pod. */
  statusOf: (pod: string) => string | undefined;
  /** Whether a pod is failing, not just on its way (from its diagnosis). */
  failing: (pod: string) => boolean;
  /** The selected node, so the sentence names the old pod that waits there. */
  node?: string;
}

/** From names, "a", "a and b", "a, b and c", or "a, b and 3 more" beyond three. */
function listOf(names: string[]): string {
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** From a budget's spec value and its scaled number, "1" or "25% (1 of 4 nodes)". */
function budgetText(
  spec: RolloutDiagnosis['maxUnavailableSpec'],
  value: number,
  desired: number,
): string {
  if (typeof spec === 'string' && spec.endsWith('%'))
    return `${spec} (${value} of ${desired} node${desired === 1 ? '' : 's'}, rounded up)`;
  return String(value);
}

/**
 * From the engine's figures of a DaemonSet's rollout, why it moves or waits, in the budget's
 * own numbers, e.g. "maxUnavailable 1: 1 of 1 unavailable slot is taken by agent-x on worker-2
 * (ImagePullBackOff), so the controller will not replace the old pod on worker-3."
 */
export function explainRollout(r: RolloutDiagnosis, context: RolloutContext): string {
  const progress = `${r.updated} of ${r.desired} node${r.desired === 1 ? '' : 's'} run the new template`;
  const waitingHere = context.node ? r.waiting.filter((w) => w.node === context.node) : [];
  const waiting = waitingHere.length > 0 ? waitingHere : r.waiting;
  const waitingNodes = listOf(waiting.map((w) => w.node));
  if (r.strategy === 'OnDelete')
    return `Rollout of ${r.name} (OnDelete): ${progress}. The controller replaces an old pod only after you delete it, so the old pod${waiting.length === 1 ? '' : 's'} on ${waitingNodes} stay${waiting.length === 1 ? 's' : ''}.`;
  const surge = r.maxSurge > 0;
  const budget = surge ? r.maxSurge : r.maxUnavailable;
  const name = surge ? 'maxSurge' : 'maxUnavailable';
  const slot = surge ? 'surge slot' : 'unavailable slot';
  const budgetWords = budgetText(surge ? r.maxSurgeSpec : r.maxUnavailableSpec, budget, r.desired);
  const takers = r.taken.map((t) => {
    if (!t.pod) return `${t.node} (no single pod there yet)`;
    const status = context.statusOf(t.pod);
    return `${t.pod} on ${t.node}${status ? ` (${status})` : ''}`;
  });
  const taken = `${r.taken.length} of ${budget} ${slot}${budget === 1 ? '' : 's'} ${r.taken.length === 1 ? 'is' : 'are'} taken${takers.length > 0 ? ` by ${listOf(takers)}` : ''}`;
  const stalled = r.taken.some((t) => t.pod !== undefined && context.failing(t.pod));
  const lead = `Rollout of ${r.name} ${stalled ? 'is stalled' : 'is waiting'} (${progress}).`;
  if (waiting.length === 0)
    return `Rollout of ${r.name} is under way (${progress}). ${name} ${budgetWords}: ${taken}.`;
  const held = surge
    ? `so the controller will not start a new pod next to the old one on ${waitingNodes}`
    : `so the controller will not replace the old pod${waiting.length === 1 ? '' : 's'} on ${waitingNodes}`;
  const fix = stalled
    ? ' It waits until the new pod becomes available: fix the template (or roll back) to move on.'
    : '';
  return `${lead} ${name} ${budgetWords}: ${taken}, ${held}.${fix}`;
}
