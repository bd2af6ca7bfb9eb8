/**
 * Whether an editor file and the cluster have drifted apart: a field the file sets, unchanged
 * in the file since it was applied (the file agrees with the object's last-applied annotation
 * there), that the live object no longer has (`kubectl set image`, `rollout undo`, `label`,
 * `patch` or `edit` changed it). Fields the learner has edited since applying are their own
 * pending change, not drift. The live side is compared with what applying the file would
 * store (a dry run), so values the API server normalizes or defaults never count as drift.
 */
import type { Cluster } from '../engine/operations.ts';
import type { KubeObject } from '../engine/types.ts';
import type { FileDrift, ObjectDrift } from './types.ts';
import { Output, type VerbContext } from './context.ts';
import { readManifest, type ManifestReadResult } from './manifest/read.ts';
import { resourceOfKind } from './resources.ts';
import { dryRunApply, LAST_APPLIED } from './verbs/apply.ts';
import { servedForm } from './printers/json.ts';
import { printYaml } from './printers/yaml.ts';
import { deepEqual } from '../engine/api/three-way-patch.ts';
import { isObject } from '../engine/api/records.ts';

/** One step of a field path: a key, or a list item by index (and by `name` when it has one). */
type Step = { key: string } | { index: number; name?: string };

/** Annotations the server or kubectl writes, which a learner's file never holds. */
const MANAGED_ANNOTATIONS = [LAST_APPLIED, 'deprecated.daemonset.template.generation'];
/** Metadata the API server sets. */
const SERVER_METADATA = [
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'managedFields',
];

function pathText(steps: Step[]): string {
  let text = '';
  for (const step of steps) {
    if ('key' in step) text += text === '' ? step.key : `.${step.key}`;
    else text += `[${step.index}]`;
  }
  return text;
}

/** The value at `steps`, finding list items by their `name` where the file's item has one. */
function valueAt(root: unknown, steps: Step[]): unknown {
  let value = root;
  for (const step of steps) {
    if ('key' in step) {
      if (!isObject(value) || !Object.hasOwn(value, step.key)) return undefined;
      value = value[step.key];
    } else {
      if (!Array.isArray(value)) return undefined;
      value =
        step.name === undefined
          ? value[step.index]
          : value.find((item) => isObject(item) && item.name === step.name);
    }
  }
  return value;
}

/** Every leaf of `value` (scalars, empty maps and lists) with its path. */
function leaves(value: unknown, steps: Step[] = [], out: Step[][] = []): Step[][] {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const key of Object.keys(value)) leaves(value[key], [...steps, { key }], out);
  } else if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, index) => {
      const name = isObject(item) && typeof item.name === 'string' ? item.name : undefined;
      leaves(item, [...steps, { index, ...(name === undefined ? {} : { name }) }], out);
    });
  } else out.push(steps);
  return out;
}

/** A value as one short line for the notice. */
function shortValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * From a live object, the text "Load live object" puts in a file: kubectl's `get -o yaml`
 * without status and the fields the server or kubectl set (uid, resourceVersion, timestamps,
 * the last-applied annotation), so what is left can be read, edited and applied again.
 */
export function liveManifest(object: KubeObject): string {
  const copy = servedForm(object);
  delete copy.status;
  const metadata = isObject(copy.metadata) ? copy.metadata : {};
  for (const key of SERVER_METADATA) delete metadata[key];
  if (isObject(metadata.annotations)) {
    for (const key of MANAGED_ANNOTATIONS) delete metadata.annotations[key];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
  const template = isObject(copy.spec) && isObject(copy.spec.template) ? copy.spec.template : {};
  if (isObject(template.metadata) && template.metadata.creationTimestamp === null)
    delete template.metadata.creationTimestamp;
  return printYaml(copy);
}

/**
 * From a file's text and name and the cluster (and the text already read, if it was), the
 * file's objects the cluster changed after the file was applied, or undefined when none. Objects the file does not agree with live
 * are the only ones dry-run (a file of thousands of unchanged nodes costs a lookup each).
 */
export function fileDrift(
  text: string,
  fileName: string,
  cluster: Cluster,
  options: { read?: ManifestReadResult } = {},
): FileDrift | undefined {
  const read = options.read ?? readManifest(text, fileName, { validate: true });
  const context: VerbContext = {
    cluster,
    files: { read: () => undefined, list: () => [] },
    output: new Output(),
    namespace: 'default',
    namespaceExplicit: false,
    reportTouched: () => undefined,
  };
  const objects: ObjectDrift[] = [];
  const documents: { value: Record<string, unknown>; live: KubeObject | undefined }[] = [];
  for (const entry of read.entries) {
    if (entry.type !== 'object') continue;
    const value = entry.object.value;
    const live = liveObject(value, cluster);
    documents.push({ value, live });
    const annotation = live?.metadata.annotations?.[LAST_APPLIED];
    if (!live || annotation === undefined) continue;
    let applied: unknown;
    try {
      applied = JSON.parse(annotation);
    } catch {
      continue;
    }
    const current = servedForm(live);
    // Fields the learner has not changed since applying, that the live object does not have
    // as written; a dry run then tells a real change from the server's own spelling of it.
    const suspects = leaves(value).filter((steps) => {
      const first = steps[0];
      if (first && 'key' in first && first.key === 'status') return false;
      const written = valueAt(value, steps);
      return (
        deepEqual(written, valueAt(applied, steps)) && !deepEqual(written, valueAt(current, steps))
      );
    });
    if (suspects.length === 0) continue;
    const planned = dryRunApply(context, entry.object, fileName, []);
    if (!planned) continue;
    const merged = servedForm(planned.merged);
    const fields: ObjectDrift['fields'] = [];
    for (const steps of suspects) {
      const want = valueAt(merged, steps);
      const have = valueAt(current, steps);
      if (!deepEqual(want, have))
        fields.push({ path: pathText(steps), live: shortValue(have), file: shortValue(want) });
    }
    if (fields.length === 0) continue;
    const type = resourceOfKind(live.kind);
    objects.push({
      resource: `${type?.singular ?? live.kind.toLowerCase()}/${live.metadata.name}`,
      ...(live.metadata.namespace === undefined ? {} : { namespace: live.metadata.namespace }),
      fields,
    });
  }
  if (objects.length === 0) return undefined;
  const liveText = documents
    .map(({ value, live }) => (live ? liveManifest(live) : printYaml(value)))
    .join('---\n');
  return { objects, liveText };
}

/** The live object a manifest object names (its namespace defaulted as apply defaults it). */
function liveObject(value: Record<string, unknown>, cluster: Cluster): KubeObject | undefined {
  const type = resourceOfKind(String(value.kind));
  const metadata = isObject(value.metadata) ? value.metadata : {};
  if (!type || typeof metadata.name !== 'string' || metadata.name === '') return undefined;
  const written = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const namespace = type.namespaced ? written || 'default' : undefined;
  return cluster.get(type.kind, metadata.name, namespace);
}
