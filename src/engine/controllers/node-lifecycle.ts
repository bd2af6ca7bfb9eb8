/**
 * The node lifecycle controller's taint passes: node conditions and spec.unschedulable become
 * node.kubernetes.io/* taints (NoSchedule at once, NoExecute on the next monitor pass), and pods
 * on a node whose Ready condition stops being True are marked not ready
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go doNoScheduleTaintingPass,
 * doNoExecuteTaintingPass, processTaintBaseEviction; pkg/controller/util/node/controller_utils.go MarkPodsNotReady).
 */
import { toTimestamp, type Task } from '../clock.ts';
import type { Controller, ControllerContext, StoreChange } from '../controller.ts';
import { TIMING, jitter } from '../timing.ts';
import type { Node, Taint } from '../types.ts';

/** Condition (type, status) → NoSchedule taint key (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: readonly [string, string, string][] = [
  ['Ready', 'False', 'node.kubernetes.io/not-ready'],
  ['Ready', 'Unknown', 'node.kubernetes.io/unreachable'],
  ['MemoryPressure', 'True', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'True', 'node.kubernetes.io/disk-pressure'],
  ['PIDPressure', 'True', 'node.kubernetes.io/pid-pressure'],
  ['NetworkUnavailable', 'True', 'node.kubernetes.io/network-unavailable'],
];
const UNSCHEDULABLE_KEY = 'node.kubernetes.io/unschedulable';
const MANAGED_NO_SCHEDULE = new Set([...CONDITION_TAINTS.map((c) => c[2]), UNSCHEDULABLE_KEY]);
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** From a node, its Ready condition status ('True' when the condition is missing, as a fresh kubelet reports). */
export function readyStatus(node: Node): string {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'True';
}

/** From a node, the NoSchedule taints its conditions and spec.unschedulable call for. */
export function desiredNoScheduleTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const [type, status, key] of CONDITION_TAINTS) {
    const c = node.status?.conditions?.find((x) => x.type === type);
    if (c?.status === status) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE_KEY, effect: 'NoSchedule' });
  return out;
}

/** From a node, the NoExecute taint its Ready condition calls for. */
export function desiredNoExecuteTaints(node: Node): Taint[] {
  const ready = readyStatus(node);
  if (ready === 'False') return [{ key: NOT_READY, effect: 'NoExecute' }];
  if (ready === 'Unknown') return [{ key: UNREACHABLE, effect: 'NoExecute' }];
  return [];
}

function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (t, i) =>
        t.key === b[i].key && t.effect === b[i].effect && (t.value ?? '') === (b[i].value ?? ''),
    )
  );
}

/** From the engine and a node, adds and removes the managed NoSchedule taints (doNoScheduleTaintingPass). */
export function reconcileNoScheduleTaints(engine: ControllerContext, node: Node): void {
  const taints = node.spec?.taints ?? [];
  const desired = desiredNoScheduleTaints(node);
  const kept = taints.filter(
    (t) =>
      !(t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)) ||
      desired.some((d) => d.key === t.key),
  );
  const missing = desired.filter(
    (d) => !kept.some((t) => t.key === d.key && t.effect === 'NoSchedule'),
  );
  const next = [...kept, ...missing];
  if (sameTaints(next, taints)) return;
  engine.store.update(node, (n) => {
    n.spec = { ...n.spec };
    if (next.length > 0) n.spec.taints = next;
    else delete n.spec.taints;
  });
}

/** From the engine and a node, the NoExecute pass: not-ready/unreachable taints with timeAdded, and pods marked not ready. */
export function reconcileNoExecuteTaints(engine: ControllerContext, node: Node): void {
  const taints = node.spec?.taints ?? [];
  const desired = desiredNoExecuteTaints(node);
  const managed = (t: Taint): boolean =>
    t.effect === 'NoExecute' && (t.key === NOT_READY || t.key === UNREACHABLE);
  const kept = taints.filter((t) => !managed(t) || desired.some((d) => d.key === t.key));
  const missing = desired
    .filter((d) => !kept.some((t) => managed(t) && t.key === d.key))
    .map((d) => ({ ...d, timeAdded: toTimestamp(engine.now) }));
  const next = [...kept, ...missing];
  if (!sameTaints(next, taints)) {
    engine.store.update(node, (n) => {
      n.spec = { ...n.spec };
      if (next.length > 0) n.spec.taints = next;
      else delete n.spec.taints;
    });
  }
  if (readyStatus(node) !== 'True') markPodsNotReady(engine, node);
}

