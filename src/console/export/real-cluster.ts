/**
 * "Run it for real": from a session's command log, the files that replay it on a real cluster
 * made with kind. `kind-config.yaml` has one kind node per simulated Node (labels set through
 * kind's `labels:`), `replay.sh` applies what a kubelet may not set on itself (role labels,
 * taints, cordons), writes the manifests as they were when each command ran and runs the
 * learner's kubectl commands, and `README.md` lists what a real cluster does differently.
 *
 * It lives in the console because it reads manifests and command lines exactly as the console
 * does (`readManifest`, `splitShellLine`). It takes the log by shape, as the console may not
 * import src/protocol. Everything from the log is untrusted (a share link may carry it): every
 * word that reaches the script is quoted, file names are made safe before they become paths,
 * and comments carry no line breaks.
 */
import { dump } from 'js-yaml';
import { readManifest } from '../manifest/read.ts';
import { splitShellLine } from '../shell.ts';

/** A command log, by shape (src/protocol's CommandLog). */
export interface ExportLog {
  files: Record<string, string>;
  entries: readonly { atMs: number; line: string; files?: Record<string, string> }[];
}

/** One file of the export. */
export interface ExportedFile {
  path: string;
  text: string;
}

/** The kind cluster's name, which kind puts in front of its node names. */
export const KIND_CLUSTER_NAME = 'daemonset-playground';

/** The label that tells which simulated node a kind node plays. */
export const SIMULATED_NODE_LABEL = 'daemonset-playground/node';

/** A simulated Node as the export needs it. */
interface SimNode {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  unschedulable: boolean;
}

/** The verbs whose `-f` files are sent to the API server, so their Node objects exist. */
const CREATING_VERBS = new Set(['apply', 'create', 'replace']);

/** Node names kubectl commands may name after these verbs alone (`kubectl cordon NODE`). */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
const NODE_RESOURCES = new Set(['node', 'nodes', 'no']);

