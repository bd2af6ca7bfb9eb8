/**
 * What the DaemonSet controller needs to know about each node, kept up to date as pods and
 * nodes change instead of recomputed by walking every node's pods on every sync.
 *
 * The real controller rebuilds getNodesToDaemonPods and walks every node three times per sync
 * (manage, rollingUpdate, updateDaemonSetStatus). That is what this engine did too, and at
 * 5,000 nodes the walks dominated a rollout: each one chases every pod's conditions. Here each
 * node's facts are condensed into two bytes (decision flags and rolling-update class) in arrays
 * parallel to the sorted node list; a pod or node change only marks its node dirty, and a sync
 * re-classifies the dirty nodes. A new node list moves the bytes of the nodes that stayed, and
 * counts over the bytes are kept as they change, so a node added costs its own classification
 * and a copy of the bytes, not a walk of every node's pods. The sync's decisions and their order
 * are exactly those of the full walks (reconcileDaemonSet falls back to them where time matters:
 * minReadySeconds, and the surge path).
 */
import type { Node, Pod } from '../types.ts';
import { findUpdatedPodsOnNode, isPodUpdated } from './rolling-update.ts';

/** shouldRun of nodeShouldRunDaemonPod. */
export const RUN = 1;
/** shouldContinueRunning of nodeShouldRunDaemonPod. */
export const CONTINUE = 2;
/** The node has pods of this DaemonSet (getNodesToDaemonPods has an entry). */
export const PODS = 4;
/** manage() has something to do on this node: create, or delete some pod. */
export const ATTENTION = 8;
/** The node's first pod (podByCreationTimestampAndPhase order) is Ready. */
export const READY = 16;
/** The node's first pod is of the current template. */
export const UPDATED = 32;

/** rollingUpdate (not surging): the node is not visited (no pods and should not run one). */
export const ROLL_SKIP = 0;
/** The node counts as unavailable. */
export const ROLL_UNAVAILABLE = 1;
/** The node has an available new pod. */
export const ROLL_NEW_AVAILABLE = 2;
/** The node's only pod is old and not available: it may be replaced at once. */
export const ROLL_OLD_UNAVAILABLE = 3;
/** The node's only pod is old and available: a candidate for the unavailability budget. */
export const ROLL_OLD_AVAILABLE = 4;

type Decide = (node: Node) => { shouldRun: boolean; shouldContinueRunning: boolean };

/** From a node's decision, its pods and the current template, its flags and rolling class. */
export function classifyNode(
  decision: { shouldRun: boolean; shouldContinueRunning: boolean },
  pods: readonly Pod[] | undefined,
  hash: string,
  templateGeneration: string | undefined,
  isReady: (pod: Pod) => boolean,
): { flags: number; roll: number } {
  const { shouldRun, shouldContinueRunning } = decision;
  let flags = (shouldRun ? RUN : 0) | (shouldContinueRunning ? CONTINUE : 0);
  if (pods && pods.length > 0) {
    flags |= PODS;
    if (isReady(pods[0])) flags |= READY;
    if (isPodUpdated(pods[0], hash, templateGeneration)) flags |= UPDATED;
  }
  // The same branches as manage(): anything it would create or delete makes the node interesting.
  if (shouldRun && !pods) flags |= ATTENTION;
  else if (pods) {
    let running = 0;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const phase = pod.status?.phase;
      if (!shouldContinueRunning || phase === 'Failed' || phase === 'Succeeded') {
        flags |= ATTENTION;
        break;
      }
      if (++running > 1) {
        flags |= ATTENTION;
        break;
      }
    }
  }
  let roll = ROLL_SKIP;
  if (pods || shouldRun) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods ?? [], hash, templateGeneration);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) roll = ROLL_UNAVAILABLE;
    else if (newPod) roll = isReady(newPod) ? ROLL_NEW_AVAILABLE : ROLL_UNAVAILABLE;
    else if (oldPod) roll = isReady(oldPod) ? ROLL_OLD_AVAILABLE : ROLL_OLD_UNAVAILABLE;
  }
  return { flags, roll };
}

/** From nodes sorted by name and a name, the index of the first node whose name is not below it. */
function lowerBound(nodes: readonly Node[], name: string): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].metadata.name < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** From nodes sorted by name and a name, the node's index, or -1. */
function indexOfNode(nodes: readonly Node[], name: string): number {
  const i = lowerBound(nodes, name);
  return i < nodes.length && nodes[i].metadata.name === name ? i : -1;
}

/** One DaemonSet's per-node facts, parallel to the engine's sorted node list. */
export class DaemonNodeTable {
  /** The node list the arrays are parallel to; another list is caught up with from `changedNodes`. */
  private nodes: readonly Node[] | undefined;
  private key = '';
  flags = new Uint8Array(0);
  roll = new Uint8Array(0);
  /** Nodes that have pods of this DaemonSet but no longer exist, with their rolling class. */
  readonly missing = new Map<string, number>();
  /** Nodes whose pods changed since the last refresh. */
  readonly dirty = new Set<string>();
  /** Nodes added, changed or removed since the last refresh. */
  private readonly changedNodes = new Set<string>();
  /**
   * Counts over the listed nodes' bytes, kept as bytes change, so that a sync after one node
   * changed does not scan them all: status counts by flags, nodes by rolling class.
   */
  readonly counts = {
    desired: 0,
    current: 0,
    ready: 0,
    updated: 0,
    misscheduled: 0,
    byRoll: [0, 0, 0, 0, 0],
  };
  /** Names of the listed nodes flagged ATTENTION. */
  readonly attention = new Set<string>();

  /** From a node name, marks it for re-classification (a pod of this DaemonSet on it changed). */
  touch(node: string): void {
    if (this.nodes) this.dirty.add(node);
  }

