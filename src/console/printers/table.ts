/**
 * `kubectl get` tables: the columns of k8s.io/kubernetes/pkg/printers/internalversion/printers.go
 * for each kind, laid out by the table printer (headers in capitals, cells joined by tabs, Go's
 * tabwriter with padding 3), with `-o wide` columns and a leading NAMESPACE column for `-A`.
 */
import type {
  ConfigMap,
  ControllerRevision,
  DaemonSet,
  Event,
  KubeObject,
  Namespace,
  Node,
  Pod,
  PriorityClass,
  Secret,
  Service,
} from '../../engine/types.ts';
import { TABLE_WRITER, formatTabbed } from './tabwriter.ts';
import { age, formatLabelSelector, formatLabels, nodeRoles, nodeStatus } from './format.ts';
import { parseTimestamp } from '../time-format.ts';

export interface TableOptions {
  /** Epoch ms "now", for ages. */
  nowMs: number;
  wide: boolean;
  /** `-A`: a NAMESPACE column first (namespaced kinds only). */
  withNamespace: boolean;
  noHeaders?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** When several types are printed together, names carry their type (`daemonset.apps/x`). */
  namePrefix?: string;
}

interface Columns<T> {
  headers: string[];
  wideHeaders: string[];
  row: (object: T, o: TableOptions) => string[];
  wideRow: (object: T, o: TableOptions) => string[];
}

/** The STATUS column of a pod (printers.go printPod), also used by describe and drain. */
export function podStatusReason(pod: Pod): string {
  let reason: string = pod.status.phase;
  if (pod.status.reason) reason = pod.status.reason;
  for (const c of pod.status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  let initializing = false;
  const inits = pod.status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const t = c.state.terminated;
    const w = c.state.waiting;
    if (t && t.exitCode === 0) continue;
    if (t) {
      reason = t.reason ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    } else if (w && w.reason && w.reason !== 'PodInitializing') {
      reason = `Init:${w.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }
  const initialized = pod.status.conditions?.some(
    (c) => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = pod.status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  const terminal = pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && pod.status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';
  return reason;
}

/** READY (`1/1`) and RESTARTS (`2 (30s ago)`) of a pod. */
export function podReadyAndRestarts(pod: Pod, nowMs: number): { ready: string; restarts: string } {
  const total = pod.spec.containers.length;
  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  const note = (finishedAt: string | undefined): void => {
    const ms = parseTimestamp(finishedAt);
    if (ms !== undefined && (lastRestart === undefined || ms > lastRestart)) lastRestart = ms;
  };
  for (const c of pod.status.initContainerStatuses ?? []) {
    restarts += c.restartCount;
    note(c.lastState.terminated?.finishedAt);
  }
  const initializing = (pod.status.initContainerStatuses ?? []).some(
    (c) => !(c.state.terminated && c.state.terminated.exitCode === 0),
  );
  if (!initializing) {
    restarts = 0;
    lastRestart = undefined;
  }
  for (const c of pod.status.containerStatuses ?? []) {
    if (!initializing) {
      restarts += c.restartCount;
      note(c.lastState.terminated?.finishedAt);
    }
    if (c.ready && c.state.running) ready++;
  }
  const restartsText =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${age(new Date(lastRestart).toISOString(), nowMs)} ago)`
      : String(restarts);
  return { ready: `${ready}/${total}`, restarts: restartsText };
}

const none = (s: string | undefined): string => (s ? s : '<none>');

const POD: Columns<Pod> = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row: (p, o) => {
    const { ready, restarts } = podReadyAndRestarts(p, o.nowMs);
    return [
      p.metadata.name,
      ready,
      podStatusReason(p),
      restarts,
      age(p.metadata.creationTimestamp, o.nowMs),
    ];
  },
  wideRow: (p) => [
    none(p.status.podIP),
    none(p.spec.nodeName),
    none(p.status.nominatedNodeName),
    '<none>',
  ],
};

const NODE: Columns<Node> = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row: (n, o) => [
    n.metadata.name,
    nodeStatus(n),
    nodeRoles(n),
    age(n.metadata.creationTimestamp, o.nowMs),
    n.status.nodeInfo?.kubeletVersion ?? '',
  ],
  wideRow: (n) => [
    none(n.status.addresses?.find((a) => a.type === 'InternalIP')?.address),
    none(n.status.addresses?.find((a) => a.type === 'ExternalIP')?.address),
    n.status.nodeInfo?.osImage || '<unknown>',
    n.status.nodeInfo?.kernelVersion || '<unknown>',
    n.status.nodeInfo?.containerRuntimeVersion || '<unknown>',
  ],
};

const DAEMONSET: Columns<DaemonSet> = {
  headers: [
    'NAME',
    'DESIRED',
    'CURRENT',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'NODE SELECTOR',
    'AGE',
  ],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (d, o) => [
    d.metadata.name,
    String(d.status?.desiredNumberScheduled ?? 0),
    String(d.status?.currentNumberScheduled ?? 0),
    String(d.status?.numberReady ?? 0),
    String(d.status?.updatedNumberScheduled ?? 0),
    String(d.status?.numberAvailable ?? 0),
    formatLabels(d.spec.template.spec.nodeSelector),
    age(d.metadata.creationTimestamp, o.nowMs),
  ],
  wideRow: (d) => [
    d.spec.template.spec.containers.map((c) => c.name).join(','),
    d.spec.template.spec.containers.map((c) => c.image ?? '').join(','),
    formatLabelSelector(d.spec.selector),
  ],
};

