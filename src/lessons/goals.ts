/**
 * The goal language: what a lesson asks of the cluster, as data. Lessons are written by docs
 * authors and loaded into other people's pages, so a goal can only name objects and the facts
 * that matter about them, never run code. A goal holds one or more predicates and is met when
 * all of them hold; each predicate is a key of the goal (`podsOnNodes: {...}`).
 *
 * Predicates about now read the last moment of the timeline; history predicates (`alwaysAvailable`,
 * `atMostUnavailable`) read every moment since the lesson began: in the worker and the checker,
 * the cluster after every object write the recorder heard (`src/engine/history.ts`), so a bad
 * moment that passes within one command or clock step is seen too (`timeline.ts`).
 */
import type {
  DaemonSet,
  Kind,
  Node,
  Pod,
  KubeObject,
  ClusterSnapshot,
} from '../protocol/cluster.ts';
import { EPOCH_MS } from '../kube/constants.ts';
import { isPodReady } from '../kube/pod-columns.ts';
import { targetNodeName } from '../kube/target-node.ts';
import { parseTimestamp } from '../kube/timestamp.ts';
import {
  boolean,
  childPath,
  integer,
  list,
  object,
  refine,
  text,
  textMap,
  type Schema,
  type SchemaIssue,
} from './schema.ts';

/**
 * What goals read of one moment: the simulated time, the objects and the verdicts (a view's,
 * or between views the objects after one write; see `timeline.ts`).
 */
export type Sample = Pick<ClusterSnapshot, 'timeMs' | 'objects' | 'verdicts'>;

/** A value a `fields` goal expects: a scalar, a list of scalars, or null for "not set". */
export type FieldValue = string | number | boolean | null | (string | number | boolean)[];

/** Which nodes a predicate speaks about; every given part must hold (empty: every node). */
export interface NodeMatch {
  names?: string[];
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** A DaemonSet named by the predicate (namespace `default` unless given). */
interface DaemonSetRef {
  daemonSet: string;
  namespace?: string;
}

export interface Predicates {
  /** Exactly one running pod of the DaemonSet on each matching node, and none on any other. */
  podsOnNodes?: DaemonSetRef & { nodes?: NodeMatch };
  /** The DaemonSet has pods, and every one runs `image` (in `container`, else every container) and is (not) Ready. */
  everyPod?: DaemonSetRef & { image?: string; container?: string; ready?: boolean };
  /** `kubectl rollout status` would say the rollout finished. */
  rolloutComplete?: DaemonSetRef;
  /** The pod named `pod`, or the pods of `daemonSet` (on `node` if given), are in this state. */
  podState?: {
    pod?: string;
    daemonSet?: string;
    namespace?: string;
    node?: string;
    phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
    ready?: boolean;
    reason?: string;
  };
  /** A node exists and has (or lacks) these labels, taints and cordon. */
  nodeState?: {
    name: string;
    labels?: Record<string, string>;
    withoutLabels?: string[];
    taints?: { key: string; value?: string; effect: string }[];
    withoutTaints?: { key: string; effect?: string }[];
    unschedulable?: boolean;
  };
  /** An object of this kind and name exists (and is not being deleted). */
  exists?: { kind: Kind; name: string; namespace?: string };
  /** No object of this kind and name exists. */
  absent?: { kind: Kind; name: string; namespace?: string };
  /**
   * An object's fields hold these values. Each key is a path of field names, where a list item
   * is picked by index or by name (`spec.template.spec.containers[name=agent].securityContext.runAsNonRoot`);
   * each value is a text, number, boolean or list of them, or null for "not set".
   */
  fields?: { kind: Kind; name: string; namespace?: string; equals: Record<string, FieldValue> };
  /** History: at every moment since the lesson began (after every object write), every matching node (default: every node the DaemonSet should run on) had an available pod of it. */
  alwaysAvailable?: DaemonSetRef & { nodes?: NodeMatch };
  /** History: at every moment since the lesson began, at most `count` nodes the DaemonSet should run on lacked an available pod of it. */
  atMostUnavailable?: DaemonSetRef & { count: number };
}

/** One goal of a lesson: a stable id (test hooks, progress), the sentence shown, its predicates. */
export type Goal = { id: string; text: string } & Predicates;

/** Whether a goal holds, and if not, a sentence saying what is missing. */
export interface GoalResult {
  met: boolean;
  /** Why it is unmet (empty when met). */
  detail: string;
}

// ---------------------------------------------------------------------------------------------
// Schema

const PREDICATE_NAMES = [
  'podsOnNodes',
  'everyPod',
  'rolloutComplete',
  'podState',
  'nodeState',
  'exists',
  'absent',
  'fields',
  'alwaysAvailable',
  'atMostUnavailable',
] as const;

const KINDS = [
  'Namespace',
  'Node',
  'Pod',
  'DaemonSet',
  'ControllerRevision',
  'ConfigMap',
  'Secret',
  'Service',
  'PriorityClass',
] as const satisfies readonly Kind[];

const slug = text({
  pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  patternHint: 'lower-case words joined by -',
});
const dsRef = { daemonSet: text() };
const nsOpt = { namespace: text() };

const nodeMatch: Schema<NodeMatch> = object(
  {},
  {
    names: list(text(), { min: 1 }),
    matchLabels: textMap(),
    matchExpressions: list(
      refine(
        object(
          { key: text(), operator: text({ oneOf: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }) },
          { values: list(text(), { min: 1 }) },
        ),
        (e, path, issues) => {
          const needs = e.operator === 'In' || e.operator === 'NotIn';
          if (needs && !e.values)
            issues.push({
              path: childPath(path, 'values'),
              message: `is required with ${e.operator}`,
            });
          if (!needs && e.values)
            issues.push({
              path: childPath(path, 'values'),
              message: `must be left out with ${e.operator}`,
            });
        },
      ),
      { min: 1 },
    ),
  },
) as Schema<NodeMatch>;

const objectRef = object({ kind: text({ oneOf: KINDS }), name: text() }, nsOpt);

/** One step of a field path: a field name, optionally followed by `[N]` or `[name=X]`. */
const FIELD_STEP = /^([A-Za-z][A-Za-z0-9_-]*)(?:\[(\d+|name=[^\]]+)\])?$/;

