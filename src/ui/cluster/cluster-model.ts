/**
 * The snapshot rearranged for drawing: one entry per node with the pods that target it, its
 * display status, key labels, taints, requested resources and the selected DaemonSet's
 * verdict. Pure and DOM-free, so it is unit-tested in Node. It never decides scheduling: the
 * verdict is copied from the snapshot, and the "state" below only chooses which sentence and
 * mark the card shows.
 */
import type {
  ClusterSnapshot,
  ControllerRevision,
  DaemonSet,
  Node,
  NodeVerdict,
  Pod,
  VerdictCheck,
} from '../../protocol/cluster.ts';
import { EPOCH_MS } from '../../kube/constants.ts';
import { findNodeRoles, nodeStatusText } from '../../kube/node-columns.ts';
import { isPodReady, podColumns } from '../../kube/pod-columns.ts';
import { parseQuantity } from '../../kube/quantity.ts';
import { taintText } from '../../kube/taints.ts';
import { targetNodeName } from '../../kube/target-node.ts';
import { toPhaseFamily, type PhaseFamily } from './pod-status.ts';
import { toCpuText, toMemoryText } from './quantity.ts';
import type { DaemonSetRef } from './selection.ts';

/** How a pod relates to the selected DaemonSet's revisions. */
export type RevisionRole = 'current' | 'old' | 'other';

/** One pod as a chip. */
export interface PodModel {
  uid: string;
  name: string;
  namespace: string;
  /** kubectl's STATUS text. */
  status: string;
  /** kubectl's READY text, e.g. "0/1". */
  readyText: string;
  /** Ready condition True. */
  ready: boolean;
  family: PhaseFamily;
  /** The pod's controller-revision-hash label ('' when it has none). */
  revisionHash: string;
  /** ControllerRevision.revision of that hash, when known. */
  revision: number | undefined;
  role: RevisionRole;
  /** "namespace/name" of the owning DaemonSet, when a DaemonSet owns it. */
  owner: string | undefined;
  /** Whether the scheduler has bound it (spec.nodeName set). */
  bound: boolean;
}

/** A node taint as shown on a card. */
export interface TaintModel {
  key: string;
  value: string;
  effect: string;
  /** kubectl's spelling: `key=value:Effect` or `key:Effect`. */
  text: string;
}

/** Requested against allocatable for one resource. */
export interface ResourceModel {
  name: 'cpu' | 'memory';
  requested: number;
  allocatable: number;
  requestedText: string;
  allocatableText: string;
}

/**
 * What the selected DaemonSet's verdict means for the card:
 * `runs` (should run, every check passes), `unfit` (should run, but a scheduler filter fails,
 * so the pod stays Pending), `may-stay` (no new pod, but the pod already there may stay),
 * `excluded` (the node should not run it), `none` (no DaemonSet selected or no verdict).
 */
export type VerdictState = 'runs' | 'unfit' | 'may-stay' | 'excluded' | 'none';

/** One node as a card. */
export interface NodeModel {
  uid: string;
  name: string;
  roles: string[];
  /** kubectl's STATUS column: Ready, NotReady, Unknown, plus ",SchedulingDisabled". */
  statusText: string;
  ready: boolean;
  cordoned: boolean;
  /** Labels worth showing, those the selected DaemonSet selects on first. */
  keyLabels: { key: string; value: string; selected: boolean }[];
  /** How many labels were left out of keyLabels. */
  hiddenLabels: number;
  taints: TaintModel[];
  resources: ResourceModel[];
  pods: PodModel[];
  verdict: NodeVerdict | undefined;
  state: VerdictState;
  /** The first failed check in a few words with its data (see toReasonText). */
  reason: string | undefined;
}

/** The whole cluster as the view draws it. */
export interface ClusterModel {
  nodes: NodeModel[];
  /** Pods whose node is unknown or gone (e.g. a bare pod with no nodeName). */
  unplaced: PodModel[];
  /** Current revision hash of the selected DaemonSet, when known. */
  currentHash: string | undefined;
  /** The selected DaemonSet, when it exists in the snapshot. */
  daemonSet: DaemonSet | undefined;
  /** Whether pods of an older revision of the selected DaemonSet still exist (a rollout). */
  rolling: boolean;
}

