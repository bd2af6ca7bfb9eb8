/**
 * The engine's public contract: the operations a client (the console) sends, the errors the
 * simulated API server returns, and the snapshot a worker posts to the page.
 *
 * The engine is the simulated cluster: it decodes, defaults and validates what it is given as
 * the API server would, so the console passes raw JSON-like values from YAML and prints the
 * structured errors it gets back.
 */
import type { DaemonSetVerdicts, Event, Kind, KubeObject, ObjectOf } from './types.ts';
import type { ClusterDiagnosis } from './diagnosis.ts';

/** `field.Error` of k8s.io/apimachinery: `FIELD: TYPE[: VALUE][: DETAIL]`. */
export interface FieldError {
  type:
    | 'Required value'
    | 'Invalid value'
    | 'Unsupported value'
    | 'Forbidden'
    | 'Duplicate value'
    | 'Not found'
    | 'Too long'
    | 'Too many';
  /** Kubernetes field path, e.g. `spec.template.spec.containers[0].image`. */
  field: string;
  /** The bad value, rendered by the printer as Kubernetes does (strings quoted). Absent for Required/Forbidden. */
  value?: unknown;
  /** Whether `value` is present (a value may legitimately be `undefined`/null). */
  hasValue?: boolean;
  /**
   * The Go type of `value` when its JS type alone does not say how apimachinery prints it:
   * `IntOrString` and `Quantity` print bare (`50%`, `2`), `map[string]string` prints in `%#v`
   * form (`(nil)` when absent), `LabelSelector` prints its protobuf String(), the `core.` and
   * `apps.` structs print in `%#v` form. See `renderFieldError` in engine/api/field-errors.ts.
   */
  valueType?:
    | 'IntOrString'
    | 'Quantity'
    | 'map[string]string'
    | 'LabelSelector'
    | 'core.Toleration'
    | 'core.Taint'
    | 'core.SecurityContext'
    | 'apps.DaemonSetUpdateStrategy';
  detail?: string;
}

/** A failed request, shaped after `metav1.Status` reasons. */
export type ApiError =
  | {
      reason: 'Invalid';
      /** Kind of the object, e.g. "DaemonSet". */
      kind: string;
      name: string;
      causes: FieldError[];
    }
  | {
      /** Decoding failed: wrong type, bad quantity, unknown field (strict decoding). */
      reason: 'BadRequest';
      kind: string;
      /**
       * As written in the manifest (`apps/v1`); kubectl prints only the version part:
       * `DaemonSet in version "v1" cannot be handled as a DaemonSet: <message>`.
       */
      apiVersion: string;
      /** e.g. `strict decoding error: unknown field "spec.template.spec.tolerationz"`. */
      message: string;
    }
  | {
      reason: 'NotFound';
      /** Plural resource with group, as kubectl prints it: `daemonsets.apps`, `pods`, `nodes`, `namespaces`. */
      resource: string;
      name: string;
    }
  | { reason: 'AlreadyExists'; resource: string; name: string }
  | {
      /** kubectl's discovery failure for an unknown kind/apiVersion. */
      reason: 'NoKindMatch';
      kind: string;
      apiVersion: string;
    }
  | {
      /**
       * kubectl's client-side check before sending (getObjectKind in kubectl's validation):
       * `apiVersion not set`, `kind not set`, ... The console prints
       * `error: error validating "FILE": error validating data: <one error, or [a, b] for several>; if you choose to ignore these errors, turn validation off with --validate=false`
       * (`renderObjectKindErrors` in engine/api/kind-check.ts gives the middle part).
       */
      reason: 'ValidationError';
      errors: string[];
    }
  | { reason: 'Forbidden'; resource: string; name: string; message: string }
  /** A failure the API server reports without a reason (a plain Go error, HTTP 500): `Error from server: <message>`. */
  | { reason: 'Unknown'; message: string; statusReason?: 'BadRequest' }
  | { reason: 'Conflict'; resource: string; name: string; message: string };

