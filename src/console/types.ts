/**
 * The console's public contract, shared by the worker, the headless runner and the tests.
 * The console is kubectl (plus the `sim` clock commands) on top of one engine `Cluster`.
 */
import type { ObjectKey, OperationResult } from '../engine/operations.ts';

/** Where `-f NAME` reads from: the script's folder headless, open editor files in the page. */
export interface FileSource {
  /** The file's text, or undefined when it does not exist (kubectl: the path "NAME" does not exist). */
  read(path: string): string | undefined;
  /** Names that Tab completion may offer after `-f`. */
  list(): string[];
}

/** One command's outcome: what a terminal would show, and the objects it changed. */
export interface CommandResult {
  /** 0 on success, 1 on any error, as kubectl. */
  exit: number;
  /** stdout, ending in a newline when non-empty. */
  out: string;
  /** stderr, ending in a newline when non-empty. */
  err: string;
  /** Every object an operation of the command succeeded on, in order (none for reads). */
  touched: TouchedObject[];
  /** Present when a `kubectl get -w` is open after the line (it opened it, or ran beside it). */
  watching?: true;
  /** Files the command opened in the page's editor (`kubectl edit`); absent when none. */
  opened?: OpenedFile[];
}

/** A file a command asks the page's editor to open as a new tab. */
export interface OpenedFile {
  /** The tab's name, also the name `-f` reads it by. */
  name: string;
  text: string;
  /** The object it holds, as kubectl names it (`daemonset.apps/NAME`). */
  resource: string;
  /** The object's namespace, when it has one. */
  namespace?: string;
}

/** The page's editor, as a verb may use it; absent headless, where there is none. */
export interface EditorHost {
  open(file: OpenedFile): void;
}

/**
 * An object a command created, changed or deleted, with the API server's word for what
 * happened to it (`unchanged` when an apply found nothing to change).
 */
export interface TouchedObject extends ObjectKey {
  action: Extract<OperationResult, { ok: true }>['action'];
}

/** A problem in a manifest file, for editor markers; lines and columns are 1-based. */
export interface ManifestDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  /** yaml: syntax; api: decoding/validation by the simulated API server; advisor: best practice. */
  source: 'yaml' | 'api' | 'advisor';
  /** For the advisor, a stable id such as `no-resources`; for api errors the field path. */
  code: string;
  /** The message; for api errors kubectl's text, for the advisor a one-line why. */
  message: string;
  /** An edit that fixes it (advisor quick fixes). */
  fix?: ManifestFix;
}

/** A text edit over 1-based line/column ranges (end exclusive), in Monaco's terms. */
export interface ManifestFix {
  title: string;
  edits: {
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
    text: string;
  }[];
}

/** A file the cluster has drifted away from since it was applied (src/console/drift.ts). */
export interface FileDrift {
  /** The file's objects whose live state changed, in file order. */
  objects: ObjectDrift[];
  /** The file's objects as they live now (without status and server fields), for "Load live". */
  liveText: string;
}

/** One object of a file and the fields the cluster changed. */
export interface ObjectDrift {
  /** As kubectl names it: `daemonset.apps/NAME`. */
  resource: string;
  namespace?: string;
  /** Each field the file sets that differs live: its path and both values, shortened. */
  fields: { path: string; live: string; file: string }[];
}
