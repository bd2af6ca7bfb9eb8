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
import { explainVerb } from './explain.ts';
import { version } from './version.ts';
import { diff } from './diff.ts';
import { edit } from './edit.ts';
import { kubectlHelp, verbHelp } from '../help.ts';
import { unknownHelpTopic } from '../messages.ts';

/**
 * `kubectl help [VERB]`: the list of verbs, or one verb's usage. It lives here, beside the
 * table it reads, so the list always matches what runs.
 */
const help: Verb = {
  name: 'help',
  short: 'Help about any command',
  usage: 'kubectl help [command] [options]',
  mutates: false,
  flags: [],
  run(args, context) {
    const [word, ...more] = args.positionals;
    if (word === undefined) {
      context.output.write(kubectlHelp(VERBS.values()));
      return 0;
    }
    const verb = VERBS.get(word);
    // cobra's help command: an unknown topic is named on stderr, with the usage, and exits 0.
    if (!verb || more.length > 0) {
      context.output.error(`${unknownHelpTopic(args.positionals)}\n${kubectlHelp(VERBS.values())}`);
      return 0;
    }
    context.output.write(verbHelp(verb));
    return 0;
  },
  completeArgs: (args) => (args.length === 0 ? [...VERBS.keys()] : []),
};

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
    explainVerb,
    version,
    diff,
    edit,
    help,
  ].map((v) => [v.name, v]),
);
