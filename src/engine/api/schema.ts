/**
 * The field schema of every kind the simulated API server accepts, as data: for each Go struct,
 * its JSON field names and the kind of value each holds. The strict decoder walks it (unknown
 * fields, wrong JSON types, quantity syntax) and the UI may generate editor JSON Schema from it.
 *
 * Field lists follow k8s.io/api v1.32 (core/v1, apps/v1, scheduling/v1, meta/v1 types.go), so a
 * real field the simulator does not act on is still accepted. Sub-structs the simulator never
 * reads are `opaque`: they must be JSON objects, their contents are kept as written.
 */
import { KIND_TABLE } from '../kinds.ts';
import type { Kind } from '../types.ts';

/** What one JSON field holds. `go` names the Go type as encoding/json prints it in errors. */
export type FieldSchema =
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'integer'; go: 'int32' | 'int64' }
  | { type: 'number' }
  | { type: 'quantity' }
  | { type: 'intOrString' }
  | { type: 'bytes' }
  | { type: 'time' }
  | { type: 'struct'; ref: string }
  | { type: 'opaque'; go: string }
  | { type: 'array'; items: FieldSchema }
  | { type: 'map'; values: FieldSchema; go?: string }
  | { type: 'any' };

/** One Go struct: its Go type name (`v1.PodSpec`) and its JSON fields in declaration order. */
export interface StructSchema {
  go: string;
  fields: Record<string, FieldSchema>;
}

const str: FieldSchema = { type: 'string' };
const bool: FieldSchema = { type: 'boolean' };
const i32: FieldSchema = { type: 'integer', go: 'int32' };
const i64: FieldSchema = { type: 'integer', go: 'int64' };
const qty: FieldSchema = { type: 'quantity' };
const intstr: FieldSchema = { type: 'intOrString' };
const time: FieldSchema = { type: 'time' };
const strs: FieldSchema = { type: 'array', items: str };
const strMap: FieldSchema = { type: 'map', values: str };
const resourceList: FieldSchema = { type: 'map', values: qty, go: 'v1.ResourceList' };
const ref = (name: string): FieldSchema => ({ type: 'struct', ref: name });
const list = (name: string): FieldSchema => ({ type: 'array', items: ref(name) });
const opaque = (go: string): FieldSchema => ({ type: 'opaque', go });
const opaqueList = (go: string): FieldSchema => ({ type: 'array', items: opaque(go) });

