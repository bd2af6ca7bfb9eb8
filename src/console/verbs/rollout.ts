/**
 * `kubectl rollout status|history|undo|restart ds/NAME` (kubectl/pkg/cmd/rollout and
 * polymorphichelpers). `status` advances the simulated clock task by task, printing each new
 * status line, until the rollout finishes or 10 simulated minutes pass.
 */
import type { Verb } from './verb.ts';
import type { ControllerRevision, DaemonSet, PodTemplateSpec } from '../../engine/types.ts';
import { intFlag, stringFlag } from '../args.ts';
import type { VerbContext } from '../context.ts';
import { fetchCopy, sendUpdate, tryFetchCopy } from './update.ts';
import { reportErrors, type VisitError } from '../aggregate.ts';
import { resolveTargets } from '../targets.ts';
import { parseDuration } from '../time-format.ts';
import { sortKeys } from '../printers/json.ts';
import { describeTemplate } from '../printers/describe.ts';
import { epochMs } from '../printers/format.ts';
import { toRfc3339 } from '../time-format.ts';
import {
  historyRevisionNotFound,
  noResourcesFound,
  rolloutNotSupported,
  noLastRevision,
  noRolloutHistory,
  notFound,
  operationDone,
  revisionNotFound,
  revisionNotPositive,
  rollbackSkipped,
  rolloutDone,
  rolloutKindNotSupported,
  rolloutNeedsResource,
  rolloutOnlyRollingUpdate,
  rolloutTimeout,
  rolloutWaitingAvailable,
  rolloutWaitingObserved,
  rolloutWaitingUpdated,
  simBadDuration,
  unknownSubcommand,
} from '../messages.ts';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The DaemonSet status viewer (rollout_status.go): message, done, or an error. */
export function daemonSetStatus(
  ds: DaemonSet,
): { message: string; done: boolean } | { error: string } {
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate')
    return { error: rolloutOnlyRollingUpdate() };
  const s = ds.status;
  if ((ds.metadata.generation ?? 0) <= (s?.observedGeneration ?? 0)) {
    const desired = s?.desiredNumberScheduled ?? 0;
    const updated = s?.updatedNumberScheduled ?? 0;
    const available = s?.numberAvailable ?? 0;
    if (updated < desired)
      return { message: rolloutWaitingUpdated(ds.metadata.name, updated, desired), done: false };
    if (available < desired)
      return {
        message: rolloutWaitingAvailable(ds.metadata.name, available, desired),
        done: false,
      };
    return { message: rolloutDone(ds.metadata.name), done: true };
  }
  return { message: rolloutWaitingObserved(), done: false };
}

/** The DaemonSet's revisions, lowest revision first. */
export function revisionsOf(context: VerbContext, ds: DaemonSet): ControllerRevision[] {
  const listed = context.cluster.list('ControllerRevision', { namespace: ds.metadata.namespace });
  const all = Array.isArray(listed) ? listed : [];
  return all
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === ds.metadata.uid))
    .sort((a, b) => a.revision - b.revision);
}

function templateOf(revision: ControllerRevision): PodTemplateSpec {
  const template = JSON.parse(JSON.stringify(revision.data.spec.template)) as PodTemplateSpec & {
    $patch?: string;
  };
  delete template.$patch;
  return template;
}

function status(context: VerbContext, name: string, timeoutMs: number): number {
  const out = context.output;
  const { cluster } = context;
  const deadline = cluster.now + timeoutMs;
  let last = '';
  // Each pass: read the status, print it if it changed, then run the next queued task.
  for (let guard = 0; guard < 1_000_000; guard++) {
    const ds = cluster.get('DaemonSet', name, context.namespace);
    if (!ds) return out.fail(notFound('daemonsets.apps', name));
    const result = daemonSetStatus(ds);
    if ('error' in result) return out.fail(result.error);
    if (result.message !== last) {
      out.print(result.message);
      last = result.message;
    }
    if (result.done) return 0;
    const next = cluster.nextDueAt();
    if (cluster.now >= deadline) break;
    if (next === undefined || next > deadline) {
      cluster.advance(deadline - cluster.now);
      continue;
    }
    cluster.advance(Math.max(0, next - cluster.now));
  }
  return out.fail(rolloutTimeout());
}

function history(context: VerbContext, ds: DaemonSet, revision: number | undefined): number {
  const out = context.output;
  const revisions = revisionsOf(context, ds);
  if (revision !== undefined && revision > 0) {
    const found = revisions.find((r) => r.revision === revision);
    if (!found) return out.fail(historyRevisionNotFound());
    out.write(
      `daemonset.apps/${ds.metadata.name} with revision #${revision}\n${describeTemplate(templateOf(found))}\n`,
    );
    return 0;
  }
  if (revisions.length === 0) {
    out.write(`daemonset.apps/${ds.metadata.name} \n${noRolloutHistory()}\n`);
    return 0;
  }
  // history.go's own tabwriter (padding 2) lays out REVISION and CHANGE-CAUSE.
  const rows = revisions.map((r) => [
    String(r.revision),
    r.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>',
  ]);
  const width = Math.max('REVISION'.length, ...rows.map((r) => r[0].length)) + 2;
  const table = [['REVISION', 'CHANGE-CAUSE'], ...rows]
    .map(([a, b]) => a.padEnd(width) + b)
    .join('\n');
  out.write(`daemonset.apps/${ds.metadata.name} \n${table}\n\n`);
  return 0;
}