/** From a field path (`a.b[name=x].c`), its steps, or undefined when it is malformed. */
function fieldSteps(path: string): { field: string; pick?: string }[] | undefined {
  // A `[name=...]` may hold dots (`name=kube.io`), so split on dots outside brackets only.
  const parts = path.match(/(?:[^.[]|\[[^\]]*\])+/g) ?? [];
  if (parts.length === 0 || parts.join('.') !== path) return undefined;
  const steps: { field: string; pick?: string }[] = [];
  for (const part of parts) {
    const m = FIELD_STEP.exec(part);
    if (!m) return undefined;
    steps.push({ field: m[1], pick: m[2] });
  }
  return steps;
}

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A mapping from field paths to the values they must hold. */
const fieldValues: Schema<Record<string, FieldValue>> = {
  parse(value, path, issues) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ path, message: 'must be a mapping from field paths to values' });
      return undefined;
    }
    const out = Object.create(null) as Record<string, FieldValue>;
    const before = issues.length;
    const entries = Object.entries(value);
    if (entries.length === 0) issues.push({ path, message: 'must name at least one field' });
    for (const [key, v] of entries) {
      if (!fieldSteps(key))
        issues.push({
          path: childPath(path, key),
          message:
            'is not a field path (write it like spec.template.spec.containers[name=agent].image)',
        });
      else if (v === null || isScalar(v) || (Array.isArray(v) && v.every(isScalar))) out[key] = v;
      else
        issues.push({
          path: childPath(path, key),
          message: 'must be a text, number, boolean, a list of them, or null for "not set"',
        });
    }
    return issues.length === before ? out : undefined;
  },
};

