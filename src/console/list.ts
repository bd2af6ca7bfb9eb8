/**
 * Listing objects of one type as kubectl's builder does for `-l` and `--field-selector`: the
 * label selector is parsed and matched by the API machinery (engine/api/labels.ts), and a
 * selector the API server refuses reads as kubectl prints it after EnhanceListError:
 * `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label
 * selector "a in", field selector "": unable to parse requirement: ...`.
 */
import type { KubeObject } from '../engine/types.ts';
import type { Cluster } from '../engine/operations.ts';
import { matchesSelector, parseSelector, unableToFindMessage } from '../engine/api/labels.ts';
import { parseFieldSelector } from '../engine/kinds.ts';
import type { ResourceType } from './resources.ts';
import { badRequest, nameWithFieldSelector, nameWithSelector } from './messages.ts';

export interface ListRequest {
  /** Undefined lists every namespace (and cluster-scoped types). */
  namespace?: string;
  /** `-l` as typed. */
  labelSelector?: string;
  /** `--field-selector` as typed. */
  fieldSelector?: string;
}

/** From a resource type, its group/version and plural without the group (`apps/v1`, `daemonsets`). */
function groupVersionResource(type: ResourceType): { apiVersion: string; resource: string } {
  const [resource, ...group] = type.plural.split('.');
  return { apiVersion: group.length > 0 ? `${group.join('.')}/v1` : 'v1', resource };
}

/**
 * From the selectors a command was given with object names, the builder's refusal (it takes
 * names or selectors, not both; blank selectors count as none), or undefined.
 */
export function selectorWithNames(request: ListRequest): string | undefined {
  if ((request.labelSelector ?? '').trim() !== '') return nameWithSelector();
  if ((request.fieldSelector ?? '').trim() !== '') return nameWithFieldSelector();
  return undefined;
}

/** From the cluster, a type and the selectors, the matching objects or kubectl's error line. */
export function listObjects(
  cluster: Cluster,
  type: ResourceType,
  request: ListRequest,
): KubeObject[] | { error: string } {
  const { namespace, labelSelector = '', fieldSelector = '' } = request;
  const refuse = (message: string): { error: string } => {
    const { apiVersion, resource } = groupVersionResource(type);
    const text = unableToFindMessage(apiVersion, resource, labelSelector, fieldSelector, message);
    return { error: badRequest('listing', undefined, text) };
  };
  const parsed = parseSelector(labelSelector);
  if (!parsed.ok) return refuse(parsed.error);
  const listed = cluster.list(type.kind, { namespace, fieldSelector: request.fieldSelector });
  if ('error' in listed) return refuse(listed.error);
  return listed.filter((object: KubeObject) =>
    matchesSelector(parsed.selector, object.metadata.labels),
  );
}

/**
 * From a type and the selectors of a list, whether one object is in that list: the test
 * `listObjects` applies to every stored object, for an object at hand (a watch asks it of each
 * object written). Undefined when the selectors are refused, as the list would be.
 */
export function listMatcher(
  type: ResourceType,
  request: ListRequest,
): ((object: KubeObject) => boolean) | undefined {
  const { namespace, labelSelector = '', fieldSelector = '' } = request;
  const labels = parseSelector(labelSelector);
  const fields = parseFieldSelector(type.kind, fieldSelector);
  if (!labels.ok || 'error' in fields) return undefined;
  return (object) =>
    object.kind === type.kind &&
    (!type.namespaced || namespace === undefined || object.metadata.namespace === namespace) &&
    matchesSelector(labels.selector, object.metadata.labels) &&
    fields.matches(object);
}
