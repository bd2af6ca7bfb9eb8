/**
 * The API server's request handling on top of admission (api/admission.ts decodes, defaults and
 * validates): namespace existence, server-set metadata (uid, resourceVersion, creationTimestamp,
 * generation, the DaemonSet's template generation annotation), apply's created / configured /
 * unchanged, optimistic concurrency on update, graceful deletion, eviction and the kubelet's
 * node condition reports (staging/src/k8s.io/apiserver/pkg/registry/rest/{create,update,delete}.go,
 * pkg/registry/apps/daemonset/strategy.go, pkg/registry/core/pod/strategy.go).
 */
import { admit } from './api/admission.ts';
import { decodeWithUnknownFields } from './api/decode.ts';
import { goQuote } from './api/go-quote.ts';
import { goValue } from './api/go-format.ts';
import { jsonMergePatch } from './api/merge-patch.ts';
import { structCursor } from './api/patch-meta.ts';
import { canonicalQuantity, parseQuantity } from '../kube/quantity.ts';
import { cloneJson, copyMap, getOwn, isObject } from './api/records.ts';
import { KINDS } from './api/schema.ts';
import { PatchError, applyStrategicPatch } from './api/strategic-merge.ts';
import { toTimestamp } from './clock.ts';
import type { Engine } from './cluster.ts';
import { TEMPLATE_GENERATION_ANNOTATION } from './controllers/daemonset.ts';
import { conditionText, fillNodeStatus } from './nodes.ts';
import type { ApiError, Operation, OperationResult } from './operations.ts';
import { NAMESPACED, RESOURCE, objectKey } from './store.ts';
import type { DaemonSet, Kind, KubeObject, Node, NodeCondition, Pod } from './types.ts';
import { Random } from './random.ts';
import { canonicalJson } from './util/canonical.ts';
import { cloneData } from './util/clone.ts';

const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
const NODE_CONDITION_TYPES = new Set([
  'Ready',
  'MemoryPressure',
  'DiskPressure',
  'PIDPressure',
  'NetworkUnavailable',
]);
const CONDITION_STATUSES = new Set(['True', 'False', 'Unknown']);

function notFound(kind: Kind | string, name: string): OperationResult {
  const resource = Object.hasOwn(RESOURCE, kind)
    ? RESOURCE[kind as Kind]
    : String(kind).toLowerCase() + 's';
  return { ok: false, error: { reason: 'NotFound', resource, name } };
}

function fail(error: ApiError): OperationResult {
  return { ok: false, error };
}

/** From raw input, the kind, name and namespace it claims (for finding the stored object before admission). */
function peek(raw: unknown): { kind?: Kind; name?: string; namespace?: string } {
  if (!isObject(raw)) return {};
  const kind =
    typeof raw.kind === 'string' && Object.hasOwn(NAMESPACED, raw.kind)
      ? (raw.kind as Kind)
      : undefined;
  const meta = isObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const namespace =
    typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  return { kind, name, namespace };
}

/** From the engine and an operation, the API server's answer. */
export function executeOperation(engine: Engine, op: Operation): OperationResult {
  if (!isObject(op))
    return fail({ reason: 'BadRequest', kind: '', apiVersion: '', message: 'invalid operation' });
  switch (op.op) {
    case 'apply':
      return op.dryRun === true
        ? dryRunWrite(engine, op.object)
        : write(engine, op.object, 'apply', false);
    case 'create':
      return write(engine, op.object, 'create', false);
    case 'update':
      return write(engine, op.object, 'update', false);
    case 'delete':
      return remove(engine, op.key?.kind, op.key?.name, op.key?.namespace, op.gracePeriodSeconds);
    case 'evict':
      return evict(engine, op.namespace, op.name);
    case 'setNodeCondition':
      return setNodeCondition(engine, op.node, op.type, op.status);
    case 'patch':
      return op.dryRun === true
        ? withThrowawayRandom(engine, () =>
            patchObject(engine, op.key, op.patchType, op.patch, op.fieldValidation ?? 'Warn', true),
          )
        : patchObject(engine, op.key, op.patchType, op.patch, op.fieldValidation ?? 'Warn', false);
    case 'setNodeAllocatable':
      return setNodeAllocatable(engine, op.node, op.resources);
    default:
      return fail({
        reason: 'BadRequest',
        kind: '',
        apiVersion: '',
        message: `unknown operation ${String((op as { op?: unknown }).op)}`,
      });
  }
}

