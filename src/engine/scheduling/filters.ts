/**
 * The filter registry: every node filter the simulation knows, in kube-scheduler's default order
 * for the Filter extension point (pkg/scheduler/apis/config/v1/default_plugins.go), each tagged
 * with the stage it applies to. The scheduler runs the `scheduler` and `both` entries, the
 * DaemonSet controller's shouldRun the `daemon` and `both` ones (its `predicates` in
 * pkg/controller/daemon/daemon_controller.go: node name, node affinity, taints), and a verdict
 * shows every entry. Each entry composes one of the one-idea modules next to this file.
 */
import type { Node, NodeSelector, PodSpec, StringMap, Toleration, VerdictItem } from '../types.ts';
import {
  NODE_AFFINITY_MISMATCH,
  describeNodeAffinity,
  matchesNodeAffinity,
} from './node-affinity.ts';
import { NODE_NAME_MISMATCH, matchesNodeName } from './node-name.ts';
import { PORTS_MESSAGE, describePorts, hostPorts, portConflicts } from './node-ports.ts';
import { describeNodeSelector, matchesNodeSelector } from './node-selector.ts';
import {
  describeResources,
  insufficientResources,
  nodeAllocatable,
  nodeUsage,
  podRequests,
} from './resources-fit.ts';
import {
  describeTaints,
  findToleration,
  findUntoleratedTaint,
  formatToleration,
  isHardEffect,
  untoleratedTaintMessage,
} from './taints.ts';
import {
  UNSCHEDULABLE_MESSAGE,
  UNSCHEDULABLE_TAINT_KEY,
  passesUnschedulable,
} from './unschedulable.ts';

/** What a pod asks of a node, as the filters read it. */
export interface FilterPod {
  /** The whole spec, for the filters that read containers (ports, resources). */
  spec: PodSpec;
  /** spec.nodeName; unset or empty fits any node. */
  nodeName?: string;
  nodeSelector?: StringMap;
  /** Required node affinity (requiredDuringSchedulingIgnoredDuringExecution). */
  required?: NodeSelector;
  /** The tolerations that count: a DaemonSet's include the controller's automatic ones. */
  tolerations: readonly Toleration[];
}

/** From a pod spec, what the filters read of it, tolerations as written. */
export function filterPodOf(spec: PodSpec): FilterPod {
  return {
    spec,
    nodeName: spec.nodeName,
    nodeSelector: spec.nodeSelector,
    required: spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    tolerations: spec.tolerations ?? [],
  };
}

/**
 * The specs of the pods the pod would share the node with (non-terminal, itself excluded),
 * asked for only by the filters that need them, so the caller can compute them lazily.
 */
export type OtherPods = () => readonly PodSpec[];

/** For callers that evaluate only filters that never look at other pods. */
export const NO_OTHER_PODS: OtherPods = () => [];

/** A filter's rejection. */
export interface FilterStatus {
  /** The plugin's reasons, as FailedScheduling counts them. */
  readonly reasons: readonly string[];
  /** Whether removing pods from the node could help (Unschedulable, not UnschedulableAndUnresolvable): preemption looks only at those nodes. */
  readonly resolvable: boolean;
  /** Whether a pod already running on the node may stay despite it (the DaemonSet controller's shouldContinueRunning). */
  readonly mayStay: boolean;
}

/** A filter's outcome worded for a verdict: the check without its name. */
export interface CheckOutcome {
  passed: boolean;
  /** One line, in the plugin's words when it fails. */
  message: string;
  /** The data behind the decision. */
  items?: VerdictItem[];
}

/** Where a filter applies: the scheduler, the DaemonSet controller's shouldRun, or both. */
export type FilterStage = 'scheduler' | 'daemon' | 'both';

