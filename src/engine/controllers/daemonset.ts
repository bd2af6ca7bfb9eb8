/**
 * The DaemonSet controller's sync: history, manage (create and delete pods per node), the update
 * strategy, history cleanup and status (pkg/controller/daemon/daemon_controller.go syncDaemonSet,
 * manage, podsShouldBeOnNode, syncNodes, updateDaemonSetStatus, podByCreationTimestampAndPhase;
 * pkg/controller/daemon/util/daemonset_util.go GetTargetNodeName, in src/kube/target-node.ts).
 */
import { fromTimestamp } from '../clock.ts';
import type { DaemonProfile, DaemonSetController } from './daemonset-controller.ts';
import { labelSelectorAsSelector, matchesSelector, type Selector } from '../api/labels.ts';
import { GRID_MS, TIMING, backoff } from '../timing.ts';
import type {
  DaemonSet,
  DaemonSetStatus,
  LabelSelector,
  Node,
  Pod,
  PodCondition,
  StringMap,
} from '../types.ts';
import { cleanupHistory } from './history.ts';
import {
  DaemonNodeTable,
  ROLL_OLD_AVAILABLE,
  ROLL_OLD_UNAVAILABLE,
  ROLL_UNAVAILABLE,
} from './daemon-table.ts';
import {
  TEMPLATE_GENERATION_LABEL,
  budgets,
  findUpdatedPodsOnNode,
  isPodUpdated,
  rollingUpdate,
} from './rolling-update.ts';

// The controller's callers group pods by this node; it lives in src/kube, shared with the page.

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

const NO_PODS: readonly Pod[] = [];

const NOTHING: Selector = { requirements: [], matchesNothing: true };
const parsedSelectors = new WeakMap<LabelSelector, Selector>();

/**
 * From a DaemonSet's spec.selector, the parsed selector (LabelSelectorAsSelector). Validation
 * already rejected bad selectors, so one that still fails to parse matches nothing. Cached per
 * selector object: specs are replaced on update, never edited in place.
 */
function dsSelector(selector: LabelSelector | undefined): Selector {
  if (!selector) return NOTHING;
  let parsed = parsedSelectors.get(selector);
  if (!parsed) {
    const result = labelSelectorAsSelector(selector);
    parsed = result.ok ? result.selector : NOTHING;
    parsedSelectors.set(selector, parsed);
  }
  return parsed;
}

/** From a DaemonSet's spec.selector and labels, whether they match (a nil selector matches nothing). */
function matchesLabelSelector(
  selector: LabelSelector | undefined,
  labels: StringMap | undefined,
): boolean {
  return matchesSelector(dsSelector(selector), labels);
}

/** From a DaemonSet's spec.selector, whether it is empty and so selects every pod. */
function isEmptySelector(selector: LabelSelector | undefined): boolean {
  const parsed = dsSelector(selector);
  return parsed.matchesNothing !== true && parsed.requirements.length === 0;
}

/** From a pod, its Ready condition (a plain loop: this runs for every pod in every sync). */
function readyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++)
    if (conditions[i].type === 'Ready') return conditions[i];
  return undefined;
}

