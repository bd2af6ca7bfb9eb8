/**
 * The simulated API server's admission path for one object: kubectl's client-side kind check,
 * the strict decoder, server-set metadata, API defaults, admission plugins that only need the
 * object itself, and validation. The store calls `admit` and then sets uid, resourceVersion,
 * creationTimestamp and generation itself.
 */
import type { ApiError, FieldError } from '../operations.ts';
import type { KubeObject } from '../types.ts';
import { toBase64 } from './base64.ts';
import { omitEmpty } from './omit-empty.ts';
import { decodeObject } from './decode.ts';
import {
  defaultControllerRevision,
  defaultDaemonSet,
  defaultNamespace,
  defaultNode,
  defaultPod,
  defaultPriorityClass,
  defaultSecret,
  defaultService,
} from './defaults.ts';
import { renderFieldError } from './field-errors.ts';
import { parseQuantity } from '../../kube/quantity.ts';
import { cloneJson, copyMap, isObject } from './records.ts';
import { objectKindErrors } from './kind-check.ts';
import { findKind, type KindInfo } from './schema.ts';
import { objectWarnings } from './warnings.ts';
import { obj, objs, str, type Obj } from './validation/common.ts';
import { validateDaemonSet, validateDaemonSetUpdate } from './validation/daemonset.ts';
import {
  SYSTEM_PRIORITY_CLASSES,
  validateConfigMap,
  validateControllerRevision,
  validateControllerRevisionUpdate,
  validateImmutableDataUpdate,
  validateNamespace,
  validateNode,
  validatePriorityClass,
  validatePriorityClassUpdate,
  validateSecret,
  validateService,
} from './validation/others.ts';
import { validatePod, validatePodUpdate } from './validation/pod.ts';

export interface AdmissionRequest {
  raw: unknown;
  operation: 'create' | 'update';
  existing?: KubeObject;
}

export type AdmissionResult =
  | {
      ok: true;
      object: KubeObject;
      /** Warnings the API server sends with an accepted object (kubectl: `Warning: ...`); absent when none. */
      warnings?: string[];
    }
  | { ok: false; error: ApiError };

/** Metadata fields only the API server sets; whatever the client sent is dropped. */
const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'selfLink',
  'managedFields',
];

/**
 * From a raw JSON-like object, the operation and (for updates) the stored object, the admitted
 * object: decoded strictly, defaulted, validated, with server-set metadata removed and status
 * handled per kind. On failure, the error kubectl would report: ValidationError (kind or
 * apiVersion missing), NoKindMatch, BadRequest (decoding) or Invalid (field errors, all of them).
 * Never throws.
 */
export function admit(request: AdmissionRequest): AdmissionResult {
  try {
    return admitUnsafe(request);
  } catch (error) {
    // A bug here must not take the cluster down: report it as the server's internal error would.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: {
        reason: 'BadRequest',
        kind: '',
        apiVersion: '',
        message: `internal error: ${message}`,
      },
    };
  }
}

function admitUnsafe(request: AdmissionRequest): AdmissionResult {
  const raw = request.raw;
  const kindErrors = objectKindErrors(raw);
  if (kindErrors.length > 0)
    return { ok: false, error: { reason: 'ValidationError', errors: kindErrors } };
  const { apiVersion, kind } = raw as { apiVersion: string; kind: string };
  const info = findKind(apiVersion, kind);
  if (info === undefined) return { ok: false, error: { reason: 'NoKindMatch', kind, apiVersion } };

  const decoded = decodeObject(raw, info.struct);
  if (!decoded.ok)
    return {
      ok: false,
      error: { reason: 'BadRequest', kind, apiVersion, message: decoded.message },
    };
  const object = decoded.value;
  // The API server holds a Go struct: zero values of omitempty fields are gone before defaulting.
  omitEmpty(object, info.struct);
  const existing =
    request.operation === 'update' && isObject(request.existing)
      ? (request.existing as unknown as Obj)
      : undefined;

  prepareMetadata(object, info);
  prepareStatus(object, info, existing);
  applyDefaults(object, info);
  if (info.kind === 'Pod') {
    if (existing === undefined) admitPodPlugins(object);
    else keepServerPopulatedPodFields(object, existing);
  }
  if (info.kind === 'Node' && existing !== undefined)
    keepServerPopulatedNodeFields(object, existing);
  omitEmpty(object, info.struct);

  const causes = dedupe(
    existing === undefined ? validateCreate(object, info) : validateUpdate(object, existing, info),
  );
  if (causes.length > 0) {
    const name = str(obj(object, 'metadata'), 'name');
    return { ok: false, error: { reason: 'Invalid', kind, name, causes } };
  }
  const warnings = objectWarnings(object);
  const admitted = object as unknown as KubeObject;
  return warnings.length > 0
    ? { ok: true, object: admitted, warnings }
    : { ok: true, object: admitted };
}

