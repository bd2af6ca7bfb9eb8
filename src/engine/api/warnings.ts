/**
 * Warnings the API server returns with an accepted pod or pod template (pkg/api/pod/warnings.go
 * warningsForPodSpecAndMeta, pkg/api/node/util.go GetNodeLabelDeprecatedMessage). kubectl prints
 * each as `Warning: <text>` on stderr; the object is stored anyway.
 */
import { toMilli } from '../../kube/quantity.ts';
import { isObject } from './records.ts';
import { num, obj, objs, str, strMap, type Obj } from './validation/common.ts';

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region':
    'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone':
    'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type':
    'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: Record<string, string> = {
  'scheduler.alpha.kubernetes.io/critical-pod':
    'non-functional in v1.16+; use the "priorityClassName" field instead',
  'security.alpha.kubernetes.io/sysctls':
    'non-functional in v1.11+; use the "sysctls" field instead',
  'security.alpha.kubernetes.io/unsafe-sysctls':
    'non-functional in v1.11+; use the "sysctls" field instead',
};

const DEPRECATED_VOLUMES: Record<string, string> = {
  photonPersistentDisk: 'deprecated in v1.11, non-functional in v1.16+',
  gitRepo: 'deprecated in v1.11',
  scaleIO: 'deprecated in v1.16, non-functional in v1.22+',
  flocker: 'deprecated in v1.22, non-functional in v1.25+',
  storageos: 'deprecated in v1.22, non-functional in v1.25+',
  quobyte: 'deprecated in v1.22, non-functional in v1.25+',
  glusterfs: 'deprecated in v1.25, non-functional in v1.26+',
  cephfs: 'deprecated in v1.28, non-functional in v1.31+',
  rbd: 'deprecated in v1.28, non-functional in v1.31+',
};

function deprecatedNodeLabel(key: string): string | undefined {
  return Object.hasOwn(DEPRECATED_NODE_LABELS, key) ? DEPRECATED_NODE_LABELS[key] : undefined;
}

function nodeSelectorTermWarnings(term: Obj | undefined, path: string): string[] {
  const warnings: string[] = [];
  objs(term, 'matchExpressions').forEach((expression, i) => {
    const key = str(expression, 'key');
    const message = deprecatedNodeLabel(key);
    if (message !== undefined)
      warnings.push(`${path}.matchExpressions[${i}].key: ${key} is ${message}`);
  });
  return warnings;
}

/** Fractional bytes: memory and ephemeral storage must be whole numbers of bytes. */
function fractionalBytesWarnings(container: Obj, path: string): string[] {
  const warnings: string[] = [];
  const resources = obj(container, 'resources');
  for (const list of ['limits', 'requests']) {
    const values = obj(resources, list);
    for (const name of ['memory', 'ephemeral-storage']) {
      if (values === undefined || !Object.hasOwn(values, name)) continue;
      if (toMilli(values[name]) % 1000 !== 0) {
        warnings.push(
          `${path}.resources.${list}[${name}]: fractional byte value "${String(values[name])}" is invalid, must be an integer`,
        );
      }
    }
  }
  return warnings;
}

/** Repeated env names hide the earlier definition unless the later value refers to it. */
function duplicateEnvWarnings(container: Obj, path: string): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  objs(container, 'env').forEach((env, i) => {
    const name = str(env, 'name');
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    const ref = `$(${name})`;
    const value = str(env, 'value');
    if (env.valueFrom !== undefined || value === ref || !value.includes(ref)) {
      warnings.push(
        `${path}.env[${i}]: hides previous definition of "${name}", which may be dropped when using apply`,
      );
    }
  });
  return warnings;
}

/**
 * From a (defaulted) pod spec, its metadata and the path prefix (`''` for a Pod,
 * `spec.template` for a template), the API server's warnings in upstream order.
 */