/** From a pod, whether its Ready condition is True (IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** From a pod, minReadySeconds and now, whether it is available (IsPodAvailable: Ready for more than minReadySeconds). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = readyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  if (!c.lastTransitionTime) return false;
  return fromTimestamp(c.lastTransitionTime) + minReadySeconds * 1000 < now;
}

/** podByCreationTimestampAndPhase: bound pods first, then older creationTimestamp, then name. */
export function comparePodsForStatus(a: Pod, b: Pod): number {
  const an = a.spec.nodeName ? 0 : 1;
  const bn = b.spec.nodeName ? 0 : 1;
  if (an !== bn) return an - bn;
  const at = a.metadata.creationTimestamp;
  const bt = b.metadata.creationTimestamp;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/**
 * Claims pods for the DaemonSet (ControllerRefManager): adopts matching orphans and releases
 * owned pods whose labels stopped matching. Only pods whose labels changed are re-checked.
 */
function claimPods(controller: DaemonSetController, ds: DaemonSet): void {
  const ns = ds.metadata.namespace ?? 'default';
  if (controller.relabeled.size > 0) {
    for (const key of [...controller.relabeled].sort()) {
      if (!key.startsWith(`${ns}/`)) continue;
      const pod = controller.store.get('Pod', key);
      if (!pod) {
        controller.relabeled.delete(key);
        continue;
      }
      if (!pod.metadata.ownerReferences?.some((r) => r.uid === ds.metadata.uid && r.controller))
        continue;
      controller.relabeled.delete(key);
      if (
        pod.metadata.deletionTimestamp ||
        matchesLabelSelector(ds.spec.selector, pod.metadata.labels)
      )
        continue;
      controller.store.update(pod, (p) => {
        p.metadata.ownerReferences = (p.metadata.ownerReferences ?? []).filter(
          (r) => r.uid !== ds.metadata.uid,
        );
      });
    }
  }
  for (const pod of controller.orphanPods(ns)) {
    if (
      pod.metadata.deletionTimestamp ||
      !matchesLabelSelector(ds.spec.selector, pod.metadata.labels)
    )
      continue;
    controller.store.update(pod, (p) => {
      p.metadata.ownerReferences = [
        ...(p.metadata.ownerReferences ?? []),
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: ds.metadata.name,
          uid: ds.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ];
    });
  }
}

/**
 * Self-checks the tests switch on: `tables` compares every incrementally kept DaemonNodeTable
 * with one rebuilt from scratch at each sync and throws on any difference.
 */
export const selfCheck = { tables: false };

function checkTable(
  table: DaemonNodeTable,
  nodes: readonly Node[],
  nodeToPods: Map<string, Pod[]>,
  decide: (node: Node) => { shouldRun: boolean; shouldContinueRunning: boolean },
  profileId: number,
  hash: string,
  templateGeneration: string | undefined,
  key: string,
): void {
  const fresh = new DaemonNodeTable();
  fresh.refresh(nodes, nodeToPods, decide, profileId, hash, templateGeneration, isPodReady);
  const picture = (t: DaemonNodeTable): string =>
    JSON.stringify([
      [...t.flags],
      [...t.roll],
      [...t.missing].sort(),
      t.counts,
      [...t.attention].sort(),
    ]);
  if (picture(table) !== picture(fresh))
    throw new Error(
      `DaemonNodeTable of ${key} differs from a rebuild: ${picture(table)} vs ${picture(fresh)}`,
    );
}

/**
 * From the controller and a DaemonSet key, one sync of that DaemonSet at the current instant.
 * Work for one DaemonSet at one instant arrives here once, however many events asked for it.
 */
export function reconcileDaemonSet(controller: DaemonSetController, key: string): void {
  const ds = controller.store.get('DaemonSet', key);
  if (!ds || ds.metadata.deletionTimestamp) return;
  if (isEmptySelector(ds.spec.selector)) {
    controller.recordEvent(
      ds,
      'Warning',
      'SelectingAll',
      'This daemon set is selecting all pods. A non-empty selector is required.',
      'daemonset-controller',
    );
    return;
  }
  const profile = controller.daemonProfile(ds);
  const { hash, revision } = controller.syncHistory(ds, profile);
  const templateGeneration = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const nodes = controller.nodeList();
  claimPods(controller, ds);
  // The controller keeps pods by target node current; read it before each pass, never across writes.
  let nodeToPods = controller.podsByNodeOf(ds.metadata.uid);
  const decide = controller.shouldRunFor(profile);
  const table = controller.daemonTable(ds.metadata.uid);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const refresh = (): void => {
    nodeToPods = controller.podsByNodeOf(ds.metadata.uid);
    table.refresh(nodes, nodeToPods, decide, profile.id, hash, templateGeneration, isPodReady);
    if (selfCheck.tables)
      checkTable(table, nodes, nodeToPods, decide, profile.id, hash, templateGeneration, key);
  };
  refresh();

  // manage(): which nodes need a pod, which pods must go. Only nodes the table marks as needing
  // attention can yield either; they are visited in node order, as the full walk would.
  const toDelete: Pod[] = [];
  const toCreate: string[] = [];
  // Names sort as the node list does, so the sorted names visit the nodes in list order.
  const attention = [...table.attention].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of attention) {
    const node = controller.node(name)!;
    const { shouldRun, shouldContinueRunning } = decide(node);
    const pods = nodeToPods.get(name);
    if (shouldRun && !pods) {
      toCreate.push(name);
    } else if (shouldContinueRunning && pods) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase === 'Failed') {
          // Avoid hot-looping with a kubelet that rejects pods: back off per (DaemonSet, node).
          const wait = controller.failedPodBackoffRemaining(key, name);
          if (wait > 0) {
            controller.scheduleDaemonSetSync(key, controller.now + wait);
            continue;
          }
          controller.recordEvent(
            ds,
            'Warning',
            'FailedDaemonPod',
            `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`,
            'daemonset-controller',
          );
          toDelete.push(pod);
        } else if (pod.status?.phase === 'Succeeded') {
          toDelete.push(pod);
        } else running.push(pod);
      }
      if (running.length > 1) {
        if (!controller.surgeAllowed(ds)) {
          // Without surge, keep only the oldest pod.
          toDelete.push(...running.slice(1));
        } else {
          // With surge, keep the oldest new and the oldest old pod.
          let oldestNew: Pod | undefined;
          let oldestOld: Pod | undefined;
          for (const pod of running) {
            if (isPodUpdated(pod, hash, templateGeneration)) {
              if (!oldestNew) {
                oldestNew = pod;
                continue;
              }
            } else if (!oldestOld) {
              oldestOld = pod;
              continue;
            }
            toDelete.push(pod);
          }
        }
      }
    } else if (!shouldContinueRunning && pods) {
      for (const pod of pods) if (!pod.metadata.deletionTimestamp) toDelete.push(pod);
    }
  }
  // Unscheduled pods pinned to a node that no longer exists are deleted at once.
  const missingNodes = [...table.missing.keys()].sort();
  for (const name of missingNodes) {
    for (const pod of nodeToPods.get(name) ?? [])
      if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp) toDelete.push(pod);
  }
  if (toDelete.length > 0 || toCreate.length > 0) {
    syncNodes(controller, ds, profile, toDelete, toCreate, hash);
    refresh();
  }

  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const desired = table.counts.desired;
    const { maxSurge } = budgets(ds, desired);
    const result =
      maxSurge === 0 && minReady <= 0
        ? rollingUpdateFromTable(
            ds,
            table,
            nodes,
            missingNodes,
            nodeToPods,
            hash,
            templateGeneration,
            desired,
          )
        : rollingUpdateByWalk(
            controller,
            ds,
            nodes,
            missingNodes,
            nodeToPods,
            decide,
            hash,
            templateGeneration,
            desired,
            minReady,
          );
    if (result.deletePods.length > 0 || result.createOn.length > 0) {
      syncNodes(controller, ds, profile, result.deletePods, result.createOn, hash);
      refresh();
    }
  }

  cleanupHistory(controller, ds, () => [...nodeToPods.values()].flat(), revision);
  if (minReady <= 0) updateStatusFromTable(controller, ds, table);
  else updateStatus(controller, ds, profile, nodes, nodeToPods, hash, templateGeneration);
}

