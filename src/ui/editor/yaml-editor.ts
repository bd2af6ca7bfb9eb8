/**
 * The lazy editor chunk: Monaco with monaco-yaml, one model per open file, markers from the
 * console's diagnostics and quick fixes for the advisor's warnings. The page imports this with
 * `import()` after first paint, so nothing here is part of the first load.
 *
 * One owner per problem: YAML syntax errors come only from the worker's reader (kubectl's
 * words, as the console prints them), so monaco-yaml's own syntax markers are dropped, and a
 * schema marker on a line the worker already marks is dropped too. Markers are set only on the
 * file shown, so F8's count and the footer's count are of the same problems.
 */
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { monaco } from './monaco-min.ts';
import YamlWorker from './yaml.worker.ts?worker';
import { listItemKeyIndent } from './yaml-enter.ts';
import { MANIFEST_SCHEMA } from '../../kube/openapi-schema.ts';
import type { ManifestDiagnostic, ManifestFix } from '../../protocol/cluster.ts';

/** One file of the editor. */
export interface EditorFile {
  name: string;
  text: string;
}

/** What the page asks of the editor once it has loaded. */
export interface YamlEditorOptions {
  files: EditorFile[];
  active: string;
  theme: 'light' | 'dark';
  /** Called on every edit with the file's new text. */
  onChange(name: string, text: string): void;
  /** Ctrl/Cmd+Enter. */
  onApply(): void;
  /** Escape then Tab (or Shift+Tab): the learner wants out of the editor. */
  onLeave(backwards: boolean): void;
  /** The shown file's problems, counted over every marker on it (what F8 cycles through). */
  onProblems?(counts: ProblemCounts): void;
}

/** Errors and warnings marked in the shown file. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
}

/** The loaded editor, driven by the Svelte component. */
export interface YamlEditor {
  /** Shows another file (creating its model if it is new). */
  open(name: string, text: string): void;
  /** Replaces a file's text from outside (e.g. a reset), keeping undo history. */
  setText(name: string, text: string): void;
  /** Loads a file's text as new (a lesson opens): undo does not go back past it. */
  load(name: string, text: string): void;
  /** Puts the console's diagnostics for one file on its model. */
  setDiagnostics(name: string, diagnostics: ManifestDiagnostic[]): void;
  setTheme(theme: 'light' | 'dark'): void;
  focus(): void;
  dispose(): void;
}

/** The command a quick fix runs to apply a ManifestFix. */
const APPLY_FIX_COMMAND = 'playground.applyManifestFix';

/** Markers we own, distinct from monaco-yaml's own 'yaml' owner. */
const MARKER_OWNER = 'playground';
/** monaco-yaml's owner, and the source its syntax (not schema) diagnostics carry. */
const YAML_OWNER = 'yaml';
const YAML_SYNTAX_SOURCE = 'YAML';

/** Monaco's own marker setter, before the wrapper monaco-yaml is handed replaces it. */
const setMarkers = monaco.editor.setModelMarkers.bind(monaco.editor);
/** monaco-yaml's latest schema markers per model URI, kept while its file is not shown. */
const schemaMarkersByUri = new Map<string, monaco.editor.IMarkerData[]>();
/** The URI of the model the editor shows; only it carries markers. */
let shownUri: string | undefined;

/**
 * Sets both owners' markers on a model from what each last reported: none when the model is
 * not shown; monaco-yaml's schema markers only on lines the worker left unmarked.
 */
function refreshMarkers(model: monaco.editor.ITextModel): void {
  const uri = model.uri.toString();
  const shown = uri === shownUri;
  const ours = shown ? (diagnosticsByUri.get(uri) ?? []).map((d) => toMarker(d, model)) : [];
  const marked = new Set(ours.map((m) => m.startLineNumber));
  const theirs = shown
    ? (schemaMarkersByUri.get(uri) ?? []).filter((m) => !marked.has(m.startLineNumber))
    : [];
  setMarkers(model, MARKER_OWNER, ours);
  setMarkers(model, YAML_OWNER, theirs);
}