/** Every struct the decoder knows, by schema name. */
export const STRUCTS: Record<string, StructSchema> = {
  // meta/v1
  ObjectMeta: {
    go: 'v1.ObjectMeta',
    fields: {
      name: str,
      generateName: str,
      namespace: str,
      selfLink: str,
      uid: str,
      resourceVersion: str,
      generation: i64,
      creationTimestamp: time,
      deletionTimestamp: time,
      deletionGracePeriodSeconds: i64,
      labels: strMap,
      annotations: strMap,
      ownerReferences: list('OwnerReference'),
      finalizers: strs,
      managedFields: opaqueList('v1.ManagedFieldsEntry'),
    },
  },
  OwnerReference: {
    go: 'v1.OwnerReference',
    fields: {
      apiVersion: str,
      kind: str,
      name: str,
      uid: str,
      controller: bool,
      blockOwnerDeletion: bool,
    },
  },
  LabelSelector: {
    go: 'v1.LabelSelector',
    fields: { matchLabels: strMap, matchExpressions: list('LabelSelectorRequirement') },
  },
  LabelSelectorRequirement: {
    go: 'v1.LabelSelectorRequirement',
    fields: { key: str, operator: str, values: strs },
  },

  // apps/v1
  DaemonSet: {
    go: 'v1.DaemonSet',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      spec: ref('DaemonSetSpec'),
      status: ref('DaemonSetStatus'),
    },
  },
  DaemonSetSpec: {
    go: 'v1.DaemonSetSpec',
    fields: {
      selector: ref('LabelSelector'),
      template: ref('PodTemplateSpec'),
      updateStrategy: ref('DaemonSetUpdateStrategy'),
      minReadySeconds: i32,
      revisionHistoryLimit: i32,
    },
  },
  DaemonSetUpdateStrategy: {
    go: 'v1.DaemonSetUpdateStrategy',
    fields: { type: str, rollingUpdate: ref('RollingUpdateDaemonSet') },
  },
  RollingUpdateDaemonSet: {
    go: 'v1.RollingUpdateDaemonSet',
    fields: { maxUnavailable: intstr, maxSurge: intstr },
  },
  DaemonSetStatus: {
    go: 'v1.DaemonSetStatus',
    fields: {
      currentNumberScheduled: i32,
      numberMisscheduled: i32,
      desiredNumberScheduled: i32,
      numberReady: i32,
      observedGeneration: i64,
      updatedNumberScheduled: i32,
      numberAvailable: i32,
      numberUnavailable: i32,
      collisionCount: i32,
      conditions: opaqueList('v1.DaemonSetCondition'),
    },
  },
  ControllerRevision: {
    go: 'v1.ControllerRevision',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      data: { type: 'any' },
      revision: i64,
    },
  },

  // core/v1 pods
  Pod: {
    go: 'v1.Pod',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      spec: ref('PodSpec'),
      status: opaque('v1.PodStatus'),
    },
  },
  PodTemplateSpec: {
    go: 'v1.PodTemplateSpec',
    fields: { metadata: ref('ObjectMeta'), spec: ref('PodSpec') },
  },
  PodSpec: {
    go: 'v1.PodSpec',
    fields: {
      volumes: list('Volume'),
      initContainers: list('Container'),
      containers: list('Container'),
      ephemeralContainers: opaqueList('v1.EphemeralContainer'),
      restartPolicy: str,
      terminationGracePeriodSeconds: i64,
      activeDeadlineSeconds: i64,
      dnsPolicy: str,
      nodeSelector: strMap,
      serviceAccountName: str,
      serviceAccount: str,
      automountServiceAccountToken: bool,
      nodeName: str,
      hostNetwork: bool,
      hostPID: bool,
      hostIPC: bool,
      shareProcessNamespace: bool,
      securityContext: ref('PodSecurityContext'),
      imagePullSecrets: list('LocalObjectReference'),
      hostname: str,
      subdomain: str,
      affinity: ref('Affinity'),
      schedulerName: str,
      tolerations: list('Toleration'),
      hostAliases: opaqueList('v1.HostAlias'),
      priorityClassName: str,
      priority: i32,
      dnsConfig: opaque('v1.PodDNSConfig'),
      readinessGates: opaqueList('v1.PodReadinessGate'),
      runtimeClassName: str,
      enableServiceLinks: bool,
      preemptionPolicy: str,
      overhead: resourceList,
      topologySpreadConstraints: opaqueList('v1.TopologySpreadConstraint'),
      setHostnameAsFQDN: bool,
      os: opaque('v1.PodOS'),
      hostUsers: bool,
      schedulingGates: opaqueList('v1.PodSchedulingGate'),
      resourceClaims: opaqueList('v1.PodResourceClaim'),
      resources: ref('ResourceRequirements'),
    },
  },
  LocalObjectReference: { go: 'v1.LocalObjectReference', fields: { name: str } },
  Container: {
    go: 'v1.Container',
    fields: {
      name: str,
      image: str,
      command: strs,
      args: strs,
      workingDir: str,
      ports: list('ContainerPort'),
      envFrom: opaqueList('v1.EnvFromSource'),
      env: list('EnvVar'),
      resources: ref('ResourceRequirements'),
      resizePolicy: opaqueList('v1.ContainerResizePolicy'),
      restartPolicy: str,
      volumeMounts: list('VolumeMount'),
      volumeDevices: opaqueList('v1.VolumeDevice'),
      livenessProbe: ref('Probe'),
      readinessProbe: ref('Probe'),
      startupProbe: ref('Probe'),
      lifecycle: opaque('v1.Lifecycle'),
      terminationMessagePath: str,
      terminationMessagePolicy: str,
      imagePullPolicy: str,
      securityContext: ref('SecurityContext'),
      stdin: bool,
      stdinOnce: bool,
      tty: bool,
    },
  },
  ContainerPort: {
    go: 'v1.ContainerPort',
    fields: { name: str, hostPort: i32, containerPort: i32, protocol: str, hostIP: str },
  },
  EnvVar: {
    go: 'v1.EnvVar',
    fields: { name: str, value: str, valueFrom: opaque('v1.EnvVarSource') },
  },
  ResourceRequirements: {
    go: 'v1.ResourceRequirements',
    fields: {
      limits: resourceList,
      requests: resourceList,
      claims: opaqueList('v1.ResourceClaim'),
    },
  },
  VolumeMount: {
    go: 'v1.VolumeMount',
    fields: {
      name: str,
      readOnly: bool,
      recursiveReadOnly: str,
      mountPath: str,
      subPath: str,
      mountPropagation: str,
      subPathExpr: str,
    },
  },
  Probe: {
    go: 'v1.Probe',
    fields: {
      exec: ref('ExecAction'),
      httpGet: ref('HTTPGetAction'),
      tcpSocket: ref('TCPSocketAction'),
      grpc: opaque('v1.GRPCAction'),
      initialDelaySeconds: i32,
      timeoutSeconds: i32,
      periodSeconds: i32,
      successThreshold: i32,
      failureThreshold: i32,
      terminationGracePeriodSeconds: i64,
    },
  },
  ExecAction: { go: 'v1.ExecAction', fields: { command: strs } },
  HTTPGetAction: {
    go: 'v1.HTTPGetAction',
    fields: {
      path: str,
      port: intstr,
      host: str,
      scheme: str,
      httpHeaders: opaqueList('v1.HTTPHeader'),
    },
  },
  TCPSocketAction: { go: 'v1.TCPSocketAction', fields: { port: intstr, host: str } },
  SecurityContext: {
    go: 'v1.SecurityContext',
    fields: {
      capabilities: ref('Capabilities'),
      privileged: bool,
      seLinuxOptions: opaque('v1.SELinuxOptions'),
      windowsOptions: opaque('v1.WindowsSecurityContextOptions'),
      runAsUser: i64,
      runAsGroup: i64,
      runAsNonRoot: bool,
      readOnlyRootFilesystem: bool,
      allowPrivilegeEscalation: bool,
      procMount: str,
      seccompProfile: opaque('v1.SeccompProfile'),
      appArmorProfile: opaque('v1.AppArmorProfile'),
    },
  },
  Capabilities: { go: 'v1.Capabilities', fields: { add: strs, drop: strs } },
  PodSecurityContext: {
    go: 'v1.PodSecurityContext',
    fields: {
      seLinuxOptions: opaque('v1.SELinuxOptions'),
      windowsOptions: opaque('v1.WindowsSecurityContextOptions'),
      runAsUser: i64,
      runAsGroup: i64,
      runAsNonRoot: bool,
      supplementalGroups: { type: 'array', items: i64 },
      supplementalGroupsPolicy: str,
      fsGroup: i64,
      sysctls: opaqueList('v1.Sysctl'),
      fsGroupChangePolicy: str,
      seccompProfile: opaque('v1.SeccompProfile'),
      appArmorProfile: opaque('v1.AppArmorProfile'),
      seLinuxChangePolicy: str,
    },
  },
  Volume: {
    go: 'v1.Volume',
    fields: {
      name: str,
      hostPath: ref('HostPathVolumeSource'),
      emptyDir: ref('EmptyDirVolumeSource'),
      gcePersistentDisk: opaque('v1.GCEPersistentDiskVolumeSource'),
      awsElasticBlockStore: opaque('v1.AWSElasticBlockStoreVolumeSource'),
      gitRepo: opaque('v1.GitRepoVolumeSource'),
      secret: ref('SecretVolumeSource'),
      nfs: opaque('v1.NFSVolumeSource'),
      iscsi: opaque('v1.ISCSIVolumeSource'),
      glusterfs: opaque('v1.GlusterfsVolumeSource'),
      persistentVolumeClaim: ref('PersistentVolumeClaimVolumeSource'),
      rbd: opaque('v1.RBDVolumeSource'),
      flexVolume: opaque('v1.FlexVolumeSource'),
      cinder: opaque('v1.CinderVolumeSource'),
      cephfs: opaque('v1.CephFSVolumeSource'),
      flocker: opaque('v1.FlockerVolumeSource'),
      downwardAPI: opaque('v1.DownwardAPIVolumeSource'),
      fc: opaque('v1.FCVolumeSource'),
      azureFile: opaque('v1.AzureFileVolumeSource'),
      configMap: ref('ConfigMapVolumeSource'),
      vsphereVolume: opaque('v1.VsphereVirtualDiskVolumeSource'),
      quobyte: opaque('v1.QuobyteVolumeSource'),
      azureDisk: opaque('v1.AzureDiskVolumeSource'),
      photonPersistentDisk: opaque('v1.PhotonPersistentDiskVolumeSource'),
      projected: opaque('v1.ProjectedVolumeSource'),
      portworxVolume: opaque('v1.PortworxVolumeSource'),
      scaleIO: opaque('v1.ScaleIOVolumeSource'),
      storageos: opaque('v1.StorageOSVolumeSource'),
      csi: opaque('v1.CSIVolumeSource'),
      ephemeral: opaque('v1.EphemeralVolumeSource'),
      image: opaque('v1.ImageVolumeSource'),
    },
  },
  HostPathVolumeSource: { go: 'v1.HostPathVolumeSource', fields: { path: str, type: str } },
  EmptyDirVolumeSource: { go: 'v1.EmptyDirVolumeSource', fields: { medium: str, sizeLimit: qty } },
  KeyToPath: { go: 'v1.KeyToPath', fields: { key: str, path: str, mode: i32 } },
  ConfigMapVolumeSource: {
    go: 'v1.ConfigMapVolumeSource',
    fields: { name: str, items: list('KeyToPath'), defaultMode: i32, optional: bool },
  },
  SecretVolumeSource: {
    go: 'v1.SecretVolumeSource',
    fields: { secretName: str, items: list('KeyToPath'), defaultMode: i32, optional: bool },
  },
  PersistentVolumeClaimVolumeSource: {
    go: 'v1.PersistentVolumeClaimVolumeSource',
    fields: { claimName: str, readOnly: bool },
  },
  Toleration: {
    go: 'v1.Toleration',
    fields: { key: str, operator: str, value: str, effect: str, tolerationSeconds: i64 },
  },
  Affinity: {
    go: 'v1.Affinity',
    fields: {
      nodeAffinity: ref('NodeAffinity'),
      podAffinity: opaque('v1.PodAffinity'),
      podAntiAffinity: opaque('v1.PodAntiAffinity'),
    },
  },
  NodeAffinity: {
    go: 'v1.NodeAffinity',
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution: ref('NodeSelector'),
      preferredDuringSchedulingIgnoredDuringExecution: list('PreferredSchedulingTerm'),
    },
  },
  NodeSelector: { go: 'v1.NodeSelector', fields: { nodeSelectorTerms: list('NodeSelectorTerm') } },
  NodeSelectorTerm: {
    go: 'v1.NodeSelectorTerm',
    fields: {
      matchExpressions: list('NodeSelectorRequirement'),
      matchFields: list('NodeSelectorRequirement'),
    },
  },
  NodeSelectorRequirement: {
    go: 'v1.NodeSelectorRequirement',
    fields: { key: str, operator: str, values: strs },
  },
  PreferredSchedulingTerm: {
    go: 'v1.PreferredSchedulingTerm',
    fields: { weight: i32, preference: ref('NodeSelectorTerm') },
  },

  // core/v1 nodes
  Node: {
    go: 'v1.Node',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      spec: ref('NodeSpec'),
      status: ref('NodeStatus'),
    },
  },
  NodeSpec: {
    go: 'v1.NodeSpec',
    fields: {
      podCIDR: str,
      podCIDRs: strs,
      providerID: str,
      unschedulable: bool,
      taints: list('Taint'),
      configSource: opaque('v1.NodeConfigSource'),
      externalID: str,
    },
  },
  Taint: { go: 'v1.Taint', fields: { key: str, value: str, effect: str, timeAdded: time } },
  NodeStatus: {
    go: 'v1.NodeStatus',
    fields: {
      capacity: resourceList,
      allocatable: resourceList,
      phase: str,
      conditions: list('NodeCondition'),
      addresses: list('NodeAddress'),
      daemonEndpoints: opaque('v1.NodeDaemonEndpoints'),
      nodeInfo: ref('NodeSystemInfo'),
      images: opaqueList('v1.ContainerImage'),
      volumesInUse: strs,
      volumesAttached: opaqueList('v1.AttachedVolume'),
      config: opaque('v1.NodeConfigStatus'),
      runtimeHandlers: opaqueList('v1.NodeRuntimeHandler'),
      features: opaque('v1.NodeFeatures'),
    },
  },
  NodeCondition: {
    go: 'v1.NodeCondition',
    fields: {
      type: str,
      status: str,
      lastHeartbeatTime: time,
      lastTransitionTime: time,
      reason: str,
      message: str,
    },
  },
  NodeAddress: { go: 'v1.NodeAddress', fields: { type: str, address: str } },
  NodeSystemInfo: {
    go: 'v1.NodeSystemInfo',
    fields: {
      machineID: str,
      systemUUID: str,
      bootID: str,
      kernelVersion: str,
      osImage: str,
      containerRuntimeVersion: str,
      kubeletVersion: str,
      kubeProxyVersion: str,
      operatingSystem: str,
      architecture: str,
    },
  },

  // core/v1, the rest
  Namespace: {
    go: 'v1.Namespace',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      spec: ref('NamespaceSpec'),
      status: ref('NamespaceStatus'),
    },
  },
  NamespaceSpec: { go: 'v1.NamespaceSpec', fields: { finalizers: strs } },
  NamespaceStatus: {
    go: 'v1.NamespaceStatus',
    fields: { phase: str, conditions: opaqueList('v1.NamespaceCondition') },
  },
  ConfigMap: {
    go: 'v1.ConfigMap',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      immutable: bool,
      data: strMap,
      binaryData: { type: 'map', values: { type: 'bytes' } },
    },
  },
  Secret: {
    go: 'v1.Secret',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      immutable: bool,
      data: { type: 'map', values: { type: 'bytes' } },
      stringData: strMap,
      type: str,
    },
  },
  Service: {
    go: 'v1.Service',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      spec: ref('ServiceSpec'),
      status: opaque('v1.ServiceStatus'),
    },
  },
  ServiceSpec: {
    go: 'v1.ServiceSpec',
    fields: {
      ports: list('ServicePort'),
      selector: strMap,
      clusterIP: str,
      clusterIPs: strs,
      type: str,
      externalIPs: strs,
      sessionAffinity: str,
      loadBalancerIP: str,
      loadBalancerSourceRanges: strs,
      externalName: str,
      externalTrafficPolicy: str,
      healthCheckNodePort: i32,
      publishNotReadyAddresses: bool,
      sessionAffinityConfig: opaque('v1.SessionAffinityConfig'),
      ipFamilies: strs,
      ipFamilyPolicy: str,
      allocateLoadBalancerNodePorts: bool,
      loadBalancerClass: str,
      internalTrafficPolicy: str,
      trafficDistribution: str,
    },
  },
  ServicePort: {
    go: 'v1.ServicePort',
    fields: {
      name: str,
      protocol: str,
      appProtocol: str,
      port: i32,
      targetPort: intstr,
      nodePort: i32,
    },
  },
  Event: {
    go: 'v1.Event',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      involvedObject: ref('ObjectReference'),
      reason: str,
      message: str,
      source: ref('EventSource'),
      firstTimestamp: time,
      lastTimestamp: time,
      count: i32,
      type: str,
      eventTime: time,
      series: opaque('v1.EventSeries'),
      action: str,
      related: ref('ObjectReference'),
      reportingComponent: str,
      reportingInstance: str,
    },
  },
  ObjectReference: {
    go: 'v1.ObjectReference',
    fields: {
      kind: str,
      namespace: str,
      name: str,
      uid: str,
      apiVersion: str,
      resourceVersion: str,
      fieldPath: str,
    },
  },
  EventSource: { go: 'v1.EventSource', fields: { component: str, host: str } },

  // scheduling.k8s.io/v1
  PriorityClass: {
    go: 'v1.PriorityClass',
    fields: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      value: i32,
      globalDefault: bool,
      description: str,
      preemptionPolicy: str,
    },
  },
};

