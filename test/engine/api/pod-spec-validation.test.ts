import { describe, expect, it } from 'vitest';
import { containerOf, createCauses, daemonSetManifest, podSpecOf } from './fixtures.ts';

const P = 'spec.template.spec';
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

type Json = Record<string, unknown>;
const withPodSpec = (edit: (spec: Json, container: Json) => void) =>
  daemonSetManifest((ds) => edit(podSpecOf(ds), containerOf(ds)));

describe('pod template rules (semantics 2.3)', () => {
  const rows: [string, (spec: Json, container: Json) => void, string[]][] = [
    [
      'requires at least one container',
      (spec) => (spec.containers = []),
      [`${P}.containers: Required value`],
    ],
    [
      'requires a container name',
      (_, c) => delete c.name,
      [`${P}.containers[0].name: Required value`],
    ],
    [
      'requires container names to be DNS-1123 labels',
      (_, c) => (c.name = 'Exporter_1'),
      [`${P}.containers[0].name: Invalid value: "Exporter_1": ${LABEL}`],
    ],
    [
      'says a dotted container name must not contain dots',
      (_, c) => (c.name = 'a.b'),
      [`${P}.containers[0].name: Invalid value: "a.b": must not contain dots`],
    ],
    [
      'refuses duplicate container names',
      (spec, c) => (spec.containers = [c, { name: 'exporter', image: 'busybox' }]),
      [`${P}.containers[1].name: Duplicate value: "exporter"`],
    ],
    [
      'refuses an init container named like a container',
      (spec) => (spec.initContainers = [{ name: 'exporter', image: 'busybox' }]),
      [`${P}.initContainers[0].name: Duplicate value: "exporter"`],
    ],
    ['requires an image', (_, c) => delete c.image, [`${P}.containers[0].image: Required value`]],
    [
      'refuses a privileged container that may not escalate its privileges',
      (_, c) => (c.securityContext = { privileged: true, allowPrivilegeEscalation: false }),
      [
        `${P}.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0xc000010000), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc000010000), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`,
      ],
    ],
    [
      'refuses CAP_SYS_ADMIN for a container that may not escalate its privileges',
      (_, c) =>
        (c.securityContext = {
          allowPrivilegeEscalation: false,
          capabilities: { add: ['CAP_SYS_ADMIN'] },
        }),
      [
        `${P}.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(0xc000010000), Privileged:(*bool)(nil), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc000010000), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set \`allowPrivilegeEscalation\` to false and \`capabilities.Add\` CAP_SYS_ADMIN`,
      ],
    ],
    [
      'accepts a privileged container that may escalate its privileges',
      (_, c) => (c.securityContext = { privileged: true }),
      [],
    ],
    [
      'requires containerPort',
      (_, c) => (c.ports = [{ name: 'metrics' }]),
      [`${P}.containers[0].ports[0].containerPort: Required value`],
    ],
    [
      'treats containerPort 0 as missing',
      (_, c) => (c.ports = [{ containerPort: 0 }]),
      [`${P}.containers[0].ports[0].containerPort: Required value`],
    ],
    [
      'refuses containerPort above 65535',
      (_, c) => (c.ports = [{ containerPort: 70000 }]),
      [
        `${P}.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`,
      ],
    ],
    [
      'refuses a negative hostPort',
      (_, c) => (c.ports = [{ containerPort: 80, hostPort: -1 }]),
      [
        `${P}.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive`,
      ],
    ],
    [
      'refuses two containers claiming the same hostPort and protocol',
      (spec, c) => {
        c.ports = [{ containerPort: 9100, hostPort: 9100 }];
        spec.containers = [
          c,
          { name: 'sidecar', image: 'busybox', ports: [{ containerPort: 9101, hostPort: 9100 }] },
        ];
      },
      [`${P}.containers[1].ports[0].hostPort: Duplicate value: "TCP//9100"`],
    ],
    [
      'allows the same hostPort on different protocols',
      (spec, c) => {
        c.ports = [{ containerPort: 53, hostPort: 53 }];
        spec.containers = [
          c,
          {
            name: 'udp',
            image: 'busybox',
            ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }],
          },
        ];
      },
      [],
    ],
    [
      'refuses an unknown port protocol',
      (_, c) => (c.ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      [
        `${P}.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`,
      ],
    ],
    [
      'refuses an invalid port name',
      (_, c) => (c.ports = [{ containerPort: 80, name: 'metrics-port-long' }]),
      [
        `${P}.containers[0].ports[0].name: Invalid value: "metrics-port-long": must be no more than 15 characters`,
      ],
    ],
    [
      'refuses a request above its limit, quoting canonical quantities',
      (_, c) => (c.resources = { requests: { cpu: '2' }, limits: { cpu: 1 } }),
      [
        `${P}.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`,
      ],
    ],
    [
      'compares memory across units',
      (_, c) => (c.resources = { requests: { memory: '1Gi' }, limits: { memory: '1000Mi' } }),
      [
        `${P}.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 1000Mi`,
      ],
    ],
    [
      'accepts a request equal to its limit written differently',
      (_, c) => (c.resources = { requests: { cpu: '0.5' }, limits: { cpu: '500m' } }),
      [],
    ],
    [
      'refuses a negative quantity',
      (_, c) => (c.resources = { requests: { cpu: '-1' } }),
      [
        `${P}.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0`,
      ],
    ],
    [
      'refuses a resource name that is not a container resource',
      (_, c) => (c.resources = { limits: { cpus: '1' } }),
      [
        `${P}.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers`,
      ],
    ],
    [
      'requires extended resources to be limited and equal',
      (_, c) => (c.resources = { requests: { 'example.com/gpu': 1 } }),
      [
        `${P}.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources`,
      ],
    ],
    [
      'refuses an unknown imagePullPolicy',
      (_, c) => (c.imagePullPolicy = 'Sometimes'),
      [
        `${P}.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`,
      ],
    ],
    [
      'refuses an unknown dnsPolicy',
      (spec) => (spec.dnsPolicy = 'ClusterFirstWithHostNetwork'),
      [
        `${P}.dnsPolicy: Unsupported value: "ClusterFirstWithHostNetwork": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"`,
      ],
    ],
    [
      'refuses a volume mount without a volume',
      (_, c) => (c.volumeMounts = [{ name: 'proc', mountPath: '/host/proc' }]),
      [`${P}.containers[0].volumeMounts[0].name: Not found: "proc"`],
    ],
    [
      'accepts a hostPath volume mount',
      (spec, c) => {
        spec.volumes = [{ name: 'proc', hostPath: { path: '/proc' } }];
        c.volumeMounts = [{ name: 'proc', mountPath: '/host/proc', readOnly: true }];
      },
      [],
    ],
    [
      'refuses a hostPort that differs from containerPort with hostNetwork',
      (spec, c) => {
        spec.hostNetwork = true;
        c.ports = [{ containerPort: 9100, hostPort: 9200 }];
      },
      [
        `${P}.containers[0].ports[0].hostPort: Invalid value: 9200: must match \`containerPort\` when \`hostNetwork\` is true`,
      ],
    ],
    [
      'checks nodeSelector labels',
      (spec) => (spec.nodeSelector = { 'disk type': 'ssd' }),
      [`${P}.nodeSelector: Invalid value: "disk type": ${NAME_PART}`],
    ],
  ];

  it.each(rows)('%s', (_, edit, expected) => {
    expect(createCauses(withPodSpec(edit))).toEqual(expected);
  });
});