const predicateSchemas: { [K in keyof Predicates]-?: Schema<NonNullable<Predicates[K]>> } = {
  podsOnNodes: object(dsRef, { ...nsOpt, nodes: nodeMatch }),
  everyPod: refine(
    object(dsRef, { ...nsOpt, image: text(), container: text(), ready: boolean() }),
    (p, path, issues) => {
      if (p.image === undefined && p.ready === undefined)
        issues.push({ path, message: 'must name an image or ready (or both)' });
      if (p.container !== undefined && p.image === undefined)
        issues.push({ path: childPath(path, 'container'), message: 'only makes sense with image' });
    },
  ),
  rolloutComplete: object(dsRef, nsOpt),
  podState: refine(
    object(
      {},
      {
        pod: text(),
        daemonSet: text(),
        namespace: text(),
        node: text(),
        phase: text({ oneOf: ['Pending', 'Running', 'Succeeded', 'Failed'] }),
        ready: boolean(),
        reason: text(),
      },
    ),
    (p, path, issues) => {
      if ((p.pod === undefined) === (p.daemonSet === undefined))
        issues.push({ path, message: 'must name exactly one of pod and daemonSet' });
      if (p.phase === undefined && p.ready === undefined && p.reason === undefined)
        issues.push({ path, message: 'must say at least one of phase, ready and reason' });
    },
  ) as Schema<NonNullable<Predicates['podState']>>,
  nodeState: object(
    { name: text() },
    {
      labels: textMap(),
      withoutLabels: list(text(), { min: 1 }),
      taints: list(
        object(
          { key: text(), effect: text({ oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }) },
          { value: text({ empty: true }) },
        ),
        { min: 1 },
      ),
      withoutTaints: list(
        object(
          { key: text() },
          { effect: text({ oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }) },
        ),
        { min: 1 },
      ),
      unschedulable: boolean(),
    },
  ),
  exists: objectRef,
  absent: objectRef,
  fields: object(
    { kind: text({ oneOf: KINDS }), name: text(), equals: fieldValues },
    nsOpt,
  ) as Schema<NonNullable<Predicates['fields']>>,
  alwaysAvailable: object(dsRef, { ...nsOpt, nodes: nodeMatch }),
  atMostUnavailable: object({ ...dsRef, count: integer({ min: 0 }) }, nsOpt),
} as { [K in keyof Predicates]-?: Schema<NonNullable<Predicates[K]>> };

/** The schema of one goal: id, text and at least one predicate, nothing else. */
export const goalSchema: Schema<Goal> = refine(
  object({ id: slug, text: text() }, predicateSchemas),
  (goal, path, issues) => {
    if (!PREDICATE_NAMES.some((name) => goal[name] !== undefined))
      issues.push({
        path,
        message: `must hold at least one predicate: ${PREDICATE_NAMES.join(', ')}`,
      });
  },
) as Schema<Goal>;

/** The schema of a lesson's goal list: at least one goal, ids not repeated. */
export const goalsSchema: Schema<Goal[]> = refine(
  list(goalSchema, { min: 1 }),
  (goals, path, issues) => {
    const seen = new Set<string>();
    goals.forEach((g, i) => {
      if (seen.has(g.id))
        issues.push({
          path: childPath(childPath(path, i), 'id'),
          message: `repeats the goal id "${g.id}"`,
        });
      seen.add(g.id);
    });
  },
);

/** From a list of goals read from YAML, the goals or the problems (paths under `path`). */
export function parseGoals(
  value: unknown,
  path = 'goals',
): { goals?: Goal[]; issues: SchemaIssue[] } {
  const issues: SchemaIssue[] = [];
  const goals = goalsSchema.parse(value, path, issues);
  return { goals, issues };
}

// ---------------------------------------------------------------------------------------------
// Reading a sample

function podsOf(sample: Sample, ref: DaemonSetRef): Pod[] {
  const namespace = ref.namespace ?? 'default';
  return sample.objects.Pod.filter(
    (p) =>
      p.metadata.namespace === namespace &&
      p.metadata.deletionTimestamp === undefined &&
      (p.metadata.ownerReferences ?? []).some(
        (o) => o.kind === 'DaemonSet' && o.controller === true && o.name === ref.daemonSet,
      ),
  );
}

function daemonSetOf(sample: Sample, ref: DaemonSetRef): DaemonSet | undefined {
  const namespace = ref.namespace ?? 'default';
  return sample.objects.DaemonSet.find(
    (d) => d.metadata.name === ref.daemonSet && d.metadata.namespace === namespace,
  );
}

