/**
 * What a Go struct round trip loses: a field tagged `omitempty` whose Go type is a plain value
 * (bool, number, string, slice, map) is absent when it holds its zero value, so the API server
 * stores `hostNetwork: false`, `minReadySeconds: 0` and `tolerations: []` as if they were never
 * written (nil and empty are one). Pointer fields (`*bool`, `*int32`, ...) and fields without
 * `omitempty` keep a zero value; struct values are always kept. The exceptions are listed per
 * struct from k8s.io/api v1.32 types.go; every other scalar, list and map field omits its zero.
 */
import { isObject } from './records.ts';
import { STRUCTS, type FieldSchema } from './schema.ts';

/** `Struct.field`s that keep a zero value: pointers and fields tagged without omitempty. */
const KEEPS_ZERO = new Set([
  'ObjectMeta.deletionGracePeriodSeconds',
  'OwnerReference.apiVersion',
  'OwnerReference.kind',
  'OwnerReference.name',
  'OwnerReference.uid',
  'OwnerReference.controller',
  'OwnerReference.blockOwnerDeletion',
  'LabelSelectorRequirement.key',
  'LabelSelectorRequirement.operator',
  'DaemonSetSpec.revisionHistoryLimit',
  'DaemonSetStatus.currentNumberScheduled',
  'DaemonSetStatus.numberMisscheduled',
  'DaemonSetStatus.desiredNumberScheduled',
  'DaemonSetStatus.numberReady',
  'DaemonSetStatus.collisionCount',
  'ControllerRevision.revision',
  'PodSpec.containers',
  'PodSpec.terminationGracePeriodSeconds',
  'PodSpec.activeDeadlineSeconds',
  'PodSpec.automountServiceAccountToken',
  'PodSpec.shareProcessNamespace',
  'PodSpec.priority',
  'PodSpec.enableServiceLinks',
  'PodSpec.preemptionPolicy',
  'PodSpec.runtimeClassName',
  'PodSpec.setHostnameAsFQDN',
  'PodSpec.hostUsers',
  'Container.name',
  'Container.restartPolicy',
  'ContainerPort.containerPort',
  'EnvVar.name',
  'VolumeMount.name',
  'VolumeMount.mountPath',
  'VolumeMount.recursiveReadOnly',
  'VolumeMount.mountPropagation',
  'Probe.terminationGracePeriodSeconds',
  'SecurityContext.privileged',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'SecurityContext.runAsNonRoot',
  'SecurityContext.readOnlyRootFilesystem',
  'SecurityContext.allowPrivilegeEscalation',
  'SecurityContext.procMount',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.runAsNonRoot',
  'PodSecurityContext.fsGroup',
  'PodSecurityContext.fsGroupChangePolicy',
  'PodSecurityContext.supplementalGroupsPolicy',
  'PodSecurityContext.seLinuxChangePolicy',
  'Volume.name',
  'HostPathVolumeSource.path',
  'HostPathVolumeSource.type',
  'KeyToPath.key',
  'KeyToPath.path',
  'KeyToPath.mode',
  'ConfigMapVolumeSource.defaultMode',
  'ConfigMapVolumeSource.optional',
  'SecretVolumeSource.defaultMode',
  'SecretVolumeSource.optional',
  'PersistentVolumeClaimVolumeSource.claimName',
  'Toleration.tolerationSeconds',
  'NodeSelector.nodeSelectorTerms',
  'NodeSelectorRequirement.key',
  'NodeSelectorRequirement.operator',
  'PreferredSchedulingTerm.weight',
  'Taint.key',
  'Taint.effect',
  'NodeCondition.type',
  'NodeCondition.status',
  'NodeAddress.type',
  'NodeAddress.address',
  'NodeSystemInfo.machineID',
  'NodeSystemInfo.systemUUID',
  'NodeSystemInfo.bootID',
  'NodeSystemInfo.kernelVersion',
  'NodeSystemInfo.osImage',
  'NodeSystemInfo.containerRuntimeVersion',
  'NodeSystemInfo.kubeletVersion',
  'NodeSystemInfo.kubeProxyVersion',
  'NodeSystemInfo.operatingSystem',
  'NodeSystemInfo.architecture',
  'ConfigMap.immutable',
  'Secret.immutable',
  'ServiceSpec.allocateLoadBalancerNodePorts',
  'ServiceSpec.ipFamilyPolicy',
  'ServiceSpec.loadBalancerClass',
  'ServiceSpec.internalTrafficPolicy',
  'ServiceSpec.trafficDistribution',
  'ServicePort.port',
  'PriorityClass.value',
  'PriorityClass.preemptionPolicy',
]);

function isZero(value: unknown): boolean {
  if (value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** Field kinds whose zero value omitempty drops (a struct, Time, Quantity or IntOrString is never dropped). */
function omittable(field: FieldSchema): boolean {
  return (
    field.type === 'string' ||
    field.type === 'boolean' ||
    field.type === 'integer' ||
    field.type === 'number' ||
    field.type === 'array' ||
    field.type === 'map' ||
    field.type === 'bytes'
  );
}

function pruneValue(value: unknown, field: FieldSchema): void {
  if (field.type === 'struct') {
    if (isObject(value)) omitEmpty(value, field.ref);
  } else if (field.type === 'array' && Array.isArray(value)) {
    for (const item of value) pruneValue(item, field.items);
  } else if (field.type === 'map' && isObject(value)) {
    for (const key of Object.keys(value)) pruneValue(value[key], field.values);
  }
}

/**
 * From a decoded object and its struct name, the same object with every zero `omitempty`
 * value removed, in place (as it reads after the API server's Go round trip).
 */
export function omitEmpty(object: Record<string, unknown>, structName: string): void {
  if (!Object.hasOwn(STRUCTS, structName)) return;
  const fields = STRUCTS[structName].fields;
  for (const key of Object.keys(object)) {
    if (!Object.hasOwn(fields, key)) continue;
    const field = fields[key];
    const value = object[key];
    if (omittable(field) && isZero(value) && !KEEPS_ZERO.has(`${structName}.${key}`)) {
      delete object[key];
      continue;
    }
    pruneValue(value, field);
  }
}
