/**
 * Tab completion for the console: verbs, resource types, object names from the cluster, flags
 * and file names, for the last word of the line.
 */
import type { Cluster } from '../engine/operations.ts';
import type { Kind } from '../engine/types.ts';
import type { FileSource } from './types.ts';
import { findResourceType, resourceWords } from './resources.ts';
import { CONDITIONS, NODE_RESOURCES, STATUSES } from './verbs/sim.ts';

const KUBECTL_VERBS = [
  'apply',
  'cordon',
  'create',
  'delete',
  'describe',
  'drain',
  'get',
  'label',
  'patch',
  'rollout',
  'set',
  'taint',
  'uncordon',
];
const VERB_FLAGS: Record<string, string[]> = {
  apply: ['--filename', '-f', '--namespace', '-n'],
  get: [
    '--output',
    '-o',
    '--selector',
    '-l',
    '--field-selector',
    '--all-namespaces',
    '-A',
    '--namespace',
    '-n',
    '--no-headers',
  ],
  describe: ['--namespace', '-n', '--selector', '-l'],
  delete: [
    '--filename',
    '-f',
    '--selector',
    '-l',
    '--field-selector',
    '--all',
    '--grace-period',
    '--now',
    '--force',
    '--ignore-not-found',
    '--namespace',
    '-n',
  ],
  taint: ['--overwrite'],
  label: ['--overwrite'],
  drain: ['--ignore-daemonsets', '--force', '--delete-emptydir-data'],
  patch: ['--type', '--patch', '-p', '--namespace', '-n'],
  rollout: ['--to-revision', '--revision', '--timeout', '--namespace', '-n'],
};
const OUTPUTS = ['wide', 'json', 'yaml', 'name'];
const SIM = ['wait', 'settle', 'node'];
const CONDITION_PAIRS = CONDITIONS.flatMap((t) => STATUSES.map((s) => `${t}=${s}`));

function names(cluster: Cluster, kind: Kind): string[] {
  const listed = cluster.list(kind, {});
  return Array.isArray(listed) ? [...new Set(listed.map((o) => o.metadata.name))] : [];
}

/** From a partial line, the candidates for its last word (sorted, unique). */
export function completeLine(line: string, cluster: Cluster, files: FileSource): string[] {
  const words = line.trimStart().split(/\s+/);
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const previous = before[before.length - 1];
  const pick = (candidates: string[]): string[] =>
    [...new Set(candidates.filter((c) => c.startsWith(current)))].sort();
  if (before.length === 0) return pick(['kubectl', 'sim']);
  if (before[0] === 'sim') {
    if (before.length === 1) return pick(SIM);
    if (before[1] === 'node' && before.length === 2) return pick(names(cluster, 'Node'));
    if (before[1] === 'node' && before.length === 3) return pick(['allocatable', 'condition']);
    if (before[1] === 'node' && before[3] === 'allocatable')
      return pick(NODE_RESOURCES.map((r) => `${r}=`));
    if (before[1] === 'node' && before.length === 4) return pick(CONDITION_PAIRS);
    return [];
  }
  if (before[0] !== 'kubectl') return [];
  if (previous === '-f' || previous === '--filename') return pick(files.list());
  if (previous === '-o' || previous === '--output') return pick(OUTPUTS);
  if (previous === '-n' || previous === '--namespace') return pick(names(cluster, 'Namespace'));
  const positional = before
    .slice(1)
    .filter(
      (w, i, all) =>
        !w.startsWith('-') && !['-f', '-o', '-n', '-l', '-p', '--type'].includes(all[i - 1]),
    );
  const verb = positional[0];
  if (verb === undefined) return pick(KUBECTL_VERBS);
  if (current.startsWith('-')) return pick(VERB_FLAGS[verb] ?? ['--namespace', '-n']);
  if (current.includes('/')) {
    const type = findResourceType(current.slice(0, current.indexOf('/')));
    if (!type) return [];
    const prefix = current.slice(0, current.indexOf('/') + 1);
    return pick(names(cluster, type.kind).map((n) => prefix + n));
  }
  const args = positional.slice(1);
  if (verb === 'rollout') {
    if (args.length === 0) return pick(['status', 'history', 'undo', 'restart']);
    return pick(names(cluster, 'DaemonSet').map((n) => `ds/${n}`));
  }
  if (verb === 'set') {
    if (args.length === 0) return pick(['image']);
    return pick(names(cluster, 'DaemonSet').map((n) => `ds/${n}`));
  }
  if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain')
    return pick(names(cluster, 'Node'));
  if (verb === 'create') return args.length === 0 ? pick(['namespace']) : [];
  if (args.length === 0) return pick(verb === 'taint' ? ['nodes', 'node'] : resourceWords());
  const type = findResourceType(args[0]);
  if (!type) return [];
  return pick(names(cluster, type.kind));
}