/** Drops server-set metadata; cluster-scoped kinds lose any namespace, namespaced ones default it. */
function prepareMetadata(object: Obj, info: KindInfo): void {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  object.metadata = metadata;
  for (const key of SERVER_SET_METADATA) delete metadata[key];
  if (!info.namespaced) delete metadata.namespace;
  else if (typeof metadata.namespace !== 'string' || metadata.namespace === '')
    metadata.namespace = 'default';
}

const EMPTY_DAEMONSET_STATUS = {
  currentNumberScheduled: 0,
  numberMisscheduled: 0,
  desiredNumberScheduled: 0,
  numberReady: 0,
};

/**
 * Status per kind: on create the registry clears it (DaemonSet zeros, Pod Pending, Service an
 * empty load balancer); on update the stored status stays. A Node's status is taken from the
 * manifest on create only.
 */
function prepareStatus(object: Obj, info: KindInfo, existing: Obj | undefined): void {
  // A copy, so the new object never shares state with the stored one.
  const kept = existing?.status === undefined ? undefined : cloneJson(existing.status);
  switch (info.kind) {
    case 'DaemonSet':
      object.status = kept ?? { ...EMPTY_DAEMONSET_STATUS };
      break;
    case 'Pod':
      object.status = kept ?? { phase: 'Pending' };
      break;
    case 'Service':
      object.status = kept ?? { loadBalancer: {} };
      break;
    case 'Namespace':
      object.status = kept ?? {};
      break;
    case 'Node':
      // Create takes the manifest's status (the manifest plays the kubelet); an update keeps
      // the stored one (registry/core/node strategy.go PrepareForUpdate). Resizing is `sim node`.
      object.status = kept ?? object.status ?? {};
      break;
  }
}

function applyDefaults(object: Obj, info: KindInfo): void {
  switch (info.kind) {
    case 'DaemonSet':
      return defaultDaemonSet(object);
    case 'Pod':
      return defaultPod(object);
    case 'Service':
      return defaultService(object);
    case 'Namespace':
      return defaultNamespace(object);
    case 'Node':
      return defaultNode(object);
    case 'Secret':
      mergeStringData(object);
      return defaultSecret(object);
    case 'PriorityClass':
      return defaultPriorityClass(object);
    case 'ControllerRevision':
      return defaultControllerRevision(object);
  }
}

/** Secret `stringData` is write-only: its values overwrite `data`, base64-encoded. */
function mergeStringData(secret: Obj): void {
  const stringData = isObject(secret.stringData) ? secret.stringData : undefined;
  delete secret.stringData;
  if (stringData === undefined) return;
  const data = copyMap(
    isObject(secret.data) ? (secret.data as Record<string, unknown>) : undefined,
  );
  for (const key of Object.keys(stringData)) data[key] = toBase64(String(stringData[key]));
  secret.data = data;
}

const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/**
 * Admission plugins a bare Pod meets on create that need nothing but the pod:
 * ServiceAccount (serviceAccountName `default`), DefaultTolerationSeconds (not-ready and
 * unreachable NoExecute for 300s unless already tolerated), Priority for the built-in classes
 * or no class, and the QoS class in status. Other priority classes are the store's to resolve.
 */
function admitPodPlugins(pod: Obj): void {
  const spec = obj(pod, 'spec') ?? {};
  if (str(spec, 'serviceAccountName') === '')
    spec.serviceAccountName = str(spec, 'serviceAccount') || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const tolerations = objs(spec, 'tolerations');
  const tolerates = (key: string): boolean =>
    tolerations.some((t) => {
      const effect = str(t, 'effect');
      const matchesKey =
        str(t, 'key') === key || (str(t, 'key') === '' && str(t, 'operator') === 'Exists');
      return matchesKey && (effect === '' || effect === 'NoExecute');
    });
  const added = [NOT_READY_TAINT, UNREACHABLE_TAINT]
    .filter((key) => !tolerates(key))
    .map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }));
  if (added.length > 0)
    spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
  const className = str(spec, 'priorityClassName');
  if (className === '') spec.priority ??= 0;
  else if (Object.hasOwn(SYSTEM_PRIORITY_CLASSES, className))
    spec.priority = SYSTEM_PRIORITY_CLASSES[className];
  if (spec.priority !== undefined) spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const status = obj(pod, 'status');
  if (status !== undefined) status.qosClass = qosClass(spec);
}

/** Pod spec fields the scheduler or admission plugins fill in, not the learner's manifest. */
const SERVER_POPULATED_POD_FIELDS = [
  'nodeName',
  'serviceAccountName',
  'serviceAccount',
  'priority',
  'preemptionPolicy',
];

