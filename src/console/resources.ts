/**
 * Resource types as kubectl names them: the words learners type (`ds`, `po`, `daemonsets.apps`),
 * the kind they map to, and the names kubectl prints (`daemonset.apps/x` after a change,
 * `daemonsets.apps "x" not found` for errors).
 */
import { KIND_TABLE, type KindInfo } from '../engine/kinds.ts';
import type { Kind } from '../engine/types.ts';

export interface ResourceType {
  kind: Kind;
  /** Lower-case plural with group, as NotFound errors print it: `daemonsets.apps`, `pods`. */
  plural: string;
  /** Lower-case singular with group, as the name printer prints it: `daemonset.apps`, `pod`. */
  singular: string;
  namespaced: boolean;
  /** Every word that names it on the command line. */
  aliases: string[];
}

/**
 * From a served kind, the words kubectl's RESTMapper accepts for it: singular, plural and short
 * names, and the singular and plural qualified by the group (`daemonset.apps`) when it has one.
 */
function resourceType(info: KindInfo): ResourceType {
  const bare = [info.kind.toLowerCase(), info.plural, ...info.shortNames];
  const qualified = info.group === '' ? [] : [info.singular, info.resource];
  return {
    kind: info.kind,
    plural: info.resource,
    singular: info.singular,
    namespaced: info.namespaced,
    aliases: [...bare, ...qualified],
  };
}

/** Every resource type, one per kind of the engine's kinds table. */
export const RESOURCE_TYPES: readonly ResourceType[] = KIND_TABLE.map(resourceType);

/** Kubernetes resource types that exist upstream but are not simulated here. */
export const UPSTREAM_ONLY_TYPES = new Set([
  'deployment',
  'deployments',
  'deploy',
  'replicaset',
  'replicasets',
  'rs',
  'statefulset',
  'statefulsets',
  'sts',
  'job',
  'jobs',
  'cronjob',
  'cronjobs',
  'cj',
  'ingress',
  'ingresses',
  'ing',
  'persistentvolume',
  'persistentvolumes',
  'pv',
  'persistentvolumeclaim',
  'persistentvolumeclaims',
  'pvc',
  'serviceaccount',
  'serviceaccounts',
  'sa',
  'endpoints',
  'ep',
  'endpointslices',
  'role',
  'roles',
  'rolebinding',
  'rolebindings',
  'clusterrole',
  'clusterroles',
  'clusterrolebinding',
  'clusterrolebindings',
  'networkpolicy',
  'networkpolicies',
  'netpol',
  'storageclass',
  'storageclasses',
  'sc',
  'customresourcedefinition',
  'customresourcedefinitions',
  'crd',
  'crds',
  'limitrange',
  'limitranges',
  'limits',
  'resourcequota',
  'resourcequotas',
  'quota',
  'horizontalpodautoscaler',
  'horizontalpodautoscalers',
  'hpa',
  'poddisruptionbudget',
  'poddisruptionbudgets',
  'pdb',
  'lease',
  'leases',
  'replicationcontroller',
  'replicationcontrollers',
  'rc',
]);

const BY_ALIAS = new Map<string, ResourceType>();
for (const type of RESOURCE_TYPES) for (const alias of type.aliases) BY_ALIAS.set(alias, type);
const BY_KIND = new Map<string, ResourceType>(RESOURCE_TYPES.map((t) => [t.kind, t]));

/** From a word on the command line (`ds`, `Pods`, `daemonsets.apps`), its resource type. */
export function findResourceType(word: string): ResourceType | undefined {
  return BY_ALIAS.get(word.toLowerCase());
}

/** From a kind, its resource type (every stored kind has one). */
export function resourceOfKind(kind: string): ResourceType | undefined {
  return BY_KIND.get(kind);
}