export interface ObjectKey {
  kind: Kind;
  namespace?: string;
  name: string;
}

/** Typed operations a client executes against the cluster. */
export type Operation =
  /**
   * Create the object, or update it if it exists (`kubectl apply`). `object` is untrusted JSON
   * from YAML; the engine decodes (strictly), defaults and validates it.
   */
  | { op: 'apply'; object: unknown; dryRun?: boolean }
  /** Create only; AlreadyExists if present (`kubectl create namespace`). */
  | { op: 'create'; object: unknown }
  /**
   * Replace an existing object with a modified copy of what `get` returned (taint, label,
   * cordon, set image, patch, rollout undo/restart all go through this). Validated like apply.
   */
  | { op: 'update'; object: unknown }
  /**
   * PATCH: the stored object merged with `patch` on the server (`strategic`: strategic merge
   * patch with the merge keys of the v1.32 types; `merge`: RFC 7386 JSON merge patch), then
   * admitted like an update. Without field validation (kubectl patch asks for none) unknown
   * fields come back as warnings (`unknown field "spec.x"`) and are dropped. Answers `updated`, or `unchanged` when
   * the merged object is the stored one.
   */
  | {
      op: 'patch';
      key: ObjectKey;
      patchType: 'strategic' | 'merge';
      patch: unknown;
      /** `Strict` (what kubectl apply asks for) refuses unknown fields with BadRequest. */
      fieldValidation?: 'Strict' | 'Warn';
      /** Server-side dry run (`kubectl diff`): the answer as for a real patch, nothing stored. */
      dryRun?: boolean;
    }
  /** Graceful delete; dependents are garbage-collected in the background. */
  | { op: 'delete'; key: ObjectKey; gracePeriodSeconds?: number }
  /** The Eviction subresource (used by drain). */
  | { op: 'evict'; namespace: string; name: string }
  /** The kubelet reporting a node condition (`sim node NAME condition TYPE=STATUS`). */
  | {
      op: 'setNodeCondition';
      node: string;
      type: 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';
      status: 'True' | 'False' | 'Unknown';
    }
  /**
   * The kubelet reporting a new size (`sim node NAME allocatable cpu=4 memory=8Gi pods=110`):
   * each named resource's capacity and allocatable become the given quantity. An update of the
   * Node object never changes its status, as in Kubernetes.
   */
  | { op: 'setNodeAllocatable'; node: string; resources: Record<string, string> };

export type OperationResult =
  | {
      ok: true;
      /** What kubectl prints after `kind/name`: created, configured, unchanged, deleted, evicted, ... */
      action: 'created' | 'configured' | 'unchanged' | 'deleted' | 'evicted' | 'updated';
      /** The stored object after the operation (absent after a delete that removed it at once). */
      object?: KubeObject;
      /** Non-fatal notices the API server returns (e.g. `Warning: ...` headers). */
      warnings?: string[];
    }
  | { ok: false; error: ApiError };

export interface ListOptions {
  /** Undefined = all namespaces. Ignored for cluster-scoped kinds. */
  namespace?: string;
  /** A parsed-by-the-engine label selector string, e.g. `app=web,tier!=db,env in (a,b)`. */
  labelSelector?: string;
  /**
   * Comma-separated `field=value`, `field==value` or `field!=value` terms over the kind's
   * selectable fields as the API server lists them (metadata.name everywhere, metadata.namespace
   * for namespaced kinds, and per kind e.g. a Pod's spec.nodeName and status.phase, an Event's
   * involvedObject.* and reason, a Node's spec.unschedulable: cluster.ts SELECTABLE_FIELDS). An
   * unknown field is the error `field label not supported: FIELD`.
   */
  fieldSelector?: string;
}

/** Result of `settle`: whether the cluster stopped changing, and if not what still changes. */
export interface SettleResult {
  settled: boolean;
  /** Simulated ms that passed. */
  elapsedMs: number;
  /** When not settled: a short description of what is still changing (for the console's one line). */
  stillChanging?: string;
}