// Label namespaces a kubelet may set on its own Node, from k8s.io/api core/v1
// well_known_labels.go and the kubelet's flag check: anything else under kubernetes.io or
// k8s.io would stop the kind node's kubelet, so replay.sh sets such labels with kubectl.
const KUBELET_ALLOWED_LABELS = new Set([
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

/** Whether a kubelet may set this label on itself (`--node-labels`, which kind's `labels:` use). */
export function isKubeletLabel(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return true;
  const namespace = key.slice(0, slash);
  const inKube = (suffix: string) => namespace === suffix || namespace.endsWith(`.${suffix}`);
  if (!inKube('kubernetes.io') && !inKube('k8s.io')) return true;
  return (
    KUBELET_ALLOWED_LABELS.has(key) ||
    inKube('kubelet.kubernetes.io') ||
    inKube('node.kubernetes.io')
  );
}

/** A word as bash reads it back unchanged: bare when plainly safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=,@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A text fit for one comment line: no line breaks or other control characters. */
const commentText = (text: string): string =>
  [...text].map((c) => (/\p{Cc}|\u2028|\u2029/u.test(c) ? ' ' : c)).join('');

const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `-f` file names of a command's words. */
function fileArguments(words: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if ((word === '-f' || word === '--filename') && i + 1 < words.length) names.push(words[++i]);
    else if (word.startsWith('--filename=')) names.push(word.slice('--filename='.length));
    else if (word.startsWith('-f=')) names.push(word.slice(3));
    else if (/^-f[^-=]/.test(word)) names.push(word.slice(2));
  }
  return names;
}

/** From a Node object's value, what the export keeps of it. */
function toSimNode(value: Record<string, unknown>): SimNode | undefined {
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const spec = isRecord(value.spec) ? value.spec : {};
  if (typeof metadata.name !== 'string' || metadata.name === '') return undefined;
  const labels: Record<string, string> = {};
  if (isRecord(metadata.labels))
    for (const [key, v] of Object.entries(metadata.labels))
      if (typeof v === 'string') labels[key] = v;
  const taints: SimNode['taints'] = [];
  if (Array.isArray(spec.taints))
    for (const t of spec.taints)
      if (isRecord(t) && typeof t.key === 'string' && typeof t.effect === 'string')
        taints.push(
          typeof t.value === 'string' && t.value !== ''
            ? { key: t.key, value: t.value, effect: t.effect }
            : { key: t.key, effect: t.effect },
        );
  return { name: metadata.name, labels, taints, unschedulable: spec.unschedulable === true };
}

/** Whether a manifest object is a Node, which kind makes instead of kubectl. */
const isNode = (value: Record<string, unknown>): boolean => value.kind === 'Node';

/** The Nodes a log creates, by name, each as last applied, in order of first appearance. */
function collectNodes(log: ExportLog): Map<string, SimNode> {
  const nodes = new Map<string, SimNode>();
  let files = log.files;
  for (const entry of log.entries) {
    if (entry.files !== undefined) files = entry.files;
    const split = splitShellLine(entry.line);
    if (!split.ok || split.words[0] !== 'kubectl' || !CREATING_VERBS.has(split.words[1])) continue;
    for (const name of fileArguments(split.words)) {
      if (!Object.hasOwn(files, name)) continue;
      for (const item of readManifest(files[name], name).entries) {
        if (item.type !== 'object' || !isNode(item.object.value)) continue;
        const node = toSimNode(item.object.value);
        if (node !== undefined) nodes.set(node.name, node);
      }
    }
  }
  return nodes;
}

/** A kind node to be: the simulated node it plays, if any, and its role. */
interface KindNode {
  sim?: SimNode;
  role: 'control-plane' | 'worker';
  /** The value of SIMULATED_NODE_LABEL on it. */
  tag?: string;
  /** The name kind will give it. */
  kindName: string;
}

/** The kind nodes for the simulated ones: the first control plane stays one, the rest work. */
function planNodes(nodes: Map<string, SimNode>): KindNode[] {
  const sims = [...nodes.values()];
  const controlPlane = sims.find((n) =>
    Object.hasOwn(n.labels, 'node-role.kubernetes.io/control-plane'),
  );
  const plan: KindNode[] = [
    { sim: controlPlane, role: 'control-plane', kindName: `${KIND_CLUSTER_NAME}-control-plane` },
  ];
  let worker = 0;
  for (const sim of sims) {
    if (sim === controlPlane) continue;
    worker++;
    plan.push({
      sim,
      role: 'worker',
      kindName: `${KIND_CLUSTER_NAME}-worker${worker === 1 ? '' : worker}`,
    });
  }
  const used = new Set<string>();
  plan.forEach((node, index) => {
    if (node.sim === undefined) return;
    // The simulated name when it can be a label value, else its place in the list.
    let tag = LABEL_VALUE.test(node.sim.name) ? node.sim.name : `node-${index}`;
    while (used.has(tag)) tag = `node-${index}-${used.size}`;
    used.add(tag);
    node.tag = tag;
  });
  return plan;
}

/** From the plan, kind's cluster config. */
function kindConfig(plan: KindNode[]): string {
  const nodes = plan.map((node) => {
    const out: Record<string, unknown> = { role: node.role };
    if (node.sim !== undefined && node.tag !== undefined) {
      const labels: Record<string, string> = {};
      for (const [key, value] of Object.entries(node.sim.labels))
        if (key !== 'kubernetes.io/hostname' && isKubeletLabel(key)) labels[key] = value;
      labels[SIMULATED_NODE_LABEL] = node.tag;
      out.labels = labels;
    }
    return out;
  });
  const header = [
    '# A kind cluster with one node per node of the playground session.',
    `# kind create cluster --config kind-config.yaml (kind v0.20 or later), then bash replay.sh.`,
    `# kind names the nodes itself; the label ${SIMULATED_NODE_LABEL} says which simulated node each plays.`,
  ].join('\n');
  return `${header}\n${dump({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', name: KIND_CLUSTER_NAME, nodes }, { lineWidth: -1 })}`;
}

/** A file name made into a relative path under manifests/ that cannot leave it. */
function safePath(name: string, taken: Set<string>): string {
  const segments = name
    .split('/')
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_'))
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  const base = `manifests/${segments.length > 0 ? segments.join('/') : 'file'}`;
  let path = base;
  for (let n = 2; taken.has(path); n++) path = `${base}.${n}`;
  taken.add(path);
  return path;
}

/** A here-document writing a file, with a delimiter no line of the text equals. */
function writeFile(path: string, text: string): string[] {
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  const lines = new Set(body.split('\n'));
  let delimiter = 'MANIFEST';
  for (let n = 1; lines.has(delimiter); n++) delimiter = `MANIFEST_${n}`;
  return [`cat > ${shellQuote(path)} <<'${delimiter}'`, `${body}${delimiter}`];
}

/** A file's text without its Node objects, or undefined when it holds nothing else. */
function withoutNodes(name: string, text: string): { text: string; removed: number } | undefined {
  const objects = readManifest(text, name).entries.flatMap((e) =>
    e.type === 'object' ? [e.object.value] : [],
  );
  const removed = objects.filter(isNode).length;
  if (removed === 0) return { text, removed };
  const kept = objects.filter((o) => !isNode(o));
  if (kept.length === 0) return undefined;
  return { text: kept.map((o) => dump(o, { lineWidth: -1 })).join('---\n'), removed };
}

const clock = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** From the plan and the log, replay.sh. */
function replayScript(plan: KindNode[], log: ExportLog): string {
  const out: string[] = [
    '#!/usr/bin/env bash',
    '# Replays a DaemonSet Playground session on the kind cluster made from kind-config.yaml:',
    '#   kind create cluster --config kind-config.yaml && bash replay.sh',
    '# Read README.md first: a real cluster does some things differently.',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    'mkdir -p manifests',
    '',
    '# The kind node that plays a simulated node (kind names its nodes itself).',
    'kind_node() {',
    '  local name',
    `  name=$(kubectl get nodes -l "${SIMULATED_NODE_LABEL}=$1" -o jsonpath='{.items[0].metadata.name}')`,
    '  if [ -z "$name" ]; then',
    '    echo "no kind node plays the simulated node $1" >&2',
    '    return 1',
    '  fi',
    '  printf \'%s\\n\' "$name"',
    '}',
    '',
    "# Runs one of the learner's commands; a command that failed in the playground may fail here",
    '# too, so the replay goes on.',
    'run() {',
    '  printf \'\\n$ %s\\n\' "$*"',
    '  "$@" || echo "(exit status $?)"',
    '}',
    '',
  ];
  const tags = new Map<string, string>();
  for (const node of plan)
    if (node.sim !== undefined && node.tag !== undefined) tags.set(node.sim.name, node.tag);
  const nodeRef = (tag: string) => `"$(kind_node ${shellQuote(tag)})"`;

  out.push('# What a kubelet may not set on itself: role labels, taints and cordons.');
  for (const node of plan) {
    if (node.sim === undefined || node.tag === undefined) continue;
    const ref = nodeRef(node.tag);
    const restricted = Object.entries(node.sim.labels).filter(
      ([key]) => key !== 'kubernetes.io/hostname' && !isKubeletLabel(key),
    );
    if (restricted.length > 0)
      out.push(
        `kubectl label node ${ref} --overwrite ${restricted.map(([k, v]) => shellQuote(`${k}=${v}`)).join(' ')}`,
      );
    const hasControlPlaneTaint = node.sim.taints.some(
      (t) => t.key === 'node-role.kubernetes.io/control-plane',
    );
    if (node.role === 'control-plane' && !hasControlPlaneTaint)
      out.push(
        `kubectl taint node ${ref} node-role.kubernetes.io/control-plane:NoSchedule- || true`,
      );
    for (const taint of node.sim.taints) {
      const text =
        taint.value === undefined
          ? `${taint.key}:${taint.effect}`
          : `${taint.key}=${taint.value}:${taint.effect}`;
      out.push(`kubectl taint node ${ref} --overwrite ${shellQuote(text)}`);
    }
    if (node.sim.unschedulable) out.push(`kubectl cordon ${ref}`);
  }
  out.push('');

  const taken = new Set<string>();
  const paths = new Map<string, string>();
  const written = new Map<string, string>();
  let files = log.files;
  log.entries.forEach((entry, index) => {
    if (entry.files !== undefined) files = entry.files;
    out.push(`# ${index + 1} (at ${clock(entry.atMs)}) ${commentText(entry.line)}`);
    const split = splitShellLine(entry.line);
    if (!split.ok || split.words.length === 0) {
      out.push('# Skipped: not a command a shell can run as written.', '');
      return;
    }
    const words = split.words;
    if (words[0] === 'sim') {
      out.push(
        '# Skipped: `sim` commands drive the simulator (its clock, node conditions and sizes); a real',
        '# cluster has no such command. Wait, or act on the node itself, instead.',
        '',
      );
      return;
    }
    if (words[0] !== 'kubectl') {
      out.push('# Skipped: not a kubectl command.', '');
      return;
    }
    // Files named with -f are written as they were when the command ran, without Node objects.
    const args: string[] = [];
    let skipAll = false;
    const notes: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const takesNext = (word === '-f' || word === '--filename') && i + 1 < words.length;
      const names = fileArguments(takesNext ? [word, words[i + 1]] : [word]);
      if (names.length === 1 && Object.hasOwn(files, names[0])) {
        const name = names[0];
        const cleaned = withoutNodes(name, files[name]);
        if (cleaned === undefined) {
          notes.push(
            `# ${commentText(name)} holds only Node objects: kind-config.yaml made those nodes.`,
          );
          skipAll = true;
        } else {
          if (cleaned.removed > 0)
            notes.push(
              `# ${commentText(name)}: its Node objects are left out, kind-config.yaml made those nodes.`,
            );
          let path = paths.get(name);
          if (path === undefined) {
            path = safePath(name, taken);
            paths.set(name, path);
          }
          if (written.get(path) !== cleaned.text) {
            notes.push(...writeFile(path, cleaned.text));
            written.set(path, cleaned.text);
          }
          args.push('-f', path);
        }
        if (takesNext) i++;
        continue;
      }
      args.push(word);
    }
    // Simulated node names become the kind nodes that play them.
    const nodeArgs = new Set<number>();
    const verb = args[1];
    args.forEach((word, i) => {
      if (i < 2) return;
      const slash = /^(nodes?|no)\/(.+)$/.exec(word);
      if (slash !== null && tags.has(slash[2])) nodeArgs.add(i);
      else if (tags.has(word) && (NODE_VERBS.has(verb) || NODE_RESOURCES.has(args[2])))
        nodeArgs.add(i);
    });
    const quoted = args.map((word, i) => {
      if (!nodeArgs.has(i)) return shellQuote(word);
      const slash = /^(nodes?|no)\/(.+)$/.exec(word);
      return slash !== null
        ? `${slash[1]}/${nodeRef(tags.get(slash[2]) ?? '')}`
        : nodeRef(tags.get(word) ?? '');
    });
    out.push(...notes);
    if (skipAll) out.push('# Skipped: nothing left to send.', '');
    else out.push(`run ${quoted.join(' ')}`, '');
  });
  return `${out.join('\n')}`;
}

