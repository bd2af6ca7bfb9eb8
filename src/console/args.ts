/**
 * kubectl's command-line grammar (cobra + pflag): flags anywhere after the command,
 * `--flag=value`, `--flag value`, `-n value`, `-nvalue`, `-ojson`, bundled booleans, and `--`
 * ending the flags. Each verb declares its flags; real kubectl flags it leaves out are named
 * too, so they get "not available in the playground" instead of "unknown flag".
 */
import {
  flagNeedsArgument,
  flagNotOffered,
  invalidFlagValue,
  unknownFlag,
  unknownShorthandFlag,
} from './messages.ts';

export interface FlagSpec {
  name: string;
  short?: string;
  type: 'bool' | 'string' | 'int' | 'strings';
  /** An int flag's default when it is not 0, as `--help` prints it. */
  defaultValue?: string;
  /** What Tab completion offers for its value: open file names, namespaces, or fixed words. */
  completes?: 'files' | 'namespaces' | readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string | boolean | number | string[]>;
}

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', completes: 'namespaces' },
];

/** Real global kubectl flags that make no sense in a simulated cluster. */
const GLOBAL_NOT_OFFERED = [
  'kubeconfig',
  'context',
  'cluster',
  'user',
  'server',
  'token',
  'as',
  'as-group',
  'as-uid',
  'certificate-authority',
  'client-certificate',
  'client-key',
  'insecure-skip-tls-verify',
  'request-timeout',
  'v',
  'vmodule',
  'tls-server-name',
  'username',
  'password',
  'profile',
  'profile-output',
  'match-server-version',
  'warnings-as-errors',
  'cache-dir',
  'disable-compression',
  'log-flush-frequency',
];
const GLOBAL_SHORT_NOT_OFFERED = ['s', 'v'];

/** Real kubectl flags of any command that the playground does not offer. */
const COMMON_NOT_OFFERED = [
  'dry-run',
  'server-side',
  'force-conflicts',
  'field-manager',
  'prune',
  'prune-allowlist',
  'kustomize',
  'recursive',
  'record',
  'validate',
  'watch',
  'watch-only',
  'output-watch-events',
  'sort-by',
  'show-labels',
  'label-columns',
  'show-kind',
  'show-managed-fields',
  'template',
  'chunk-size',
  'raw',
  'subresource',
  'selector',
  'allow-missing-template-keys',
  'cascade',
  'wait',
  'timeout',
  'pod-selector',
  'disable-eviction',
  'skip-wait-for-delete-timeout',
  'chunk-size',
  'patch-file',
  'local',
  'list',
  'resource-version',
  'openapi-patch',
  'for',
  'filename',
  'output',
  'all',
  'overwrite',
  'ignore-daemonsets',
  'force',
  'grace-period',
  'now',
  'ignore-not-found',
  'label-columns',
  'field-selector',
  'all-namespaces',
  'to-revision',
  'revision',
  'type',
  'patch',
  'delete-emptydir-data',
  'delete-local-data',
  'no-headers',
  'show-events',
  'help',
  'save-config',
  'edit',
  'windows-line-endings',
  'overwrite',
  'resource-version',
  'api-version',
  'output-format',
  'concurrency',
];
const COMMON_SHORT_NOT_OFFERED = ['k', 'R', 'w', 'L', 'o', 'f', 'l', 'A', 'p', 'h'];

/**
 * From the words after a command and the command's flags, the positionals and flag values, or
 * kubectl's error for the first flag that is wrong. `commandPath` is e.g. `kubectl get`.
 */
export function parseArgs(
  words: string[],
  specs: FlagSpec[],
  commandPath: string,
): ParsedArgs | { error: string } {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const positionals: string[] = [];
  const values = new Map<string, string | boolean | number | string[]>();

  const set = (spec: FlagSpec, raw: string, shown: string): string | undefined => {
    if (spec.type === 'bool') {
      if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False|T|F)$/.test(raw))
        return invalidFlagValue(raw, shown, 'bool', commandPath);
      values.set(spec.name, /^(true|1|t|TRUE|True|T)$/.test(raw));
    } else if (spec.type === 'int') {
      if (!/^[-+]?\d+$/.test(raw)) return invalidFlagValue(raw, shown, 'int', commandPath);
      values.set(spec.name, Number(raw));
    } else if (spec.type === 'strings') {
      const list = (values.get(spec.name) as string[] | undefined) ?? [];
      values.set(spec.name, [...list, ...raw.split(',')]);
    } else {
      values.set(spec.name, raw);
    }
    return undefined;
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) {
        if (GLOBAL_NOT_OFFERED.includes(name) || COMMON_NOT_OFFERED.includes(name)) {
          return { error: flagNotOffered(`--${name}`, commandPath) };
        }
        return { error: unknownFlag(`--${name}`, commandPath) };
      }
      let raw: string;
      if (eq >= 0) raw = word.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < words.length) raw = words[++i];
      else return { error: flagNeedsArgument(`--${name}`, commandPath) };
      const problem = set(spec, raw, `--${name}`);
      if (problem) return { error: problem };
      continue;
    }
    if (word.startsWith('-') && word.length > 1 && !/^-\d/.test(word)) {
      // Shorthand flags: booleans may be bundled (`-Aw`); a value may follow directly (`-ojson`).
      for (let j = 1; j < word.length; j++) {
        const letter = word[j];
        const spec = byShort.get(letter);
        if (!spec) {
          if (
            GLOBAL_SHORT_NOT_OFFERED.includes(letter) ||
            COMMON_SHORT_NOT_OFFERED.includes(letter)
          ) {
            return { error: flagNotOffered(`-${letter}`, commandPath) };
          }
          return { error: unknownShorthandFlag(letter, word, commandPath) };
        }
        if (spec.type === 'bool') {
          if (word[j + 1] === '=') {
            const problem = set(spec, word.slice(j + 2), `-${letter}`);
            if (problem) return { error: problem };
            break;
          }
          values.set(spec.name, true);
          continue;
        }
        let raw = word.slice(j + 1);
        if (raw.startsWith('=')) raw = raw.slice(1);
        if (raw === '') {
          if (i + 1 >= words.length)
            return {
              error: flagNeedsArgument(`-${letter}`, commandPath).replace(
                `: -${letter}`,
                `: '${letter}' in -${letter}`,
              ),
            };
          raw = words[++i];
        }
        const problem = set(spec, raw, `-${letter}, --${spec.name}`);
        if (problem) return { error: problem };
        break;
      }
      continue;
    }
    positionals.push(word);
  }
  return { positionals, values };
}

/** A flag's string value, if given. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.values.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** A boolean flag (false when absent). */
export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.values.get(name) === true;
}

/** An int flag, if given. */
export function intFlag(args: ParsedArgs, name: string): number | undefined {
  const v = args.values.get(name);
  return typeof v === 'number' ? v : undefined;
}

/** A repeated flag's values (`-f a -f b` or `-f a,b`). */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const v = args.values.get(name);
  return Array.isArray(v) ? v : [];
}
