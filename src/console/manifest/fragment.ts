/**
 * Learners paste fragments from articles (a bare `nodeSelector:` or `tolerations:` block) into
 * a file of their own and apply it. kubectl refuses such a document for its missing apiVersion
 * and kind, which says nothing about what to do; this names where the fragment belongs. It is
 * the playground's own hint, printed after kubectl's error.
 */

/** Where each key of a DaemonSet's parts belongs, said with its path in a DaemonSet manifest. */
const HOMES: readonly (readonly [string, readonly string[]])[] = [
  [
    "the DaemonSet's spec.template.spec",
    [
      'containers',
      'initContainers',
      'volumes',
      'nodeSelector',
      'tolerations',
      'affinity',
      'hostNetwork',
      'hostPID',
      'hostIPC',
      'dnsPolicy',
      'serviceAccountName',
      'priorityClassName',
      'terminationGracePeriodSeconds',
      'securityContext',
      'nodeName',
      'restartPolicy',
      'imagePullSecrets',
    ],
  ],
  [
    "the DaemonSet's spec",
    ['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'],
  ],
  [
    "a container in the DaemonSet's spec.template.spec.containers",
    [
      'image',
      'imagePullPolicy',
      'command',
      'args',
      'env',
      'envFrom',
      'ports',
      'resources',
      'volumeMounts',
      'livenessProbe',
      'readinessProbe',
      'startupProbe',
    ],
  ],
  ["the DaemonSet's spec.updateStrategy", ['rollingUpdate']],
  ["the DaemonSet's metadata (or spec.template.metadata, for its pods)", ['labels', 'annotations']],
];

/** Top-level keys of a whole manifest: a document with any of them is no fragment. */
const MANIFEST_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'data', 'items']);

/**
 * From a document's value, a hint naming where its first key belongs in a DaemonSet manifest
 * when the document is a fragment of one; undefined for anything else (a whole manifest, a
 * scalar, keys no DaemonSet has).
 */
export function fragmentHint(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.some((k) => MANIFEST_KEYS.has(k))) return undefined;
  for (const key of keys) {
    const home = HOMES.find(([, members]) => members.includes(key));
    if (home) return `hint: This looks like part of a manifest: merge ${key}: into ${home[0]}`;
  }
  return undefined;
}
