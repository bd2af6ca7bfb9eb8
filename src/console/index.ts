/**
 * The console: kubectl (a subset, same words, same output) and the playground's `sim` clock
 * commands on top of one engine Cluster. The worker, the headless runner and the tests all use
 * this module, so a line typed in the page and the same line in a script behave alike.
 */
import type { Cluster } from '../engine/operations.ts';
import type {
  CommandResult,
  FileDrift,
  FileSource,
  ManifestDiagnostic,
  OpenedFile,
  TouchedObject,
} from './types.ts';
import { noteTouched, recordingTouches } from './touched.ts';
import { createCluster } from './engine-entry.ts';
import { splitShellLine } from './shell.ts';
import { parseArgs, stringFlag, type FlagSpec } from './args.ts';
import { Output, reconcileNow, type VerbContext } from './context.ts';
import {
  commandNotFound,
  commandRequired,
  shellSyntax,
  unknownCommand,
  unexpectedArgs,
  unknownSubcommand,
  verbNotOffered,
} from './messages.ts';
import { goDuration } from './time-format.ts';
import { runSim } from './verbs/sim.ts';
import { VERBS } from './verbs/index.ts';
import { completeLine } from './complete.ts';
import { consoleHelp, kubectlHelp, verbHelp } from './help.ts';
import { adviseText } from './advisor.ts';
import { diagnoseText } from './diagnose.ts';
import { createSteppingCluster } from '../engine/stepping-cluster.ts';
import { WatchSession } from './watch.ts';
import { fileDrift } from './drift.ts';
import { readManifest } from './manifest/read.ts';

export type {
  CommandResult,
  FileSource,
  ManifestDiagnostic,
  FileDrift,
  ManifestFix,
  ObjectDrift,
  OpenedFile,
  TouchedObject,
} from './types.ts';
export { fileDrift } from './drift.ts';

/** Real kubectl commands the playground does not simulate. */
export const UPSTREAM_VERBS = new Set([
  'logs',
  'exec',
  'scale',
  'run',
  'expose',
  'port-forward',
  'attach',
  'cp',
  'top',
  'api-resources',
  'api-versions',
  'config',
  'cluster-info',
  'auth',
  'replace',
  'wait',
  'autoscale',
  'certificate',
  'proxy',
  'debug',
  'events',
  'kustomize',
  'plugin',
  'completion',
  'annotate',
  'alpha',
  'options',
  'certificate',
]);

/** The subcommands real kubectl v1.32 has (with their aliases) for the verbs that have any. */
const UPSTREAM_SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  create: new Set([
    'clusterrole',
    'clusterrolebinding',
    'configmap',
    'cm',
    'cronjob',
    'cj',
    'deployment',
    'deploy',
    'ingress',
    'ing',
    'job',
    'namespace',
    'ns',
    'poddisruptionbudget',
    'pdb',
    'priorityclass',
    'pc',
    'quota',
    'resourcequota',
    'role',
    'rolebinding',
    'secret',
    'service',
    'svc',
    'serviceaccount',
    'sa',
    'token',
  ]),
  set: new Set(['env', 'image', 'resources', 'selector', 'serviceaccount', 'sa', 'subject']),
  rollout: new Set(['history', 'pause', 'restart', 'resume', 'status', 'undo']),
};

export interface KubeConsole {
  /** Runs one console line (kubectl ... or sim ...), advancing the clock as the contract says. */
  run(line: string): CommandResult;
  /** Tab completion candidates for the line's last word. */
  complete(line: string): string[];
  /**
   * The cluster the console runs on: moving its clock (a page playing it) lets an open
   * `get -w` print its rows, which `takeWatchOutput` then hands over.
   */
  readonly cluster: Cluster;
  /** Whether a `kubectl get -w` is open. */
  readonly watching: boolean;
  /** Ends the open watch (the learner's Ctrl+C); rows not yet taken are dropped. */
  stopWatch(): void;
  /** Rows the open watch printed while no line was running (the clock playing), once. */
  takeWatchOutput(): string;
}

/** Finds the verb word, allowing global flags (`-n ns`) before it as cobra does. */
function splitVerb(words: string[]): { verb: string | undefined; rest: string[] } {
  let i = 0;
  while (i < words.length && words[i].startsWith('-')) {
    const w = words[i];
    i += (w === '-n' || w === '--namespace') && i + 1 < words.length ? 2 : 1;
  }
  if (i >= words.length) return { verb: undefined, rest: words };
  return { verb: words[i], rest: [...words.slice(0, i), ...words.slice(i + 1)] };
}

