/**
 * The verb table: every kubectl verb the playground offers, one file each. The console runs
 * them from here and Tab completion reads their names, flags and `completeArgs` from here, so
 * a new verb is its own file plus one line below.
 */
import type { Verb } from './verb.ts';
import { apply } from './apply.ts';
import { get } from './get.ts';
import { describe } from './describe.ts';
import { del } from './delete.ts';
import { create } from './create.ts';
import { taint } from './taint.ts';
import { label } from './label.ts';
import { cordon, uncordon } from './cordon.ts';
import { drain } from './drain.ts';
import { setVerb } from './set-image.ts';
import { rollout } from './rollout.ts';
import { patch } from './patch.ts';

/** The verbs the playground offers, by the word after `kubectl`. */
export const VERBS: ReadonlyMap<string, Verb> = new Map(
  [
    apply,
    get,
    describe,
    del,
    create,
    taint,
    label,
    cordon,
    uncordon,
    drain,
    setVerb,
    rollout,
    patch,
  ].map((v) => [v.name, v]),
);