/** From the plan, README.md: how to run the export and what will differ. */
function readme(plan: KindNode[], log: ExportLog): string {
  const rows = plan.map((node) =>
    node.sim === undefined
      ? `| (none: kind needs a control plane) | \`${node.kindName}\` | control-plane |`
      : `| \`${commentText(node.sim.name).replace(/[|`]/g, '_')}\` | \`${node.kindName}\` | ${node.role} |`,
  );
  const simCommands = log.entries.filter((e) => /^\s*sim(\s|$)/.test(e.line)).length;
  return [
    '# Replaying a DaemonSet Playground session on a real cluster',
    '',
    'Made by the playground from a session. You need Docker (or Podman), [kind](https://kind.sigs.k8s.io/)',
    'v0.20 or later and kubectl. Then:',
    '',
    '```sh',
    'kind create cluster --config kind-config.yaml',
    'bash replay.sh',
    'kind delete cluster --name daemonset-playground   # when done',
    '```',
    '',
    '`replay.sh` sets the labels and taints kind cannot set at start, writes each manifest into',
    '`manifests/` as it was when the command ran, and runs your kubectl commands in order.',
    '',
    '## Nodes',
    '',
    '| simulated node | kind node (expected name) | role |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `Each kind node carries the label \`${SIMULATED_NODE_LABEL}\` with the simulated node it plays;`,
    '`kubectl get nodes -L ' + SIMULATED_NODE_LABEL + '` shows the pairs.',
    '',
    '## What a real cluster does differently',
    '',
    '- **Node names.** kind names its nodes itself (table above), so every node name changes, and',
    "  so does each node's `kubernetes.io/hostname` label. A `nodeSelector`, node affinity or",
    '  `kubectl` command that names a simulated node by name or hostname matches nothing until you',
    '  change it. replay.sh turns node names in commands such as `kubectl taint node NAME` into',
    '  the kind node that plays it, but not inside manifests.',
    '- **Every node exists from the start**, with the labels and taints of the last Node manifest',
    '  you applied for it. Applying Node manifests is skipped: kind made the nodes. Adding or',
    '  deleting a node later is not replayed as such.',
    '- **Allocatable and conditions.** A kind node offers what your machine has, not the CPU,',
    '  memory and pod counts the simulated nodes reported, so pods that fit in the playground may',
    '  not fit here, and the other way round. Node conditions (Ready, pressure) are the real',
    "  kubelet's.",
    "- **Images.** The playground's registry accepts a fixed set of images and fails others on",
    '  purpose; a real cluster pulls from real registries. An image that does not exist fails',
    '  here as well, but one the playground knew may not exist, and pulls take real time.',
    `- **\`sim\` commands** (${simCommands} in this session) drive the simulator: its clock, node`,
    '  conditions and sizes. They are skipped with a comment.',
    '- **Timing.** Commands run one after another, as fast as kubectl returns; the playground ran',
    '  them at the simulated times shown in replay.sh, and its clock stood still between them',
    '  unless you let it run. Rollouts, image pulls and restarts take their real time here.',
    "- **Control plane.** kind's control plane runs its own pods (kube-proxy, CNI, CoreDNS), so",
    '  `kubectl get pods -A` shows more than the playground did.',
    '',
  ].join('\n');
}

/**
 * From a command log, the files that replay it on a kind cluster: `kind-config.yaml`,
 * `replay.sh` and `README.md`.
 */
export function exportForKind(log: ExportLog): ExportedFile[] {
  const plan = planNodes(collectNodes(log));
  return [
    { path: 'kind-config.yaml', text: kindConfig(plan) },
    { path: 'replay.sh', text: replayScript(plan, log) },
    { path: 'README.md', text: readme(plan, log) },
  ];
}
