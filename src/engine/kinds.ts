/**
 * The one table of kinds the simulated API server serves, as API discovery would describe
 * them: group and version, plural resource, short names, scope. The store (which kinds it
 * keeps, in which order snapshots list them), the API server's schema lookup and the
 * console's resource words (`ds`, `daemonsets.apps`) are all derived from it, so a kind is
 * added here once (plus its type in types.ts and its struct in api/schema.ts).
 */
import type { Kind } from './types.ts';

/** What discovery says about one kind (upstream: metav1.APIResource). */
export interface KindEntry {
  /** `v1` for the core group, else `group/version`. */
  apiVersion: string;
  /** Lower-case plural resource without the group: `daemonsets`. */
  plural: string;
  /** kubectl's short names (`ds`, `po`); kubectl also accepts the singular and the plural. */
  shortNames: readonly string[];
  namespaced: boolean;
}

/**
 * Every served kind. A Record, so the compiler refuses a `Kind` missing from it; the key order
 * is the order snapshots list kinds in (owners before what they own, events last).
 */
const TABLE: Readonly<Record<Kind, KindEntry>> = {
  Namespace: { apiVersion: 'v1', plural: 'namespaces', shortNames: ['ns'], namespaced: false },
  Node: { apiVersion: 'v1', plural: 'nodes', shortNames: ['no'], namespaced: false },
  PriorityClass: {
    apiVersion: 'scheduling.k8s.io/v1',
    plural: 'priorityclasses',
    shortNames: ['pc'],
    namespaced: false,
  },
  ConfigMap: { apiVersion: 'v1', plural: 'configmaps', shortNames: ['cm'], namespaced: true },
  Secret: { apiVersion: 'v1', plural: 'secrets', shortNames: [], namespaced: true },
  Service: { apiVersion: 'v1', plural: 'services', shortNames: ['svc'], namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets', shortNames: ['ds'], namespaced: true },
  ControllerRevision: {
    apiVersion: 'apps/v1',
    plural: 'controllerrevisions',
    shortNames: [],
    namespaced: true,
  },
  Pod: { apiVersion: 'v1', plural: 'pods', shortNames: ['po'], namespaced: true },
  Event: { apiVersion: 'v1', plural: 'events', shortNames: ['ev'], namespaced: true },
};

/** One served kind with the names derived from its entry. */
export interface KindInfo extends KindEntry {
  kind: Kind;
  /** API group, '' for the core group. */
  group: string;
  /** Plural with its group, as NotFound errors print it: `daemonsets.apps`, `pods`. */
  resource: string;
  /** Singular with its group, as kubectl's name printer prints it: `daemonset.apps`, `pod`. */
  singular: string;
}

function describeKind(kind: Kind, entry: KindEntry): KindInfo {
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
export const KIND_TABLE: readonly KindInfo[] = (Object.keys(TABLE) as Kind[]).map((kind) =>
  describeKind(kind, TABLE[kind]),
);
