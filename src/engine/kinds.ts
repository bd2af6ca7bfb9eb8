/**
 * The one table of kinds the simulated API server serves, as API discovery would describe
 * them (group and version, plural resource, short names, scope), with the field labels
 * `--field-selector` accepts for each. The store (which kinds it keeps, in which order
 * snapshots list them), the API server's schema lookup, `list`'s field selectors and the
 * console's resource words (`ds`, `daemonsets.apps`) are all derived from it, so a kind is
 * added here once (plus its type in types.ts and its struct in api/schema.ts).
 */
import type { Kind, KubeObject, ObjectOf } from './types.ts';

/** From a field label (`spec.nodeName`), how to read it from an object as a string. */
type FieldReaders<T> = Record<string, (o: T) => string>;

/** What discovery says about one kind (upstream: metav1.APIResource), and its field labels. */
export interface KindEntry<T = KubeObject> {
  /** `v1` for the core group, else `group/version`. */
  apiVersion: string;
  /** Lower-case plural resource without the group: `daemonsets`. */
  plural: string;
  /** kubectl's short names (`ds`, `po`); kubectl also accepts the singular and the plural. */
  shortNames: readonly string[];
  namespaced: boolean;
  /**
   * The field labels `--field-selector` accepts and how each reads an object: the API
   * server's selectable fields (ToSelectableFields in pkg/registry/core/KIND/strategy.go,
   * v1.32). Booleans read as Go's strconv.FormatBool.
   */
  fields: FieldReaders<T>;
}

const NAME_FIELD = { 'metadata.name': (o: KubeObject) => o.metadata.name };
const META_FIELDS = {
  ...NAME_FIELD,
  'metadata.namespace': (o: KubeObject) => o.metadata.namespace ?? '',
};

/**
 * Every served kind. A Record, so the compiler refuses a `Kind` missing from it; the key order
 * is the order snapshots list kinds in (owners before what they own, events last).
 */
