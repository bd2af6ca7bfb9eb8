/**
 * API-shaped object types of the simulated cluster. Field names are exactly Kubernetes'
 * (core/v1, apps/v1, scheduling.k8s.io/v1, events.k8s.io-compatible core/v1 Event), so that
 * printing an object as JSON or YAML gives what `kubectl get -o yaml` would show.
 *
 * User-controlled maps (labels, annotations, nodeSelector, data) are `StringMap`s: plain
 * records that the engine creates without a prototype and reads only through `util/records.ts`,
 * so `__proto__` or `constructor` is just a key.
 */
import type { FilterName } from './scheduling/filters.ts';

/** A string-to-string map read only through own-property helpers. */
export type StringMap = Record<string, string>;

/** `resource.Quantity` as written by the user ("500m", "1Gi", 2). */
export type Quantity = string | number;

/** `intstr.IntOrString`. */
export type IntOrString = number | string;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  /** RFC 3339, second precision, in simulated time (see engine/clock.ts for the epoch). */
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: StringMap;
  annotations?: StringMap;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

// ---------------------------------------------------------------------------------------------
// Scheduling primitives

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  /** Set by the API server for NoExecute taints added by the node lifecycle controller. */
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: TaintEffect | '';
  tolerationSeconds?: number;
}

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

export interface Affinity {
  nodeAffinity?: NodeAffinity;
  /** Kept as written; the simulator does not evaluate pod (anti-)affinity. */
  podAffinity?: unknown;
  podAntiAffinity?: unknown;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: StringMap;
  matchExpressions?: LabelSelectorRequirement[];
}

// ---------------------------------------------------------------------------------------------
// Pods

export interface ResourceRequirements {
  requests?: Record<string, Quantity>;
  limits?: Record<string, Quantity>;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export interface Capabilities {
  add?: string[];
  drop?: string[];
}

export interface SecurityContext {
  privileged?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: Capabilities;
}

export interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: IntOrString; scheme?: string };
  tcpSocket?: { port: IntOrString };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: unknown[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  securityContext?: SecurityContext;
  terminationMessagePath?: string;
  terminationMessagePolicy?: 'File' | 'FallbackToLogsOnError';
  stdin?: boolean;
  tty?: boolean;
  /** Only on init containers, and only `Always`: the container is a sidecar. */
  restartPolicy?: 'Always';
}

export interface Volume {
  name: string;
  hostPath?: { path: string; type?: string };
  configMap?: { name: string; defaultMode?: number; optional?: boolean; items?: unknown[] };
  secret?: { secretName: string; defaultMode?: number; optional?: boolean; items?: unknown[] };
  emptyDir?: { medium?: string; sizeLimit?: Quantity };
  projected?: unknown;
  downwardAPI?: unknown;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

export interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  nodeName?: string;
  nodeSelector?: StringMap;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  dnsPolicy?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  schedulerName?: string;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  securityContext?: PodSecurityContext;
  imagePullSecrets?: { name: string }[];
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface PodCondition {
  type: 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready' | 'DisruptionTarget' | string;
  status: ConditionStatus;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}
export interface ContainerStateRunning {
  startedAt?: string;
}
export interface ContainerStateTerminated {
  exitCode: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}
export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
}

export interface PodStatus {
  phase: PodPhase;
  conditions?: PodCondition[];
  message?: string;
  reason?: string;
  nominatedNodeName?: string;
  hostIP?: string;
  podIP?: string;
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  qosClass?: 'Guaranteed' | 'Burstable' | 'BestEffort';
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: { labels?: StringMap; annotations?: StringMap; name?: string };
  spec: PodSpec;
}

// ---------------------------------------------------------------------------------------------
// Apps

export interface RollingUpdateDaemonSet {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DaemonSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete';
  rollingUpdate?: RollingUpdateDaemonSet;
}

