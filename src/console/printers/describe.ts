/**
 * `kubectl describe` for nodes, pods and DaemonSets, following the describers of
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go line by line: the same labels, the same
 * tab-separated cells (aligned by Go's tabwriter with padding 2), and the Events table.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  DaemonSet,
  Event,
  Node,
  Pod,
  PodTemplateSpec,
  Quantity,
  ResourceRequirements,
  StringMap,
  Taint,
  Toleration,
  Volume,
} from '../../engine/types.ts';
import { formatQuantity, isBinaryQuantity, parseQuantity } from '../../kube/quantity.ts';
import { timestampAge as age } from '../../kube/duration.ts';
import { nodeRolesText } from '../../kube/node-columns.ts';
import { taintText, tolerationText } from '../../kube/taints.ts';
import { parseTimestamp } from '../../kube/timestamp.ts';
import { createMap } from '../../engine/api/records.ts';
import { TabbedText } from './tabwriter.ts';
import { formatLabelSelector, formatLabels } from './format.ts';
import { toRfc1123z } from '../time-format.ts';

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function labelsMultiline(
  w: TabbedText,
  title: string,
  labels: StringMap | undefined,
  indent = '',
): void {
  w.write(0, `${indent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${indent}\t`);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

function annotationsMultiline(
  w: TabbedText,
  title: string,
  annotations: StringMap | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) {
        w.write(
          0,
          `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`,
        );
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

function taintsMultiline(w: TabbedText, title: string, taints: Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const sorted = [...taints].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${taintText(t)}\n`);
  });
}

function tolerationsMultiline(
  w: TabbedText,
  title: string,
  tolerations: Toleration[] | undefined,
  indent = '',
): void {
  w.write(0, `${indent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const sorted = [...tolerations].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${indent}\t`);
    w.write(0, `${tolerationText(t)}\n`);
  });
}

function quantityText(q: unknown): string {
  const value = parseQuantity(q);
  return value === undefined ? String(q) : formatQuantity(value, isBinaryQuantity(q));
}

/** The canonical order of resource names (SortedResourceNames: alphabetical). */
function resources(w: TabbedText, r: ResourceRequirements | undefined, level: number): void {
  if (!r) return;
  const limits = Object.keys(r.limits ?? {}).sort();
  if (limits.length > 0) w.write(level, 'Limits:\n');
  for (const name of limits) w.write(level + 1, `${name}:\t${quantityText(r.limits![name])}\n`);
  const requests = Object.keys(r.requests ?? {}).sort();
  if (requests.length > 0) w.write(level, 'Requests:\n');
  for (const name of requests) w.write(level + 1, `${name}:\t${quantityText(r.requests![name])}\n`);
}

