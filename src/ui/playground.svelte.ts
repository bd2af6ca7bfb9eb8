/**
 * The page's state in one place: the engine client, the open files, the console transcript,
 * the editor's diagnostics and what the learner has selected. Components receive it and call
 * its methods; they never talk to the worker themselves.
 */
import type { EngineClient } from '../client/engine-client.ts';
import type {
  CommandResult,
  DaemonSet,
  FileDrift,
  ManifestDiagnostic,
  OpenedFile,
} from '../protocol/cluster.ts';
import { ConsoleLog } from './terminal/console-log.svelte.ts';
import { EditorFiles, type OpenFile } from './editor/files.svelte.ts';
import type { ClusterSelection, DaemonSetRef } from './cluster/selection.ts';

/** The editor tab that "Add node" writes to. */
const NEW_NODE_FILE = 'new-node.yaml';

/** What a new file holds: a comment saying what to do with it. */
const NEW_FILE_TEXT =
  '# A new manifest. Paste or write a whole object here (apiVersion, kind, metadata, spec),\n' +
  '# then Apply it: kubectl applies this file by its name.\n';

/** How long typing must pause before the worker re-checks the file. */
const DIAGNOSE_DELAY_MS = 250;

/** Playground state shared by the page's components. */
export class Playground {
  readonly client: EngineClient;
  readonly files: EditorFiles;
  readonly console = new ConsoleLog();
  /** Diagnostics per file name, from the worker. */
  diagnostics: Record<string, ManifestDiagnostic[]> = $state({});
  /**
   * Per file name, what the cluster changed after the file was applied (a kubectl command
   * such as `set image` or `rollout undo`), from the worker's last check of the file.
   */
  drift: Record<string, FileDrift | undefined> = $state({});
  /** Tabs `kubectl edit` opened, by file name: applying one saves the edit. */
  edits: Record<string, OpenedFile> = $state({});
  /** The DaemonSet the status bar and the cluster view focus on (by default the first one). */
  selectedDaemonSet: DaemonSetRef | undefined = $state();
  selection: ClusterSelection = $state();
  /** Told of every line run, however it was started (typed, clicked, played): lessons listen. */
  onRan: ((line: string, result: CommandResult) => void) | undefined;

  /** The selected DaemonSet's current object, if it exists. */
  daemonSet: DaemonSet | undefined = $derived.by(() => {
    const list = this.client.snapshot?.objects.DaemonSet ?? [];
    const ref = this.selectedDaemonSet;
    return (
      (ref &&
        list.find((d) => d.metadata.name === ref.name && d.metadata.namespace === ref.namespace)) ??
      list[0]
    );
  });

  // Bookkeeping for debouncing, not drawn: plain Maps on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #diagnoseSeq = new Map<string, number>();

  /** Wraps a client and opens `files` in the editor. */
  constructor(client: EngineClient, files: OpenFile[]) {
    this.client = client;
    this.files = new EditorFiles(files);
    client.onWatchOutput((rows) => this.console.appendWatchOutput(rows));
  }

  /** Stops the open `kubectl get -w` (Ctrl+C in the console, or its Stop button). */
  stopWatch(): void {
    if (!this.client.watching) return;
    this.client.stopWatch();
    this.console.interrupt();
  }