/**
 * Monaco >= 0.55 takes `{ worker }` in editor.createWebWorker, while monaco-yaml 5.5.1 still
 * passes `{ moduleId, label, createData }` and then finds no worker (no markers, no hover).
 * This wraps the old call into the new one, sending the same two start-up messages Monaco's
 * own language workers get (docs/toolchain.md, note 2; monaco-yaml issue #272).
 */
function withLegacyCreateWebWorker(m: typeof monaco): typeof monaco {
  type LegacyOptions = {
    label?: string;
    createData?: unknown;
    host?: Record<string, (...args: unknown[]) => unknown>;
    keepIdleModels?: boolean;
  };
  const createWebWorker = (opts: LegacyOptions | monaco.editor.IInternalWebWorkerOptions) => {
    if ('worker' in opts) return m.editor.createWebWorker(opts);
    const worker = Promise.resolve(
      getWorker('workerMain.js', opts.label ?? 'monaco-editor-worker'),
    ).then((w) => {
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return w;
    });
    return m.editor.createWebWorker({
      worker,
      host: opts.host,
      keepIdleModels: opts.keepIdleModels,
    });
  };
  // monaco-yaml's markers pass through here: its syntax errors are dropped (the worker's
  // reader words them as kubectl does) and its schema markers wait for refreshMarkers.
  const setModelMarkers = (
    model: monaco.editor.ITextModel,
    owner: string,
    markers: monaco.editor.IMarkerData[],
  ) => {
    if (owner !== YAML_OWNER) return setMarkers(model, owner, markers);
    schemaMarkersByUri.set(
      model.uri.toString(),
      markers.filter((marker) => marker.source !== YAML_SYNTAX_SOURCE),
    );
    refreshMarkers(model);
  };
  return {
    ...m,
    editor: { ...m.editor, createWebWorker, setModelMarkers },
  } as typeof monaco;
}

function getWorker(_workerId: string, label: string): Worker {
  if (label === 'yaml') return new YamlWorker();
  if (label === 'editorWorkerService') return new EditorWorker();
  throw new Error(`Unknown Monaco worker label ${label}`);
}

let configured = false;
const diagnosticsByUri = new Map<string, ManifestDiagnostic[]>();

function configureOnce(): void {
  if (configured) return;
  configured = true;
  defineThemes();
  // Monaco finds its workers through this global; it has no other hook for worker creation.
  self.MonacoEnvironment = { getWorker };
  configureMonacoYaml(withLegacyCreateWebWorker(monaco), {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    completion: true,
    format: { enable: true },
    // kubectl reads YAML 1.1 (yes/no/on/off are booleans, 010 is octal); so does the console.
    yamlVersion: '1.1',
    schemas: [
      {
        uri: 'inmemory://schemas/kubernetes-manifest.json',
        fileMatch: ['**/*.yaml', '**/*.yml'],
        schema: MANIFEST_SCHEMA,
      },
    ],
  });
  monaco.editor.registerCommand(APPLY_FIX_COMMAND, (_accessor, uri: string, fix: ManifestFix) => {
    const model = monaco.editor.getModel(monaco.Uri.parse(uri));
    if (!model) return;
    model.pushStackElement();
    model.pushEditOperations(
      [],
      fix.edits.map((e) => ({
        range: new monaco.Range(e.startLine, e.startColumn, e.endLine, e.endColumn),
        text: e.text,
      })),
      () => null,
    );
    model.pushStackElement();
  });
  monaco.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(model, _range, context) {
      const diagnostics = diagnosticsByUri.get(model.uri.toString()) ?? [];
      const actions: monaco.languages.CodeAction[] = [];
      for (const marker of context.markers) {
        // Markers carry no owner here; ours are found by position and message.
        const diagnostic = diagnostics.find((d) => isSame(d, marker));
        if (!diagnostic?.fix) continue;
        actions.push({
          title: diagnostic.fix.title,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          // A command rather than a workspace edit: the standalone editor's bulk-edit service
          // silently drops workspace edits here, while a model edit always applies (and undoes).
          command: {
            id: APPLY_FIX_COMMAND,
            title: diagnostic.fix.title,
            arguments: [model.uri.toString(), diagnostic.fix],
          },
        });
      }
      return { actions, dispose() {} };
    },
  });
}