function describeState(w: TabbedText, name: string, state: ContainerState): void {
  if (state.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${toRfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    w.write(3, `Started:\t${toRfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${toRfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function containers(
  w: TabbedText,
  label: string,
  list: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
): void {
  w.write(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const c of list) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID}\n`);
    const ports = (c.ports ?? [])
      .map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`)
      .join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? [])
      .map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`)
      .join(', ');
    w.write(
      2,
      hostPorts.includes(',')
        ? `Host Ports:\t${hostPorts}\n`
        : `Host Port:\t${hostPorts || '<none>'}\n`,
    );
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount}\n`);
    }
    resources(w, c.resources, 2);
    w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (e.valueFrom === undefined) {
        (e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      } else {
        w.write(3, `${e.name}:\t(from a reference)\n`);
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function volumes(w: TabbedText, list: Volume[] | undefined, space: string): void {
  if (!list || list.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`,
      );
    } else if (v.emptyDir) {
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit !== undefined ? quantityText(v.emptyDir.sizeLimit) : '<unset>'}\n`,
      );
    } else if (v.secret) {
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    } else if (v.configMap) {
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    } else if (v.persistentVolumeClaim) {
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    } else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n');
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

/** The Events section (DescribeEvents): flushed first so its table aligns on its own. */
function events(w: TabbedText, list: Event[] | undefined, nowMs: number): void {
  // describe leaves the section out entirely when it was asked not to fetch events.
  if (list === undefined) return;
  if (list.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = list
    .map((e, i) => ({ e, i, t: parseTimestamp(e.lastTimestamp) ?? 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = age(e.firstTimestamp, nowMs);
    const interval =
      e.count > 1 ? `${age(e.lastTimestamp, nowMs)} (x${e.count} over ${first})` : first;
    w.write(
      1,
      `${e.type}\t${e.reason}\t${interval}\t${e.source.component || e.reportingComponent || ''}\t${e.message.trim()}\n`,
    );
  }
}

/** DescribePodTemplate, also used by `rollout history --revision`. */
export function podTemplate(w: TabbedText, template: PodTemplateSpec): void {
  w.write(0, 'Pod Template:\n');
  labelsMultiline(w, 'Labels', template.metadata?.labels, '  ');
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    annotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (template.spec.serviceAccountName)
    w.write(1, `Service Account:\t${template.spec.serviceAccountName}\n`);
  if (template.spec.initContainers?.length)
    containers(w, 'Init Containers', template.spec.initContainers, undefined, '  ');
  containers(w, 'Containers', template.spec.containers, undefined, '  ');
  volumes(w, template.spec.volumes, '  ');
  if (template.spec.priorityClassName)
    w.write(1, `Priority Class Name:\t${template.spec.priorityClassName}\n`);
  labelsMultiline(w, 'Node-Selectors', template.spec.nodeSelector, '  ');
  tolerationsMultiline(w, 'Tolerations', template.spec.tolerations, '  ');
}

/** `Pods Status` counts of a DaemonSet's pods by phase (getPodStatusForController). */
export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/**
 * From a DaemonSet, its pods' phase counts and its events, `kubectl describe ds` text
 * (describe.go describeDaemonSet, v1.32: no Namespace line, which came in v1.33).
 */
export function describeDaemonSet(
  ds: DaemonSet,
  counts: PodPhaseCounts,
  list: Event[] | undefined,
  nowMs: number,
): string {
  const w = new TabbedText();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(ds.spec.selector).replace(/^<none>$/, '')}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  const s = ds.status;
  w.write(0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
  w.write(
    0,
    `Pods Status:\t${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`,
  );
  podTemplate(w, ds.spec.template);
  events(w, list, nowMs);
  return w.toString();
}

function qosClass(pod: Pod): string {
  if (pod.status.qosClass) return pod.status.qosClass;
  let any = false;
  let guaranteed = true;
  for (const c of pod.spec.containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (
        lim[r] === undefined ||
        (req[r] !== undefined && parseQuantity(req[r]) !== parseQuantity(lim[r]))
      )
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** From a pod and its events, `kubectl describe pod` text. */
export function describePod(pod: Pod, list: Event[] | undefined, nowMs: number): string {
  const w = new TabbedText();
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (pod.spec.priority !== undefined) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName)
    w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec.serviceAccountName) w.write(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w.write(
    0,
    pod.spec.nodeName
      ? `Node:\t${pod.spec.nodeName}/${pod.status.hostIP ?? ''}\n`
      : 'Node:\t<none>\n',
  );
  if (pod.status.startTime) w.write(0, `Start Time:\t${toRfc1123z(pod.status.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  const terminal = pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded';
  if (pod.metadata.deletionTimestamp && !terminal) {
    w.write(0, `Status:\tTerminating (lasts ${age(pod.metadata.deletionTimestamp, nowMs)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${pod.status.phase}\n`);
  }
  if (pod.status.reason) w.write(0, `Reason:\t${pod.status.reason}\n`);
  if (pod.status.message) w.write(0, `Message:\t${pod.status.message}\n`);
  w.write(0, `IP:\t${pod.status.podIP ?? ''}\n`);
  if (pod.status.podIP) {
    w.write(0, 'IPs:\n');
    w.write(1, `IP:\t${pod.status.podIP}\n`);
  } else {
    w.write(0, 'IPs:\t<none>\n');
  }
  const controller = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (pod.status.nominatedNodeName)
    w.write(0, `NominatedNodeName:\t${pod.status.nominatedNodeName}\n`);
  if (pod.spec.initContainers?.length)
    containers(w, 'Init Containers', pod.spec.initContainers, pod.status.initContainerStatuses, '');
  containers(w, 'Containers', pod.spec.containers, pod.status.containerStatuses, '');
  if (pod.status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of pod.status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  volumes(w, pod.spec.volumes, '');
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  labelsMultiline(w, 'Node-Selectors', pod.spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', pod.spec.tolerations);
  events(w, list, nowMs);
  return w.toString();
}

/**
 * Init containers run one at a time, each beside the sidecars started before it, and a sidecar
 * keeps running: the pod needs the larger of the containers plus sidecars and of each init
 * container plus the sidecars before it (kubectl's pkg/util/resource/resource.go podRequests).
 */
function addInitContainers(
  total: Record<string, number>,
  list: Container[],
  pick: (c: Container) => Record<string, Quantity> | undefined,
): void {
  const sidecars: Record<string, number> = {};
  const peak: Record<string, number> = {};
  for (const c of list) {
    const own = pick(c) ?? {};
    const sidecar = c.restartPolicy === 'Always';
    const use: Record<string, number> = sidecar ? sidecars : { ...sidecars };
    for (const [k, v] of Object.entries(own)) {
      const amount = parseQuantity(v) ?? 0;
      use[k] = (use[k] ?? 0) + amount;
      if (sidecar) total[k] = (total[k] ?? 0) + amount;
    }
    for (const [k, v] of Object.entries(use)) peak[k] = Math.max(peak[k] ?? 0, v);
  }
  for (const [k, v] of Object.entries(peak)) total[k] = Math.max(total[k] ?? 0, v);
}

function podRequestsAndLimits(pod: Pod): {
  req: Record<string, number>;
  lim: Record<string, number>;
} {
  // Resource names are keys from the object: maps without a prototype keep `constructor` data.
  const req = createMap<number>();
  const lim = createMap<number>();
  for (const c of pod.spec.containers) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {}))
      req[k] = (req[k] ?? 0) + (parseQuantity(v) ?? 0);
    for (const [k, v] of Object.entries(c.resources?.limits ?? {}))
      lim[k] = (lim[k] ?? 0) + (parseQuantity(v) ?? 0);
  }
  addInitContainers(req, pod.spec.initContainers ?? [], (c) => c.resources?.requests);
  addInitContainers(lim, pod.spec.initContainers ?? [], (c) => c.resources?.limits);
  // A limit without a request defaults the request to the limit (SetDefaults_Pod).
  for (const k of Object.keys(lim)) if (req[k] === undefined) req[k] = lim[k];
  return { req, lim };
}

const percent = (part: number, whole: number): number =>
  whole > 0 ? Math.trunc((part / whole) * 100) : 0;

/** From a node, its non-terminated pods and its events, `kubectl describe node` text. */
export function describeNode(
  node: Node,
  pods: Pod[],
  list: Event[] | undefined,
  nowMs: number,
): string {
  const w = new TabbedText();
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRolesText(node)}\n`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${toRfc1123z(node.metadata.creationTimestamp)}\n`);
  taintsMultiline(w, 'Taints', node.spec.taints);
  w.write(0, `Unschedulable:\t${node.spec.unschedulable === true}\n`);
  // The kubelet renews its Lease every 10 s; the simulator has no Lease objects, so this shows
  // the holder and the last renewal a healthy kubelet would have made.
  const ready = node.status.conditions?.find((c) => c.type === 'Ready');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(
    1,
    `RenewTime:\t${ready?.status === 'Unknown' ? toRfc1123z(ready.lastHeartbeatTime) : toRfc1123z(new Date(Math.floor(nowMs / 10000) * 10000).toISOString())}\n`,
  );
  const conditions = node.status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(
      0,
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
    );
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${toRfc1123z(c.lastHeartbeatTime)} \t${toRfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resourceList = (list: Record<string, unknown>): void => {
    for (const name of Object.keys(list).sort())
      w.write(0, `  ${name}:\t${quantityText(list[name])}\n`);
  };
  if (Object.keys(node.status.capacity ?? {}).length > 0) {
    w.write(0, 'Capacity:\n');
    resourceList(node.status.capacity!);
  }
  if (Object.keys(node.status.allocatable ?? {}).length > 0) {
    w.write(0, 'Allocatable:\n');
    resourceList(node.status.allocatable!);
  }
  const info = node.status.nodeInfo;
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec.podCIDR) {
    w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    w.write(0, `PodCIDRs:\t${node.spec.podCIDR}\n`);
  }
  if (node.spec.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  const allocatable =
    Object.keys(node.status.allocatable ?? {}).length > 0
      ? node.status.allocatable!
      : (node.status.capacity ?? {});
  const cpu = parseQuantity(allocatable.cpu) ?? 0;
  const memory = parseQuantity(allocatable.memory) ?? 0;
  const storage = parseQuantity(allocatable['ephemeral-storage']) ?? 0;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { req: createMap<number>(), lim: createMap<number>() };
  for (const pod of pods) {
    const { req, lim } = podRequestsAndLimits(pod);
    for (const [k, v] of Object.entries(req)) total.req[k] = (total.req[k] ?? 0) + v;
    for (const [k, v] of Object.entries(lim)) total.lim[k] = (total.lim[k] ?? 0) + v;
    const c = (v: number | undefined): string => formatQuantity(v ?? 0, false);
    const m = (v: number | undefined): string => formatQuantity(v ?? 0, true);
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${c(req.cpu)} (${percent(req.cpu ?? 0, cpu)}%)\t${c(lim.cpu)} (${percent(lim.cpu ?? 0, cpu)}%)\t${m(req.memory)} (${percent(req.memory ?? 0, memory)}%)\t${m(lim.memory)} (${percent(lim.memory ?? 0, memory)}%)\t${age(pod.metadata.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(
    0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  );
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(
    1,
    `cpu\t${formatQuantity(total.req.cpu ?? 0, false)} (${percent(total.req.cpu ?? 0, cpu)}%)\t${formatQuantity(total.lim.cpu ?? 0, false)} (${percent(total.lim.cpu ?? 0, cpu)}%)\n`,
  );
  w.write(
    1,
    `memory\t${formatQuantity(total.req.memory ?? 0, true)} (${percent(total.req.memory ?? 0, memory)}%)\t${formatQuantity(total.lim.memory ?? 0, true)} (${percent(total.lim.memory ?? 0, memory)}%)\n`,
  );
  w.write(
    1,
    `ephemeral-storage\t${formatQuantity(total.req['ephemeral-storage'] ?? 0, true)} (${percent(total.req['ephemeral-storage'] ?? 0, storage)}%)\t${formatQuantity(total.lim['ephemeral-storage'] ?? 0, true)} (${percent(total.lim['ephemeral-storage'] ?? 0, storage)}%)\n`,
  );
  events(w, list, nowMs);
  return w.toString();
}

/**
 * From a revision's template, `kubectl rollout history --revision=N`'s body. history.go's
 * printTemplate writes through a bare PrefixWriter, so the tabs reach the terminal as they are.
 */
export function describeTemplate(template: PodTemplateSpec): string {
  const w = new TabbedText(undefined, true);
  podTemplate(w, template);
  return w.toString();
}