/**
 * rollingUpdate without surge and without minReadySeconds, read off the table: the old pods that
 * are not available go at once, then old available ones in node order while the unavailability
 * budget lasts. The full walk adds a candidate only while its running count of unavailable nodes
 * is under the budget and then takes the first (budget - total) candidates; as the running count
 * never exceeds the total, that is simply the first (budget - total) old available pods.
 */
function rollingUpdateFromTable(
  ds: DaemonSet,
  table: DaemonNodeTable,
  nodes: readonly Node[],
  missingNodes: readonly string[],
  nodeToPods: Map<string, Pod[]>,
  hash: string,
  templateGeneration: string | undefined,
  desired: number,
): { deletePods: Pod[]; createOn: string[] } {
  const { maxUnavailable } = budgets(ds, desired);
  const oldPodOn = (name: string): Pod | undefined =>
    findUpdatedPodsOnNode(nodeToPods.get(name) ?? NO_PODS, hash, templateGeneration).oldPod;
  // First pass: count the unavailable nodes and take the old unavailable pods, in visit order.
  // The listed nodes' unavailable count is kept by the table; their bytes are only scanned when
  // there is an old pod to find.
  let numUnavailable = table.counts.byRoll[ROLL_UNAVAILABLE];
  const deletePods: Pod[] = [];
  const roll = table.roll;
  if (table.counts.byRoll[ROLL_OLD_UNAVAILABLE] > 0)
    for (let i = 0; i < nodes.length; i++) {
      if (roll[i] !== ROLL_OLD_UNAVAILABLE) continue;
      const pod = oldPodOn(nodes[i].metadata.name);
      if (pod) deletePods.push(pod);
    }
  for (const name of missingNodes) {
    const r = table.missing.get(name);
    if (r === ROLL_UNAVAILABLE) numUnavailable++;
    else if (r === ROLL_OLD_UNAVAILABLE) {
      const pod = oldPodOn(name);
      if (pod) deletePods.push(pod);
    }
  }
  // Second pass: the first old available pods while the budget lasts.
  let remaining = Math.max(0, maxUnavailable - numUnavailable);
  const oldAvailable = table.counts.byRoll[ROLL_OLD_AVAILABLE];
  for (let i = 0; i < nodes.length && remaining > 0 && oldAvailable > 0; i++) {
    if (roll[i] !== ROLL_OLD_AVAILABLE) continue;
    const pod = oldPodOn(nodes[i].metadata.name);
    if (!pod) continue;
    deletePods.push(pod);
    remaining--;
  }
  for (const name of missingNodes) {
    if (remaining <= 0) break;
    if (table.missing.get(name) !== ROLL_OLD_AVAILABLE) continue;
    const pod = oldPodOn(name);
    if (!pod) continue;
    deletePods.push(pod);
    remaining--;
  }
  return { deletePods, createOn: [] };
}