function isSame(d: ManifestDiagnostic, marker: monaco.editor.IMarkerData): boolean {
  return (
    d.line === marker.startLineNumber &&
    d.column === marker.startColumn &&
    d.message === marker.message
  );
}

function uriOf(name: string): monaco.Uri {
  // File URIs so monaco-yaml's fileMatch picks the schema for each model.
  return monaco.Uri.parse(`file:///playground/${encodeURIComponent(name)}`);
}

function toMarker(
  d: ManifestDiagnostic,
  model: monaco.editor.ITextModel,
): monaco.editor.IMarkerData {
  const lineCount = model.getLineCount();
  const line = Math.min(Math.max(1, d.line), lineCount);
  const endLine = Math.min(Math.max(line, d.endLine), lineCount);
  let endColumn = d.endColumn;
  // A zero-width range draws no squiggle; stretch it over the rest of the line.
  if (endLine === line && endColumn <= d.column) endColumn = model.getLineMaxColumn(line);
  return {
    startLineNumber: line,
    startColumn: d.column,
    endLineNumber: endLine,
    endColumn,
    message: d.message,
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    source: d.source === 'advisor' ? 'advisor' : d.source === 'api' ? 'API server' : 'YAML',
    code: d.code,
  };
}

const THEMES = { light: 'vs', dark: 'playground-dark' } as const;

/**
 * vs-dark draws YAML comments in #608b4e, 4.2:1 on its #1e1e1e background; WCAG asks 4.5:1
 * for text, and comments carry the article's explanations, so they get a lighter green (6:1).
 */
function defineThemes(): void {
  monaco.editor.defineTheme(THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [{ token: 'comment', foreground: '7ca668' }],
    colors: {},
  });
}