/** Labels kubectl users rarely need on a card (kubelet-set or shown elsewhere). */
const HIDDEN_LABEL =
  /^(kubernetes\.io\/hostname|beta\.kubernetes\.io\/|node-role\.kubernetes\.io\/|kubernetes\.io\/role$|node\.kubernetes\.io\/instance-type$)/;

/** Well-known labels shown after the user's own, in this order. */
const WELL_KNOWN_ORDER = [
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'kubernetes.io/arch',
  'kubernetes.io/os',
];

/**
 * From a snapshot, the simulated wall-clock time in epoch ms (the scale of its timestamps):
 * the engine's epoch plus the snapshot's simulated time, the instant the console calls now.
 */
export function snapshotNow(snapshot: ClusterSnapshot): number {
  return EPOCH_MS + snapshot.timeMs;
}

/**
 * What a model was built from, so that the next snapshot's model can reuse every pod and node
 * whose inputs are the very same objects (the worker keeps unchanged objects, and the client
 * their copies, by identity). Kept beside the model rather than in it, so models stay plain.
 */
interface ModelMemo {
  /** Everything besides the pod itself that a PodModel depends on. */
  podContext: string;
  /** Everything besides the node, its pods and its verdict that a NodeModel depends on. */
  nodeContext: string;
  pods: Map<Pod, PodModel>;
  nodes: Map<Node, { verdict: NodeVerdict | undefined; pods: PodModel[]; model: NodeModel }>;
  nodeList: Node[];
  informative: Set<string>;
}

const memos = new WeakMap<ClusterModel, ModelMemo>();

/**
 * From a snapshot, the selected DaemonSet and optionally the model of an earlier snapshot, the
 * cluster as cards and chips: nodes in the snapshot's order, each with the pods that target it
 * and the DaemonSet's verdict. With `previous`, pods and nodes whose inputs are unchanged keep
 * their earlier model objects (equal to what would be computed afresh), so a snapshot that
 * changes a few pods of a 500-node cluster costs a few models, and the view can tell by
 * identity which cards need drawing again.
 */
