/**
 * `kubectl diff -f FILE`: each object's live state against what applying the file would make
 * of it (a server-side dry run of apply's create or three-way patch), printed as kubectl prints
 * it: kubectl writes both versions as YAML into two temp folders and runs `diff -u -N` on them.
 * The folders are `/tmp/LIVE-playground` and `/tmp/MERGED-playground` (kubectl's have random
 * suffixes), and the file times are the simulated clock's. Exit 1 when something differs, 0
 * when nothing does, 2 for an error (diff.go CheckDiffErr adds one to the error's code).
 */
import type { Verb } from './verb.ts';
import type { KubeObject } from '../../engine/types.ts';
import { listFlag } from '../args.ts';
import { nowMs } from '../context.ts';
import { loadFiles } from '../files.ts';
import { mustSpecifyFilename, noObjectsInFile } from '../messages.ts';
import { printYaml } from '../printers/yaml.ts';
import { servedForm } from '../printers/json.ts';
import { KIND_TABLE } from '../../engine/kinds.ts';
import { unifiedHunks } from '../unified-diff.ts';
import { dryRunApply, type ApplyError } from './apply.ts';

/** The stand-ins for kubectl's `os.MkdirTemp("", "LIVE-")` and `"MERGED-"` folders. */
export const LIVE_DIR = '/tmp/LIVE-playground';
export const MERGED_DIR = '/tmp/MERGED-playground';

/** diff.go InfoObject.Name: `[group.]version.Kind.namespace.name`. */
function fileName(object: KubeObject): string {
  const apiVersion = KIND_TABLE.find((k) => k.kind === object.kind)?.apiVersion ?? 'v1';
  return `${apiVersion.replace('/', '.')}.${object.kind}.${object.metadata.namespace ?? ''}.${object.metadata.name}`;
}

/** GNU diff's file time in a `---`/`+++` line: `YYYY-MM-DD HH:MM:SS.NNNNNNNNN +0000`. */
function diffTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

/** An object as kubectl diff writes it: the served YAML. */
function objectYaml(object: Record<string, unknown> | undefined): string {
  return object === undefined ? '' : printYaml(object);
}

/**
 * A Secret's `data` values hidden as diff.go's Masker hides them: `***`, or `*** (before)` and
 * `*** (after)` for a key whose value changes, so the diff still shows which keys differ.
 */
export function maskSecrets(
  live: Record<string, unknown> | undefined,
  merged: Record<string, unknown>,
): void {
  if (merged.kind !== 'Secret') return;
  const dataOf = (o: Record<string, unknown> | undefined): Record<string, unknown> | undefined =>
    typeof o?.data === 'object' && o.data !== null
      ? (o.data as Record<string, unknown>)
      : undefined;
  const before = dataOf(live);
  const after = dataOf(merged);
  for (const key of Object.keys(before ?? {})) {
    const changed = after !== undefined && key in after && after[key] !== before?.[key];
    if (before) before[key] = changed ? '*** (before)' : '***';
  }
  for (const key of Object.keys(after ?? {})) {
    const changed = before !== undefined && before[key] === '*** (before)';
    if (after) after[key] = changed ? '*** (after)' : '***';
  }
}

export const diff: Verb = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  usage: 'kubectl diff -f FILENAME [options]',
  mutates: false,
  flags: [{ name: 'filename', short: 'f', type: 'strings', completes: 'files' }],
  takesNoArguments: true,
  run(args, context) {
    const out = context.output;
    const names = listFlag(args, 'filename');
    if (names.length === 0) {
      out.fail(mustSpecifyFilename());
      return 2;
    }
    const loaded = loadFiles(context.files, names, { validate: true });
    if ('missing' in loaded) {
      out.fail(loaded.missing);
      return 2;
    }
    const errors: ApplyError[] = [];
    const pairs: { name: string; live: string; merged: string; existed: boolean }[] = [];
    for (const item of loaded.items) {
      if (item.type === 'error') {
        errors.push({ single: item.message, aggregate: item.message });
        continue;
      }
      const result = dryRunApply(context, item.object, item.file, errors);
      if (result === undefined) continue;
      const live = result.live === undefined ? undefined : servedForm(result.live);
      const merged = servedForm(result.merged);
      maskSecrets(live, merged);
      pairs.push({
        name: fileName(result.merged),
        live: objectYaml(live),
        merged: objectYaml(merged),
        existed: live !== undefined,
      });
    }
    if (pairs.length === 0 && errors.length === 0) {
      out.fail(noObjectsInFile('diff'));
      return 2;
    }
    if (errors.length > 0) {
      for (const e of errors) out.error(errors.length === 1 ? e.single : e.aggregate);
      return 2;
    }
    // diff walks the two folders in name order.
    pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const time = diffTime(nowMs(context));
    let differs = false;
    for (const pair of pairs) {
      const hunks = unifiedHunks(pair.live, pair.merged);
      if (hunks === '') continue;
      differs = true;
      const live = `${LIVE_DIR}/${pair.name}`;
      const merged = `${MERGED_DIR}/${pair.name}`;
      // -N: a file missing on one side is compared as empty, dated at the epoch.
      const liveTime = pair.existed ? time : diffTime(0);
      out.write(
        `diff -u -N ${live} ${merged}\n--- ${live}\t${liveTime}\n+++ ${merged}\t${time}\n${hunks}`,
      );
    }
    return differs ? 1 : 0;
  },
};