/**
 * A server-side dry run of apply: admitted and prepared exactly like the real write, but the
 * cluster must come out byte-identical (the editor dry-runs on every keystroke). Random draws
 * (generated names, Service cluster IPs) come from a throwaway copy of the generator, as the
 * real API server allocates and then releases them.
 */
function dryRunWrite(engine: Engine, raw: unknown): OperationResult {
  return withThrowawayRandom(engine, () => write(engine, raw, 'apply', true));
}

/** Runs a dry run with a copy of the generator, so its draws leave the cluster's untouched. */
function withThrowawayRandom(engine: Engine, run: () => OperationResult): OperationResult {
  const random = engine.random;
  engine.random = new Random(random.state);
  try {
    return run();
  } finally {
    engine.random = random;
  }
}

function write(
  engine: Engine,
  raw: unknown,
  mode: 'apply' | 'create' | 'update',
  dryRun: boolean,
): OperationResult {
  const claim = peek(raw);
  const existing =
    claim.kind && claim.name !== undefined
      ? engine.store.get(
          claim.kind,
          objectKey(claim.kind, claim.namespace ?? 'default', claim.name),
        )
      : undefined;
  if (mode === 'update' && !existing) {
    if (!claim.kind || claim.name === undefined)
      return fail({
        reason: 'BadRequest',
        kind: claim.kind ?? '',
        apiVersion: '',
        message: 'the object to update has no kind or name',
      });
    return notFound(claim.kind, claim.name);
  }
  if (mode === 'create' && existing && claim.kind) {
    return fail({
      reason: 'AlreadyExists',
      resource: RESOURCE[claim.kind],
      name: existing.metadata.name,
    });
  }
  const admitted = admit({ raw, operation: existing ? 'update' : 'create', existing });
  if (!admitted.ok) {
    // NamespaceLifecycle is a mutating admission plugin (apiserver/pkg/admission/plugin/
    // namespace/lifecycle): it refuses a missing namespace before the registry validates.
    const ns = claim.namespace ?? 'default';
    if (
      admitted.error.reason === 'Invalid' &&
      !existing &&
      claim.kind &&
      NAMESPACED[claim.kind] &&
      !engine.store.get('Namespace', ns)
    )
      return notFound('Namespace', ns);
    return admitted;
  }
  const obj = cloneData(admitted.object);
  const ns = obj.metadata.namespace;
  if (NAMESPACED[obj.kind] && !engine.store.get('Namespace', ns ?? 'default'))
    return notFound('Namespace', ns ?? 'default');
  if (existing) {
    if (mode === 'update' && isObject(raw) && isObject(raw.metadata)) {
      const rv = raw.metadata.resourceVersion;
      if (typeof rv === 'string' && rv !== '' && rv !== existing.metadata.resourceVersion) {
        return fail({
          reason: 'Conflict',
          resource: RESOURCE[existing.kind],
          name: existing.metadata.name,
          message: `Operation cannot be fulfilled on ${RESOURCE[existing.kind]} "${existing.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        });
      }
    }
    const next = mergeUpdate(engine, existing, obj);
    if (sameObject(existing, next)) return { ok: true, action: 'unchanged', object: existing };
    if (dryRun) return { ok: true, action: 'configured', object: next };
    engine.store.replace(existing, next);
    return { ok: true, action: mode === 'update' ? 'updated' : 'configured', object: next };
  }
  if (!obj.metadata.name) {
    if (obj.metadata.generateName && obj.kind === 'Pod')
      obj.metadata.name = engine.generateName(obj.metadata.generateName, ns ?? 'default');
    else
      return fail({
        reason: 'Invalid',
        kind: obj.kind,
        name: '',
        causes: [
          {
            type: 'Required value',
            field: 'metadata.name',
            detail: 'name or generateName is required',
          },
        ],
      });
  }
  const prepared = prepareCreate(engine, obj, dryRun);
  if ('error' in prepared) return fail(prepared.error);
  if (dryRun) return { ok: true, action: 'created', object: obj };
  engine.createObject(obj);
  return { ok: true, action: 'created', object: obj };
}

/** Server-side steps of a create that admission leaves to the store. */
function prepareCreate(
  engine: Engine,
  obj: KubeObject,
  dryRun: boolean,
): { ok: true } | { error: ApiError } {
  switch (obj.kind) {
    case 'DaemonSet': {
      obj.metadata.generation = 1;
      const annotations = copyMap(obj.metadata.annotations);
      annotations[TEMPLATE_GENERATION_ANNOTATION] = '1';
      obj.metadata.annotations = annotations;
      return { ok: true };
    }
    case 'Node':
      // A dry run must not register the node: its number is only looked at, not assigned.
      fillNodeStatus(
        obj,
        dryRun ? engine.peekNodeNumber(obj.metadata.name) : engine.nodeNumber(obj.metadata.name),
        engine.now,
      );
      return { ok: true };
    case 'Pod': {
      const priority = engine.resolvePriority(obj.spec);
      if (typeof priority === 'string') {
        return {
          error: {
            reason: 'Forbidden',
            resource: 'pods',
            name: obj.metadata.name,
            message: priority,
          },
        };
      }
      return { ok: true };
    }
    case 'Service': {
      const spec = obj.spec;
      if ((spec.type ?? 'ClusterIP') !== 'ExternalName' && !spec.clusterIP) {
        spec.clusterIP = `10.96.${engine.random.int(256)}.${1 + engine.random.int(254)}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      return { ok: true };
    }
    case 'Namespace':
      obj.status = { phase: 'Active' };
      return { ok: true };
    default:
      return { ok: true };
  }
}

/** From the stored object and the admitted new version, the object the store keeps (server fields carried over). */
function mergeUpdate(engine: Engine, existing: KubeObject, incoming: KubeObject): KubeObject {
  const next = cloneData(incoming);
  next.metadata.uid = existing.metadata.uid;
  next.metadata.creationTimestamp = existing.metadata.creationTimestamp;
  next.metadata.resourceVersion = existing.metadata.resourceVersion;
  if (existing.metadata.deletionTimestamp)
    next.metadata.deletionTimestamp = existing.metadata.deletionTimestamp;
  if (existing.metadata.deletionGracePeriodSeconds !== undefined)
    next.metadata.deletionGracePeriodSeconds = existing.metadata.deletionGracePeriodSeconds;
  if (existing.metadata.generateName && !next.metadata.generateName)
    next.metadata.generateName = existing.metadata.generateName;
  if (existing.metadata.ownerReferences && !next.metadata.ownerReferences)
    next.metadata.ownerReferences = existing.metadata.ownerReferences;
  switch (existing.kind) {
    case 'DaemonSet': {
      const ds = next as DaemonSet;
      const specChanged = canonicalJson(ds.spec) !== canonicalJson(existing.spec);
      const templateChanged =
        canonicalJson(ds.spec.template) !== canonicalJson(existing.spec.template);
      ds.metadata.generation = (existing.metadata.generation ?? 1) + (specChanged ? 1 : 0);
      const annotations = copyMap(ds.metadata.annotations);
      const oldGeneration =
        Number(getOwn(existing.metadata.annotations, TEMPLATE_GENERATION_ANNOTATION) ?? '1') || 1;
      annotations[TEMPLATE_GENERATION_ANNOTATION] = String(
        oldGeneration + (templateChanged ? 1 : 0),
      );
      ds.metadata.annotations = annotations;
      ds.status = cloneData(existing.status) as DaemonSet['status'];
      return ds;
    }
    case 'Node': {
      const node = next as Node;
      // Labels the kubelet set stay unless the update names them.
      const labels = copyMap(node.metadata.labels);
      for (const key of [
        'beta.kubernetes.io/arch',
        'beta.kubernetes.io/os',
        'kubernetes.io/arch',
        'kubernetes.io/hostname',
        'kubernetes.io/os',
      ]) {
        const v = getOwn(existing.metadata.labels, key);
        if (v !== undefined && !Object.hasOwn(labels, key) && !isUpdateFromGet(incoming))
          labels[key] = v;
      }
      node.metadata.labels = labels;
      node.spec ??= {};
      node.spec.podCIDR ??= existing.spec?.podCIDR;
      const podCIDRs = (existing.spec as { podCIDRs?: string[] } | undefined)?.podCIDRs;
      if (podCIDRs) (node.spec as { podCIDRs?: string[] }).podCIDRs ??= podCIDRs;
      // Taints the node lifecycle controller manages stay when the manifest does not mention them.
      const taints = node.spec.taints ?? [];
      for (const t of existing.spec?.taints ?? []) {
        if (!t.key.startsWith('node.kubernetes.io/')) continue;
        if (
          !taints.some((x) => x.key === t.key && x.effect === t.effect) &&
          !isUpdateFromGet(incoming)
        )
          taints.push(cloneData(t) as typeof t);
      }
      if (taints.length > 0) node.spec.taints = taints;
      // Status belongs to the kubelet: an update of the object never changes it.
      node.status = cloneData(existing.status) as Node['status'];
      return node;
    }
    case 'Pod': {
      const pod = next as Pod;
      // Pod specs are immutable but for images (validated by admission); the rest stays as stored.
      const spec = cloneData(existing.spec) as Pod['spec'];
      for (const c of spec.containers) {
        const update = (incoming as Pod).spec?.containers?.find((x) => x.name === c.name);
        if (update?.image) c.image = update.image;
      }
      pod.spec = spec;
      pod.status = cloneData(existing.status) as Pod['status'];
      return pod;
    }
    case 'Service': {
      const svc = next as typeof existing;
      svc.spec.clusterIP ??= existing.spec.clusterIP;
      if (existing.spec.clusterIPs) svc.spec.clusterIPs ??= existing.spec.clusterIPs;
      return svc;
    }
    case 'Namespace':
      (next as typeof existing).status = cloneData(existing.status) as typeof existing.status;
      return next;
    default:
      return next;
  }
}

/** Whether an update carries the stored object's identity (a get → modify → update), so omissions are deliberate removals. */
function isUpdateFromGet(obj: KubeObject): boolean {
  return !!obj.metadata.uid;
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => {
    const copy = cloneData(o) as KubeObject;
    copy.metadata.resourceVersion = '';
    return copy;
  };
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

function remove(
  engine: Engine,
  kind: Kind | undefined,
  name: string | undefined,
  namespace: string | undefined,
  grace: number | undefined,
): OperationResult {
  if (!kind || !Object.hasOwn(NAMESPACED, kind) || typeof name !== 'string') {
    return fail({
      reason: 'BadRequest',
      kind: String(kind ?? ''),
      apiVersion: '',
      message: 'invalid delete request',
    });
  }
  const obj = engine.store.get(kind, objectKey(kind, namespace ?? 'default', name));
  if (!obj) return notFound(kind, name);
  switch (obj.kind) {
    case 'Pod': {
      engine.deletePod(
        obj,
        typeof grace === 'number' && Number.isFinite(grace) ? Math.max(0, grace) : undefined,
      );
      const still = engine.store.get('Pod', objectKey('Pod', obj.metadata.namespace, name));
      return { ok: true, action: 'deleted', ...(still ? { object: still } : {}) };
    }
    case 'Namespace': {
      if (SYSTEM_NAMESPACES.has(name)) {
        return fail({
          reason: 'Forbidden',
          resource: 'namespaces',
          name,
          message: 'this namespace may not be deleted',
        });
      }
      for (const k of [
        'DaemonSet',
        'ControllerRevision',
        'ConfigMap',
        'Secret',
        'Service',
        'Event',
      ] as const) {
        for (const o of engine.store.sorted(k))
          if (o.metadata.namespace === name) engine.removeObject(o);
      }
      for (const pod of engine.store.sorted('Pod'))
        if (pod.metadata.namespace === name) engine.deletePod(pod);
      engine.removeObject(obj);
      return { ok: true, action: 'deleted' };
    }
    default:
      engine.removeObject(obj);
      return { ok: true, action: 'deleted' };
  }
}

function evict(engine: Engine, namespace: string, name: string): OperationResult {
  if (typeof namespace !== 'string' || typeof name !== 'string')
    return notFound('Pod', String(name));
  const pod = engine.store.get('Pod', `${namespace}/${name}`);
  if (!pod) return notFound('Pod', name);
  if (!pod.metadata.deletionTimestamp) {
    engine.addPodCondition(pod, {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
    engine.deletePod(pod);
  }
  const still = engine.store.get('Pod', `${namespace}/${name}`);
  return { ok: true, action: 'evicted', ...(still ? { object: still } : {}) };
}

function setNodeCondition(
  engine: Engine,
  name: string,
  type: string,
  status: string,
): OperationResult {
  if (typeof name !== 'string') return notFound('Node', String(name));
  const node = engine.store.get('Node', name);
  if (!node) return notFound('Node', name);
  if (!NODE_CONDITION_TYPES.has(type) || !CONDITION_STATUSES.has(status)) {
    return fail({
      reason: 'BadRequest',
      kind: 'Node',
      apiVersion: 'v1',
      message: `unsupported node condition ${String(type)}=${String(status)}`,
    });
  }
  const ts = toTimestamp(engine.now);
  const old = node.status?.conditions?.find((c) => c.type === type);
  const changed = old?.status !== status;
  const text = conditionText(type, status);
  engine.store.update(node, (n) => {
    n.status ??= {};
    const list: NodeCondition[] = (n.status.conditions ??= []);
    const c = list.find((x) => x.type === type);
    if (c) {
      if (c.status !== status) c.lastTransitionTime = ts;
      c.status = status as NodeCondition['status'];
      c.lastHeartbeatTime = ts;
      c.reason = text.reason;
      c.message = text.message;
    } else {
      list.unshift({
        type,
        status: status as NodeCondition['status'],
        lastHeartbeatTime: ts,
        lastTransitionTime: ts,
        reason: text.reason,
        message: text.message,
      });
    }
  });
  if (changed) {
    if (type === 'Ready') {
      if (status === 'True') {
        engine.recordEvent(
          node,
          'Normal',
          'NodeReady',
          `Node ${name} status is now: NodeReady`,
          'kubelet',
          name,
        );
        engine.kubelet.nodeReadyAgain(name);
      } else {
        engine.recordEvent(
          node,
          'Normal',
          'NodeNotReady',
          `Node ${name} status is now: NodeNotReady`,
          'node-controller',
        );
      }
    } else if (status !== 'Unknown') {
      engine.recordEvent(
        node,
        'Normal',
        text.reason.replace(/^Kubelet/, 'Node'),
        `Node ${name} status is now: ${text.reason.replace(/^Kubelet/, 'Node')}`,
        'kubelet',
        name,
      );
    }
  }
  return { ok: true, action: 'updated', object: node };
}

/**
 * PATCH as the API server handles it (apiserver/pkg/endpoints/handlers/patch.go): the stored
 * object as JSON, the patch merged in, the result decoded with the request's field validation
 * (`Warn` when none is asked for, as by kubectl patch: unknown fields become warnings; `Strict`,
 * as by kubectl apply: they refuse the patch) and then updated like any update.
 */
function patchObject(
  engine: Engine,
  key: { kind?: Kind; name?: string; namespace?: string } | undefined,
  patchType: 'strategic' | 'merge',
  patch: unknown,
  fieldValidation: 'Strict' | 'Warn',
  dryRun: boolean,
): OperationResult {
  const kind = key?.kind;
  const info = KINDS.find((k) => k.kind === kind);
  if (!kind || !info || typeof key?.name !== 'string' || !isObject(patch)) {
    return fail({
      reason: 'BadRequest',
      kind: String(kind ?? ''),
      apiVersion: '',
      message: 'invalid patch request',
    });
  }
  const existing = engine.store.get(kind, objectKey(kind, key.namespace ?? 'default', key.name));
  if (!existing) return notFound(kind, key.name);
  const current = cloneJson(existing) as Record<string, unknown>;
  let merged: Record<string, unknown>;
  try {
    merged =
      patchType === 'merge'
        ? (jsonMergePatch(current, patch) as Record<string, unknown>)
        : applyStrategicPatch(current, patch, structCursor(info.struct));
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    return fail({
      reason: 'Unknown',
      message: error.message,
      ...(error.badRequest ? { statusReason: 'BadRequest' } : {}),
    });
  }
  const decoded = decodeWithUnknownFields(merged, info.struct);
  if (!decoded.ok) {
    // The typed conversion failed: the server names the patch (strategic) or the patched
    // document (merge) as the invalid value of a field called `patch`.
    const strategic = patchType === 'strategic';
    return fail({
      reason: 'Invalid',
      kind: '',
      name: '',
      causes: [
        {
          type: 'Invalid value',
          field: 'patch',
          value: strategic ? goValue(patch) : canonicalJson(merged),
          hasValue: true,
          detail: strategic ? unstructuredMessage(decoded.message) : decoded.message,
        },
      ],
    });
  }
  const unknown = decoded.unknown.map((path) => `unknown field ${goQuote(path)}`);
  if (fieldValidation === 'Strict' && unknown.length > 0) {
    return fail({
      reason: 'BadRequest',
      kind: info.kind,
      apiVersion: info.apiVersion,
      message: `strict decoding error: ${unknown.join(', ')}`,
    });
  }
  const result = write(engine, decoded.value, 'update', dryRun);
  if (!result.ok) return result;
  const warnings = unknown;
  return {
    ok: true,
    action: result.action === 'unchanged' ? 'unchanged' : 'updated',
    ...(result.object ? { object: result.object } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** From encoding/json's type error, what runtime.DefaultUnstructuredConverter says of the same mismatch. */
function unstructuredMessage(message: string): string {
  const match = /cannot unmarshal (\w+) into Go (?:struct field \S+|value) of type (\S+)$/.exec(
    message,
  );
  if (!match) return message;
  const [, json, goType] = match;
  const source =
    { string: 'string', number: 'int64', bool: 'bool', object: 'map', array: 'slice' }[json] ??
    json;
  if (goType.startsWith('[]')) return `cannot restore slice from ${source}`;
  if (goType.startsWith('map[') || goType === 'v1.ResourceList')
    return `cannot restore map from ${source}`;
  if (goType.includes('.')) return `cannot restore struct from: ${source}`;
  if (json === 'number' && goType === 'string') return 'cannot convert int64 to string';
  return `unrecognized type: ${goType}`;
}

/** The resources `sim node NAME allocatable` may set. */
const NODE_RESOURCES = new Set(['cpu', 'memory', 'pods', 'ephemeral-storage']);

/** The kubelet reporting a new size: capacity and allocatable of each named resource. */
function setNodeAllocatable(
  engine: Engine,
  name: string,
  resources: Record<string, string>,
): OperationResult {
  if (typeof name !== 'string') return notFound('Node', String(name));
  const node = engine.store.get('Node', name);
  if (!node) return notFound('Node', name);
  const canonical = new Map<string, string>();
  for (const resource of isObject(resources) ? Object.keys(resources) : []) {
    const text = resources[resource];
    const value = canonicalQuantity(text);
    const amount = parseQuantity(text);
    if (!NODE_RESOURCES.has(resource) || value === undefined || amount === undefined || amount < 0)
      return fail({
        reason: 'BadRequest',
        kind: 'Node',
        apiVersion: 'v1',
        message: `unsupported node resource ${resource}=${String(text)}`,
      });
    canonical.set(resource, value);
  }
  engine.store.update(node, (n) => {
    n.status ??= {};
    const capacity = copyMap(n.status.capacity);
    const allocatable = copyMap(n.status.allocatable);
    for (const [resource, value] of canonical) {
      capacity[resource] = value;
      allocatable[resource] = value;
    }
    n.status.capacity = capacity;
    n.status.allocatable = allocatable;
  });
  return { ok: true, action: 'updated', object: node };
}