/** From the engine and a node that stopped being Ready, sets Ready=False on its pods (MarkPodsNotReady). */
function markPodsNotReady(engine: ControllerContext, node: Node): void {
  const pods = engine.store
    .podsOnNode(node.metadata.name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status !== 'True') continue;
    engine.store.update(pod, (p) => {
      const conditions = p.status.conditions ?? [];
      const i = conditions.findIndex((x) => x.type === 'Ready');
      if (i < 0) return;
      conditions[i] = {
        type: 'Ready',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: toTimestamp(engine.now),
      };
      for (const s of p.status.containerStatuses ?? []) s.ready = false;
    });
    engine.recordEvent(pod, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
  }
}

/** The node monitor's NoExecute pass for one node, queued when it has something to do. */
type NoExecutePassTask = {
  type: 'nodeMonitor';
  node: string;
};

/**
 * The node lifecycle controller: the NoSchedule pass runs at once for every node that changed
 * (it drains first: the other controllers should see a node's taints as they will be), the
 * NoExecute pass on the monitor's next tick (nodeMonitorPeriod, 5 s).
 */
export class NodeLifecycleController implements Controller {
  readonly name = 'nodeLifecycle';
  readonly taskTypes = ['nodeMonitor'];
  /** Nodes added or changed since the last NoSchedule pass. */
  private changedNodes = new Set<string>();
  /** Queued NoExecute pass per node (its task's sequence number). */
  private noExecutePasses = new Map<string, number>();

  constructor(private readonly context: ControllerContext) {}

  drain(): boolean {
    if (this.changedNodes.size === 0) return false;
    const names = [...this.changedNodes].sort();
    this.changedNodes.clear();
    for (const name of names) {
      const node = this.context.store.get('Node', name);
      if (node) reconcileNoScheduleTaints(this.context, node);
    }
    return true;
  }

  runTask(task: Task, seq: number): void {
    const { node: name } = task as NoExecutePassTask;
    if (this.noExecutePasses.get(name) === seq) this.noExecutePasses.delete(name);
    const node = this.context.store.get('Node', name);
    if (node) reconcileNoExecuteTaints(this.context, node);
  }

  observe({ kind, object, change }: StoreChange): void {
    if (kind !== 'Node') return;
    const name = object.metadata.name;
    if (change === 'delete') {
      this.context.queue.cancel(this.noExecutePasses.get(name));
      this.noExecutePasses.delete(name);
      return;
    }
    this.changedNodes.add(name);
    this.nodeChanged(object as Node);
  }

  /** From a node that was created or changed, queues the NoExecute pass when it has something to do. */
  nodeChanged(node: Node): void {
    const name = node.metadata.name;
    const desired = desiredNoExecuteTaints(node).map((t) => t.key);
    const current = (node.spec?.taints ?? [])
      .filter((t) => t.effect === 'NoExecute' && (t.key === NOT_READY || t.key === UNREACHABLE))
      .map((t) => t.key);
    const taintsDiffer = desired.join(',') !== current.join(',');
    const podsToMark =
      readyStatus(node) !== 'True' &&
      this.context.store
        .podsOnNode(name)
        .some((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    if (taintsDiffer || podsToMark) this.scheduleNoExecutePass(name);
  }

  /** From a node, queues its NoExecute pass at the monitor's next tick (one queued pass per node). */
  private scheduleNoExecutePass(node: string): void {
    if (this.noExecutePasses.has(node)) return;
    const task: NoExecutePassTask = { type: 'nodeMonitor', node };
    const at = this.context.now + jitter(TIMING.noExecutePassDelay, this.context.random);
    this.noExecutePasses.set(node, this.context.queue.push(at, task));
  }

  snapshot(): [string, number][] {
    return [...this.noExecutePasses.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  restore(state: unknown): void {
    this.noExecutePasses = new Map((state as [string, number][] | undefined) ?? []);
  }
}