describe('tolerations (semantics 2.4)', () => {
  const T = `${P}.tolerations`;
  const rows: [string, Json, string[]][] = [
    ['accepts an Exists toleration for every taint', { operator: 'Exists' }, []],
    [
      'accepts a toleration with an empty effect',
      { key: 'dedicated', operator: 'Equal', value: 'gpu' },
      [],
    ],
    [
      'accepts tolerationSeconds with NoExecute',
      { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      [],
    ],
    [
      'checks the key as a qualified name',
      { key: 'bad key', operator: 'Exists' },
      [`${T}[0].key: Invalid value: "bad key": ${NAME_PART}`],
    ],
    [
      'requires Exists when the key is empty',
      { operator: 'Equal', value: 'x' },
      [
        `${T}[0].operator: Invalid value: "Equal": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
      ],
    ],
    [
      'requires NoExecute when tolerationSeconds is set',
      { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 },
      [
        `${T}[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
      ],
    ],
    [
      'checks an Equal value as a label value',
      { key: 'k', value: 'a b' },
      [`${T}[0].operator: Invalid value: "a b": ${LABEL_VALUE}`],
    ],
    [
      'refuses a value with Exists',
      { key: 'k', operator: 'Exists', value: 'v' },
      [
        `${T}[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when \`operator\` is 'Exists'`,
      ],
    ],
    [
      'refuses other operators',
      { key: 'k', operator: 'In' },
      [`${T}[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"`],
    ],
    [
      'refuses a misspelt effect',
      { key: 'k', operator: 'Exists', effect: 'NoSchedul' },
      [
        `${T}[0].effect: Unsupported value: "NoSchedul": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
      ],
    ],
  ];

  it.each(rows)('%s', (_, toleration, expected) => {
    expect(createCauses(withPodSpec((spec) => (spec.tolerations = [toleration])))).toEqual(
      expected,
    );
  });
});

describe('required node affinity (semantics 2.4)', () => {
  const A = `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  const withTerms = (terms: unknown) =>
    withPodSpec(
      (spec) =>
        (spec.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
          },
        }),
    );
  const rows: [string, unknown, string[]][] = [
    [
      'requires at least one term',
      [],
      [`${A}: Required value: must have at least one node selector term`],
    ],
    ['accepts an empty term, which matches no node', [{ matchExpressions: [] }], []],
    [
      'requires values for In',
      [{ matchExpressions: [{ key: 'disk', operator: 'In' }] }],
      [
        `${A}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      ],
    ],
    [
      'forbids values for Exists',
      [{ matchExpressions: [{ key: 'disk', operator: 'Exists', values: ['ssd'] }] }],
      [
        `${A}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      ],
    ],
    [
      'requires exactly one value for Gt',
      [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2', '4'] }] }],
      [
        `${A}[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
      ],
    ],
    [
      'refuses an unknown operator',
      [{ matchExpressions: [{ key: 'disk', operator: 'Equals', values: ['ssd'] }] }],
      [
        `${A}[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator`,
      ],
    ],
    [
      'accepts matchFields on metadata.name',
      [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }],
      [],
    ],
    [
      'refuses matchFields on other fields',
      [{ matchFields: [{ key: 'spec.nodeName', operator: 'In', values: ['node-1'] }] }],
      [
        `${A}[0].matchFields[0].key: Invalid value: "spec.nodeName": not a valid field selector key`,
      ],
    ],
    [
      'requires exactly one matchFields value',
      [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }],
      [
        `${A}[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`,
      ],
    ],
  ];

  it.each(rows)('%s', (_, terms, expected) => {
    expect(createCauses(withTerms(terms))).toEqual(expected);
  });

  it('checks preferred term weights', () => {
    const raw = withPodSpec(
      (spec) =>
        (spec.affinity = {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 0, preference: { matchExpressions: [] } },
            ],
          },
        }),
    );
    expect(createCauses(raw)).toEqual([
      `${P}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100`,
    ]);
  });
});

describe('template metadata', () => {
  it('reports bad template labels at spec.template.labels, as the embedded ObjectMeta path reads', () => {
    const raw = daemonSetManifest((ds) => {
      (ds.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels = {
        app: 'node-exporter',
        tier: 'a b',
      };
    });
    expect(createCauses(raw)).toEqual([
      `spec.template.labels: Invalid value: "a b": ${LABEL_VALUE}`,
    ]);
  });
});

describe('environment variables', () => {
  it.each([
    [
      'KEY=1',
      [
        `${P}.containers[0].env[0].name: Invalid value: "KEY=1": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      ],
    ],
    ['1_STARTS_WITH_DIGIT', []],
    ['', [`${P}.containers[0].env[0].name: Required value`]],
  ])('checks the name %j with the relaxed v1.32 rule', (name, expected) => {
    expect(createCauses(withPodSpec((_, c) => (c.env = [{ name, value: 'x' }])))).toEqual(expected);
  });
});