  /** From a node name, notes that the node was added, changed or removed. */
  nodeChanged(node: string): void {
    if (this.nodes) this.changedNodes.add(node);
  }

  /**
   * Brings the table up to date: a full rebuild when the profile or the template changed, else
   * the arrays are carried over to the new node list (a node added or removed moves the bytes
   * after it) and only the changed and dirty nodes are classified again.
   */
  refresh(
    nodes: readonly Node[],
    byNode: Map<string, Pod[]>,
    decide: Decide,
    profileId: number,
    hash: string,
    templateGeneration: string | undefined,
    isReady: (pod: Pod) => boolean,
  ): void {
    const key = `${profileId}\u0000${hash}\u0000${templateGeneration ?? '\u0001'}`;
    if (this.key !== key || !this.nodes || (this.nodes !== nodes && !this.follow(nodes))) {
      this.rebuild(nodes, byNode, decide, hash, templateGeneration, isReady);
      this.key = key;
      return;
    }
    // The engine hands out a new list whenever a node changes; this catches any change it did not.
    for (const name of this.changedNodes) this.dirty.add(name);
    this.changedNodes.clear();
    if (this.dirty.size === 0) return;
    for (const name of this.dirty) {
      const i = indexOfNode(nodes, name);
      const pods = byNode.get(name);
      if (i < 0) {
        if (pods) this.missing.set(name, classifyMissing(pods, hash, templateGeneration, isReady));
        else this.missing.delete(name);
        continue;
      }
      // A node that has come back is no longer missing.
      this.missing.delete(name);
      const c = classifyNode(decide(nodes[i]), pods, hash, templateGeneration, isReady);
      this.count(i, name, -1);
      this.flags[i] = c.flags;
      this.roll[i] = c.roll;
      this.count(i, name, 1);
    }
    this.dirty.clear();
  }

  /**
   * From the new node list, moves the bytes of the nodes that did not change to their new
   * places and marks the changed ones dirty. False when the lists differ in more than the
   * changed nodes explain (then the caller rebuilds).
   */
  private follow(nodes: readonly Node[]): boolean {
    const old = this.nodes!;
    const changed = [...this.changedNodes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.changedNodes.clear();
    const flags = new Uint8Array(nodes.length);
    const roll = new Uint8Array(nodes.length);
    let from = 0;
    let to = 0;
    // Between two changed names, the old and the new list hold the same nodes in the same order.
    const carry = (oldEnd: number, newEnd: number): boolean => {
      if (oldEnd - from !== newEnd - to) return false;
      flags.set(this.flags.subarray(from, oldEnd), to);
      roll.set(this.roll.subarray(from, oldEnd), to);
      return true;
    };
    for (const name of changed) {
      const oldAt = lowerBound(old, name);
      const newAt = lowerBound(nodes, name);
      if (!carry(oldAt, newAt)) return false;
      from = oldAt;
      if (oldAt < old.length && old[oldAt].metadata.name === name) {
        // The node's old bytes no longer count; its new place starts at zero, which counts nothing.
        this.count(oldAt, name, -1);
        from++;
      }
      to = newAt < nodes.length && nodes[newAt].metadata.name === name ? newAt + 1 : newAt;
      // Classified again below; a node that left moves to `missing` if it still has pods.
      this.dirty.add(name);
    }
    if (!carry(old.length, nodes.length)) return false;
    this.nodes = nodes;
    this.flags = flags;
    this.roll = roll;
    return true;
  }

  /** From a node's index and name, adds (1) or takes away (-1) its bytes in the counts. */
  private count(i: number, name: string, sign: 1 | -1): void {
    const f = this.flags[i];
    const counts = this.counts;
    if (f & RUN) {
      counts.desired += sign;
      if (f & PODS) {
        counts.current += sign;
        if (f & READY) counts.ready += sign;
        if (f & UPDATED) counts.updated += sign;
      }
    } else if (f & PODS) counts.misscheduled += sign;
    // Skipped nodes are not counted, so that zero bytes count nothing at all.
    if (this.roll[i] !== ROLL_SKIP) counts.byRoll[this.roll[i]] += sign;
    if (f & ATTENTION) {
      if (sign > 0) this.attention.add(name);
      else this.attention.delete(name);
    }
  }

  private rebuild(
    nodes: readonly Node[],
    byNode: Map<string, Pod[]>,
    decide: Decide,
    hash: string,
    templateGeneration: string | undefined,
    isReady: (pod: Pod) => boolean,
  ): void {
    this.nodes = nodes;
    this.dirty.clear();
    this.changedNodes.clear();
    this.flags = new Uint8Array(nodes.length);
    this.roll = new Uint8Array(nodes.length);
    this.missing.clear();
    const counts = this.counts;
    counts.desired = counts.current = counts.ready = counts.updated = counts.misscheduled = 0;
    counts.byRoll.fill(0);
    this.attention.clear();
    for (let i = 0; i < nodes.length; i++) {
      const name = nodes[i].metadata.name;
      const c = classifyNode(decide(nodes[i]), byNode.get(name), hash, templateGeneration, isReady);
      this.flags[i] = c.flags;
      this.roll[i] = c.roll;
      this.count(i, name, 1);
    }
    for (const [name, pods] of byNode) {
      if (indexOfNode(nodes, name) >= 0) continue;
      this.missing.set(name, classifyMissing(pods, hash, templateGeneration, isReady));
    }
  }
}

const NOT_RUNNING = { shouldRun: false, shouldContinueRunning: false };

function classifyMissing(
  pods: readonly Pod[],
  hash: string,
  templateGeneration: string | undefined,
  isReady: (pod: Pod) => boolean,
): number {
  return classifyNode(NOT_RUNNING, pods, hash, templateGeneration, isReady).roll;
}
