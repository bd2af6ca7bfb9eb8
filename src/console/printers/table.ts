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
import { formatLabelSelector, formatLabels } from './format.ts';
import { timestampAge as age } from '../../kube/duration.ts';
import { podColumns, podWideColumns } from '../../kube/pod-columns.ts';
import { nodeRolesText, nodeStatusText, nodeWideColumns } from '../../kube/node-columns.ts';

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

const POD: Columns<Pod> = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row: (p, o) => {
    const { ready, status, restarts } = podColumns(p, o.nowMs);
    return [p.metadata.name, ready, status, restarts, age(p.metadata.creationTimestamp, o.nowMs)];
  },
  wideRow: (p) => {
    const wide = podWideColumns(p);
    return [wide.ip, wide.node, wide.nominatedNode, wide.readinessGates];
  },
};

const NODE: Columns<Node> = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row: (n, o) => [
    n.metadata.name,
    nodeStatusText(n),
    nodeRolesText(n),
    age(n.metadata.creationTimestamp, o.nowMs),
    n.status.nodeInfo?.kubeletVersion ?? '',
  ],
  wideRow: (n) => {
    const wide = nodeWideColumns(n);
    return [
      wide.internalIP,
      wide.externalIP,
      wide.osImage,
      wide.kernelVersion,
      wide.containerRuntime,
    ];
  },
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

/**
 * From objects of one kind and the options, the cells of the table kubectl prints: the header
 * row first (unless `noHeaders`), then one row per object, NAMESPACE first with `-A`.
 */
export function tableCells(kind: string, objects: KubeObject[], options: TableOptions): string[][] {
  const columns = (kind === 'Event' && options.wide
    ? EVENT_WIDE
    : COLUMNS[kind]) as unknown as Columns<KubeObject>;
  const headers = [
    ...columns.headers,
    ...(options.wide ? columns.wideHeaders : []),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const lines: string[][] = [];
  if (!options.noHeaders) lines.push(options.withNamespace ? ['NAMESPACE', ...headers] : headers);
  for (const object of objects) {
    const row = [
      ...columns.row(object, options),
      ...(options.wide ? columns.wideRow(object, options) : []),
    ];
    if (options.showLabels) row.push(formatLabels(object.metadata.labels));
    if (options.namePrefix && headers[0] === 'NAME') row[0] = `${options.namePrefix}/${row[0]}`;
    lines.push(options.withNamespace ? [object.metadata.namespace ?? '', ...row] : row);
  }
  return lines;
}

/** From objects of one kind and the options, the table kubectl prints (ending in a newline). */
export function printTable(kind: string, objects: KubeObject[], options: TableOptions): string {
  // Cells may not contain tabs or newlines, or the tabwriter would misalign them.
  const text =
    tableCells(kind, objects, options)
      .map((cells) => cells.map((c) => c.replace(/[\t\n]/g, ' ')).join('\t'))
      .join('\n') + '\n';
  return formatTabbed(text, TABLE_WRITER);
}