export function toClusterModel(
  snapshot: ClusterSnapshot,
  selected: DaemonSetRef | undefined,
  previous?: ClusterModel,
): ClusterModel {
  // STATUS does not depend on the time (only the unused RESTARTS age does), so reused pod
  // models stay exact as the clock moves.
  const now = snapshotNow(snapshot);
  const daemonSet = selected
    ? snapshot.objects.DaemonSet.find(
        (d) => d.metadata.namespace === selected.namespace && d.metadata.name === selected.name,
      )
    : undefined;
  const verdicts = daemonSet
    ? snapshot.verdicts.find(
        (v) => v.namespace === daemonSet.metadata.namespace && v.name === daemonSet.metadata.name,
      )
    : undefined;
  const verdictByNode = new Map((verdicts?.nodes ?? []).map((v) => [v.node, v]));
  const revisions = revisionsOf(snapshot.objects.ControllerRevision, daemonSet);
  const currentHash = currentRevisionHash(revisions);
  const selectedKeys = selectedLabelKeys(daemonSet);
  const selectedOwner = daemonSet
    ? `${daemonSet.metadata.namespace ?? 'default'}/${daemonSet.metadata.name}`
    : undefined;

  const before = previous ? memos.get(previous) : undefined;
  const podContext = JSON.stringify([selectedOwner ?? null, currentHash ?? null, [...revisions]]);
  const oldPods = before?.podContext === podContext ? before.pods : undefined;
  const memo: ModelMemo = {
    podContext,
    nodeContext: '',
    pods: new Map(),
    nodes: new Map(),
    nodeList: snapshot.objects.Node,
    informative: new Set(),
  };

  const nodeNames = new Set(snapshot.objects.Node.map((n) => n.metadata.name));
  const podsByNode = new Map<string, PodModel[]>();
  const rawPodsByNode = new Map<string, Pod[]>();
  const unplaced: PodModel[] = [];
  for (const pod of snapshot.objects.Pod) {
    const model = oldPods?.get(pod) ?? toPodModel(pod, now, revisions, currentHash, selectedOwner);
    memo.pods.set(pod, model);
    const target = targetNodeName(pod);
    if (target !== undefined && nodeNames.has(target)) {
      const list = podsByNode.get(target) ?? [];
      list.push(model);
      podsByNode.set(target, list);
      const raw = rawPodsByNode.get(target) ?? [];
      raw.push(pod);
      rawPodsByNode.set(target, raw);
    } else {
      unplaced.push(model);
    }
  }

  const informative =
    before && before.nodeList === snapshot.objects.Node
      ? before.informative
      : informativeWellKnownKeys(snapshot.objects.Node);
  memo.informative = informative;
  memo.nodeContext = JSON.stringify([podContext, [...selectedKeys], [...informative]]);
  const oldNodes = before?.nodeContext === memo.nodeContext ? before.nodes : undefined;
  const nodes = snapshot.objects.Node.map((node) => {
    const pods = podsByNode.get(node.metadata.name) ?? [];
    pods.sort(comparePods);
    const verdict = verdictByNode.get(node.metadata.name);
    const old = oldNodes?.get(node);
    const model =
      old && old.verdict === verdict && sameItems(old.pods, pods)
        ? old.model
        : toNodeModel(node, pods, rawPodsByNode.get(node.metadata.name) ?? [], verdict, {
            selectedKeys,
            selectedOwner,
            informative,
          });
    memo.nodes.set(node, { verdict, pods, model });
    return model;
  });
  const rolling =
    unplaced.some((p) => p.role === 'old') ||
    nodes.some((n) => n.pods.some((p) => p.role === 'old'));
  const result: ClusterModel = { nodes, unplaced, currentHash, daemonSet, rolling };
  memos.set(result, memo);
  return result;
}

/**
 * From a model and some of its nodes, the same model showing only those nodes (a filter);
 * it can still serve as `previous` to toClusterModel.
 */
export function withNodes(model: ClusterModel, nodes: NodeModel[]): ClusterModel {
  const narrowed = { ...model, nodes };
  const memo = memos.get(model);
  if (memo) memos.set(narrowed, memo);
  return narrowed;
}

/** Whether two lists hold the very same items in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The checks a card names first when several fail: the DaemonSet controller's own predicates, in
 * the order upstream's `predicates()` evaluates them (pkg/controller/daemon/daemon_controller.go).
 * They decide whether the node should run the pod at all, so "the labels miss the nodeSelector"
 * says more on a control-plane card than the taint the scheduler would have met first.
 */
const DECIDING_CHECKS: readonly VerdictCheck['check'][] = [
  'nodeName',
  'nodeSelector',
  'nodeAffinity',
  'taints',
];

/**
 * From a verdict, the failed check a card shows: the first failed controller predicate, else
 * the first failed check in the engine filter registry's order.
 */
export function firstFailedCheck(verdict: NodeVerdict | undefined): VerdictCheck | undefined {
  if (!verdict) return undefined;
  for (const name of DECIDING_CHECKS) {
    const check = verdict.checks.find((c) => c.check === name && !c.passed);
    if (check) return check;
  }
  return verdict.checks.find((c) => !c.passed);
}

/**
 * From a failed check, a short reason for a card that names the data behind it: the taints no
 * toleration matched, the selector terms the labels miss; else the check's own message.
 */
export function toReasonText(check: VerdictCheck): string {
  const failed = (check.items ?? []).filter((i) => !i.passed).map((i) => i.subject);
  if (failed.length === 0) return check.message;
  switch (check.check) {
    case 'taints':
      return `untolerated taint ${failed.join(', ')}`;
    case 'nodeSelector':
      return `labels miss nodeSelector ${failed.join(', ')}`;
    case 'nodeAffinity':
      return `labels miss node affinity ${failed.join('; ')}`;
    default:
      return check.message;
  }
}

