/**
 * A check of a kind cluster config against kind's documented v1alpha4 format
 * (kind.sigs.k8s.io/docs/user/configuration and kind-example-config.yaml, kind v0.20+): the
 * fields a Cluster and its nodes may have, the node roles, at least one control plane, and
 * node labels as kind passes them to the kubelet (`--node-labels`): valid Kubernetes label keys
 * and values, and no key in the kubernetes.io or k8s.io namespaces that a kubelet may not set
 * on itself (the kubelet refuses to start with one).
 */

const CLUSTER_FIELDS = new Set([
  'kind',
  'apiVersion',
  'name',
  'nodes',
  'networking',
  'featureGates',
  'runtimeConfig',
  'kubeadmConfigPatches',
  'kubeadmConfigPatchesJSON6902',
  'containerdConfigPatches',
  'containerdConfigPatchesJSON6902',
]);
const NODE_FIELDS = new Set([
  'role',
  'image',
  'labels',
  'extraMounts',
  'extraPortMappings',
  'kubeadmConfigPatches',
  'kubeadmConfigPatchesJSON6902',
]);
const ROLES = new Set(['control-plane', 'worker']);
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
]);

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (!NAME.test(name)) return `label key ${key}: name part is not a qualified name`;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `label key ${key}: prefix is not a DNS subdomain`;
  if (prefix === undefined) return undefined;
  const under = (ns: string) => prefix === ns || prefix.endsWith(`.${ns}`);
  if ((under('kubernetes.io') || under('k8s.io')) && !KUBELET_LABELS.has(key))
    if (!under('kubelet.kubernetes.io') && !under('node.kubernetes.io'))
      return `label key ${key}: a kubelet may not set it on itself`;
  return undefined;
}

/** From a parsed kind config, every way it departs from kind's documented format. */
export function kindConfigProblems(config: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(config)) return ['the config is not a mapping'];
  if (config.kind !== 'Cluster') problems.push('kind must be Cluster');
  if (config.apiVersion !== 'kind.x-k8s.io/v1alpha4')
    problems.push('apiVersion must be kind.x-k8s.io/v1alpha4');
  for (const key of Object.keys(config))
    if (!CLUSTER_FIELDS.has(key)) problems.push(`unknown field ${key}`);
  if (
    config.name !== undefined &&
    (typeof config.name !== 'string' || !DNS_SUBDOMAIN.test(config.name))
  )
    problems.push('name must be a DNS name');
  if (config.nodes === undefined) return problems; // kind's default: one control-plane node
  if (!Array.isArray(config.nodes)) return [...problems, 'nodes must be a list'];
  let controlPlanes = 0;
  config.nodes.forEach((node, i) => {
    if (!isRecord(node)) return problems.push(`nodes[${i}] is not a mapping`);
    for (const key of Object.keys(node))
      if (!NODE_FIELDS.has(key)) problems.push(`nodes[${i}]: unknown field ${key}`);
    const role = node.role ?? 'control-plane';
    if (typeof role !== 'string' || !ROLES.has(role))
      problems.push(`nodes[${i}]: unknown role ${String(role)}`);
    if (role === 'control-plane') controlPlanes++;
    if (node.labels === undefined) return;
    if (!isRecord(node.labels)) return problems.push(`nodes[${i}]: labels must be a mapping`);
    for (const [key, value] of Object.entries(node.labels)) {
      const problem = labelKeyProblem(key);
      if (problem !== undefined) problems.push(`nodes[${i}]: ${problem}`);
      if (typeof value !== 'string' || !LABEL_VALUE.test(value))
        problems.push(`nodes[${i}]: label ${key} must have a valid string value`);
    }
  });
  if (controlPlanes === 0) problems.push('at least one node must be a control-plane');
  return problems;
}