/** Creates the editor in `host` showing `options.active`, with a model for every file. */
export function createYamlEditor(host: HTMLElement, options: YamlEditorOptions): YamlEditor {
  configureOnce();
  const models = new Map<string, monaco.editor.ITextModel>();
  const modelFor = (name: string, text: string): monaco.editor.ITextModel => {
    let model = models.get(name);
    if (!model) {
      model =
        monaco.editor.getModel(uriOf(name)) ?? monaco.editor.createModel(text, 'yaml', uriOf(name));
      if (model.getValue() !== text) model.setValue(text);
      const m = model;
      m.onDidChangeContent(() => options.onChange(name, m.getValue()));
      models.set(name, model);
    }
    return model;
  };
  for (const f of options.files) modelFor(f.name, f.text);
  const first = options.files.find((f) => f.name === options.active) ?? options.files[0];

  const editor = monaco.editor.create(host, {
    model: first ? modelFor(first.name, first.text) : null,
    theme: THEMES[options.theme],
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    // Keeps the editor's own accessible name meaningful to screen readers.
    ariaLabel: 'Manifest editor: YAML',
    // Quick fixes appear on hover and with Ctrl+.; the lightbulb is a mouse-only hint.
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
    fixedOverflowWidgets: true,
    quickSuggestions: { other: true, comments: false, strings: true },
    renderLineHighlight: 'line',
    // The default dims the number of the empty line after the final newline (1.8:1 contrast).
    renderFinalNewline: 'on',
    // The schema offers completions while typing keys, so suggest on Enter is safer off.
    acceptSuggestionOnEnter: 'smart',
  });

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onApply());

  // Enter after `- key: value` lines the next key up under `key`, not under the dash (YAML's
  // enter rules only know `key:`). Elsewhere Enter types a newline as usual.
  editor.addCommand(
    monaco.KeyCode.Enter,
    () => {
      const model = editor.getModel();
      const selection = editor.getSelection();
      const before =
        model && selection?.isEmpty()
          ? model.getLineContent(selection.startLineNumber).slice(0, selection.startColumn - 1)
          : undefined;
      const indent = before === undefined ? undefined : listItemKeyIndent(before);
      if (!model || !selection || indent === undefined) {
        editor.trigger('keyboard', 'type', { text: '\n' });
        return;
      }
      editor.executeEdits('enter', [{ range: selection, text: `\n${' '.repeat(indent)}` }]);
      editor.pushUndoStop();
    },
    'editorTextFocus && !suggestWidgetVisible && !editorReadonly',
  );

  // The footer counts what F8 visits: every marker on the shown file, whichever owner set it.
  const reportProblems = () => {
    const model = editor.getModel();
    if (!model || !options.onProblems) return;
    const markers = monaco.editor.getModelMarkers({ resource: model.uri });
    options.onProblems({
      errors: markers.filter((m) => m.severity === monaco.MarkerSeverity.Error).length,
      warnings: markers.filter((m) => m.severity === monaco.MarkerSeverity.Warning).length,
    });
  };
  const markerListener = monaco.editor.onDidChangeMarkers((uris) => {
    const shown = editor.getModel()?.uri.toString();
    if (uris.some((u) => u.toString() === shown)) reportProblems();
  });
  const show = (model: monaco.editor.ITextModel | null): void => {
    const previous =
      shownUri === undefined ? undefined : monaco.editor.getModel(monaco.Uri.parse(shownUri));
    shownUri = model?.uri.toString();
    if (previous) refreshMarkers(previous);
    if (model) refreshMarkers(model);
    reportProblems();
  };
  show(editor.getModel());

  // Escape then Tab leaves the editor (Monaco keeps Tab for indentation otherwise).
  let escaped = false;
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) {
      escaped = true;
      return;
    }
    if (event.keyCode === monaco.KeyCode.Tab && escaped) {
      event.preventDefault();
      event.stopPropagation();
      escaped = false;
      options.onLeave(event.shiftKey);
      return;
    }
    if (
      event.keyCode !== monaco.KeyCode.Shift &&
      event.keyCode !== monaco.KeyCode.Ctrl &&
      event.keyCode !== monaco.KeyCode.Alt
    )
      escaped = false;
  });

  return {
    open(name, text) {
      const model = modelFor(name, text);
      if (editor.getModel() !== model) {
        editor.setModel(model);
        show(model);
      }
    },
    setText(name, text) {
      const model = modelFor(name, text);
      if (model.getValue() === text) return;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    },
    load(name, text) {
      const model = modelFor(name, text);
      if (model.getValue() !== text) model.setValue(text);
    },
    setDiagnostics(name, diagnostics) {
      const model = models.get(name);
      if (!model) return;
      const uri = model.uri.toString();
      // Every Apply re-checks the files; markers set again unchanged would still make Monaco
      // redecorate and redraw its lines (10 ms, in the frame that shows the new pods).
      const before = diagnosticsByUri.get(uri);
      if (before && JSON.stringify(before) === JSON.stringify(diagnostics)) return;
      diagnosticsByUri.set(uri, diagnostics);
      refreshMarkers(model);
    },
    setTheme(theme) {
      monaco.editor.setTheme(THEMES[theme]);
    },
    focus() {
      editor.focus();
    },
    dispose() {
      markerListener.dispose();
      shownUri = undefined;
      editor.dispose();
      for (const model of models.values()) {
        diagnosticsByUri.delete(model.uri.toString());
        schemaMarkersByUri.delete(model.uri.toString());
        model.dispose();
      }
      models.clear();
    },
  };
}
