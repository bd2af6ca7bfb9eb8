/**
 * API defaults, applied to decoded objects before validation, as the API server's scheme
 * defaulters do: pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet),
 * pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Pod,
 * SetDefaults_Service, SetDefaults_Secret, SetDefaults_Namespace, SetDefaults_NodeStatus, ...)
 * and pkg/apis/scheduling/v1/defaults.go. Functions change the object in place; it is always a
 * fresh copy made by the decoder.
 */
import { VOLUME_SOURCE_KEYS } from './schema.ts';
import { copyMap, isObject } from './records.ts';

type Obj = Record<string, unknown>;

/** Reads a nested struct, creating it (as `{}`) when `create` is set and it is missing. */
function child(parent: Obj, key: string, create = false): Obj | undefined {
  const value = parent[key];
  if (isObject(value)) return value;
  if (!create) return undefined;
  const made: Obj = {};
  parent[key] = made;
  return made;
}

function items(parent: Obj | undefined, key: string): Obj[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/**
 * From an image reference, its tag as ParseImageName reports it: `latest` when neither tag nor
 * digest is given, empty when only a digest is.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon >= 0) return withoutDigest.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** From a container, SetDefaults_Container plus its ports' and probes' defaults. */
function defaultContainer(container: Obj): void {
  if (container.imagePullPolicy === undefined || container.imagePullPolicy === '') {
    const image = typeof container.image === 'string' ? container.image : '';
    container.imagePullPolicy = imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  // ResourceRequirements is a struct, not a pointer: kubectl always shows `resources: {}`.
  child(container, 'resources', true);
  for (const port of items(container, 'ports')) port.protocol ||= 'TCP';
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = child(container, key);
    if (probe !== undefined) defaultProbe(probe);
  }
  for (const env of items(container, 'env')) {
    const fieldRef = child(child(env, 'valueFrom') ?? {}, 'fieldRef');
    if (fieldRef !== undefined) fieldRef.apiVersion ||= 'v1';
  }
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction. */
function defaultProbe(probe: Obj): void {
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  const httpGet = child(probe, 'httpGet');
  if (httpGet !== undefined) {
    httpGet.path ||= '/';
    httpGet.scheme ||= 'HTTP';
  }
}

/** SetDefaults_Volume (no source means emptyDir) and the per-source defaults. */
function defaultVolume(volume: Obj): void {
  if (!VOLUME_SOURCE_KEYS.some((key) => volume[key] !== undefined)) volume.emptyDir = {};
  const hostPath = child(volume, 'hostPath');
  if (hostPath !== undefined && hostPath.type === undefined) hostPath.type = '';
  const configMap = child(volume, 'configMap');
  if (configMap !== undefined && configMap.defaultMode === undefined) configMap.defaultMode = 420;
  const secret = child(volume, 'secret');
  if (secret !== undefined && secret.defaultMode === undefined) secret.defaultMode = 420;
}

/** From a pod spec, SetDefaults_PodSpec with its containers and volumes (pods and templates). */
export function defaultPodSpec(spec: Obj): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  child(spec, 'securityContext', true);
  if (spec.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const container of [...items(spec, 'initContainers'), ...items(spec, 'containers')])
    defaultContainer(container);
  for (const volume of items(spec, 'volumes')) defaultVolume(volume);
}

/**
 * From a pod, SetDefaults_Pod on top of the pod spec defaults: requests copied from limits
 * where missing, enableServiceLinks, and with hostNetwork every port's hostPort = containerPort.
 */
export function defaultPod(pod: Obj): void {
  const spec = child(pod, 'spec', true) as Obj;
  defaultPodSpec(spec);
  const containers = [...items(spec, 'containers'), ...items(spec, 'initContainers')];
  for (const container of containers) {
    const resources = child(container, 'resources', true) as Obj;
    const limits = resources.limits;
    if (!isObject(limits)) continue;
    const requests = isObject(resources.requests)
      ? resources.requests
      : copyMap<unknown>(undefined);
    for (const key of Object.keys(limits))
      if (!Object.hasOwn(requests, key)) requests[key] = limits[key];
    resources.requests = requests;
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const container of containers) {
      for (const port of items(container, 'ports')) {
        if (port.hostPort === undefined || port.hostPort === 0) port.hostPort = port.containerPort;
      }
    }
  }
}

/**
 * From a DaemonSet, SetDefaults_DaemonSet: update strategy (rollingUpdate budgets only for
 * RollingUpdate), revisionHistoryLimit, and the template's pod spec defaults.
 */
export function defaultDaemonSet(ds: Obj): void {
  const spec = child(ds, 'spec', true) as Obj;
  const strategy = child(spec, 'updateStrategy', true) as Obj;
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = child(strategy, 'rollingUpdate', true) as Obj;
    if (rollingUpdate.maxUnavailable === undefined) rollingUpdate.maxUnavailable = 1;
    if (rollingUpdate.maxSurge === undefined) rollingUpdate.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  const template = child(spec, 'template', true) as Obj;
  defaultPodSpec(child(template, 'spec', true) as Obj);
}

/**
 * From a Service, SetDefaults_Service: session affinity, type, port protocol and targetPort,
 * traffic policies. Cluster IPs and IP families are allocated by the store, not here.
 */
export function defaultService(service: Obj): void {
  const spec = child(service, 'spec', true) as Obj;
  spec.sessionAffinity ||= 'None';
  spec.type ||= 'ClusterIP';
  for (const port of items(spec, 'ports')) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy) {
    spec.externalTrafficPolicy = 'Cluster';
  }
  if (
    spec.internalTrafficPolicy === undefined &&
    ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(String(spec.type))
  ) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    spec.allocateLoadBalancerNodePorts = true;
  }
}

/** From a Namespace, SetDefaults_Namespace (the metadata.name label) and the phase Active. */
export function defaultNamespace(namespace: Obj): void {
  const metadata = child(namespace, 'metadata', true) as Obj;
  if (typeof metadata.name === 'string' && metadata.name !== '') {
    const labels = isObject(metadata.labels) ? metadata.labels : copyMap<unknown>(undefined);
    labels['kubernetes.io/metadata.name'] = metadata.name;
    metadata.labels = labels;
  }
  // The namespace registry's PrepareForCreate adds the kubernetes finalizer.
  const spec = child(namespace, 'spec', true) as Obj;
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  else if (!spec.finalizers.includes('kubernetes')) spec.finalizers.push('kubernetes');
  const status = child(namespace, 'status', true) as Obj;
  status.phase ||= 'Active';
}

/** From a Node, SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(node: Obj): void {
  child(node, 'spec', true);
  const status = child(node, 'status', true) as Obj;
  if (status.allocatable === undefined && isObject(status.capacity))
    status.allocatable = copyMap(status.capacity);
}

/** From a Secret, SetDefaults_Secret: type Opaque. */
export function defaultSecret(secret: Obj): void {
  secret.type ||= 'Opaque';
}

/**
 * From a PriorityClass, SetDefaults_PriorityClass: preemptionPolicy PreemptLowerPriority. The
 * value is a plain int32 in Go, so a manifest without one stores (and shows) `value: 0`.
 */
export function defaultPriorityClass(priorityClass: Obj): void {
  priorityClass.preemptionPolicy ||= 'PreemptLowerPriority';
  priorityClass.value ??= 0;
}

/** From a ControllerRevision: `revision` is a plain int64, shown as 0 when not given. */
export function defaultControllerRevision(revision: Obj): void {
  revision.revision ??= 0;
}