function toNodeModel(
  node: Node,
  pods: PodModel[],
  rawPods: Pod[],
  verdict: NodeVerdict | undefined,
  context: {
    selectedKeys: Set<string>;
    selectedOwner: string | undefined;
    informative: Set<string>;
  },
): NodeModel {
  const labels = Object.entries(node.metadata.labels ?? {});
  const shown = labels
    .filter(
      ([key]) =>
        context.selectedKeys.has(key) ||
        (!HIDDEN_LABEL.test(key) && (!isWellKnown(key) || context.informative.has(key))),
    )
    .map(([key, value]) => ({ key, value, selected: context.selectedKeys.has(key) }))
    .sort((a, b) => labelRank(a) - labelRank(b) || a.key.localeCompare(b.key));
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const failed = firstFailedCheck(verdict);
  return {
    uid: node.metadata.uid || node.metadata.name,
    name: node.metadata.name,
    roles: findNodeRoles(node),
    statusText: nodeStatusText(node),
    ready,
    cordoned: node.spec?.unschedulable === true,
    keyLabels: shown,
    hiddenLabels: labels.length - shown.length,
    taints: (node.spec?.taints ?? []).map((t) => ({
      key: t.key,
      value: t.value ?? '',
      effect: t.effect,
      text: taintText(t),
    })),
    resources: resourcesOf(node, rawPods),
    pods,
    verdict,
    state: toVerdictState(verdict, pods, context.selectedOwner),
    reason: failed ? toReasonText(failed) : undefined,
  };
}

function isWellKnown(key: string): boolean {
  return key.includes('kubernetes.io/') || key.includes('k8s.io/');
}

/**
 * Well-known labels whose value differs between nodes (or is missing on some): only those tell
 * nodes apart, so only those earn a line on every card. `kubernetes.io/arch=amd64` on every
 * node of an all-amd64 cluster is noise; on a mixed cluster it is the point.
 */
function informativeWellKnownKeys(nodes: Node[]): Set<string> {
  const values = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
      if (!isWellKnown(key)) continue;
      const seen = values.get(key) ?? new Set<string>();
      seen.add(value);
      values.set(key, seen);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const result = new Set<string>();
  for (const [key, seen] of values) {
    if (seen.size > 1 || (counts.get(key) ?? 0) < nodes.length) result.add(key);
  }
  return result;
}

function labelRank(label: { key: string; selected: boolean }): number {
  if (label.selected) return 0;
  const known = WELL_KNOWN_ORDER.indexOf(label.key);
  if (known >= 0) return 2 + known;
  return label.key.includes('kubernetes.io/') ? 10 : 1;
}

function toVerdictState(
  verdict: NodeVerdict | undefined,
  pods: PodModel[],
  owner: string | undefined,
): VerdictState {
  if (!verdict) return 'none';
  if (verdict.shouldRun) return verdict.checks.every((c) => c.passed) ? 'runs' : 'unfit';
  const hasPod = pods.some((p) => p.owner === owner && p.status !== 'Terminating');
  return verdict.shouldContinueRunning && hasPod ? 'may-stay' : 'excluded';
}