/** One registry entry. `explain(...).passed` must equal `filter(...) === undefined`. */
export interface FilterEntry {
  /** The verdict check's name (VerdictCheck.check). */
  readonly name: string;
  /** The upstream plugin whose behaviour and wording it follows. */
  readonly plugin: string;
  readonly stage: FilterStage;
  /** From a pod, a node and the pods on it, the rejection, or undefined when the node fits. */
  readonly filter: (pod: FilterPod, node: Node, others: OtherPods) => FilterStatus | undefined;
  /** From the same inputs, the verdict text and the data behind it. */
  readonly explain: (pod: FilterPod, node: Node, others: OtherPods) => CheckOutcome;
}

function rejection(reason: string, resolvable: boolean, mayStay: boolean): FilterStatus {
  return Object.freeze({ reasons: Object.freeze([reason]), resolvable, mayStay });
}

const UNSCHEDULABLE = rejection(UNSCHEDULABLE_MESSAGE, false, true);
const NODE_NAME = rejection(NODE_NAME_MISMATCH, false, false);
const NODE_AFFINITY = rejection(NODE_AFFINITY_MISMATCH, false, false);
const NODE_PORTS = rejection(PORTS_MESSAGE, true, true);

function onlyNoExecute(taint: { effect: string }): boolean {
  return taint.effect === 'NoExecute';
}