const REVISION: Columns<ControllerRevision> = {
  headers: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  wideHeaders: [],
  row: (r, o) => {
    const owner = r.metadata.ownerReferences?.find((ref) => ref.controller);
    const group = owner ? owner.apiVersion.split('/') : [];
    const controller = owner
      ? `${owner.kind.toLowerCase()}${group.length > 1 ? `.${group[0]}` : ''}/${owner.name}`
      : '<none>';
    return [
      r.metadata.name,
      controller,
      String(r.revision),
      age(r.metadata.creationTimestamp, o.nowMs),
    ];
  },
  wideRow: () => [],
};

const EVENT: Columns<Event> = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideHeaders: [],
  row: (e, o) => {
    const first = age(e.firstTimestamp, o.nowMs);
    const last = e.lastTimestamp ? age(e.lastTimestamp, o.nowMs) : first;
    const target = e.involvedObject.name
      ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`
      : e.involvedObject.kind.toLowerCase();
    return [last, e.type, e.reason, target, e.message.trim()];
  },
  wideRow: () => [],
};

// `get events -o wide` puts its extra columns in the middle, so it has its own layout.
const EVENT_WIDE: Columns<Event> = {
  headers: [
    'LAST SEEN',
    'TYPE',
    'REASON',
    'OBJECT',
    'SUBOBJECT',
    'SOURCE',
    'MESSAGE',
    'FIRST SEEN',
    'COUNT',
    'NAME',
  ],
  wideHeaders: [],
  row: (e, o) => {
    const [last, type, reason, target, message] = EVENT.row(e, o);
    const source = e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component;
    return [
      last,
      type,
      reason,
      target,
      e.involvedObject.fieldPath ?? '',
      source,
      message,
      age(e.firstTimestamp, o.nowMs),
      String(e.count || 1),
      e.metadata.name,
    ];
  },
  wideRow: () => [],
};

const NAMESPACE: Columns<Namespace> = {
  headers: ['NAME', 'STATUS', 'AGE'],
  wideHeaders: [],
  row: (n, o) => [
    n.metadata.name,
    n.status?.phase ?? 'Active',
    age(n.metadata.creationTimestamp, o.nowMs),
  ],
  wideRow: () => [],
};

const CONFIGMAP: Columns<ConfigMap> = {
  headers: ['NAME', 'DATA', 'AGE'],
  wideHeaders: [],
  row: (c, o) => [
    c.metadata.name,
    String(Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length),
    age(c.metadata.creationTimestamp, o.nowMs),
  ],
  wideRow: () => [],
};

const SECRET: Columns<Secret> = {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  wideHeaders: [],
  row: (s, o) => [
    s.metadata.name,
    s.type ?? 'Opaque',
    String(Object.keys(s.data ?? {}).length),
    age(s.metadata.creationTimestamp, o.nowMs),
  ],
  wideRow: () => [],
};

const SERVICE: Columns<Service> = {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideHeaders: ['SELECTOR'],
  row: (s, o) => [
    s.metadata.name,
    s.spec.type ?? 'ClusterIP',
    s.spec.clusterIP ?? '<none>',
    '<none>',
    (s.spec.ports ?? [])
      .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
      .join(',') || '<none>',
    age(s.metadata.creationTimestamp, o.nowMs),
  ],
  wideRow: (s) => [formatLabels(s.spec.selector)],
};

const PRIORITYCLASS: Columns<PriorityClass> = {
  headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  wideHeaders: [],
  row: (p, o) => [
    p.metadata.name,
    String(p.value),
    String(p.globalDefault ?? false),
    age(p.metadata.creationTimestamp, o.nowMs),
    p.preemptionPolicy ?? 'PreemptLowerPriority',
  ],
  wideRow: () => [],
};

const COLUMNS: Record<string, Columns<never>> = {
  Pod: POD,
  Node: NODE,
  DaemonSet: DAEMONSET,
  ControllerRevision: REVISION,
  Event: EVENT,
  Namespace: NAMESPACE,
  ConfigMap: CONFIGMAP,
  Secret: SECRET,
  Service: SERVICE,
  PriorityClass: PRIORITYCLASS,
} as Record<string, Columns<never>>;

/** From objects of one kind and the options, the table kubectl prints (ending in a newline). */
export function printTable(kind: string, objects: KubeObject[], options: TableOptions): string {
  const columns = (kind === 'Event' && options.wide
    ? EVENT_WIDE
    : COLUMNS[kind]) as unknown as Columns<KubeObject>;
  const headers = [
    ...columns.headers,
    ...(options.wide ? columns.wideHeaders : []),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const rows = objects.map((object) => {
    const row = [
      ...columns.row(object, options),
      ...(options.wide ? columns.wideRow(object, options) : []),
    ];
    if (options.showLabels) row.push(formatLabels(object.metadata.labels));
    if (options.namePrefix && headers[0] === 'NAME') row[0] = `${options.namePrefix}/${row[0]}`;
    return row;
  });
  const lines: string[][] = [];
  if (!options.noHeaders) lines.push(options.withNamespace ? ['NAMESPACE', ...headers] : headers);
  objects.forEach((object, i) => {
    lines.push(options.withNamespace ? [object.metadata.namespace ?? '', ...rows[i]] : rows[i]);
  });
  // Cells may not contain tabs or newlines, or the tabwriter would misalign them.
  const text =
    lines.map((cells) => cells.map((c) => c.replace(/[\t\n]/g, ' ')).join('\t')).join('\n') + '\n';
  return formatTabbed(text, TABLE_WRITER);
}