function resourcesOf(node: Node, pods: Pod[]): ResourceModel[] {
  const allocatable = node.status?.allocatable ?? {};
  // Only bound, non-terminal pods hold resources, as the scheduler's NodeResourcesFit counts
  // them: a daemon pod still Pending for lack of room is not yet on the node.
  const active = pods.filter(
    (p) => p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const cpu = sumRequests(active, 'cpu');
  const memory = sumRequests(active, 'memory');
  const cpuAlloc = quantityValue(allocatable.cpu);
  const memAlloc = quantityValue(allocatable.memory);
  return [
    {
      name: 'cpu',
      requested: cpu,
      allocatable: cpuAlloc,
      requestedText: toCpuText(cpu),
      allocatableText: toCpuText(cpuAlloc),
    },
    {
      name: 'memory',
      requested: memory,
      allocatable: memAlloc,
      requestedText: toMemoryText(memory),
      allocatableText: toMemoryText(memAlloc),
    },
  ];
}

function sumRequests(pods: Pod[], resource: string): number {
  let total = 0;
  for (const pod of pods) {
    const regular = pod.spec.containers.reduce(
      (sum, c) => sum + quantityValue(c.resources?.requests?.[resource]),
      0,
    );
    // A pod needs max(largest init container, sum of regular containers), as the scheduler counts.
    const init = Math.max(
      0,
      ...(pod.spec.initContainers ?? []).map((c) =>
        quantityValue(c.resources?.requests?.[resource]),
      ),
    );
    total += Math.max(regular, init);
  }
  return total;
}

/** From a quantity as the snapshot holds it, its value in base units; 0 when absent (drawn empty). */
function quantityValue(q: string | number | undefined): number {
  return parseQuantity(q) ?? 0;
}

function toPodModel(
  pod: Pod,
  now: number,
  revisions: Map<string, number>,
  currentHash: string | undefined,
  selectedOwner: string | undefined,
): PodModel {
  const columns = podColumns(pod, now);
  const ready = isPodReady(pod);
  const revisionHash = pod.metadata.labels?.['controller-revision-hash'] ?? '';
  const ownerRef = pod.metadata.ownerReferences?.find(
    (o) => o.controller && o.kind === 'DaemonSet',
  );
  const namespace = pod.metadata.namespace ?? 'default';
  const owner = ownerRef ? `${namespace}/${ownerRef.name}` : undefined;
  let role: RevisionRole = 'other';
  if (owner !== undefined && owner === selectedOwner) {
    role = currentHash === undefined || revisionHash === currentHash ? 'current' : 'old';
  }
  return {
    uid: pod.metadata.uid || `${namespace}/${pod.metadata.name}`,
    name: pod.metadata.name,
    namespace,
    status: columns.status,
    readyText: columns.ready,
    ready,
    family: toPhaseFamily(columns.status, ready),
    revisionHash,
    revision: owner === selectedOwner ? revisions.get(revisionHash) : undefined,
    role,
    owner,
    bound: Boolean(pod.spec.nodeName),
  };
}

/** Pods of the selected DaemonSet first, then by name, so chips do not jump around. */
function comparePods(a: PodModel, b: PodModel): number {
  const rank = (p: PodModel) => (p.role === 'other' ? 1 : 0);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/** From all ControllerRevisions, the selected DaemonSet's as hash → revision number. */
function revisionsOf(
  all: ControllerRevision[],
  daemonSet: DaemonSet | undefined,
): Map<string, number> {
  const result = new Map<string, number>();
  if (!daemonSet) return result;
  for (const cr of all) {
    if (cr.metadata.namespace !== daemonSet.metadata.namespace) continue;
    const owned = cr.metadata.ownerReferences?.some(
      (o) =>
        o.kind === 'DaemonSet' &&
        (o.uid === daemonSet.metadata.uid || o.name === daemonSet.metadata.name),
    );
    if (!owned) continue;
    const hash = cr.metadata.labels?.['controller-revision-hash'];
    if (hash) result.set(hash, cr.revision);
  }
  return result;
}

/** The hash of the highest revision: the template the DaemonSet rolls towards. */
function currentRevisionHash(revisions: Map<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of revisions) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** Label keys the DaemonSet's nodeSelector and required node affinity mention. */
function selectedLabelKeys(daemonSet: DaemonSet | undefined): Set<string> {
  const keys = new Set<string>();
  const spec = daemonSet?.spec.template.spec;
  for (const key of Object.keys(spec?.nodeSelector ?? {})) keys.add(key);
  const terms =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) for (const e of term.matchExpressions ?? []) keys.add(e.key);
  return keys;
}