function matchesNode(node: Node, match: NodeMatch | undefined): boolean {
  if (!match) return true;
  const labels = node.metadata.labels ?? {};
  if (match.names && !match.names.includes(node.metadata.name)) return false;
  for (const [k, v] of Object.entries(match.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of match.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const ok =
      e.operator === 'Exists'
        ? has
        : e.operator === 'DoesNotExist'
          ? !has
          : e.operator === 'In'
            ? has && (e.values ?? []).includes(labels[e.key])
            : !has || !(e.values ?? []).includes(labels[e.key]);
    if (!ok) return false;
  }
  return true;
}

function dsName(ref: DaemonSetRef): string {
  return ref.namespace && ref.namespace !== 'default'
    ? `${ref.namespace}/${ref.daemonSet}`
    : ref.daemonSet;
}

function names(list: string[]): string {
  return list.length <= 3
    ? list.join(', ')
    : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}

const MET: GoalResult = { met: true, detail: '' };
const unmet = (detail: string): GoalResult => ({ met: false, detail });

// ---------------------------------------------------------------------------------------------
// Predicates

function podsOnNodes(p: NonNullable<Predicates['podsOnNodes']>, now: Sample): GoalResult {
  if (!daemonSetOf(now, p)) return unmet(`DaemonSet ${dsName(p)} does not exist`);
  const pods = podsOf(now, p);
  const wanted = now.objects.Node.filter((n) => matchesNode(n, p.nodes)).map(
    (n) => n.metadata.name,
  );
  if (wanted.length === 0) return unmet('no node matches the goal');
  const missing: string[] = [];
  const doubled: string[] = [];
  for (const node of wanted) {
    const running = pods.filter(
      (pod) => pod.spec.nodeName === node && pod.status.phase === 'Running',
    );
    if (running.length === 0) missing.push(node);
    else if (running.length > 1) doubled.push(node);
  }
  const extra = [
    ...new Set(
      pods.map(targetNodeName).filter((n): n is string => n !== undefined && !wanted.includes(n)),
    ),
  ].sort();
  if (missing.length > 0) return unmet(`no running pod of ${dsName(p)} on ${names(missing)}`);
  if (doubled.length > 0) return unmet(`more than one pod of ${dsName(p)} on ${names(doubled)}`);
  if (extra.length > 0) return unmet(`${dsName(p)} also has a pod on ${names(extra)}`);
  return MET;
}

/** Pods in node-name order, so the pod a sentence names does not depend on generated names. */
function byNode(pods: Pod[]): Pod[] {
  return pods
    .map((pod) => ({ pod, node: targetNodeName(pod) ?? '' }))
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))
    .map((x) => x.pod);
}

function everyPod(p: NonNullable<Predicates['everyPod']>, now: Sample): GoalResult {
  const pods = byNode(podsOf(now, p));
  if (pods.length === 0) return unmet(`DaemonSet ${dsName(p)} has no pods`);
  for (const pod of pods) {
    const where = `the pod of ${dsName(p)} on ${targetNodeName(pod) ?? 'no node'}`;
    if (p.image !== undefined) {
      const containers = pod.spec.containers.filter(
        (c) => p.container === undefined || c.name === p.container,
      );
      if (containers.length === 0) return unmet(`${where} has no container ${p.container}`);
      const other = containers.find((c) => c.image !== p.image);
      if (other) return unmet(`${where} runs ${other.image}, not ${p.image}`);
    }
    if (p.ready !== undefined && isPodReady(pod) !== p.ready)
      return unmet(`${where} is ${p.ready ? 'not Ready' : 'Ready'}`);
  }
  return MET;
}

/**
 * Whether `kubectl rollout status` would report the rollout done
 * (DaemonSetStatusViewer in kubectl/pkg/polymorphichelpers/rollout_status.go).
 */
function rolloutComplete(p: NonNullable<Predicates['rolloutComplete']>, now: Sample): GoalResult {
  const ds = daemonSetOf(now, p);
  if (!ds) return unmet(`DaemonSet ${dsName(p)} does not exist`);
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    return unmet(`DaemonSet ${dsName(p)} does not use the RollingUpdate strategy`);
  const s = ds.status;
  if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return unmet(`the controller has not yet seen the latest spec of ${dsName(p)}`);
  if ((s.updatedNumberScheduled ?? 0) < s.desiredNumberScheduled)
    return unmet(
      `${s.updatedNumberScheduled ?? 0} of ${s.desiredNumberScheduled} pods of ${dsName(p)} are updated`,
    );
  if ((s.numberAvailable ?? 0) < s.desiredNumberScheduled)
    return unmet(
      `${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled} updated pods of ${dsName(p)} are available`,
    );
  return MET;
}

function waitingReason(pod: Pod): string | undefined {
  for (const c of [
    ...(pod.status.initContainerStatuses ?? []),
    ...(pod.status.containerStatuses ?? []),
  ])
    if (c.state.waiting?.reason) return c.state.waiting.reason;
  return pod.status.reason;
}

