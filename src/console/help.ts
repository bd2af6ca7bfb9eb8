/**
 * The console's help texts, built from the verb table and the `sim` command table so they list
 * exactly what runs: `help` (the playground's own, listing both), `kubectl help` (cobra's root
 * help, narrowed to the verbs offered) and `kubectl help VERB` / `kubectl VERB --help` (cobra's
 * usage template: description, subcommands, options, Usage line).
 */
import type { Verb } from './verbs/verb.ts';
import type { FlagSpec } from './args.ts';
import { simHelp } from './verbs/sim.ts';

/** cobra pads command names to this width in its lists (kubectl's root help shows 15). */
const NAME_PADDING = 15;

/** What the subcommands the playground offers do (cobra's Short of each). */
const SUBCOMMAND_SHORT: Record<string, string> = {
  namespace: 'Create a namespace with the specified name',
  image: 'Update the image of a pod template',
  history: 'View rollout history',
  pause: 'Mark the provided resource as paused',
  restart: 'Restart a resource',
  resume: 'Resume a paused resource',
  status: 'Show the status of the rollout',
  undo: 'Undo a previous rollout',
};

function commandList(verbs: Iterable<Verb>): string[] {
  return [...verbs]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => `  ${v.name.padEnd(NAME_PADDING)} ${v.short}`);
}

/** `kubectl help`: cobra's root help with the commands the playground offers. */
export function kubectlHelp(verbs: Iterable<Verb>): string {
  return [
    'kubectl controls the Kubernetes cluster manager.',
    '',
    'Commands the playground offers:',
    ...commandList(verbs),
    '',
    'Usage:',
    '  kubectl [flags] [options]',
    '',
    'Use "kubectl <command> --help" for more information about a given command.',
    '',
  ].join('\n');
}

/** `help`: the console's own help (a playground extension), listing kubectl and sim commands. */
export function consoleHelp(verbs: Iterable<Verb>): string {
  return [
    'This console runs a simulated kubectl v1.32 against the playground cluster.',
    '',
    'kubectl commands:',
    ...commandList(verbs),
    '',
    simHelp(),
    'Use "kubectl <command> --help" for more information about a given command.',
    '',
  ].join('\n');
}

/** A flag as cobra's usage lists it, with the default pflag prints for its type. */
function flagLine(flag: FlagSpec): string {
  const value =
    flag.type === 'bool'
      ? 'false'
      : flag.type === 'strings'
        ? '[]'
        : flag.type === 'int'
          ? (flag.defaultValue ?? '0')
          : "''";
  const short = flag.short ? `-${flag.short}, ` : '';
  return `    ${short}--${flag.name}=${value}`;
}

/** `kubectl VERB --help`: its description, subcommands, options (sorted) and Usage line. */
export function verbHelp(verb: Verb): string {
  const lines = [`${verb.short}.`, ''];
  if (verb.subcommands) {
    lines.push('Available Commands:');
    for (const sub of verb.subcommands.filter((s) => s !== 'ns'))
      lines.push(`  ${sub.padEnd(NAME_PADDING)} ${SUBCOMMAND_SHORT[sub] ?? ''}`.trimEnd());
    lines.push('');
  }
  const flags = [...verb.flags].sort((a, b) => a.name.localeCompare(b.name));
  if (flags.length > 0) lines.push('Options:', ...flags.map(flagLine), '');
  lines.push('Usage:', `  ${verb.usage}`);
  return `${lines.join('\n')}\n`;
}