const TABLE: { readonly [K in Kind]: KindEntry<ObjectOf<K>> } = {
  Namespace: {
    apiVersion: 'v1',
    plural: 'namespaces',
    shortNames: ['ns'],
    namespaced: false,
    fields: { ...NAME_FIELD, 'status.phase': (o) => o.status?.phase ?? '' },
  },
  Node: {
    apiVersion: 'v1',
    plural: 'nodes',
    shortNames: ['no'],
    namespaced: false,
    fields: { ...NAME_FIELD, 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
  },
  PriorityClass: {
    apiVersion: 'scheduling.k8s.io/v1',
    plural: 'priorityclasses',
    shortNames: ['pc'],
    namespaced: false,
    fields: NAME_FIELD,
  },
  ConfigMap: {
    apiVersion: 'v1',
    plural: 'configmaps',
    shortNames: ['cm'],
    namespaced: true,
    fields: META_FIELDS,
  },
  Secret: {
    apiVersion: 'v1',
    plural: 'secrets',
    shortNames: [],
    namespaced: true,
    fields: { ...META_FIELDS, type: (o) => o.type ?? '' },
  },
  Service: {
    apiVersion: 'v1',
    plural: 'services',
    shortNames: ['svc'],
    namespaced: true,
    fields: META_FIELDS,
  },
  DaemonSet: {
    apiVersion: 'apps/v1',
    plural: 'daemonsets',
    shortNames: ['ds'],
    namespaced: true,
    fields: META_FIELDS,
  },
  ControllerRevision: {
    apiVersion: 'apps/v1',
    plural: 'controllerrevisions',
    shortNames: [],
    namespaced: true,
    fields: META_FIELDS,
  },
  Pod: {
    apiVersion: 'v1',
    plural: 'pods',
    shortNames: ['po'],
    namespaced: true,
    fields: {
      ...META_FIELDS,
      'spec.nodeName': (o) => o.spec?.nodeName ?? '',
      'spec.restartPolicy': (o) => o.spec?.restartPolicy ?? '',
      'spec.schedulerName': (o) => o.spec?.schedulerName ?? '',
      'spec.serviceAccountName': (o) => o.spec?.serviceAccountName ?? '',
      'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
      'status.phase': (o) => o.status?.phase ?? '',
      'status.podIP': (o) => o.status?.podIP ?? '',
      'status.nominatedNodeName': (o) => o.status?.nominatedNodeName ?? '',
    },
  },
  Event: {
    apiVersion: 'v1',
    plural: 'events',
    shortNames: ['ev'],
    namespaced: true,
    fields: {
      ...META_FIELDS,
      'involvedObject.kind': (o) => o.involvedObject.kind ?? '',
      'involvedObject.namespace': (o) => o.involvedObject.namespace ?? '',
      'involvedObject.name': (o) => o.involvedObject.name ?? '',
      'involvedObject.uid': (o) => o.involvedObject.uid ?? '',
      'involvedObject.apiVersion': (o) => o.involvedObject.apiVersion ?? '',
      'involvedObject.resourceVersion': (o) => o.involvedObject.resourceVersion ?? '',
      'involvedObject.fieldPath': (o) => o.involvedObject.fieldPath ?? '',
      reason: (o) => o.reason ?? '',
      reportingComponent: (o) => o.reportingComponent ?? '',
      source: (o) => o.source?.component || (o.reportingComponent ?? ''),
      type: (o) => o.type ?? '',
    },
  },
};

/** One served kind with the names derived from its entry. */
export interface KindInfo extends Omit<KindEntry, 'fields'> {
  kind: Kind;
  /** API group, '' for the core group. */
  group: string;
  /** Plural with its group, as NotFound errors print it: `daemonsets.apps`, `pods`. */
  resource: string;
  /** Singular with its group, as kubectl's name printer prints it: `daemonset.apps`, `pod`. */
  singular: string;
}

function describeKind(kind: Kind): KindInfo {
  const { fields: _fields, ...entry } = TABLE[kind];
  const slash = entry.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : entry.apiVersion.slice(0, slash);
  const suffix = group === '' ? '' : `.${group}`;
  return {
    ...entry,
    kind,
    group,
    resource: entry.plural + suffix,
    singular: kind.toLowerCase() + suffix,
  };
}

/** Every served kind, in snapshot order. */
export const KIND_TABLE: readonly KindInfo[] = (Object.keys(TABLE) as Kind[]).map(describeKind);

/** From a kind, the field labels `--field-selector` accepts for it. */
export function selectableFields<K extends Kind>(kind: K): FieldReaders<ObjectOf<K>> {
  return TABLE[kind].fields as FieldReaders<ObjectOf<K>>;
}

/** A field selector read for one kind: which objects it lets through. */
export interface FieldSelector<T> {
  matches(object: T): boolean;
  /** The node a `spec.nodeName=NODE` term pins pods to (a list may walk that node's pods alone). */
  nodeName?: string;
}

/**
 * From a kind and a field selector as typed (`spec.nodeName=a,status.phase!=Running`; blank
 * for none), the matcher a list and a watch both use, or the API server's refusal of a field
 * label the kind does not offer.
 */
export function parseFieldSelector<K extends Kind>(
  kind: K,
  text: string,
): FieldSelector<ObjectOf<K>> | { error: string } {
  const selectable = selectableFields(kind);
  const terms: { read: (o: ObjectOf<K>) => string; value: string; negate: boolean }[] = [];
  let nodeName: string | undefined;
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    const read = m && Object.hasOwn(selectable, m[1]) ? selectable[m[1]] : undefined;
    if (!m || !read) return { error: `field label not supported: ${m ? m[1] : part}` };
    terms.push({ read, value: m[3], negate: m[2] === '!=' });
    if (m[1] === 'spec.nodeName' && m[2] !== '!=') nodeName = m[3];
  }
  const matches = (object: ObjectOf<K>): boolean =>
    terms.every((t) => (t.read(object) === t.value) !== t.negate);
  return nodeName === undefined ? { matches } : { matches, nodeName };
}
