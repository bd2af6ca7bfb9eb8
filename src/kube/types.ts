/**
 * The shapes src/kube reads, declared here rather than imported so that the layer depends on
 * nothing app-specific. Each lists only the fields some function in src/kube looks at, all
 * read-only and optional where the API allows them to be absent, so the engine's objects and
 * the page's snapshot copies (src/engine/types.ts, re-exported by src/protocol) fit them as
 * they are, checked by the compiler at every call.
 */

/** `resource.Quantity` as written by a user: `"500m"`, `"1Gi"`, `2`. */
export type Quantity = string | number;

/** A node taint; `effect` is optional because `kubectl taint` words half-written ones too. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect?: string;
}

/** A pod toleration. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** A container of a pod spec; `restartPolicy: Always` on an init container makes it a sidecar. */
export interface Container {
  readonly name: string;
  readonly restartPolicy?: string;
}

/** One of a container's states, as the kubelet reports it. */
export interface ContainerState {
  readonly waiting?: { readonly reason?: string };
  readonly running?: { readonly startedAt?: string };
  readonly terminated?: {
    readonly exitCode: number;
    readonly reason?: string;
    readonly signal?: number;
    readonly finishedAt?: string;
  };
}

/** A container's status in `status.containerStatuses` or `status.initContainerStatuses`. */
export interface ContainerStatus {
  readonly name: string;
  readonly state?: ContainerState;
  readonly lastState?: ContainerState;
  readonly ready: boolean;
  readonly restartCount?: number;
  readonly started?: boolean;
}

/** A pod or node condition. */
export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
}

/** A `nodeSelectorTerms` requirement (matchExpressions or matchFields). */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** A pod, as far as kubectl's columns and the DaemonSet controller's pinning read it. */
export interface Pod {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly creationTimestamp?: string;
    readonly deletionTimestamp?: string;
  };
  readonly spec: {
    readonly containers: readonly Container[];
    readonly initContainers?: readonly Container[];
    readonly nodeName?: string;
    readonly readinessGates?: readonly { readonly conditionType: string }[];
    readonly affinity?: {
      readonly nodeAffinity?: {
        readonly requiredDuringSchedulingIgnoredDuringExecution?: {
          readonly nodeSelectorTerms: readonly {
            readonly matchFields?: readonly NodeSelectorRequirement[];
          }[];
        };
      };
    };
  };
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly conditions?: readonly Condition[];
    readonly initContainerStatuses?: readonly ContainerStatus[];
    readonly containerStatuses?: readonly ContainerStatus[];
    readonly podIP?: string;
    readonly nominatedNodeName?: string;
  };
}

/** A node, as far as kubectl's columns read it. */
export interface Node {
  readonly metadata: {
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly creationTimestamp?: string;
  };
  readonly spec?: {
    readonly unschedulable?: boolean;
  };
  readonly status?: {
    readonly conditions?: readonly Condition[];
    readonly addresses?: readonly { readonly type: string; readonly address: string }[];
    readonly nodeInfo?: {
      readonly kubeletVersion?: string;
      readonly osImage?: string;
      readonly kernelVersion?: string;
      readonly containerRuntimeVersion?: string;
    };
  };
}