/** A kind the API server serves: where it lives and which struct decodes it. */
export interface KindInfo {
  apiVersion: string;
  kind: Kind;
  /** Plural resource as kubectl prints it in `NotFound`, e.g. `daemonsets.apps`. */
  resource: string;
  namespaced: boolean;
  /** Schema name in STRUCTS (the kind's own name). */
  struct: string;
}

/** Every kind the simulated API server serves (from the kinds table), with its struct. */
export const KINDS: readonly KindInfo[] = KIND_TABLE.map((info) => ({
  apiVersion: info.apiVersion,
  kind: info.kind,
  resource: info.resource,
  namespaced: info.namespaced,
  struct: info.kind,
}));

/** From an apiVersion and kind as written in a manifest, the served kind, if any. */
export function findKind(apiVersion: string, kind: string): KindInfo | undefined {
  return KINDS.find((info) => info.apiVersion === apiVersion && info.kind === kind);
}

/** From a field schema, the Go type name encoding/json prints in `of type ...`. */
export function goTypeName(field: FieldSchema): string {
  switch (field.type) {
    case 'string':
    case 'time':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return field.go;
    case 'number':
      return 'float64';
    case 'quantity':
      return 'resource.Quantity';
    case 'intOrString':
      return 'int32';
    case 'bytes':
      return '[]uint8';
    case 'struct':
      return STRUCTS[field.ref].go;
    case 'opaque':
      return field.go;
    case 'array':
      return `[]${goTypeName(field.items)}`;
    case 'map':
      return field.go ?? `map[string]${goTypeName(field.values)}`;
    case 'any':
      return 'interface {}';
  }
}

/**
 * Real Kubernetes kinds the simulator does not serve. A manifest of one of these gets
 * NoKindMatch like any unknown kind, but the console can use this list to say the kind is
 * real and simply not part of the playground, instead of suggesting a typo.
 */
export const UNSIMULATED_KINDS: readonly { apiVersion: string; kind: string }[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'batch/v1', kind: 'CronJob' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
  { apiVersion: 'v1', kind: 'PersistentVolume' },
  { apiVersion: 'v1', kind: 'ReplicationController' },
  { apiVersion: 'v1', kind: 'LimitRange' },
  { apiVersion: 'v1', kind: 'ResourceQuota' },
  { apiVersion: 'v1', kind: 'Endpoints' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
];

/** From an apiVersion and kind, whether real Kubernetes serves them but the simulator does not. */
export function isUnsimulatedKind(apiVersion: string, kind: string): boolean {
  return UNSIMULATED_KINDS.some((k) => k.apiVersion === apiVersion && k.kind === kind);
}

/** The fields of core/v1 VolumeSource, of which a volume names exactly one (defaulting and validation both need the list). */
export const VOLUME_SOURCE_KEYS: readonly string[] = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];