function podState(p: NonNullable<Predicates['podState']>, now: Sample): GoalResult {
  const namespace = p.namespace ?? 'default';
  let pods: Pod[];
  let what: string;
  if (p.pod !== undefined) {
    pods = now.objects.Pod.filter(
      (x) => x.metadata.name === p.pod && x.metadata.namespace === namespace,
    );
    what = `pod ${p.pod}`;
  } else {
    const ref = { daemonSet: p.daemonSet ?? '', namespace: p.namespace };
    pods = podsOf(now, ref);
    what = `the pod of ${dsName(ref)}`;
  }
  if (p.node !== undefined) {
    pods = pods.filter((x) => targetNodeName(x) === p.node);
    what += ` on ${p.node}`;
  }
  if (pods.length === 0) return unmet(`there is no ${what.replace(/^the /, '')}`);
  for (const pod of byNode(pods)) {
    if (p.phase !== undefined && pod.status.phase !== p.phase)
      return unmet(`${what} is ${pod.status.phase}, not ${p.phase}`);
    if (p.ready !== undefined && isPodReady(pod) !== p.ready)
      return unmet(`${what} is ${p.ready ? 'not Ready' : 'Ready'}`);
    if (p.reason !== undefined && waitingReason(pod) !== p.reason)
      return unmet(`${what} shows ${waitingReason(pod) ?? 'no reason'}, not ${p.reason}`);
  }
  return MET;
}