function undo(context: VerbContext, ds: DaemonSet, toRevision: number | undefined): number {
  const out = context.output;
  const revisions = revisionsOf(context, ds);
  let chosen: ControllerRevision | undefined;
  if (toRevision === undefined || toRevision === 0) {
    if (revisions.length < 2) return out.fail(noLastRevision());
    chosen = revisions[revisions.length - 2];
  } else {
    chosen = revisions.find((r) => r.revision === toRevision);
    if (!chosen) return out.fail(revisionNotFound(toRevision));
  }
  const template = templateOf(chosen);
  if (JSON.stringify(sortKeys(template)) === JSON.stringify(sortKeys(ds.spec.template))) {
    out.print(rollbackSkipped(ds.metadata.name, chosen.revision));
    return 0;
  }
  const copy = JSON.parse(JSON.stringify(ds)) as DaemonSet;
  copy.spec.template = template;
  if (!sendUpdate(context, copy)) return 1;
  out.print(operationDone('daemonset.apps', ds.metadata.name, 'rolled back'));
  return 0;
}

function restart(context: VerbContext, name: string): number {
  const ds = fetchCopy(context, 'DaemonSet', name);
  if (!ds) return 1;
  const metadata = (ds.spec.template.metadata ??= {});
  metadata.annotations = {
    ...(metadata.annotations ?? {}),
    'kubectl.kubernetes.io/restartedAt': toRfc3339(epochMs(context.cluster.now)),
  };
  if (!sendUpdate(context, ds)) return 1;
  context.output.print(operationDone('daemonset.apps', name, 'restarted'));
  return 0;
}

/**
 * `rollout pause|resume`: a DaemonSet cannot be paused (polymorphichelpers objectpauser.go and
 * objectresumer.go know only Deployments), so kubectl refuses each one it finds; objects it
 * cannot find are reported first (rollout_pause.go gathers the builder's errors before the
 * patches').
 */
/**
 * The DaemonSets `rollout` words name: `ds/a ds/b`, `ds a b`, or a type alone for every one in
 * the namespace (the rollout commands build with ResourceTypeOrNameArgs(true, ...)).
 */
function daemonSetNames(context: VerbContext, words: string[]): string[] | { error: string } {
  const targets = resolveTargets(words);
  if ('error' in targets) return targets;
  const names: string[] = [];
  for (const { type, names: given } of targets) {
    if (type.kind !== 'DaemonSet') return { error: rolloutKindNotSupported(type.plural) };
    if (given.length > 0) names.push(...given);
    else {
      const listed = context.cluster.list('DaemonSet', { namespace: context.namespace });
      if (Array.isArray(listed)) names.push(...listed.map((ds) => ds.metadata.name));
    }
  }
  return names;
}

function pauseOrResume(context: VerbContext, sub: 'pause' | 'resume', words: string[]): number {
  const out = context.output;
  const names = daemonSetNames(context, words);
  if ('error' in names) return out.fail(names.error);
  const missing: VisitError[] = [];
  const refused: string[] = [];
  for (const name of names) {
    const read = tryFetchCopy(context, 'DaemonSet', name);
    if ('error' in read) missing.push({ api: read.error });
    else refused.push(rolloutNotSupported('daemonsets.apps', name, sub));
  }
  return reportErrors(out, [...missing, ...refused.map((text) => ({ texts: [text] }))]);
}

export const rollout: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  mutates: true,
  subcommands: ['status', 'history', 'undo', 'restart', 'pause', 'resume'],
  completeArgs(args, source) {
    if (args.length === 0) return rollout.subcommands ?? [];
    return source.names('DaemonSet').map((n) => `ds/${n}`);
  },
  flags: [
    { name: 'to-revision', type: 'int' },
    { name: 'revision', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
  ],
  run(args, context) {
    const out = context.output;
    const [sub, ...rest] = args.positionals;
    if (!(rollout.subcommands ?? []).includes(sub ?? ''))
      return out.fail(
        sub === undefined ? rolloutNeedsResource() : unknownSubcommand(sub, 'rollout'),
      );
    if (rest.length === 0) return out.fail(rolloutNeedsResource());
    if (sub === 'pause' || sub === 'resume') return pauseOrResume(context, sub, rest);
    // rollout_history.go and rollout_status.go Validate refuse a negative --revision.
    const revision = intFlag(args, 'revision');
    if ((sub === 'history' || sub === 'status') && revision !== undefined && revision < 0)
      return out.fail(revisionNotPositive(revision));
    const names = daemonSetNames(context, rest);
    if ('error' in names) return out.fail(names.error);
    if (sub === 'status') {
      const timeoutText = stringFlag(args, 'timeout');
      let timeout = DEFAULT_TIMEOUT_MS;
      if (timeoutText !== undefined && timeoutText !== '0s' && timeoutText !== '0') {
        const parsed = parseDuration(timeoutText);
        if (parsed === undefined) return out.fail(simBadDuration(timeoutText));
        timeout = parsed;
      }
      // rollout_status.go watches each object in turn and stops at the first failure.
      if (names.length === 0) out.error(noResourcesFound(context.namespace));
      for (const name of names) {
        const code = status(context, name, timeout);
        if (code !== 0) return code;
      }
      return 0;
    }
    for (const name of names) {
      if (sub === 'restart') {
        restart(context, name);
        continue;
      }
      const ds = context.cluster.get('DaemonSet', name, context.namespace);
      if (!ds) out.fail(notFound('daemonsets.apps', name));
      else if (sub === 'history') history(context, ds, revision);
      else undo(context, ds, intFlag(args, 'to-revision'));
    }
    return out.exit;
  },
};