export function podSpecWarnings(spec: Obj, metadata: Obj | undefined, prefix: string): string[] {
  const at = (rest: string): string => (prefix === '' ? rest : `${prefix}.${rest}`);
  const warnings: string[] = [];
  const nodeSelector = strMap(spec, 'nodeSelector') ?? {};
  for (const key of Object.keys(nodeSelector)) {
    const message = deprecatedNodeLabel(key);
    if (message !== undefined) warnings.push(`${at('spec.nodeSelector')}[${key}]: ${message}`);
  }
  const nodeAffinity = obj(obj(spec, 'affinity'), 'nodeAffinity');
  const required = obj(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  objs(required, 'nodeSelectorTerms').forEach((term, i) => {
    const path = at(
      `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`,
    );
    warnings.push(...nodeSelectorTermWarnings(term, path));
  });
  objs(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => {
    const path = at(
      `spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`,
    );
    warnings.push(...nodeSelectorTermWarnings(obj(term, 'preference'), path));
  });
  const annotations = strMap(metadata, 'annotations') ?? {};
  for (const key of Object.keys(DEPRECATED_ANNOTATIONS)) {
    if (Object.hasOwn(annotations, key))
      warnings.push(`${at('metadata.annotations')}[${key}]: ${DEPRECATED_ANNOTATIONS[key]}`);
  }
  objs(spec, 'volumes').forEach((volume, i) => {
    for (const source of Object.keys(DEPRECATED_VOLUMES)) {
      if (volume[source] !== undefined)
        warnings.push(`${at(`spec.volumes[${i}].${source}`)}: ${DEPRECATED_VOLUMES[source]}`);
    }
  });
  const pullSecrets = objs(spec, 'imagePullSecrets');
  const secretNames = new Set<string>();
  pullSecrets.forEach((secret, i) => {
    const name = str(secret, 'name');
    if (pullSecrets.length > 1 && secretNames.has(name))
      warnings.push(`${at(`spec.imagePullSecrets[${i}].name`)}: duplicate name "${name}"`);
    secretNames.add(name);
  });
  pullSecrets.forEach((secret, i) => {
    if (str(secret, 'name') === '')
      warnings.push(`${at(`spec.imagePullSecrets[${i}].name`)}: invalid empty name ""`);
  });
  const containers: [Obj, string][] = [
    ...objs(spec, 'initContainers').map((c, i): [Obj, string] => [
      c,
      at(`spec.initContainers[${i}]`),
    ]),
    ...objs(spec, 'containers').map((c, i): [Obj, string] => [c, at(`spec.containers[${i}]`)]),
  ];
  for (const [container, path] of containers) {
    warnings.push(
      ...fractionalBytesWarnings(container, path),
      ...duplicateEnvWarnings(container, path),
    );
  }
  warnings.push(...portWarnings(containers));
  const grace = num(spec, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace < 0) {
    warnings.push(
      `${at('spec.terminationGracePeriodSeconds')}: must be >= 0; negative values are invalid and will be treated as 1`,
    );
  }
  return warnings;
}

/** The same containerPort/protocol declared twice across the pod's containers. */
function portWarnings(containers: [Obj, string][]): string[] {
  const warnings: string[] = [];
  const seen = new Map<string, { path: string; port: Obj }[]>();
  for (const [container, path] of containers) {
    objs(container, 'ports').forEach((port, i) => {
      const here = `${path}.ports[${i}]`;
      const key = `${num(port, 'containerPort') ?? 0}/${str(port, 'protocol')}`;
      const others = seen.get(key) ?? [];
      const hostIP = str(port, 'hostIP');
      const hostPort = num(port, 'hostPort') ?? 0;
      for (const other of others) {
        const otherHostIP = str(other.port, 'hostIP');
        const otherHostPort = num(other.port, 'hostPort') ?? 0;
        if (hostIP === otherHostIP && hostPort === otherHostPort)
          warnings.push(`${here}: duplicate port definition with ${other.path}`);
        else if (hostPort === 0 || otherHostPort === 0)
          warnings.push(`${here}: overlapping port definition with ${other.path}`);
        else if (hostPort === otherHostPort && (hostIP === '') !== (otherHostIP === '')) {
          warnings.push(`${here}: dangerously ambiguous port definition with ${other.path}`);
        }
      }
      seen.set(key, [...others, { path: here, port }]);
    });
  }
  return warnings;
}

/** From any admitted object, the warnings of its pod spec, if it has one. */
export function objectWarnings(object: Obj): string[] {
  if (object.kind === 'Pod')
    return podSpecWarnings(obj(object, 'spec') ?? {}, obj(object, 'metadata'), '');
  if (object.kind === 'DaemonSet') {
    const template = obj(obj(object, 'spec'), 'template');
    if (isObject(template))
      return podSpecWarnings(
        obj(template, 'spec') ?? {},
        obj(template, 'metadata'),
        'spec.template',
      );
  }
  return [];
}