export interface DaemonSetSpec {
  selector: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetCondition {
  type: string;
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: DaemonSetCondition[];
}

export interface DaemonSet {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
  metadata: ObjectMeta;
  spec: DaemonSetSpec;
  status: DaemonSetStatus;
}

export interface ControllerRevision {
  apiVersion: 'apps/v1';
  kind: 'ControllerRevision';
  metadata: ObjectMeta;
  /** `{"spec":{"template":{...,"$patch":"replace"}}}` as the DaemonSet controller stores it. */
  data: { spec: { template: PodTemplateSpec & { $patch: 'replace' } } };
  revision: number;
}

// ---------------------------------------------------------------------------------------------
// Nodes and the rest of core/v1

export interface NodeCondition {
  type: 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable' | string;
  status: ConditionStatus;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface NodeAddress {
  type: 'InternalIP' | 'ExternalIP' | 'Hostname' | string;
  address: string;
}

export interface NodeSystemInfo {
  kubeletVersion: string;
  osImage: string;
  kernelVersion: string;
  containerRuntimeVersion: string;
  operatingSystem: string;
  architecture: string;
  machineID?: string;
  systemUUID?: string;
  bootID?: string;
  kubeProxyVersion?: string;
}

export interface NodeSpec {
  taints?: Taint[];
  unschedulable?: boolean;
  podCIDR?: string;
  providerID?: string;
}

export interface NodeStatus {
  capacity?: Record<string, Quantity>;
  allocatable?: Record<string, Quantity>;
  conditions?: NodeCondition[];
  addresses?: NodeAddress[];
  nodeInfo?: NodeSystemInfo;
}

export interface Node {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  spec: NodeSpec;
  status: NodeStatus;
}

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
  spec?: { finalizers?: string[] };
  status: { phase: 'Active' | 'Terminating' };
}

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: StringMap;
  binaryData?: StringMap;
  immutable?: boolean;
}

export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: ObjectMeta;
  type?: string;
  data?: StringMap;
  stringData?: StringMap;
  immutable?: boolean;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: IntOrString;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  nodePort?: number;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    selector?: StringMap;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    internalTrafficPolicy?: 'Cluster' | 'Local';
  };
  status?: { loadBalancer?: Record<string, never> };
}

export interface PriorityClass {
  apiVersion: 'scheduling.k8s.io/v1';
  kind: 'PriorityClass';
  metadata: ObjectMeta;
  value: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

export interface ObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 Event, as `kubectl get events` and `kubectl describe` read it. */
export interface Event {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  reportingComponent?: string;
}

export type KubeObject =
  | Namespace
  | Node
  | Pod
  | DaemonSet
  | ControllerRevision
  | Event
  | ConfigMap
  | Secret
  | Service
  | PriorityClass;

export type Kind = KubeObject['kind'];

/** Maps a kind to its object type, e.g. `ObjectOf<'Pod'>` is `Pod`. */
export type ObjectOf<K extends Kind> = Extract<KubeObject, { kind: K }>;

// ---------------------------------------------------------------------------------------------
// Verdicts: why a DaemonSet does or does not run on a node

/**
 * One check of `nodeShouldRunDaemonPod` or of a scheduler filter, worded as the plugin that
 * would reject it words it (e.g. "node(s) had untolerated taint {dedicated: gpu}").
 */
export interface VerdictCheck {
  /** Which filter of the registry (scheduling/filters.ts), in its order. */
  check: FilterName;
  passed: boolean;
  /** One line for learners, in kubectl's/the scheduler's words when it fails. */
  message: string;
  /**
   * The data behind the decision: e.g. for `taints` one entry per node taint with the
   * toleration that matched (or none); for `nodeAffinity` one entry per term and expression;
   * for `resources` requested, already used and allocatable per resource.
   */
  items?: VerdictItem[];
}

export interface VerdictItem {
  /** e.g. "dedicated=gpu:NoSchedule", "disk In [ssd]", "cpu". */
  subject: string;
  passed: boolean;
  /** e.g. "tolerated by {key: dedicated, operator: Exists}", "Insufficient cpu". */
  detail: string;
}

export interface NodeVerdict {
  node: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  checks: VerdictCheck[];
}

export interface DaemonSetVerdicts {
  namespace: string;
  name: string;
  /** One entry per node, in node-name order. */
  nodes: NodeVerdict[];
}