  /**
   * Runs a console line as if typed into the console: it appears in the transcript with its
   * output, and changed files are re-checked (the cluster may now judge them differently).
   * `quiet` is for lines sent together (a lesson's start) but the last: no snapshot comes
   * with it and no file is re-checked, so the page draws and checks once, after the last.
   */
  async run(line: string, options: { quiet?: boolean } = {}): Promise<CommandResult> {
    const trimmed = line.trim();
    // The console stops an open watch before any line but a `sim` one (docs/console-contract.md),
    // as the learner's Ctrl+C would in a terminal: the transcript shows it the same way.
    // A comment-only line is no command at all and leaves it open too.
    if (this.client.watching && !/^(sim(\s|$)|#)/.test(trimmed)) this.console.interrupt();
    const id = this.console.begin(trimmed);
    let heard = false;
    const hear = (result: CommandResult) => {
      heard = true;
      this.console.finish(id, result);
      this.#followApplied(result);
      this.#openEdited(result);
    };
    // Heard with the snapshot when the client can (one redraw of a big cluster, not two).
    const result = await this.client.run(
      trimmed,
      this.files.toMap(),
      hear,
      options.quiet ? { snapshot: false } : undefined,
    );
    if (!heard) hear(result);
    this.onRan?.(trimmed, result);
    if (options.quiet) return result;
    // The advisor judges a file against the cluster, so a change there can change its markers.
    void this.diagnose(this.files.active);
    return result;
  }

  /**
   * Pauses the clock and advances it to the next moment the cluster changes, as the console
   * line `sim wait Nms`: a step enters the transcript and the command log like any command,
   * so a session of steps replays exactly. Resolves undefined when nothing is queued.
   */
  async step(): Promise<CommandResult | undefined> {
    const ms = await this.client.nextChange();
    if (ms === undefined) return undefined;
    return this.run(`sim wait ${ms}ms`);
  }

  /** Runs the clock until nothing changes any more, as `sim settle` in the console. */
  settle(): Promise<CommandResult> {
    return this.run('sim settle');
  }

  /**
   * Applies the shown file, as `kubectl apply -f NAME` in the console; a tab `kubectl edit`
   * opened is saved instead, as the editor closing would save it (the verb's `--edited-file`),
   * and closes once kubectl is done with it.
   */
  async apply(): Promise<CommandResult> {
    const name = this.files.active;
    const edit = this.edits[name];
    if (!edit) return this.run(`kubectl apply -f ${name}`);
    const namespace = edit.namespace === undefined ? '' : ` -n ${edit.namespace}`;
    const result = await this.run(
      `kubectl edit ${edit.resource}${namespace} --edited-file=${name}`,
    );
    if (result.exit === 0) this.closeFile(name);
    return result;
  }

  /** Opens a new, nearly empty file (`untitled-N.yaml`) and shows it. */
  newFile(): string {
    const name = this.files.untitledName();
    this.files.load(name, NEW_FILE_TEXT);
    return name;
  }

  /**
   * Whether the learner may close a tab: the files they opened themselves (New file, a
   * `kubectl edit`). The sandbox's and a lesson's files stay, as a closed one could not be
   * opened again.
   */
  closable(name: string): boolean {
    return /^untitled-\d+\.yaml$/.test(name) || Object.hasOwn(this.edits, name);
  }

  /** Closes a tab and forgets what was known about it. */
  closeFile(name: string): void {
    this.files.close(name);
    const { [name]: _edit, ...edits } = this.edits;
    const { [name]: _drift, ...drift } = this.drift;
    const { [name]: _diagnostics, ...diagnostics } = this.diagnostics;
    this.edits = edits;
    this.drift = drift;
    this.diagnostics = diagnostics;
  }

  /**
   * Replaces a file's text with its objects as they live in the cluster now (what its drift
   * notice offers), then checks it again.
   */
  loadLive(name: string): void {
    const drift = this.drift[name];
    if (!drift) return;
    this.files.load(name, drift.liveText);
    void this.diagnose(name);
  }

  /** Shows in the console how the file and the cluster differ: `kubectl diff -f NAME`. */
  showDiff(name: string): Promise<CommandResult> {
    return this.run(`kubectl diff -f ${name}`);
  }

  /** Tab completion for the console input. */
  complete(line: string): Promise<string[]> {
    return this.client.complete(line, this.files.toMap());
  }

  /** Records an edit and re-checks the file once typing pauses. */
  edit(name: string, text: string): void {
    this.files.setText(name, text);
    this.#scheduleDiagnose(name);
  }

  /** Checks a file now (also used on start-up for every open file). */
  async diagnose(name: string): Promise<void> {
    const text = this.files.files.find((f) => f.name === name)?.text;
    if (text === undefined) return;
    const seq = (this.#diagnoseSeq.get(name) ?? 0) + 1;
    this.#diagnoseSeq.set(name, seq);
    const { diagnostics, drift } = await this.client.diagnose(name, text);
    // An older check that finishes after a newer one must not overwrite it.
    if (this.#diagnoseSeq.get(name) !== seq) return;
    this.diagnostics = { ...this.diagnostics, [name]: diagnostics };
    if (drift || this.drift[name]) this.drift = { ...this.drift, [name]: drift };
  }

  /**
   * Adds a node the way a learner would: writes a v1 Node manifest to the `new-node.yaml` tab
   * and applies it, so the console and the command log show how the node came to exist.
   */
  addNode(name: string, labels: Record<string, string>): Promise<CommandResult> {
    const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
    const text = [
      'apiVersion: v1',
      'kind: Node',
      'metadata:',
      `  name: ${name}`,
      ...(labelLines.length > 0 ? ['  labels:', ...labelLines] : []),
      '',
    ].join('\n');
    this.files.setText(NEW_NODE_FILE, text);
    return this.run(`kubectl apply -f ${NEW_NODE_FILE}`);
  }

  /**
   * Starts over on an empty cluster with `files` open (a lesson opens or is reset): the
   * transcript, the diagnostics and the selection go with the old cluster. `linesFollow` says
   * lines are sent right behind (a lesson's start): the empty cluster is then not drawn.
   */
  async restart(files: OpenFile[], active?: string, linesFollow = false): Promise<void> {
    this.files.replace(files, active);
    this.console.clear();
    this.diagnostics = {};
    this.drift = {};
    this.edits = {};
    this.selection = undefined;
    this.selectedDaemonSet = undefined;
    await this.client.restart(this.files.toMap(), linesFollow ? { snapshot: false } : undefined);
  }

  /** Selects a DaemonSet for the status bar. */
  selectDaemonSet(ref: DaemonSetRef | undefined): void {
    this.selectedDaemonSet = ref;
  }

  /** Stops pending re-checks. */
  dispose(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }

  /** After a command creates or reconfigures a DaemonSet, the status bar and view follow it. */
  #followApplied(result: CommandResult): void {
    if (result.exit !== 0) return;
    const applied = result.touched
      .filter(
        (t) => t.kind === 'DaemonSet' && (t.action === 'created' || t.action === 'configured'),
      )
      .at(-1);
    if (applied)
      this.selectedDaemonSet = { namespace: applied.namespace ?? 'default', name: applied.name };
  }

  /** `kubectl edit` opened the live object: it becomes a tab, shown, whose Apply saves it. */
  #openEdited(result: CommandResult): void {
    for (const file of result.opened ?? []) {
      this.files.load(file.name, file.text);
      this.edits = { ...this.edits, [file.name]: file };
    }
  }

  #scheduleDiagnose(name: string): void {
    const pending = this.#timers.get(name);
    if (pending) clearTimeout(pending);
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name);
        void this.diagnose(name);
      }, DIAGNOSE_DELAY_MS),
    );
  }
}
