/**
 * Tab completion for the console: verbs, resource types, object names from the cluster, flags
 * and file names, for the last word of the line.
 */
import type { Cluster } from '../engine/operations.ts';
import type { Kind } from '../engine/types.ts';
import type { FileSource } from './types.ts';
import { GLOBAL_FLAGS, type FlagSpec } from './args.ts';
import { findResourceType, RESOURCE_TYPES } from './resources.ts';
import { CONDITIONS, NODE_RESOURCES, SIM_COMMANDS, STATUSES } from './verbs/sim.ts';
import { VERBS } from './verbs/index.ts';
import type { CompletionSource } from './verbs/verb.ts';

const SIM = SIM_COMMANDS.map((c) => c.usage.split(' ')[1]);
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
  if (before.length === 0) return pick(['help', 'kubectl', 'sim']);
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
  const source: CompletionSource = { names: (kind) => names(cluster, kind) };
  const valueOf = previous === undefined ? undefined : VALUE_FLAGS.get(previous);
  if (valueOf) return pick(flagValues(valueOf, files, source));
  // Positional words: flag words and the values of flags that take one are left out.
  const positional = before
    .slice(1)
    .filter((w, i, all) => !w.startsWith('-') && !VALUE_FLAGS.has(all[i - 1]));
  const verbWord = positional[0];
  if (verbWord === undefined) return pick([...VERBS.keys()]);
  const verb = VERBS.get(verbWord);
  if (current.startsWith('-')) return pick(flagWords([...GLOBAL_FLAGS, ...(verb?.flags ?? [])]));
  if (current.includes('/')) {
    const type = findResourceType(current.slice(0, current.indexOf('/')));
    if (!type) return [];
    const prefix = current.slice(0, current.indexOf('/') + 1);
    return pick(names(cluster, type.kind).map((n) => prefix + n));
  }
  const args = positional.slice(1);
  if (verb?.completeArgs) return pick(verb.completeArgs(args, source));
  if (args.length === 0) return resourceCompletions(current);
  const type = findResourceType(args[0]);
  if (!type) return [];
  return pick(names(cluster, type.kind));
}

/**
 * Resource types for a partial word, as kubectl's completion offers them: by their plural
 * (`nodes`, `daemonsets`), for a word any of whose names starts so, so a short name completes
 * too (`no` to `nodes`, `ds` to `daemonsets`).
 */
function resourceCompletions(current: string): string[] {
  const word = current.toLowerCase();
  const plurals = RESOURCE_TYPES.filter((t) => t.aliases.some((a) => a.startsWith(word))).map(
    (t) => t.plural.split('.')[0],
  );
  return [...new Set(plurals)].sort();
}

/** From flags, the words that name them: `--name` and, where it has one, `-x`. */
function flagWords(flags: readonly FlagSpec[]): string[] {
  return flags.flatMap((f) => (f.short ? [`--${f.name}`, `-${f.short}`] : [`--${f.name}`]));
}

/**
 * Every word naming a flag that takes a value (`-o`, `--filename`), from the global flags and
 * every verb's, so the word after it is read as that value.
 */
const VALUE_FLAGS: ReadonlyMap<string, FlagSpec> = new Map(
  [GLOBAL_FLAGS, ...[...VERBS.values()].map((v) => v.flags)]
    .flat()
    .filter((f) => f.type !== 'bool')
    .flatMap((f) => flagWords([f]).map((word) => [word, f] as const)),
);

/** From a flag that takes a value, what its value may be. */
function flagValues(flag: FlagSpec, files: FileSource, source: CompletionSource): string[] {
  if (flag.completes === 'files') return files.list();
  if (flag.completes === 'namespaces') return source.names('Namespace');
  return [...(flag.completes ?? [])];
}