/** rollingUpdate by the full walk over every node (surge, or minReadySeconds where availability depends on the time). */
function rollingUpdateByWalk(
  controller: DaemonSetController,
  ds: DaemonSet,
  nodes: readonly Node[],
  missingNodes: readonly string[],
  byNode: Map<string, Pod[]>,
  decide: (node: Node) => { shouldRun: boolean; shouldContinueRunning: boolean },
  hash: string,
  templateGeneration: string | undefined,
  desired: number,
  minReady: number,
): { deletePods: Pod[]; createOn: string[] } {
  // Every node that has pods or should run one, in node-name order; nodes that are gone last.
  const forEachNode = (visit: (node: string, pods: readonly Pod[]) => void): void => {
    for (const node of nodes) {
      const name = node.metadata.name;
      const pods = byNode.get(name);
      if (pods || decide(node).shouldRun) visit(name, pods ?? NO_PODS);
    }
    for (const name of missingNodes) {
      const pods = byNode.get(name);
      if (pods) visit(name, pods);
    }
  };
  return rollingUpdate({
    ds,
    hash,
    templateGeneration,
    forEachNode,
    desired,
    isAvailable: (pod) => isPodAvailable(pod, minReady, controller.now),
    shouldRun: (name) => {
      const node = controller.node(name);
      return node ? decide(node).shouldRun : false;
    },
  });
}

/** updateStatus without minReadySeconds (available = ready), from the table's counts. */
function updateStatusFromTable(
  controller: DaemonSetController,
  ds: DaemonSet,
  table: DaemonNodeTable,
): void {
  const { desired, current, misscheduled, ready, updated } = table.counts;
  storeStatus(controller, ds, { desired, current, misscheduled, ready, available: ready, updated });
}