function nodeState(p: NonNullable<Predicates['nodeState']>, now: Sample): GoalResult {
  const node = now.objects.Node.find((n) => n.metadata.name === p.name);
  if (!node) return unmet(`node ${p.name} does not exist`);
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(p.labels ?? {}))
    if (labels[k] !== v) return unmet(`node ${p.name} is not labelled ${k}=${v}`);
  for (const k of p.withoutLabels ?? [])
    if (Object.hasOwn(labels, k)) return unmet(`node ${p.name} still has the label ${k}`);
  const taints = node.spec.taints ?? [];
  for (const t of p.taints ?? []) {
    const found = taints.some(
      (x) => x.key === t.key && x.effect === t.effect && (x.value ?? '') === (t.value ?? ''),
    );
    const shown = `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
    if (!found) return unmet(`node ${p.name} has no taint ${shown}`);
  }
  for (const t of p.withoutTaints ?? []) {
    const found = taints.find(
      (x) => x.key === t.key && (t.effect === undefined || x.effect === t.effect),
    );
    if (found) return unmet(`node ${p.name} still has the taint ${found.key}:${found.effect}`);
  }
  if (p.unschedulable !== undefined && (node.spec.unschedulable === true) !== p.unschedulable)
    return unmet(`node ${p.name} is ${p.unschedulable ? 'not cordoned' : 'cordoned'}`);
  return MET;
}

const CLUSTER_SCOPED: readonly Kind[] = ['Namespace', 'Node', 'PriorityClass'];

function findObject(
  now: Sample,
  ref: { kind: Kind; name: string; namespace?: string },
): KubeObject | undefined {
  const namespace = CLUSTER_SCOPED.includes(ref.kind) ? undefined : (ref.namespace ?? 'default');
  const list = now.objects[ref.kind] as readonly KubeObject[];
  return list.find(
    (o) =>
      o.metadata.name === ref.name &&
      (namespace === undefined || o.metadata.namespace === namespace),
  );
}

function refName(ref: { kind: Kind; name: string; namespace?: string }): string {
  return `${ref.kind} ${ref.namespace && !CLUSTER_SCOPED.includes(ref.kind) ? `${ref.namespace}/` : ''}${ref.name}`;
}

function exists(p: NonNullable<Predicates['exists']>, now: Sample): GoalResult {
  const found = findObject(now, p);
  if (!found) return unmet(`${refName(p)} does not exist`);
  if (found.metadata.deletionTimestamp !== undefined)
    return unmet(`${refName(p)} is being deleted`);
  return MET;
}

function absent(p: NonNullable<Predicates['absent']>, now: Sample): GoalResult {
  return findObject(now, p) ? unmet(`${refName(p)} still exists`) : MET;
}

/** From an object and a field path, the value there (undefined when any step is missing). */
function readField(obj: unknown, path: string): unknown {
  let here: unknown = obj;
  for (const step of fieldSteps(path) ?? []) {
    if (typeof here !== 'object' || here === null || Array.isArray(here)) return undefined;
    here = Object.hasOwn(here, step.field)
      ? (here as Record<string, unknown>)[step.field]
      : undefined;
    if (step.pick === undefined) continue;
    if (!Array.isArray(here)) return undefined;
    if (step.pick.startsWith('name=')) {
      const name = step.pick.slice('name='.length);
      here = here.find(
        (item: unknown) =>
          typeof item === 'object' && item !== null && (item as { name?: unknown }).name === name,
      );
    } else here = here[Number(step.pick)];
  }
  return here;
}

function sameFieldValue(actual: unknown, expected: FieldValue): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((v, i) => actual[i] === v)
    );
  return actual === expected;
}

function showValue(v: unknown): string {
  return v === undefined || v === null ? 'not set' : JSON.stringify(v);
}

function fields(p: NonNullable<Predicates['fields']>, now: Sample): GoalResult {
  const found = findObject(now, p);
  if (!found) return unmet(`${refName(p)} does not exist`);
  for (const [path, expected] of Object.entries(p.equals)) {
    const actual = readField(found, path);
    if (!sameFieldValue(actual, expected))
      return unmet(`${refName(p)} has ${path} ${showValue(actual)}, not ${showValue(expected)}`);
  }
  return MET;
}

/** A simulated time as the console prints it since the lesson began (`at 1m30s`). */
function at(timeMs: number, startMs: number): string {
  const s = Math.round((timeMs - startMs) / 1000);
  return `${s >= 60 ? `${Math.floor(s / 60)}m` : ''}${s % 60}s into the lesson`;
}

/** Node names in name order (code units, as the API server lists nodes). */
function byName(nodes: Iterable<string>): string[] {
  return [...nodes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One object write, as the recorder reports it (the engine's `HistoryEntry` fits). */
export interface GoalWrite {
  timeMs: number;
  change: 'add' | 'update' | 'delete';
  kind: Kind;
  object: KubeObject;
}

/** From a pod, the instant it turned Ready (simulated ms), or undefined when it is not Ready. */
function readySince(pod: Pod): number | undefined {
  const ready = (pod.status.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return undefined;
  const at = parseTimestamp(ready.lastTransitionTime);
  return at === undefined ? Number.POSITIVE_INFINITY : at - EPOCH_MS;
}

/**
 * Which nodes a DaemonSet's pods cover, kept up to date write by write, so judging a moment
 * costs the write, not the cluster. A node counts when it matches `nodes` or, without it, when
 * the engine's verdicts say the DaemonSet should run there (verdicts are computed, not stored:
 * between two views the ones of the view that ends the step are used), and it exists. It is
 * covered when a pod of the DaemonSet on it, not being deleted, is available: Ready for longer
 * than minReadySeconds (podutil.IsPodAvailable in kubernetes/pkg/api/v1/pod/util.go). A pod
 * waiting out minReadySeconds becomes available as time passes, with no write.
 */
class Coverage {
  #namespace: string;
  #name: string;
  #match: NodeMatch | undefined;
  #minReadyMs = 0;
  #nodes = new Map<string, Node>();
  #shouldRun = new Set<string>();
  #counted = new Set<string>();
  /** The DaemonSet's pods, not being deleted, by namespace/name. */
  #pods = new Map<string, Pod>();
  /** The node each available pod covers. */
  #covers = new Map<string, string>();
  /** How many available pods each node has. */
  #available = new Map<string, number>();
  /** Ready pods waiting out minReadySeconds, with the instant they become available. */
  #waiting = new Map<string, number>();
  /** Counted nodes without an available pod. */
  #bare = new Set<string>();

  constructor(ref: DaemonSetRef, match: NodeMatch | undefined) {
    this.#namespace = ref.namespace ?? 'default';
    this.#name = ref.daemonSet;
    this.#match = match;
  }

  /** Starts again from a whole moment. */
  load(moment: Sample): void {
    this.#nodes = new Map(moment.objects.Node.map((n) => [n.metadata.name, n]));
    this.#setShouldRun(moment.verdicts);
    this.#minReadyMs = 0;
    for (const ds of moment.objects.DaemonSet) this.#daemonSet(ds);
    this.#pods.clear();
    this.#covers.clear();
    this.#available.clear();
    this.#waiting.clear();
    this.#counted.clear();
    this.#bare.clear();
    for (const node of this.#nodes.keys()) this.#refreshNode(node);
    for (const pod of moment.objects.Pod) this.#pod(pod, 'update', moment.timeMs);
  }

  /** The verdicts of the view that ends the step the next writes belong to. */
  useVerdicts(verdicts: Sample['verdicts']): void {
    if (this.#match) return;
    this.#setShouldRun(verdicts);
    for (const node of new Set([...this.#counted, ...this.#shouldRun])) this.#refreshNode(node);
  }

  /** Takes in one write. */
  write(w: GoalWrite): void {
    if (w.kind === 'Node') {
      const name = w.object.metadata.name;
      if (w.change === 'delete') this.#nodes.delete(name);
      else this.#nodes.set(name, w.object as Node);
      this.#refreshNode(name);
    } else if (w.kind === 'DaemonSet') {
      const before = this.#minReadyMs;
      this.#daemonSet(w.object as DaemonSet, w.change === 'delete');
      if (this.#minReadyMs !== before)
        for (const pod of [...this.#pods.values()]) this.#pod(pod, 'update', w.timeMs);
    } else if (w.kind === 'Pod') this.#pod(w.object as Pod, w.change, w.timeMs);
  }

  /** The counted nodes without an available pod at `timeMs` (a live set: read it at once). */
  bareAt(timeMs: number): ReadonlySet<string> {
    for (const [key, availableAt] of this.#waiting)
      if (availableAt < timeMs) {
        this.#waiting.delete(key);
        const pod = this.#pods.get(key);
        if (pod) this.#cover(key, pod.spec.nodeName ?? '');
      }
    return this.#bare;
  }

  #setShouldRun(verdicts: Sample['verdicts']): void {
    const mine = verdicts.find((v) => v.name === this.#name && v.namespace === this.#namespace);
    this.#shouldRun = new Set((mine?.nodes ?? []).filter((n) => n.shouldRun).map((n) => n.node));
  }

  #daemonSet(ds: DaemonSet, deleted = false): void {
    if (ds.metadata.name !== this.#name || ds.metadata.namespace !== this.#namespace) return;
    this.#minReadyMs = deleted ? 0 : (ds.spec.minReadySeconds ?? 0) * 1000;
  }

  #refreshNode(name: string): void {
    const node = this.#nodes.get(name);
    const counted =
      node !== undefined &&
      (this.#match ? matchesNode(node, this.#match) : this.#shouldRun.has(name));
    if (counted) this.#counted.add(name);
    else this.#counted.delete(name);
    if (counted && !(this.#available.get(name) ?? 0)) this.#bare.add(name);
    else this.#bare.delete(name);
  }

  #pod(pod: Pod, change: GoalWrite['change'], timeMs: number): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
    this.#uncover(key);
    this.#waiting.delete(key);
    const mine =
      change !== 'delete' &&
      pod.metadata.namespace === this.#namespace &&
      pod.metadata.deletionTimestamp === undefined &&
      (pod.metadata.ownerReferences ?? []).some(
        (o) => o.kind === 'DaemonSet' && o.controller === true && o.name === this.#name,
      );
    if (!mine) {
      this.#pods.delete(key);
      return;
    }
    this.#pods.set(key, pod);
    const since = readySince(pod);
    if (since === undefined || !pod.spec.nodeName) return;
    if (this.#minReadyMs === 0) this.#cover(key, pod.spec.nodeName);
    else if (since + this.#minReadyMs < timeMs) this.#cover(key, pod.spec.nodeName);
    else if (Number.isFinite(since)) this.#waiting.set(key, since + this.#minReadyMs);
  }

  #cover(key: string, node: string): void {
    if (!node) return;
    this.#covers.set(key, node);
    this.#available.set(node, (this.#available.get(node) ?? 0) + 1);
    this.#refreshNode(node);
  }

  #uncover(key: string): void {
    const node = this.#covers.get(key);
    if (node === undefined) return;
    this.#covers.delete(key);
    const left = (this.#available.get(node) ?? 1) - 1;
    if (left > 0) this.#available.set(node, left);
    else this.#available.delete(node);
    this.#refreshNode(node);
  }
}

/** The predicates that read history: every moment since the lesson began must satisfy them. */
export const HISTORY_PREDICATES = ['alwaysAvailable', 'atMostUnavailable'] as const;
type HistoryName = (typeof HISTORY_PREDICATES)[number];
type NowName = Exclude<(typeof PREDICATE_NAMES)[number], HistoryName>;

/** Whether a goal holds a predicate about history. */
export function readsHistory(goal: Goal): boolean {
  return HISTORY_PREDICATES.some((name) => goal[name] !== undefined);
}

/** Each predicate about now, read from the last moment. */
const NOW: { [K in NowName]: (p: NonNullable<Predicates[K]>, now: Sample) => GoalResult } = {
  podsOnNodes,
  everyPod,
  rolloutComplete,
  podState,
  nodeState,
  exists,
  absent,
  fields,
};

/** One history predicate of one goal, followed: its coverage and its first failure, if any. */
interface Followed {
  name: HistoryName;
  coverage: Coverage;
  /** From the nodes left bare at a moment and its time, the failure (undefined: it holds). */
  judge(bare: ReadonlySet<string>, timeMs: number): GoalResult | undefined;
  failure?: GoalResult;
}

/**
 * Goals followed through the moments of a lesson, so the moments need not be kept: each
 * history predicate remembers the first moment it failed at (a failure is for good: "never"
 * cannot be undone), and the predicates about now read the last moment. Moments are whole
 * views (`observe`) or, between views, single writes (`write`), which cost only the write.
 */
export class GoalTracker {
  readonly goals: readonly Goal[];
  readonly startMs: number;
  #now: Sample;
  /** Per goal, its history predicates. */
  #followed: Followed[][];

  /** From goals and the moment the lesson begins (its first moment). */
  constructor(goals: readonly Goal[], start: Sample) {
    this.goals = goals;
    this.startMs = start.timeMs;
    this.#now = start;
    this.#followed = goals.map((goal) => this.#follow(goal));
    this.observe(start);
  }

  /** Whether any goal reads history (otherwise only the last moment matters). */
  get readsHistory(): boolean {
    return this.goals.some(readsHistory);
  }

  /** The last whole moment observed. */
  get now(): Sample {
    return this.#now;
  }

  /** Takes in a whole moment (a view): history predicates not yet failed are judged at it. */
  observe(moment: Sample): void {
    this.#now = moment;
    for (const f of this.#followed.flat()) {
      if (f.failure) continue;
      f.coverage.load(moment);
      f.failure = f.judge(f.coverage.bareAt(moment.timeMs), moment.timeMs);
    }
  }

  /** The verdicts to judge the next writes with: those of the view that will end their step. */
  beginStep(verdicts: Sample['verdicts']): void {
    for (const f of this.#followed.flat()) if (!f.failure) f.coverage.useVerdicts(verdicts);
  }

  /** Takes in one write between views: the cluster after it is a moment. */
  write(w: GoalWrite): void {
    for (const f of this.#followed.flat()) {
      if (f.failure) continue;
      f.coverage.write(w);
      f.failure = f.judge(f.coverage.bareAt(w.timeMs), w.timeMs);
    }
  }

  /**
   * Each goal's result now, in order: met when all its predicates hold, else the first of its
   * predicates that fails and why.
   */
  results(): GoalResult[] {
    return this.goals.map((goal, i) => {
      for (const name of PREDICATE_NAMES) {
        const predicate = goal[name];
        if (predicate === undefined) continue;
        const followed = this.#followed[i].find((f) => f.name === name);
        const result = followed
          ? (followed.failure ?? MET)
          : (NOW[name as NowName] as (p: typeof predicate, now: Sample) => GoalResult)(
              predicate,
              this.#now,
            );
        if (!result.met) return result;
      }
      return MET;
    });
  }

  #follow(goal: Goal): Followed[] {
    const followed: Followed[] = [];
    const always = goal.alwaysAvailable;
    if (always)
      followed.push({
        name: 'alwaysAvailable',
        coverage: new Coverage(always, always.nodes),
        judge: (bare, timeMs) =>
          bare.size > 0
            ? unmet(
                `${names(byName(bare))} had no available pod of ${dsName(always)} ${at(timeMs, this.startMs)}`,
              )
            : undefined,
      });
    const atMost = goal.atMostUnavailable;
    if (atMost)
      followed.push({
        name: 'atMostUnavailable',
        coverage: new Coverage(atMost, undefined),
        judge: (bare, timeMs) =>
          bare.size > atMost.count
            ? unmet(
                `${bare.size} pods of ${dsName(atMost)} were unavailable at once ${at(timeMs, this.startMs)} (${names(byName(bare))})`,
              )
            : undefined,
      });
    return followed;
  }
}

/**
 * From a goal and the timeline since the lesson began (at least one moment; the last is now),
 * whether the goal is met, and if not the first of its predicates that fails and why.
 */
export function evaluateGoal(goal: Goal, samples: readonly Sample[]): GoalResult {
  const [start, ...rest] = samples;
  if (!start) return unmet('nothing has been recorded yet');
  const tracker = new GoalTracker([goal], start);
  for (const moment of rest) tracker.observe(moment);
  return tracker.results()[0];
}

/** A view of the cluster as goals read it (the snapshot minus its internals). */
export function toSample(view: ClusterSnapshot): Sample {
  return { timeMs: view.timeMs, objects: view.objects, verdicts: view.verdicts };
}
