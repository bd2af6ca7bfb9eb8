/**
 * ControllerRevisions of a DaemonSet: the stable template hash, creation, renumbering when an
 * old template comes back (rollback), and cleanup past revisionHistoryLimit
 * (pkg/controller/daemon/update.go constructHistory, snapshot, cleanupHistory;
 * pkg/controller/controller_utils.go ComputeHash).
 */
import { copyMap } from '../api/records.ts';
import { cloneData } from '../util/clone.ts';
import type { DaemonSetController } from './daemonset-controller.ts';
import { hashString } from '../registry.ts';
import { NAME_ALPHABET } from '../random.ts';
import type { ControllerRevision, DaemonSet, Pod, PodTemplateSpec } from '../types.ts';
import { canonicalJson } from '../util/canonical.ts';

export const HASH_LABEL = 'controller-revision-hash';

/**
 * From a template and the collision count, the revision hash: FNV-32a of the template,
 * printed in decimal, each digit mapped through the name alphabet (rand.SafeEncodeString), so
 * the hash only contains [4-9bcdf] like the real one. The bytes hashed are our canonical JSON,
 * not Go's, so values differ from a real cluster but identical templates share a hash.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const input = canonicalJson(template) + (collisionCount ? `#${collisionCount}` : '');
  const decimal = String(hashString(input));
  let out = '';
  for (let i = 0; i < decimal.length; i++)
    out += NAME_ALPHABET[decimal.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

const templateJsonCache = new WeakMap<ControllerRevision, string>();

/** From a revision, its stored template without the `$patch` marker, as canonical JSON (cached: revision data never changes). */
function revisionTemplateJson(rev: ControllerRevision): string {
  const cached = templateJsonCache.get(rev);
  if (cached !== undefined) return cached;
  const json = computeTemplateJson(rev);
  templateJsonCache.set(rev, json);
  return json;
}

function computeTemplateJson(rev: ControllerRevision): string {
  const t = rev.data?.spec?.template;
  if (!t) return '';
  const copy = { ...t } as Record<string, unknown>;
  delete copy.$patch;
  return canonicalJson(copy);
}

/**
 * From a DaemonSet and its profile's template JSON, the hash its next sync uses: the newest
 * revision holding the same template, else the template's own hash. Reads only, so the why
 * panel can ask it between syncs.
 */
export function currentHash(
  controller: DaemonSetController,
  ds: DaemonSet,
  templateJson: string,
): string {
  let current: ControllerRevision | undefined;
  for (const r of controller.store.owned(ds.metadata.uid, 'ControllerRevision'))
    if (
      revisionTemplateJson(r) === templateJson &&
      (!current ||
        r.revision > current.revision ||
        (r.revision === current.revision && r.metadata.name > current.metadata.name))
    )
      current = r;
  return (
    current?.metadata.labels?.[HASH_LABEL] ??
    computeHash(ds.spec.template, ds.status?.collisionCount)
  );
}

/**
 * From a DaemonSet and its template's canonical JSON, the current revision (created or
 * renumbered as needed) and its hash. Mirrors constructHistory: an existing equal revision that
 * is not the newest gets revision = max + 1.
 */
export function syncHistory(
  controller: DaemonSetController,
  ds: DaemonSet,
  templateJson: string,
): { hash: string; revision: ControllerRevision | undefined } {
  const revisions = controller.store
    .owned(ds.metadata.uid, 'ControllerRevision')
    .sort((a, b) => a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : 1));
  let maxRevision = 0;
  for (const r of revisions) maxRevision = Math.max(maxRevision, r.revision);
  const equal = revisions.filter((r) => revisionTemplateJson(r) === templateJson);
  // Duplicates (same template) keep the newest; the others go (dedupCurHistories).
  const current: ControllerRevision | undefined =
    equal.length > 0 ? equal[equal.length - 1] : undefined;
  for (const dup of equal.slice(0, -1)) controller.removeObject(dup);
  if (current) {
    const othersMax = Math.max(
      0,
      ...revisions.filter((r) => r !== current && !equal.includes(r)).map((r) => r.revision),
    );
    if (current.revision <= othersMax) {
      const next = othersMax + 1;
      controller.store.update(current, (r) => {
        r.revision = next;
      });
    }
    return {
      hash:
        current.metadata.labels?.[HASH_LABEL] ??
        computeHash(ds.spec.template, ds.status?.collisionCount),
      revision: current,
    };
  }
  let collisionCount = ds.status?.collisionCount ?? 0;
  let hash = computeHash(ds.spec.template, collisionCount);
  // A name taken by a different template is a hash collision: bump collisionCount and rehash.
  for (
    let i = 0;
    i < 5 &&
    controller.store.get(
      'ControllerRevision',
      `${ds.metadata.namespace}/${ds.metadata.name}-${hash}`,
    );
    i++
  ) {
    collisionCount++;
    hash = computeHash(ds.spec.template, collisionCount);
  }
  if (collisionCount !== (ds.status?.collisionCount ?? 0)) {
    controller.updateDaemonSetStatus(ds, (d) => {
      d.status.collisionCount = collisionCount;
    });
  }
  const template = cloneData(ds.spec.template);
  const labels = copyMap(ds.spec.template.metadata?.labels);
  labels[HASH_LABEL] = hash;
  const annotations = copyMap(ds.metadata.annotations);
  const revision = controller.createObject<ControllerRevision>({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      namespace: ds.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: ds.metadata.name,
          uid: ds.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
    },
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision: maxRevision + 1,
  });
  return { hash, revision };
}

/**
 * From a DaemonSet, a way to list its pods and the current revision, deletes the oldest old revisions beyond
 * revisionHistoryLimit, never one whose hash a live pod still carries (cleanupHistory).
 */
export function cleanupHistory(
  controller: DaemonSetController,
  ds: DaemonSet,
  pods: () => readonly Pod[],
  current: ControllerRevision | undefined,
): void {
  const limit = ds.spec.revisionHistoryLimit ?? 10;
  const revisions = controller.store.owned(ds.metadata.uid, 'ControllerRevision');
  const old = revisions.filter((r) => r !== current);
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const pod of pods()) {
    const h = pod.metadata.labels?.[HASH_LABEL];
    if (h !== undefined && Object.hasOwn(pod.metadata.labels ?? {}, HASH_LABEL)) live.add(h);
  }
  old.sort((a, b) => a.revision - b.revision);
  for (const rev of old) {
    if (toKill <= 0) break;
    const h = rev.metadata.labels?.[HASH_LABEL];
    if (h !== undefined && live.has(h)) continue;
    controller.removeObject(rev);
    toKill--;
  }
}