/**
 * A plain, structured-clone-safe picture of the cluster: everything the page draws and
 * everything `restore` needs to continue exactly.
 */
export interface ClusterSnapshot {
  format: 1;
  seed: number;
  /** Simulated milliseconds since the cluster was created. */
  timeMs: number;
  /** Every stored object of every kind, sorted as the API server lists them (namespace, name). */
  objects: { [K in Kind]: ObjectOf<K>[] };
  /** One entry per DaemonSet, in (namespace, name) order. */
  verdicts: DaemonSetVerdicts[];
  /**
   * Why pods are not available and rollouts wait (`view` only: a page draws it, a restore does
   * not need it).
   */
  diagnosis?: ClusterDiagnosis;
  /** Opaque engine internals (random state, task queue, counters) so `restore` is exact. */
  internal: unknown;
}

/**
 * One write to a stored object other than an event, as `Cluster.onWrite` reports it: the
 * change feed a recorder of the cluster's history (`history.ts`) is built on.
 */
export interface ObjectWrite {
  /**
   * The cluster's revision once the write is done: the object's new resourceVersion for a
   * create or an update. A deletion takes a revision of its own too, as etcd gives a delete
   * event a new resourceVersion; the deleted object keeps its last one.
   */
  revision: number;
  /** Simulated ms at the write. */
  timeMs: number;
  change: 'add' | 'update' | 'delete';
  kind: Exclude<Kind, 'Event'>;
  /**
   * The object as written (for a deletion, as it was last stored): a frozen copy, the very one
   * views hand out while the object stays unchanged.
   */
  object: KubeObject;
}

/** The cluster as the console and the worker see it. Implemented in cluster.ts. */
export interface Cluster {
  /** Simulated ms since creation. */
  readonly now: number;
  /**
   * Grows whenever any stored object (events included) is written: the same revision means
   * the same objects, so a page can skip a view of a clock tick that changed nothing.
   */
  readonly revision: number;
  execute(operation: Operation): OperationResult;
  get<K extends Kind>(kind: K, name: string, namespace?: string): ObjectOf<K> | undefined;
  /** Objects of a kind, sorted as the API server lists them; an invalid selector is an error. */
  list<K extends Kind>(kind: K, options?: ListOptions): ObjectOf<K>[] | { error: string };
  /** Events about one object, oldest first (for `describe`). */
  eventsFor(kind: Kind, name: string, namespace?: string): Event[];
  /**
   * Every event created or changed after resourceVersion `rv` (0: all), oldest version first:
   * what a watch from `rv` would have delivered, without deletions. The worker feeds the
   * page's event subscriptions with it.
   */
  eventsSince(rv: number): Event[];
  /** Verdicts of one DaemonSet (undefined if it does not exist). */
  verdictsFor(namespace: string, name: string): DaemonSetVerdicts | undefined;
  /** Advance simulated time by `ms`, running every task that falls due, in (dueAt, seq) order. */
  advance(ms: number): void;
  /** Due time of the next queued task, or undefined when nothing is queued. */
  nextDueAt(): number | undefined;
  /** Advance until nothing changes any more (ImagePullBackOff counts as settled) or `capMs` passes. */
  settle(capMs?: number): SettleResult;
  snapshot(): ClusterSnapshot;
  /**
   * What a page draws, cheaper than `snapshot`: the same objects (shared frozen copies) and
   * verdicts with `internal: null`, so it cannot be restored. With `events: false` the Event
   * list is empty (a page takes events from `eventsSince` instead).
   */
  view(options?: { events?: boolean }): ClusterSnapshot;
  /**
   * Calls `listener` after every write to a stored object other than an event (events have
   * `eventsSince`), in the order of the writes, including each one of several writes within a
   * single command or instant. Returns the function that stops the calls. A dry run writes
   * nothing and a restore is not a write, so neither is reported. While nobody listens, writes
   * cost nothing extra; a listener costs a frozen copy per write.
   */
  onWrite(listener: (write: ObjectWrite) => void): () => void;
}
