/**
 * The JSON Schema behind completion, hover and enum checks in the manifest editor, and the
 * descriptions `kubectl explain` prints in the console (one text for both): what
 * learners write in the playground (DaemonSet first, then Node, Namespace, ConfigMap, Service,
 * Pod). Descriptions are written for someone learning DaemonSets, not copied from the API
 * reference. Unknown fields are left to the simulated API server (strict decoding), whose
 * errors arrive as markers too, so the schema does not forbid extra properties.
 */

/**
 * The part of JSON Schema (draft 7, with monaco-yaml's `markdownDescription`,
 * `enumDescriptions` and `patternErrorMessage`) this file uses; monaco-yaml's own type accepts it.
 */
export interface JSONSchema {
  type?: string;
  title?: string;
  markdownDescription?: string;
  properties?: Record<string, JSONSchema>;
  additionalProperties?: JSONSchema;
  items?: JSONSchema;
  required?: string[];
  anyOf?: JSONSchema[];
  enum?: string[];
  enumDescriptions?: string[];
  const?: string;
  pattern?: string;
  patternErrorMessage?: string;
  minimum?: number;
  maximum?: number;
  examples?: string[];
}

type Props = Record<string, JSONSchema>;

function obj(markdownDescription: string, properties: Props, required?: string[]): JSONSchema {
  return { type: 'object', markdownDescription, properties, ...(required ? { required } : {}) };
}
function str(markdownDescription: string, extra: JSONSchema = {}): JSONSchema {
  return { type: 'string', markdownDescription, ...extra };
}
function int(markdownDescription: string, extra: JSONSchema = {}): JSONSchema {
  return { type: 'integer', markdownDescription, ...extra };
}
function bool(markdownDescription: string): JSONSchema {
  return { type: 'boolean', markdownDescription };
}
function arr(markdownDescription: string, items: JSONSchema): JSONSchema {
  return { type: 'array', markdownDescription, items };
}
function map(markdownDescription: string): JSONSchema {
  return { type: 'object', markdownDescription, additionalProperties: { type: 'string' } };
}
/** A Kubernetes quantity: a number, or a string such as `100m`, `0.5`, `128Mi`, `1Gi`. */
function quantity(markdownDescription: string): JSONSchema {
  return {
    markdownDescription,
    anyOf: [
      {
        type: 'object',
        title: 'List',
        markdownDescription: 'Several objects in one document, applied together.',
        properties: {
          apiVersion: { const: 'v1' },
          kind: { const: 'List' },
          items: {
            type: 'array',
            markdownDescription: 'The objects to apply.',
            items: { type: 'object' },
          },
        },
        required: ['kind', 'items'],
      },
      { type: 'number' },
      {
        type: 'string',
        pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9]+)?$',
        patternErrorMessage: 'Write a quantity such as 100m, 0.5, 128Mi or 1Gi.',
      },
    ],
  };
}
function intOrPercent(markdownDescription: string): JSONSchema {
  return {
    markdownDescription,
    anyOf: [
      { type: 'integer', minimum: 0 },
      {
        type: 'string',
        pattern: '^[0-9]+%$',
        patternErrorMessage: 'Write a whole number such as 1, or a percentage such as 25%.',
      },
    ],
  };
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const EFFECT_TEXT = [
  'New pods are not placed here unless they tolerate the taint. Pods already running stay.',
  'The scheduler tries to avoid this node, but may still use it.',
  'New pods are not placed here, and running pods that do not tolerate it are evicted.',
];

const taint = obj(
  'A **taint** repels pods from a node. Only pods with a matching toleration may run there. Nodes that host special hardware or the control plane are usually tainted.',
  {
    key: str('The taint key, for example `dedicated` or `node-role.kubernetes.io/control-plane`.'),
    value: str('Optional value, for example `gpu` in `dedicated=gpu:NoSchedule`.'),
    effect: str('What the taint does to pods that do not tolerate it.', {
      enum: EFFECTS,
      enumDescriptions: EFFECT_TEXT,
    }),
  },
  ['key', 'effect'],
);

const toleration = obj(
  'A **toleration** lets this pod run on nodes that have a matching taint. It does not *attract* the pod there: use `nodeSelector` or `affinity` for that.',
  {
    key: str(
      'The taint key this toleration matches. Leave it out, with `operator: Exists`, to tolerate every taint.',
    ),
    operator: str(
      '`Equal` (the default) matches key and value; `Exists` matches any value of the key.',
      {
        enum: ['Exists', 'Equal'],
        enumDescriptions: ['Matches the key whatever its value.', 'Matches key and value exactly.'],
      },
    ),
    value: str('The taint value to match when the operator is `Equal`.'),
    effect: str('Which effect to tolerate. Leave it out to tolerate all effects of the key.', {
      enum: EFFECTS,
      enumDescriptions: EFFECT_TEXT,
    }),
    tolerationSeconds: int(
      'Only for `NoExecute`: how long the pod may stay after the taint appears before it is evicted. Leave it out to stay forever.',
      { minimum: 0 },
    ),
  },
);

const nodeSelectorRequirement = obj(
  'One test against a node label (or, under `matchFields`, a node field).',
  {
    key: str('The label key, for example `disk` or `topology.kubernetes.io/zone`.'),
    operator: str('How the node label is compared with `values`.', {
      enum: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
      enumDescriptions: [
        'The label value is one of `values`.',
        'The label value is none of `values` (or the label is missing).',
        'The node has the label, any value (no `values`).',
        'The node does not have the label (no `values`).',
        'The label value, as a number, is greater than the single value.',
        'The label value, as a number, is less than the single value.',
      ],
    }),
    values: arr('The values to compare with.', { type: 'string' }),
  },
  ['key', 'operator'],
);

const nodeSelectorTerm = obj(
  'One term: **all** of its expressions must hold. Several terms are OR-ed.',
  {
    matchExpressions: arr('Tests against node labels.', nodeSelectorRequirement),
    matchFields: arr('Tests against node fields (only `metadata.name`).', nodeSelectorRequirement),
  },
);

const affinity = obj(
  'Rules that attract pods to some nodes. For DaemonSets, node affinity narrows which nodes get a pod.',
  {
    nodeAffinity: obj('Which nodes the pod may run on, by node labels.', {
      requiredDuringSchedulingIgnoredDuringExecution: obj(
        'A **hard** rule: nodes that match no term get no pod. Changing node labels later does not evict running pods.',
        {
          nodeSelectorTerms: arr(
            'A node matches if **any** term matches (terms are OR-ed).',
            nodeSelectorTerm,
          ),
        },
        ['nodeSelectorTerms'],
      ),
      preferredDuringSchedulingIgnoredDuringExecution: arr(
        'A **soft** preference. A DaemonSet still places one pod on every eligible node, so this has little effect here.',
        obj(
          'A weighted preference.',
          {
            weight: int('1 to 100: how much this preference counts.', { minimum: 1, maximum: 100 }),
            preference: nodeSelectorTerm,
          },
          ['weight', 'preference'],
        ),
      ),
    }),
    podAffinity: {
      type: 'object',
      markdownDescription: 'Kept as written; the simulator does not evaluate it.',
    },
    podAntiAffinity: {
      type: 'object',
      markdownDescription: 'Kept as written; the simulator does not evaluate it.',
    },
  },
);

const resources = obj(
  'CPU and memory for this container. **Requests** are what the scheduler reserves on the node: a node without enough free room gets no pod. **Limits** cap what the container may use.',
  {
    requests: {
      type: 'object',
      markdownDescription:
        'What the node must have free for this container, for example `cpu: 100m`, `memory: 128Mi`.',
      properties: {
        cpu: quantity('CPU reserved: `1` is one core, `100m` a tenth of a core.'),
        memory: quantity('Memory reserved, for example `128Mi` or `1Gi`.'),
      },
    },
    limits: {
      type: 'object',
      markdownDescription:
        'The most this container may use. A limit without a request also sets the request to the same amount.',
      properties: {
        cpu: quantity('The CPU cap, for example `200m`.'),
        memory: quantity('The memory cap, for example `256Mi`.'),
      },
    },
  },
);

const containerPort = obj(
  'A port the container listens on.',
  {
    name: str('An optional name for the port, for example `metrics`.'),
    containerPort: int('The port inside the container.', { minimum: 1, maximum: 65535 }),
    hostPort: int(
      "Opens the same port on the **node's** address. Two pods with the same hostPort cannot run on one node, so the scheduler skips nodes where it is taken.",
      { minimum: 1, maximum: 65535 },
    ),
    hostIP: str('Which node address the hostPort binds to.'),
    protocol: str('The protocol, TCP by default.', { enum: ['TCP', 'UDP', 'SCTP'] }),
  },
  ['containerPort'],
);

const volumeMount = obj(
  'Where a volume appears inside the container.',
  {
    name: str('The name of a volume in `spec.volumes`.'),
    mountPath: str('The path inside the container, for example `/var/log`.'),
    readOnly: bool('Mount read-only. Agents that only read node files should use this.'),
    subPath: str('Mount only this path inside the volume.'),
  },
  ['name', 'mountPath'],
);

const probe = obj('A health check the kubelet runs against the container.', {
  exec: obj('Run a command; exit 0 means healthy.', {
    command: arr('The command.', { type: 'string' }),
  }),
  httpGet: obj('Send an HTTP GET; a 2xx or 3xx answer means healthy.', {
    path: str('The URL path, for example `/metrics`.'),
    port: {
      markdownDescription: 'Port number or name.',
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    },
    scheme: str('HTTP or HTTPS.', { enum: ['HTTP', 'HTTPS'] }),
  }),
  tcpSocket: obj('Open a TCP connection.', {
    port: {
      markdownDescription: 'Port number or name.',
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    },
  }),
  initialDelaySeconds: int('Seconds to wait after start before the first check.', { minimum: 0 }),
  periodSeconds: int('Seconds between checks.', { minimum: 1 }),
  timeoutSeconds: int('Seconds before a check counts as failed.', { minimum: 1 }),
  successThreshold: int('Successes in a row needed to count as healthy.', { minimum: 1 }),
  failureThreshold: int('Failures in a row needed to count as unhealthy.', { minimum: 1 }),
});

const container = obj(
  'A container in the pod: the program the DaemonSet runs on every node.',
  {
    name: str('A name for the container, unique in the pod. `kubectl set image` uses it.'),
    image: str(
      'The image to run, `repository:tag`, for example `prom/node-exporter:v1.3.1`. A tag the registry does not have fails to pull (ImagePullBackOff).',
    ),
    imagePullPolicy: str('When the kubelet pulls the image.', {
      enum: ['Always', 'IfNotPresent', 'Never'],
      enumDescriptions: [
        'Pull every time the container starts (the default for `latest`).',
        'Pull only if the node does not have the image (the default for other tags).',
        'Never pull; the image must already be on the node.',
      ],
    }),
    command: arr('Replaces the image entrypoint, for example `["sh", "-c", "..."]`.', {
      type: 'string',
    }),
    args: arr('Arguments passed to the entrypoint or command.', { type: 'string' }),
    workingDir: str('The working directory inside the container.'),
    ports: arr('Ports the container listens on.', containerPort),
    env: arr(
      'Environment variables.',
      obj(
        'One environment variable.',
        {
          name: str('The variable name.'),
          value: str('The value.'),
          valueFrom: {
            type: 'object',
            markdownDescription: 'Read the value from a field, ConfigMap or Secret.',
          },
        },
        ['name'],
      ),
    ),
    resources,
    volumeMounts: arr('Volumes mounted into this container.', volumeMount),
    livenessProbe: {
      ...probe,
      markdownDescription: 'Restart the container when this check fails.',
    },
    readinessProbe: {
      ...probe,
      markdownDescription:
        'The pod counts as **Ready** only while this check passes; rolling updates wait for it.',
    },
    startupProbe: {
      ...probe,
      markdownDescription: 'Holds off the other probes until the program has started.',
    },
    securityContext: obj('Privileges for this container. Node agents sometimes need extra ones.', {
      privileged: bool('Full access to the node. Avoid unless the agent truly needs it.'),
      runAsUser: int('The user id to run as.'),
      runAsGroup: int('The group id to run as.'),
      runAsNonRoot: bool('Refuse to start as root.'),
      readOnlyRootFilesystem: bool("Make the container's own filesystem read-only."),
      allowPrivilegeEscalation: bool('Whether a process may gain more privileges than its parent.'),
      capabilities: obj('Linux capabilities to add or drop.', {
        add: arr('Capabilities to add, for example `NET_ADMIN`.', { type: 'string' }),
        drop: arr('Capabilities to drop, for example `ALL`.', { type: 'string' }),
      }),
    }),
  },
  ['name'],
);

const volume = obj(
  'A volume the containers can mount by name.',
  {
    name: str('The name containers use in `volumeMounts`.'),
    hostPath: obj(
      "A directory or file **on the node**, such as `/var/log`. This is how node agents read the node's files.",
      {
        path: str('The path on the node.'),
        type: str('What must exist at the path.', {
          enum: [
            '',
            'DirectoryOrCreate',
            'Directory',
            'FileOrCreate',
            'File',
            'Socket',
            'CharDevice',
            'BlockDevice',
          ],
        }),
      },
      ['path'],
    ),
    configMap: obj(
      'Files from a ConfigMap. The pod waits in ContainerCreating until the ConfigMap exists.',
      {
        name: str('The ConfigMap in the same namespace.'),
        optional: bool('Start even if the ConfigMap is missing.'),
        defaultMode: int('File permissions, for example 420 (0644).'),
      },
      ['name'],
    ),
    secret: obj(
      'Files from a Secret. The pod waits in ContainerCreating until the Secret exists.',
      {
        secretName: str('The Secret in the same namespace.'),
        optional: bool('Start even if the Secret is missing.'),
        defaultMode: int('File permissions.'),
      },
      ['secretName'],
    ),
    emptyDir: obj('A scratch directory that lives as long as the pod.', {
      medium: str('`Memory` for a RAM-backed directory.', { enum: ['', 'Memory'] }),
      sizeLimit: quantity('The most it may hold, for example `1Gi`.'),
    }),
  },
  ['name'],
);

const labelSelector = obj('Which pods belong to this object, by their labels.', {
  matchLabels: map('Labels a pod must all have, for example `app: log-collector`.'),
  matchExpressions: arr(
    'More tests on pod labels; all must hold.',
    obj(
      'One test on a pod label.',
      {
        key: str('The label key.'),
        operator: str('How the label is compared.', {
          enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
        }),
        values: arr('The values to compare with.', { type: 'string' }),
      },
      ['key', 'operator'],
    ),
  ),
});

const podSpec = obj(
  'What each pod runs and **where it may run**.',
  {
    containers: arr('The containers of the pod (at least one).', container),
    initContainers: arr(
      'Containers that run to completion, one after another, before the main containers start.',
      container,
    ),
    volumes: arr('Volumes the containers can mount.', volume),
    nodeSelector: map(
      'Run only on nodes that have **all** of these labels, for example `disk: ssd`. A DaemonSet skips every other node.',
    ),
    affinity,
    tolerations: arr(
      'Taints this pod tolerates. A DaemonSet that must run on tainted nodes (control plane, GPU nodes) needs a matching toleration.',
      toleration,
    ),
    nodeName: str(
      'Puts the pod on this node directly, skipping the scheduler. DaemonSets set this for you; do not write it in a template.',
    ),
    hostNetwork: bool(
      "Use the **node's** network instead of a pod network. Node agents such as node-exporter do this so they are reachable on the node address. Every container port then takes the same port on the node.",
    ),
    hostPID: bool("See the node's processes."),
    hostIPC: bool("Share the node's IPC namespace."),
    dnsPolicy: str('How the pod resolves names. With hostNetwork, use `ClusterFirstWithHostNet`.', {
      enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    }),
    restartPolicy: str('DaemonSet pods must use `Always`.', {
      enum: ['Always', 'OnFailure', 'Never'],
    }),
    priorityClassName: str(
      'The name of a PriorityClass. Node agents often use `system-node-critical` so they are the last to be evicted when a node runs short.',
      {
        examples: ['system-node-critical', 'system-cluster-critical'],
      },
    ),
    terminationGracePeriodSeconds: int('Seconds a deleted pod gets to shut down (default 30).', {
      minimum: 0,
    }),
    serviceAccountName: str('The service account the pod runs as.'),
    securityContext: obj('Pod-wide security settings.', {
      runAsUser: int('The user id to run as.'),
      runAsGroup: int('The group id.'),
      runAsNonRoot: bool('Refuse to start as root.'),
      fsGroup: int('The group that owns mounted volumes.'),
    }),
  },
  ['containers'],
);

const metadata = obj('The name, namespace and labels of the object.', {
  name: str('The object name: lower case letters, digits and `-`.', {
    pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
    patternErrorMessage:
      'Names use lower case letters, digits, "-" and ".", and start and end with a letter or digit.',
  }),
  namespace: str(
    'The namespace, for example `kube-system` or `monitoring`. It must exist (`kubectl get namespaces`).',
  ),
  labels: map('Key/value labels. Selectors find objects by them.'),
  annotations: map('Free-form notes attached to the object.'),
});

const daemonSetSpec = obj(
  'How the DaemonSet runs one pod per eligible node, and how it updates them.',
  {
    selector: {
      ...labelSelector,
      markdownDescription:
        'Which pods this DaemonSet owns. It must match `template.metadata.labels`, and it cannot be changed after creation.',
    },
    template: obj(
      'The pod every eligible node gets. Changing it starts a rolling update (unless `updateStrategy` is `OnDelete`).',
      {
        metadata: obj('Labels for the pods; they must match `spec.selector`.', {
          labels: map('Pod labels. Must include everything in `spec.selector.matchLabels`.'),
          annotations: map('Pod annotations.'),
        }),
        spec: podSpec,
      },
      ['spec'],
    ),
    updateStrategy: obj('How pods are replaced when the template changes.', {
      type: str(
        '`RollingUpdate` (the default) replaces pods node by node; `OnDelete` waits until you delete each old pod.',
        {
          enum: ['RollingUpdate', 'OnDelete'],
          enumDescriptions: [
            'Replace old pods automatically, a few nodes at a time.',
            'Only replace a pod when you delete it yourself.',
          ],
        },
      ),
      rollingUpdate: obj('Pacing of a rolling update.', {
        maxUnavailable: intOrPercent(
          'How many nodes may be without a ready pod during the update (default 1). Higher is faster but riskier.',
        ),
        maxSurge: intOrPercent(
          'How many nodes may briefly run an old **and** a new pod (default 0). Must be 0 when maxUnavailable is not.',
        ),
      }),
    }),
    minReadySeconds: int(
      'Seconds a new pod must stay Ready before it counts as **available**. A rolling update moves on only after that.',
      { minimum: 0 },
    ),
    revisionHistoryLimit: int(
      'How many old revisions to keep for `kubectl rollout undo` (default 10).',
      { minimum: 0 },
    ),
  },
  ['selector', 'template'],
);

function kindSchema(
  kind: string,
  apiVersion: string,
  markdownDescription: string,
  extra: Props,
  required: string[] = [],
): JSONSchema {
  return {
    type: 'object',
    title: kind,
    markdownDescription,
    properties: {
      apiVersion: {
        const: apiVersion,
        markdownDescription: `${kind} objects use \`${apiVersion}\`.`,
      },
      kind: { const: kind, markdownDescription },
      metadata,
      ...extra,
    },
    required: ['apiVersion', 'kind', 'metadata', ...required],
  };
}

/** The schema for every file in the manifest editor (one or more `---`-separated documents). */
export const MANIFEST_SCHEMA: JSONSchema = {
  title: 'Kubernetes manifest',
  type: 'object',
  markdownDescription: 'A Kubernetes object the playground can apply.',
  properties: {
    apiVersion: str(
      'The API group and version of the kind, for example `apps/v1` for a DaemonSet.',
      {
        enum: ['apps/v1', 'v1'],
      },
    ),
    kind: str('What sort of object this is.', {
      enum: ['DaemonSet', 'Node', 'Namespace', 'ConfigMap', 'Secret', 'Service', 'Pod', 'List'],
      enumDescriptions: [
        'Runs one copy of a pod on every eligible node.',
        'A machine in the cluster.',
        'A folder for namespaced objects.',
        'Configuration files or values pods can mount.',
        'Like a ConfigMap, for sensitive values.',
        'A stable address for a set of pods.',
        'A single pod, placed on a node with `spec.nodeName`.',
        'Several objects in `items`.',
      ],
    }),
    metadata,
  },
  required: ['apiVersion', 'kind'],
  // One alternative per kind, told apart by `kind`: the language server keeps only the best
  // match, so completion and hover inside a DaemonSet offer DaemonSet fields only.
  anyOf: [
    kindSchema(
      'DaemonSet',
      'apps/v1',
      'A **DaemonSet** runs one pod on every node that passes its rules: taints and tolerations, nodeSelector, node affinity, free resources and host ports.',
      { spec: daemonSetSpec },
      ['spec'],
    ),
    kindSchema('Node', 'v1', 'A **Node** is a machine the cluster can run pods on.', {
      spec: obj('Scheduling settings of the node.', {
        taints: arr('Taints keep pods away unless they tolerate them.', taint),
        unschedulable: bool(
          'Set by `kubectl cordon`: no new pods are placed here. DaemonSet pods tolerate this.',
        ),
      }),
      status: obj('What the node reports about itself.', {
        capacity: {
          type: 'object',
          markdownDescription: 'Total resources of the machine.',
          properties: {
            cpu: quantity('CPU cores.'),
            memory: quantity('Memory.'),
            pods: quantity('Most pods the node may run.'),
          },
        },
        allocatable: {
          type: 'object',
          markdownDescription:
            'Resources pods may use (default cpu 4, memory 16Gi, pods 110). Requests are checked against this.',
          properties: {
            cpu: quantity('CPU cores.'),
            memory: quantity('Memory.'),
            pods: quantity('Most pods the node may run.'),
          },
        },
        conditions: arr(
          'Health the kubelet reports. A node without a Ready condition counts as Ready.',
          obj(
            'One condition.',
            {
              type: str('The condition.', {
                enum: [
                  'Ready',
                  'MemoryPressure',
                  'DiskPressure',
                  'PIDPressure',
                  'NetworkUnavailable',
                ],
              }),
              status: str('True, False or Unknown.', { enum: ['True', 'False', 'Unknown'] }),
            },
            ['type', 'status'],
          ),
        ),
      }),
    }),
    kindSchema(
      'Namespace',
      'v1',
      'A **Namespace** groups namespaced objects such as DaemonSets and ConfigMaps.',
      {},
    ),
    kindSchema('ConfigMap', 'v1', 'A **ConfigMap** holds configuration that pods mount as files.', {
      data: map('File names (or keys) and their contents.'),
      immutable: bool('Forbid changes after creation.'),
    }),
    kindSchema('Secret', 'v1', 'A **Secret** holds sensitive values pods mount as files.', {
      type: str('The kind of secret, usually `Opaque`.'),
      data: map('Base64-encoded values.'),
      stringData: map('Plain-text values; stored encoded.'),
    }),
    kindSchema('Service', 'v1', 'A **Service** gives a set of pods one stable name and address.', {
      spec: obj('Which pods the Service reaches and on which ports.', {
        type: str('How the Service is exposed.', {
          enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
        }),
        selector: map('Labels of the pods behind the Service.'),
        internalTrafficPolicy: str(
          '`Local` keeps traffic on the node it came from, which suits node agents.',
          {
            enum: ['Cluster', 'Local'],
          },
        ),
        ports: arr(
          'Ports the Service listens on.',
          obj(
            'One port.',
            {
              name: str('A name for the port.'),
              port: int('The port the Service listens on.', { minimum: 1, maximum: 65535 }),
              targetPort: {
                markdownDescription: 'The container port (number or name).',
                anyOf: [{ type: 'integer' }, { type: 'string' }],
              },
              protocol: str('TCP by default.', { enum: ['TCP', 'UDP', 'SCTP'] }),
            },
            ['port'],
          ),
        ),
      }),
    }),
    kindSchema(
      'Pod',
      'v1',
      'A single **Pod**. In the playground, plain pods with `spec.nodeName` are a way to take up room on a node.',
      { spec: podSpec },
      ['spec'],
    ),
  ],
};