/**
 * On update, a manifest that omits fields the server filled in (nodeName from the scheduler,
 * the service account, priority, the default tolerations) keeps the stored values, as
 * `kubectl apply`'s merge with the live object does; otherwise re-applying an unchanged pod
 * manifest would look like a forbidden spec change.
 */
function keepServerPopulatedPodFields(pod: Obj, existing: Obj): void {
  const spec = obj(pod, 'spec');
  const oldSpec = obj(existing, 'spec');
  if (spec === undefined || oldSpec === undefined) return;
  for (const key of SERVER_POPULATED_POD_FIELDS) {
    if (spec[key] === undefined && oldSpec[key] !== undefined) spec[key] = cloneJson(oldSpec[key]);
  }
  const tolerations = objs(spec, 'tolerations');
  const missingDefaults = objs(oldSpec, 'tolerations').filter(
    (t) =>
      (str(t, 'key') === NOT_READY_TAINT || str(t, 'key') === UNREACHABLE_TAINT) &&
      t.tolerationSeconds === 300 &&
      !tolerations.some((n) => str(n, 'key') === str(t, 'key')),
  );
  if (missingDefaults.length > 0)
    spec.tolerations = [...tolerations, ...missingDefaults.map((t) => cloneJson(t))];
}

/** Node spec fields the node IPAM controller or the kubelet fill in. */
const SERVER_POPULATED_NODE_FIELDS = ['podCIDR', 'podCIDRs', 'providerID'];

/** On update, a Node manifest without the allocated CIDRs or provider ID keeps the stored ones. */
function keepServerPopulatedNodeFields(node: Obj, existing: Obj): void {
  const spec = obj(node, 'spec');
  const oldSpec = obj(existing, 'spec');
  if (spec === undefined || oldSpec === undefined) return;
  for (const key of SERVER_POPULATED_NODE_FIELDS) {
    if (spec[key] === undefined && oldSpec[key] !== undefined) spec[key] = cloneJson(oldSpec[key]);
  }
}

/**
 * From a (defaulted) pod spec, GetPodQOS: Guaranteed when every container limits cpu and memory
 * at its requests, BestEffort with no requests or limits at all, else Burstable.
 */
export function qosClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...objs(spec, 'containers'), ...objs(spec, 'initContainers')];
  let any = false;
  let guaranteed = true;
  for (const container of containers) {
    const resources = obj(container, 'resources');
    const requests = obj(resources, 'requests') ?? {};
    const limits = obj(resources, 'limits') ?? {};
    for (const name of ['cpu', 'memory']) {
      const request = Object.hasOwn(requests, name) ? parseQuantity(requests[name]) : undefined;
      const limit = Object.hasOwn(limits, name) ? parseQuantity(limits[name]) : undefined;
      if ((request ?? 0) !== 0 || (limit ?? 0) !== 0) any = true;
      if (limit === undefined || limit === 0 || (request !== undefined && request !== limit))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function validateCreate(object: Obj, info: KindInfo): FieldError[] {
  switch (info.kind) {
    case 'DaemonSet':
      return validateDaemonSet(object);
    case 'Pod':
      return validatePod(object);
    case 'Node':
      return validateNode(object);
    case 'Namespace':
      return validateNamespace(object);
    case 'ConfigMap':
      return validateConfigMap(object);
    case 'Secret':
      return validateSecret(object);
    case 'Service':
      return validateService(object);
    case 'PriorityClass':
      return validatePriorityClass(object);
    case 'ControllerRevision':
      return validateControllerRevision(object);
    default:
      return validateMetadataOnly(object);
  }
}

function validateUpdate(object: Obj, existing: Obj, info: KindInfo): FieldError[] {
  switch (info.kind) {
    case 'DaemonSet':
      return validateDaemonSetUpdate(object, existing);
    case 'Pod':
      return validatePodUpdate(object, existing);
    case 'ConfigMap':
    case 'Secret':
      return [
        ...validateCreate(object, info),
        ...validateImmutableDataUpdate(object, existing, info.kind),
      ];
    case 'PriorityClass':
      return [...validatePriorityClass(object), ...validatePriorityClassUpdate(object, existing)];
    case 'ControllerRevision':
      return [
        ...validateControllerRevision(object),
        ...validateControllerRevisionUpdate(object, existing),
      ];
    default:
      return validateCreate(object, info);
  }
}

/** Kinds without their own rules here (Event) still need a name, as ValidateObjectMeta demands. */
function validateMetadataOnly(object: Obj): FieldError[] {
  const metadata = obj(object, 'metadata');
  if (str(metadata, 'name') !== '' || str(metadata, 'generateName') !== '') return [];
  return [
    { type: 'Required value', field: 'metadata.name', detail: 'name or generateName is required' },
  ];
}

/** ErrorList.ToAggregate drops causes whose printed text repeats an earlier one. */
function dedupe(causes: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return causes.filter((cause) => {
    const text = renderFieldError(cause);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
