/**
 * Naming objects on the command line: `TYPE NAME...`, `TYPE/NAME...`, and the checks kubectl
 * makes before contacting the server.
 */
import { findResourceType, UPSTREAM_ONLY_TYPES, type ResourceType } from './resources.ts';
import {
  requiredResource,
  resourceNameFormEmpty,
  resourceNameFormMixed,
  resourceTypeNotOffered,
  unknownResourceType,
} from './messages.ts';

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
  if (typeWord.includes(',')) {
    // `get ds,pods`: one target per type, in the order given (names apply to every type).
    const targets: Target[] = [];
    for (const word of typeWord.split(',').filter((w) => w !== '')) {
      const type = resolveType(word);
      if ('error' in type) return type;
      targets.push({ type, names: [...names] });
    }
    return targets;
  }
  const type = resolveType(typeWord);
  if ('error' in type) return type;
  return [{ type, names }];
}

/**
 * From the positionals of a verb that acts on one object and then takes specs (`label`,
 * `taint`: `TYPE NAME spec...` or `TYPE/NAME spec...`), the target and the specs, or kubectl's
 * error when no resource is named. The target's names may be empty (`kubectl label nodes`).
 */
export function targetAndSpecs(
  positionals: string[],
  verb: string,
): { target: Target; specs: string[] } | { error: string } {
  if (positionals.length === 0) return { error: requiredResource(verb) };
  const typeAndName = positionals[0].includes('/') ? [positionals[0]] : positionals.slice(0, 2);
  const targets = resolveTargets(typeAndName);
  if ('error' in targets) return targets;
  return { target: targets[0], specs: positionals.slice(typeAndName.length) };
}
