/**
 * What a real kubelet reports for its Node when it registers, filled in for Node manifests that
 * leave it out: capacity/allocatable (cpu 4, memory 16Gi, pods 110), the four conditions,
 * addresses, nodeInfo, well-known labels and a podCIDR (pkg/kubelet/kubelet_node_status.go,
 * pkg/kubelet/nodestatus/setters.go).
 *
 * Addresses: the n-th node ever registered (0-based) gets InternalIP 192.168.<n / 250>.<n % 250 + 2>
 * and podCIDR 10.<128 + n / 256>.<n % 256>.0/24; pod IPs count up inside that /24.
 */
import { toTimestamp } from './clock.ts';
import { createMap, getOwn } from './api/records.ts';
import { DEFAULT_ALLOCATABLE } from './scheduling/resources-fit.ts';
import type { Node, NodeCondition } from './types.ts';

export const KUBELET_VERSION = 'v1.32.4';

const CONDITION_DEFAULTS: Record<
  string,
  { ok: 'True' | 'False'; reason: string; message: string; badReason: string; badMessage: string }
> = {
  MemoryPressure: {
    ok: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
    badReason: 'KubeletHasInsufficientMemory',
    badMessage: 'kubelet has insufficient memory available',
  },
  DiskPressure: {
    ok: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
    badReason: 'KubeletHasDiskPressure',
    badMessage: 'kubelet has disk pressure',
  },
  PIDPressure: {
    ok: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
    badReason: 'KubeletHasInsufficientPID',
    badMessage: 'kubelet has insufficient PID available',
  },
  Ready: {
    ok: 'True',
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
    badReason: 'KubeletNotReady',
    badMessage:
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  },
  NetworkUnavailable: {
    ok: 'False',
    reason: 'RouteCreated',
    message: 'RouteController created a route',
    badReason: 'NoRouteCreated',
    badMessage: 'Node created without a route',
  },
};

/** From a condition type and status, the kubelet's reason and message for it. */
export function conditionText(type: string, status: string): { reason: string; message: string } {
  const d = CONDITION_DEFAULTS[type];
  if (!d) return { reason: 'Simulated', message: `${type} is ${status}` };
  if (type === 'Ready' && status === 'Unknown')
    return { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
  if (status === 'Unknown')
    return { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
  return status === d.ok
    ? { reason: d.reason, message: d.message }
    : { reason: d.badReason, message: d.badMessage };
}

/** From a node number, its InternalIP. */
export function nodeIp(n: number): string {
  return `192.168.${Math.floor(n / 250)}.${(n % 250) + 2}`;
}

/** From a node number, its podCIDR. */
export function podCidr(n: number): string {
  return `10.${128 + Math.floor(n / 256)}.${n % 256}.0/24`;
}

/** From a node (fresh from admission), its number and now, fills what the kubelet would report. */
export function fillNodeStatus(node: Node, n: number, now: number): void {
  const ts = toTimestamp(now);
  const labels = (node.metadata.labels ??= createMap());
  const arch = getOwn(labels, 'kubernetes.io/arch') ?? 'amd64';
  const os = getOwn(labels, 'kubernetes.io/os') ?? 'linux';
  for (const [k, v] of [
    ['beta.kubernetes.io/arch', arch],
    ['beta.kubernetes.io/os', os],
    ['kubernetes.io/arch', arch],
    ['kubernetes.io/hostname', node.metadata.name],
    ['kubernetes.io/os', os],
  ]) {
    if (!Object.hasOwn(labels, k)) labels[k] = v;
  }
  node.spec ??= {};
  node.spec.podCIDR ??= podCidr(n);
  (node.spec as { podCIDRs?: string[] }).podCIDRs ??= [node.spec.podCIDR];
  const status = (node.status ??= {});
  const capacity = (status.capacity ??= createMap());
  const allocatable = (status.allocatable ??= createMap());
  for (const name of Object.keys(DEFAULT_ALLOCATABLE)) {
    if (!Object.hasOwn(capacity, name))
      capacity[name] = getOwn(allocatable, name) ?? DEFAULT_ALLOCATABLE[name];
    if (!Object.hasOwn(allocatable, name))
      allocatable[name] = getOwn(capacity, name) ?? DEFAULT_ALLOCATABLE[name];
  }
  for (const name of Object.keys(allocatable))
    if (!Object.hasOwn(capacity, name)) capacity[name] = allocatable[name];
  if (!Object.hasOwn(capacity, 'ephemeral-storage')) capacity['ephemeral-storage'] = '100Gi';
  if (!Object.hasOwn(allocatable, 'ephemeral-storage'))
    allocatable['ephemeral-storage'] = capacity['ephemeral-storage'];
  const conditions: NodeCondition[] = [];
  for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
    const given = status.conditions?.find((c) => c.type === type);
    const value = given?.status ?? CONDITION_DEFAULTS[type].ok;
    const text = conditionText(type, value);
    conditions.push({
      type,
      status: value,
      lastHeartbeatTime: given?.lastHeartbeatTime ?? ts,
      lastTransitionTime: given?.lastTransitionTime ?? ts,
      reason: given?.reason ?? text.reason,
      message: given?.message ?? text.message,
    });
  }
  for (const c of status.conditions ?? [])
    if (!conditions.some((x) => x.type === c.type))
      conditions.unshift({ ...c, lastTransitionTime: c.lastTransitionTime ?? ts });
  status.conditions = conditions;
  status.addresses ??= [
    { type: 'InternalIP', address: nodeIp(n) },
    { type: 'Hostname', address: node.metadata.name },
  ];
  status.nodeInfo ??= {
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: KUBELET_VERSION,
    osImage: 'Ubuntu 24.04.1 LTS',
    kernelVersion: '6.8.0-49-generic',
    containerRuntimeVersion: 'containerd://1.7.24',
    operatingSystem: os,
    architecture: arch,
    machineID: '',
    systemUUID: '',
    bootID: '',
  };
  (status as { daemonEndpoints?: unknown }).daemonEndpoints ??= {
    kubeletEndpoint: { Port: 10250 },
  };
}