/**
 * The first word that is not a flag or a flag's value, for finding a subcommand before the
 * flags are parsed (`create -f x.yaml` has none). A flag without `=` that is not a known
 * boolean is taken to carry the next word, as it would if the command had it.
 */
function firstPositional(words: string[], flags: FlagSpec[]): string | undefined {
  const bools = new Set(
    flags
      .filter((f) => f.type === 'bool')
      .flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
  );
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--') return words[i + 1];
    if (!word.startsWith('-') || word === '-') return word;
    const bundledValue = /^-[^-]./.test(word);
    if (!word.includes('=') && !bools.has(word) && !bundledValue) i++;
  }
  return undefined;
}

/** Whether the words hold cobra's help flag before any `--`. */
function asksForHelp(words: string[]): boolean {
  const end = words.indexOf('--');
  return (end < 0 ? words : words.slice(0, end)).some((w) => w === '-h' || w === '--help');
}

function runKubectl(
  words: string[],
  cluster: Cluster,
  files: FileSource,
  output: Output,
  reportTouched: (touched: TouchedObject) => void,
  watch: WatchSession | undefined,
  editor: VerbContext['editor'],
): void {
  const { verb, rest } = splitVerb(words);
  if (verb === undefined) {
    if (asksForHelp(rest)) output.write(kubectlHelp(VERBS.values()));
    else output.fail(commandRequired());
    return;
  }
  const handler = VERBS.get(verb);
  if (!handler) {
    output.fail(UPSTREAM_VERBS.has(verb) ? verbNotOffered(verb) : unknownCommand(verb));
    return;
  }
  // cobra answers `-h`/`--help` anywhere before `--` with the command's usage, and runs nothing.
  if (asksForHelp(rest)) {
    output.write(verbHelp(handler));
    return;
  }
  // cobra names the subcommand in its hints (`See 'kubectl rollout history --help'`), by its
  // name rather than the alias typed.
  let commandPath = `kubectl ${verb}`;
  if (handler.subcommands) {
    const sub = firstPositional(rest, handler.flags);
    if (sub !== undefined && handler.subcommands.includes(sub))
      commandPath += ` ${sub === 'ns' ? 'namespace' : sub}`;
    if (sub !== undefined && !handler.subcommands.includes(sub)) {
      const real = UPSTREAM_SUBCOMMANDS[verb];
      if (real?.has(sub)) output.fail(verbNotOffered(`${verb} ${sub}`));
      // `create` itself reads files, so a word that is no subcommand is an argument to it.
      else if (verb === 'create') output.fail(unexpectedArgs([sub], `kubectl ${verb}`));
      else output.fail(unknownSubcommand(sub, verb));
      return;
    }
  }
  const args = parseArgs(rest, handler.flags, commandPath);
  if ('error' in args) {
    output.fail(args.error);
    return;
  }
  if (handler.takesNoArguments && args.positionals.length > 0) {
    output.fail(unexpectedArgs(args.positionals, commandPath));
    return;
  }
  const namespace = stringFlag(args, 'namespace');
  const context: VerbContext = {
    cluster,
    files,
    output,
    namespace: namespace ?? 'default',
    namespaceExplicit: namespace !== undefined,
    reportTouched,
    watch,
    ...(editor ? { editor } : {}),
  };
  output.exit = handler.run(args, context) || output.exit;
  if (handler.mutates) reconcileNow(context);
}

/** Options of a console: `editor` where it runs in the page, beside the manifest editor. */
export interface ConsoleOptions {
  editor?: boolean;
}

/**
 * From one line, a cluster, the file source and the console's options (its watch session, and
 * whether the page's editor is there), what the console prints, its exit code, and the objects
 * and editor files it touched. An open watch (`get -w`) holds the terminal: a `sim` line runs
 * beside it and its output carries the watch's rows for the time it moved; any other line stops
 * the watch first, as the Ctrl+C a learner would type before it.
 */
