/**
 * Naming objects on the command line: `TYPE NAME...`, `TYPE/NAME...`, and the checks kubectl
 * makes before contacting the server.
 */
import { findResourceType, UPSTREAM_ONLY_TYPES, type ResourceType } from './resources.ts';
import type { VerbContext } from './context.ts';
import { listObjects, selectorWithNames } from './list.ts';
import {
  noNameGiven,
  resourcesBeforeChanges,
  resourceNameFormEmpty,
  resourceNameFormMixed,
  resourceTypeNotOffered,
  unknownResourceType,
} from './messages.ts';

/**
 * The served kinds in kubectl's `all` category, in the order discovery lists them (pods,
 * services, then apps' daemonsets; upstream's category also holds replicationcontrollers,
 * deployments, replicasets, statefulsets, horizontalpodautoscalers, cronjobs and jobs, which
 * the playground does not serve).
 */
const ALL_CATEGORY: readonly ResourceType[] = ['pods', 'services', 'daemonsets'].map((word) => {
  const type = findResourceType(word);
  if (!type) throw new Error(`no resource type ${word}`);
  return type;
});

export interface Target {
  type: ResourceType;
  /** Names, empty when the command lists. */
  names: string[];
}

/** From a resource word, its type or kubectl's error. */
export function resolveType(word: string): ResourceType | { error: string } {
  const type = findResourceType(word);
  if (type) return type;
  if (UPSTREAM_ONLY_TYPES.has(word.toLowerCase().split('.')[0]))
    return { error: resourceTypeNotOffered(word) };
  return { error: unknownResourceType(word) };
}

/**
 * From positionals (`ds fluentd`, `ds/fluentd pod/x`), the targets in order. Mixing `TYPE/NAME`
 * with a bare type is refused as kubectl refuses it.
 */
export function resolveTargets(positionals: string[]): Target[] | { error: string } {
  if (positionals.length === 0) return [];
  if (positionals.some((p) => p.includes('/'))) {
    const targets: Target[] = [];
    for (const p of positionals) {
      const slash = p.indexOf('/');
      if (slash < 0) {
        return {
          error: resourceNameFormMixed(),
        };
      }
      const type = resolveType(p.slice(0, slash));
      if ('error' in type) return type;
      const name = p.slice(slash + 1);
      if (name === '')
        return {
          error: resourceNameFormEmpty(),
        };
      const last = targets[targets.length - 1];
      if (last && last.type === type) last.names.push(name);
      else targets.push({ type, names: [name] });
    }
    return targets;
  }
  const [typeWord, ...names] = positionals;
  if (typeWord.toLowerCase() === 'all' || typeWord.includes(',')) {
    // `get ds,pods`: one target per type, in the order given (names apply to every type).
    const targets: Target[] = [];
    for (const word of typeWord.split(',').filter((w) => w !== '')) {
      const types = word.toLowerCase() === 'all' ? ALL_CATEGORY : [resolveType(word)];
      for (const type of types) {
        if ('error' in type) return type;
        targets.push({ type, names: [...names] });
      }
    }
    return targets;
  }
  const type = resolveType(typeWord);
  if ('error' in type) return type;
  return [{ type, names }];
}

/**
 * kubectl's split of `label` arguments into objects and changes (cmd/util/helpers.go
 * GetResourcesAndPairs): a word with `=` not at its start, or ending in `-`, is a change; the
 * words before the first change name objects, and a name after a change is refused.
 */
export function resourcesAndPairs(
  words: string[],
  pairType: string,
): { resources: string[]; pairs: string[] } | { error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const word of words) {
    const isPair = (word.includes('=') && word[0] !== '=') || (word.endsWith('-') && word !== '-');
    if (isPair) pairs.push(word);
    else if (pairs.length === 0) resources.push(word);
    else return { error: resourcesBeforeChanges(pairType, word) };
  }
  return { resources, pairs };
}

/** One object a command visits. */
export interface Visit {
  type: ResourceType;
  name: string;
}

/**
 * The objects named by `TYPE NAME...`, `TYPE/NAME...`, or a type with `--all` or `-l` (the
 * builder's ResourceTypeOrNameArgs), in kubectl's order: names as given, listed objects by
 * name. A type alone with neither flag is refused as the builder refuses it.
 */
export function visitTargets(
  context: VerbContext,
  resources: string[],
  options: { all: boolean; selector?: string },
): Visit[] | { error: string } {
  const targets = resolveTargets(resources);
  if ('error' in targets) return targets;
  const visits: Visit[] = [];
  for (const { type, names } of targets) {
    if (names.length > 0) {
      const refused = selectorWithNames({ labelSelector: options.selector });
      if (refused) return { error: refused };
      for (const name of names) visits.push({ type, name });
      continue;
    }
    if (!options.all && (options.selector ?? '').trim() === '') return { error: noNameGiven() };
    const listed = listObjects(context.cluster, type, {
      namespace: type.namespaced ? context.namespace : undefined,
      labelSelector: options.selector,
    });
    if ('error' in listed) return listed;
    for (const object of listed) visits.push({ type, name: object.metadata.name });
  }
  return visits;
}