/** Creates pods on nodes and deletes pods, with the controller's events (syncNodes). */
function syncNodes(
  controller: DaemonSetController,
  ds: DaemonSet,
  profile: DaemonProfile,
  toDelete: readonly Pod[],
  createOn: readonly string[],
  hash: string,
): Pod[] {
  const created: Pod[] = [];
  for (const node of createOn) {
    const result = controller.createDaemonPod(ds, profile, node, hash);
    if (typeof result === 'string') {
      controller.recordEvent(
        ds,
        'Warning',
        'FailedCreate',
        `Error creating: ${result}`,
        'daemonset-controller',
      );
      break;
    }
    controller.recordEvent(
      ds,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${result.metadata.name}`,
      'daemonset-controller',
    );
    created.push(result);
  }
  const seen = new Set<Pod>();
  for (const pod of toDelete) {
    if (seen.has(pod)) continue;
    seen.add(pod);
    controller.deletePod(pod);
    controller.recordEvent(
      ds,
      'Normal',
      'SuccessfulDelete',
      `Deleted pod: ${pod.metadata.name}`,
      'daemonset-controller',
    );
  }
  return created;
}

/** Computes and stores status exactly as updateDaemonSetStatus does; re-queues when minReadySeconds will make a pod available. */
function updateStatus(
  controller: DaemonSetController,
  ds: DaemonSet,
  profile: DaemonProfile,
  nodes: readonly Node[],
  nodeToPods: Map<string, Pod[]>,
  hash: string,
  templateGeneration: string | undefined,
): void {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  const minReady = ds.spec.minReadySeconds ?? 0;
  let nextAvailableAt = Infinity;
  const decide = controller.shouldRunFor(profile);
  for (const node of nodes) {
    const pods = nodeToPods.get(node.metadata.name);
    const { shouldRun } = decide(node);
    if (shouldRun) {
      desired++;
      if (!pods || pods.length === 0) continue;
      current++;
      const pod = pods[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, controller.now)) available++;
      }
      if (isPodUpdated(pod, hash, templateGeneration)) updated++;
    } else if (pods && pods.length > 0) {
      misscheduled++;
    }
  }
  // Every pod that is Ready but not yet available (a surge pod too, not only the oldest per
  // node) needs a sync when minReadySeconds have passed, or the rollout would wait for an
  // unrelated event.
  if (minReady > 0) {
    for (const pods of nodeToPods.values()) {
      for (const pod of pods) {
        if (
          pod.metadata.deletionTimestamp ||
          !isPodReady(pod) ||
          isPodAvailable(pod, minReady, controller.now)
        )
          continue;
        const c = readyCondition(pod);
        if (c?.lastTransitionTime)
          nextAvailableAt = Math.min(
            nextAvailableAt,
            fromTimestamp(c.lastTransitionTime) + minReady * 1000 + GRID_MS,
          );
      }
    }
  }
  storeStatus(controller, ds, { desired, current, misscheduled, ready, available, updated });
  if (nextAvailableAt < Infinity) {
    controller.scheduleDaemonSetSync(keyOfDs(ds), Math.max(controller.now, nextAvailableAt));
  }
}

/** The counts updateDaemonSetStatus computes. */
interface StatusCounts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  available: number;
  updated: number;
}

/** From counts, writes the DaemonSet's status when it differs (omitting zero fields as JSON omitempty does). */
function storeStatus(controller: DaemonSetController, ds: DaemonSet, counts: StatusCounts): void {
  const { desired, current, misscheduled, ready, available, updated } = counts;
  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  // JSON omits these when zero (omitempty), so kubectl -o yaml shows the same shape.
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions) status.conditions = ds.status.conditions;
  const old = ds.status ?? {};
  const same =
    old.currentNumberScheduled === status.currentNumberScheduled &&
    old.numberMisscheduled === status.numberMisscheduled &&
    old.desiredNumberScheduled === status.desiredNumberScheduled &&
    old.numberReady === status.numberReady &&
    old.observedGeneration === status.observedGeneration &&
    old.updatedNumberScheduled === status.updatedNumberScheduled &&
    old.numberAvailable === status.numberAvailable &&
    old.numberUnavailable === status.numberUnavailable;
  if (!same) {
    controller.updateDaemonSetStatus(ds, (d) => {
      d.status = status;
    });
  }
}

function keyOfDs(ds: DaemonSet): string {
  return `${ds.metadata.namespace ?? 'default'}/${ds.metadata.name}`;
}

/**
 * From a node's failed-pod back-off entry (if any) and now, how long the back-off still runs
 * (0 = not in back-off) and the entry to keep: a new one, or the next step once it has run out.
 */
export function nextFailedPodBackoff(
  entry: { attempt: number; lastUpdate: number } | undefined,
  now: number,
): { wait: number; entry: { attempt: number; lastUpdate: number } } {
  if (entry) {
    const duration = backoff(
      TIMING.failedPodBackoffInitial,
      TIMING.failedPodBackoffMax,
      entry.attempt,
    );
    if (now - entry.lastUpdate < duration)
      return { wait: duration - (now - entry.lastUpdate), entry };
    return { wait: 0, entry: { attempt: entry.attempt + 1, lastUpdate: now } };
  }
  return { wait: 0, entry: { attempt: 0, lastUpdate: now } };
}

export { budgets, TEMPLATE_GENERATION_LABEL };