export function runLine(
  line: string,
  cluster: Cluster,
  files: FileSource,
  options: ConsoleOptions & { watch?: WatchSession } = {},
): CommandResult {
  const output = new Output();
  const opened: OpenedFile[] = [];
  const editor = options.editor ? { open: (file: OpenedFile) => opened.push(file) } : undefined;
  const touched: TouchedObject[] = [];
  const recorded = recordingTouches(cluster, touched);
  const reportTouched = (report: TouchedObject) => noteTouched(touched, report);
  const split = splitShellLine(line);
  const watch = options.watch;
  if (!(split.ok && (split.words.length === 0 || split.words[0] === 'sim'))) watch?.stop();
  watch?.attach(output);
  try {
    if (!split.ok) {
      output.fail(shellSyntax(split.error));
    } else if (split.words.length > 0) {
      const [program, ...words] = split.words;
      if (program === 'kubectl')
        runKubectl(words, recorded, files, output, reportTouched, watch, editor);
      else if (program === 'sim') runSim(words, recorded, output);
      else if (program === 'help') output.write(consoleHelp(VERBS.values()));
      else output.fail(commandNotFound(program));
    }
  } finally {
    watch?.release();
  }
  return {
    exit: output.exit,
    out: output.out.join(''),
    err: output.err.join(''),
    touched,
    ...(watch?.active ? { watching: true } : {}),
    ...(opened.length > 0 ? { opened } : {}),
  };
}

/**
 * From a cluster and a watch session, the same cluster that, while a watch is open, moves
 * time one due instant at a time and lets the watch print what changed at each.
 */
function watchedCluster(inner: Cluster, watch: WatchSession): Cluster {
  return createSteppingCluster(
    inner,
    () => watch.poll(inner),
    () => watch.active,
  );
}

/** From a cluster and a file source, a console that runs lines against them. */
export function createConsole(
  options: { cluster: Cluster; files: FileSource } & ConsoleOptions,
): KubeConsole {
  const { files } = options;
  const watch = new WatchSession();
  const cluster = watchedCluster(options.cluster, watch);
  return {
    cluster,
    run: (line) => runLine(line, cluster, files, { editor: options.editor, watch }),
    complete: (line) => completeLine(line, cluster, files),
    get watching() {
      return watch.active;
    },
    stopWatch: () => watch.stop(),
    takeWatchOutput: () => watch.take(),
  };
}

/**
 * From a manifest's text, its name and optionally the cluster, editor markers: YAML syntax
 * errors, duplicate keys, the API server's verdict on a dry-run apply (mapped to lines), and
 * the advisor's warnings.
 */
export function diagnoseManifest(
  text: string,
  fileName: string,
  cluster?: Cluster,
): ManifestDiagnostic[] {
  return diagnoseText(text, fileName, cluster);
}

/**
 * From a manifest's text, its name and the cluster, the editor's markers and the file's drift
 * from the cluster, reading the text once (a pasted file of thousands of objects parses in
 * seconds).
 */
export function checkManifest(
  text: string,
  fileName: string,
  cluster: Cluster,
): { diagnostics: ManifestDiagnostic[]; drift?: FileDrift } {
  const read = readManifest(text, fileName, { validate: true });
  const diagnostics = diagnoseText(text, fileName, cluster, read);
  const drift = fileDrift(text, fileName, cluster, { read });
  return drift ? { diagnostics, drift } : { diagnostics };
}

/** From a manifest's text and name, the best-practice advisor's warnings alone. */
export function advise(text: string, fileName: string): ManifestDiagnostic[] {
  return adviseText(text, fileName);
}

/** One command of a headless run, as `--format=jsonl` prints it (keys in this order). */
export interface ScriptRecord {
  cmd: string;
  exit: number;
  out: string;
  err: string;
  /** Simulated time after the command, as Go prints a duration (`12.5s`, `2m30s`). */
  t: string;
}

/** From a record, its `--format=jsonl` line (keys in the contract's order, newline-terminated). */
export function recordLine(record: ScriptRecord): string {
  const { cmd, exit, out, err, t } = record;
  return `${JSON.stringify({ cmd, exit, out, err, t })}\n`;
}

/**
 * From a script (one command a line; blank lines and `#` comments skipped), a seed and the
 * script's file source, the record of every command, run on a fresh empty cluster. `observe`,
 * when given, sees the cluster after each command (tests read its state at that instant).
 */
export function runScript(
  script: string,
  options: {
    seed: number;
    files: FileSource;
    observe?: (cluster: Cluster, record: ScriptRecord) => void;
  },
): ScriptRecord[] {
  const cluster = createCluster({ seed: options.seed });
  // A `get -w` in a script streams through the `sim` lines after it, until the next other line.
  const watch = new WatchSession();
  const watched = watchedCluster(cluster, watch);
  const records: ScriptRecord[] = [];
  for (const raw of script.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const result = runLine(trimmed, watched, options.files, { watch });
    const record: ScriptRecord = {
      cmd: trimmed,
      exit: result.exit,
      out: result.out,
      err: result.err,
      t: goDuration(cluster.now),
    };
    records.push(record);
    options.observe?.(cluster, record);
  }
  return records;
}
