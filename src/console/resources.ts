/**
 * Resource types as kubectl names them: the words learners type (`ds`, `po`, `daemonsets.apps`),
 * the kind they map to, and the names kubectl prints (`daemonset.apps/x` after a change,
 * `daemonsets.apps "x" not found` for errors).
 */
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

export const RESOURCE_TYPES: ResourceType[] = [
  {
    kind: 'Node',
    plural: 'nodes',
    singular: 'node',
    namespaced: false,
    aliases: ['node', 'nodes', 'no'],
  },
  {
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    namespaced: true,
    aliases: ['pod', 'pods', 'po'],
  },
  {
    kind: 'DaemonSet',
    plural: 'daemonsets.apps',
    singular: 'daemonset.apps',
    namespaced: true,
    aliases: ['daemonset', 'daemonsets', 'ds', 'daemonset.apps', 'daemonsets.apps'],
  },
  {
    kind: 'ControllerRevision',
    plural: 'controllerrevisions.apps',
    singular: 'controllerrevision.apps',
    namespaced: true,
    aliases: [
      'controllerrevision',
      'controllerrevisions',
      'controllerrevision.apps',
      'controllerrevisions.apps',
    ],
  },
  {
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    namespaced: true,
    aliases: ['event', 'events', 'ev'],
  },
  {
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    aliases: ['namespace', 'namespaces', 'ns'],
  },
  {
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    namespaced: true,
    aliases: ['configmap', 'configmaps', 'cm'],
  },
  {
    kind: 'Secret',
    plural: 'secrets',
    singular: 'secret',
    namespaced: true,
    aliases: ['secret', 'secrets'],
  },
  {
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    namespaced: true,
    aliases: ['service', 'services', 'svc'],
  },
  {
    kind: 'PriorityClass',
    plural: 'priorityclasses.scheduling.k8s.io',
    singular: 'priorityclass.scheduling.k8s.io',
    namespaced: false,
    aliases: [
      'priorityclass',
      'priorityclasses',
      'pc',
      'priorityclass.scheduling.k8s.io',
      'priorityclasses.scheduling.k8s.io',
    ],
  },
];

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
  'all',
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

/** Every word Tab completion may offer for a resource type. */
export function resourceWords(): string[] {
  return RESOURCE_TYPES.flatMap((t) => t.aliases.filter((a) => !a.includes('.')));
}
