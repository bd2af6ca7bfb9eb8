/**
 * NodeResourcesFit: the pod's requests plus what the node's pods already request must fit the
 * node's allocatable resources, and the pod count must stay within allocatable pods
 * (pkg/scheduler/framework/plugins/noderesources/fit.go, fitsRequest;
 * component-helpers resource/helpers.go PodRequests: init containers count as max(init, sum),
 * sidecars add to both).
 */
import { toMilli } from '../../kube/quantity.ts';
import { getOwn } from '../api/records.ts';
import type { Node, PodSpec, Quantity, VerdictItem } from '../types.ts';

/** Requests in thousandths of a unit (cpu millicores, memory milli-bytes), by resource name. */
export type ResourceList = Map<string, number>;

/** Defaults the simulated kubelet reports when a Node manifest leaves them out (console contract). */
export const DEFAULT_ALLOCATABLE: Readonly<Record<string, string>> = {
  cpu: '4',
  memory: '16Gi',
  pods: '110',
};

function containerRequests(
  resources: { requests?: Record<string, Quantity>; limits?: Record<string, Quantity> } | undefined,
): ResourceList {
  const out: ResourceList = new Map();
  const requests = resources?.requests;
  const limits = resources?.limits;
  // SetDefaults_Pod copies limits into missing requests; pods that skipped it are treated the same.
  for (const source of [limits, requests]) {
    if (!source) continue;
    for (const name of Object.keys(source)) out.set(name, toMilli(source[name]));
  }
  return out;
}

const requestsCache = new WeakMap<object, { init: unknown; list: ResourceList }>();

/**
 * From a pod spec, its effective requests: the larger of the containers plus sidecars, and of
 * each init container plus the sidecars started before it. The
 * scheduler asks for every pod on every candidate node, so the answer is kept per containers
 * list, which a DaemonSet's pods share (a pod's resources never change in place; an update
 * stores new containers). Read-only.
 */
export function podRequests(spec: PodSpec): ResourceList {
  const key: object = spec.containers ?? spec;
  const cached = requestsCache.get(key);
  if (cached && cached.init === spec.initContainers) return cached.list;
  const list = computePodRequests(spec);
  requestsCache.set(key, { init: spec.initContainers, list });
  return list;
}

// AggregateContainerRequests (staging/src/k8s.io/component-helpers/resource/helpers.go): a
// sidecar keeps running, so it adds to the containers' sum and to every init container after it.
function computePodRequests(spec: PodSpec): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec.containers ?? []) addTo(total, containerRequests(c.resources));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = containerRequests(c.resources);
    let use: ResourceList;
    if (c.restartPolicy === 'Always') {
      addTo(total, own);
      addTo(sidecars, own);
      use = sidecars;
    } else {
      use = new Map(sidecars);
      addTo(use, own);
    }
    for (const [name, value] of use)
      if (value > (initPeak.get(name) ?? 0)) initPeak.set(name, value);
  }
  for (const [name, value] of initPeak) if (value > (total.get(name) ?? 0)) total.set(name, value);
  return total;
}

function addTo(sum: ResourceList, add: ResourceList): void {
  for (const [name, value] of add) sum.set(name, (sum.get(name) ?? 0) + value);
}

/** From a node, its allocatable resources in thousandths (pods as a plain count). */
export function nodeAllocatable(node: Node): ResourceList {
  // Parsed once per node version: the scheduler asks for every pod it places. Read-only.
  const rv = node.metadata.resourceVersion;
  const cached = allocatableCache.get(node);
  if (cached && cached.rv === rv) return cached.list;
  const list = computeNodeAllocatable(node);
  allocatableCache.set(node, { rv, list });
  return list;
}

const allocatableCache = new WeakMap<Node, { rv: string; list: ResourceList }>();

function computeNodeAllocatable(node: Node): ResourceList {
  const out: ResourceList = new Map();
  const alloc = node.status?.allocatable ?? {};
  const capacity = node.status?.capacity ?? {};
  for (const name of Object.keys(DEFAULT_ALLOCATABLE)) {
    out.set(
      name,
      toMilli(getOwn(alloc, name) ?? getOwn(capacity, name) ?? DEFAULT_ALLOCATABLE[name]),
    );
  }
  for (const name of Object.keys(alloc))
    if (!Object.hasOwn(DEFAULT_ALLOCATABLE, name)) out.set(name, toMilli(alloc[name]));
  out.set('pods', Math.floor((out.get('pods') ?? 110_000) / 1000));
  return out;
}

/** What the pods already bound to a node use. */
export interface NodeUsage {
  requested: ResourceList;
  pods: number;
}

/** From pod specs already on a node, their summed requests and count. */
export function nodeUsage(specs: Iterable<PodSpec>): NodeUsage {
  const requested: ResourceList = new Map();
  let pods = 0;
  for (const spec of specs) {
    pods++;
    for (const [name, value] of podRequests(spec))
      requested.set(name, (requested.get(name) ?? 0) + value);
  }
  return { requested, pods };
}

/** The order fitsRequest checks resources in. */
function resourceOrder(names: Iterable<string>): string[] {
  const fixed = ['cpu', 'memory', 'ephemeral-storage'];
  const rest = [...names].filter((n) => !fixed.includes(n) && n !== 'pods').sort();
  return [...fixed, ...rest];
}

/** From a pod's requests, a node's allocatable and its usage, the plugin's reasons ("Too many pods", "Insufficient cpu"); empty when it fits. */
export function insufficientResources(
  request: ResourceList,
  allocatable: ResourceList,
  usage: NodeUsage,
): string[] {
  const reasons: string[] = [];
  if (usage.pods + 1 > (allocatable.get('pods') ?? 0)) reasons.push('Too many pods');
  for (const name of resourceOrder(request.keys())) {
    const want = request.get(name) ?? 0;
    if (want <= 0) continue;
    const free = (allocatable.get(name) ?? 0) - (usage.requested.get(name) ?? 0);
    if (want > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

function formatAmount(name: string, milli: number): string {
  if (name === 'cpu') return milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
  const value = milli / 1000;
  if (name === 'memory' || name === 'ephemeral-storage') {
    if (value >= 2 ** 30 && value % 2 ** 30 === 0) return `${value / 2 ** 30}Gi`;
    if (value >= 2 ** 20 && value % 2 ** 20 === 0) return `${value / 2 ** 20}Mi`;
    if (value >= 2 ** 10 && value % 2 ** 10 === 0) return `${value / 2 ** 10}Ki`;
  }
  return `${value}`;
}

/** From the same inputs, one verdict item per requested resource and the pod count. */
export function describeResources(
  request: ResourceList,
  allocatable: ResourceList,
  usage: NodeUsage,
): VerdictItem[] {
  const items: VerdictItem[] = [];
  const podsAlloc = allocatable.get('pods') ?? 0;
  items.push({
    subject: 'pods',
    passed: usage.pods + 1 <= podsAlloc,
    detail: `${usage.pods} of ${podsAlloc} pods used${usage.pods + 1 <= podsAlloc ? '' : ': Too many pods'}`,
  });
  for (const name of resourceOrder(request.keys())) {
    const want = request.get(name) ?? 0;
    if (want <= 0) continue;
    const used = usage.requested.get(name) ?? 0;
    const alloc = allocatable.get(name) ?? 0;
    const passed = want <= alloc - used;
    items.push({
      subject: name,
      passed,
      detail: `requests ${formatAmount(name, want)}, node has ${formatAmount(name, used)} of ${formatAmount(name, alloc)} requested${passed ? '' : `: Insufficient ${name}`}`,
    });
  }
  return items;
}