/** The registry, in kube-scheduler's Filter order. */
export const FILTERS = [
  {
    name: 'unschedulable',
    plugin: 'NodeUnschedulable',
    // The DaemonSet controller does not look at the cordon: its pods tolerate it (should-run.ts).
    stage: 'scheduler',
    filter: (pod, node) => (passesUnschedulable(node, pod.tolerations) ? undefined : UNSCHEDULABLE),
    explain: (pod, node) => {
      if (!node.spec?.unschedulable) return { passed: true, message: 'node is schedulable' };
      const t = findToleration(pod.tolerations, {
        key: UNSCHEDULABLE_TAINT_KEY,
        effect: 'NoSchedule',
      });
      return {
        passed: !!t,
        message: t
          ? `node is cordoned; tolerated by ${formatToleration(t)}`
          : UNSCHEDULABLE_MESSAGE,
      };
    },
  },
  {
    name: 'nodeName',
    plugin: 'NodeName',
    stage: 'both',
    filter: (pod, node) =>
      matchesNodeName(pod.nodeName, node.metadata.name) ? undefined : NODE_NAME,
    explain: (pod, node) => {
      const name = node.metadata.name;
      const passed = matchesNodeName(pod.nodeName, name);
      return {
        passed,
        message: passed
          ? pod.nodeName
            ? `spec.nodeName is ${name}`
            : 'spec.nodeName is not set'
          : NODE_NAME_MISMATCH,
      };
    },
  },
  {
    name: 'taints',
    plugin: 'TaintToleration',
    stage: 'both',
    filter: (pod, node) => {
      const taints = node.spec?.taints;
      const taint = findUntoleratedTaint(taints, pod.tolerations, isHardEffect);
      if (!taint) return undefined;
      // Scheduled daemon pods continue running if they tolerate every NoExecute taint.
      const evicts = findUntoleratedTaint(taints, pod.tolerations, onlyNoExecute);
      return { reasons: [untoleratedTaintMessage(taint)], resolvable: false, mayStay: !evicts };
    },
    explain: (pod, node) => {
      const taints = node.spec?.taints;
      const untolerated = findUntoleratedTaint(taints, pod.tolerations, isHardEffect);
      return {
        passed: !untolerated,
        message: untolerated
          ? untoleratedTaintMessage(untolerated)
          : (taints?.length ?? 0) > 0
            ? 'every NoSchedule and NoExecute taint is tolerated'
            : 'node has no taints',
        items: describeTaints(taints, pod.tolerations),
      };
    },
  },
  {
    // NodeAffinity's first half: spec.nodeSelector.
    name: 'nodeSelector',
    plugin: 'NodeAffinity',
    stage: 'both',
    filter: (pod, node) =>
      matchesNodeSelector(pod.nodeSelector, node.metadata.labels) ? undefined : NODE_AFFINITY,
    explain: (pod, node) => {
      const labels = node.metadata.labels;
      const passed = matchesNodeSelector(pod.nodeSelector, labels);
      return {
        passed,
        message: passed
          ? pod.nodeSelector && Object.keys(pod.nodeSelector).length > 0
            ? 'node labels match spec.nodeSelector'
            : 'no nodeSelector'
          : NODE_AFFINITY_MISMATCH,
        items: describeNodeSelector(pod.nodeSelector, labels),
      };
    },
  },
  {
    // NodeAffinity's second half: the required node affinity.
    name: 'nodeAffinity',
    plugin: 'NodeAffinity',
    stage: 'both',
    filter: (pod, node) =>
      matchesNodeAffinity(pod.required, node.metadata.name, node.metadata.labels)
        ? undefined
        : NODE_AFFINITY,
    explain: (pod, node) => {
      const name = node.metadata.name;
      const labels = node.metadata.labels;
      const passed = matchesNodeAffinity(pod.required, name, labels);
      return {
        passed,
        message: passed
          ? pod.required
            ? 'a required nodeSelectorTerm matches'
            : 'no required node affinity'
          : NODE_AFFINITY_MISMATCH,
        items: describeNodeAffinity(pod.required, name, labels),
      };
    },
  },
  {
    name: 'ports',
    plugin: 'NodePorts',
    stage: 'scheduler',
    filter: (pod, _node, others) => {
      const wanted = hostPorts(pod.spec);
      if (wanted.length === 0) return undefined;
      const used = others().flatMap((spec) => hostPorts(spec));
      return portConflicts(wanted, used).length > 0 ? NODE_PORTS : undefined;
    },
    explain: (pod, _node, others) => {
      const wanted = hostPorts(pod.spec);
      const used = others().flatMap((spec) => hostPorts(spec));
      const passed = portConflicts(wanted, used).length === 0;
      return {
        passed,
        message: passed
          ? wanted.length === 0
            ? 'no host ports requested'
            : 'requested host ports are free'
          : PORTS_MESSAGE,
        items: describePorts(wanted, used),
      };
    },
  },
  {
    name: 'resources',
    plugin: 'NodeResourcesFit',
    stage: 'scheduler',
    filter: (pod, node, others) => {
      const reasons = insufficientResources(
        podRequests(pod.spec),
        nodeAllocatable(node),
        nodeUsage(others()),
      );
      return reasons.length === 0 ? undefined : { reasons, resolvable: true, mayStay: true };
    },
    explain: (pod, node, others) => {
      const request = podRequests(pod.spec);
      const alloc = nodeAllocatable(node);
      const usage = nodeUsage(others());
      const reasons = insufficientResources(request, alloc, usage);
      return {
        passed: reasons.length === 0,
        message: reasons.length === 0 ? 'requests fit the node' : reasons.join(', '),
        items: describeResources(request, alloc, usage),
      };
    },
  },
] as const satisfies readonly FilterEntry[];

/** The name of a registry entry, and so of a verdict check. */
export type FilterName = (typeof FILTERS)[number]['name'];

/** From an entry, whether the scheduler runs it. */
export function runsInScheduler(entry: FilterEntry): boolean {
  return entry.stage !== 'daemon';
}

/** From an entry, whether the DaemonSet controller's shouldRun runs it. */
export function runsInDaemonController(entry: FilterEntry): boolean {
  return entry.stage !== 'scheduler';
}

/** The scheduler's filters, in order (RunFilterPlugins stops at the first rejection). */
export const SCHEDULER_FILTERS: readonly FilterEntry[] = FILTERS.filter(runsInScheduler);

/** The DaemonSet controller's predicates, in order. */
export const DAEMON_FILTERS: readonly FilterEntry[] = FILTERS.filter(runsInDaemonController);
