/**
 * What every verb gets: the cluster, the file source, the namespace flags, and two buffers
 * standing for the terminal's stdout and stderr.
 */
import type { Cluster } from '../engine/operations.ts';
import type { EditorHost, FileSource, TouchedObject } from './types.ts';
import { epochMs } from './printers/format.ts';
import type { WatchSession } from './watch.ts';

export class Output {
  readonly out: string[] = [];
  readonly err: string[] = [];
  exit = 0;

  /** Appends a line (or lines) to stdout. */
  print(text: string): void {
    this.out.push(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Appends text to stdout as it is (for printers that end their own lines). */
  write(text: string): void {
    if (text !== '') this.out.push(text);
  }

  /** Appends a line to stderr. */
  error(text: string): void {
    this.err.push(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Appends an error line and marks the command failed. */
  fail(text: string): number {
    this.error(text);
    this.exit = 1;
    return 1;
  }
}

export interface VerbContext {
  cluster: Cluster;
  files: FileSource;
  output: Output;
  /** `-n`, or `default`. */
  namespace: string;
  /** Whether `-n` was given explicitly (apply compares it with manifests' namespaces). */
  namespaceExplicit: boolean;
  /**
   * Tells the command result kubectl's own word for an object (apply's `configured` for a
   * patch, `unchanged` for one it did not send); it replaces the API server's word.
   */
  reportTouched(touched: TouchedObject): void;
  /** The console's watch session, where `get -w` opens its watch (none: it ends at once). */
  watch?: WatchSession;
  /** The page's editor (`kubectl edit` opens a tab in it); undefined headless. */
  editor?: EditorHost;
}

/** Epoch ms of the cluster's simulated now, for ages. */
export function nowMs(context: VerbContext): number {
  return epochMs(context.cluster.now);
}

/**
 * Runs the controllers' reactions to a change at the current instant: every state-changing
 * command ends with this, as the contract says, so `get` right after shows the new pods.
 */
export function reconcileNow(context: VerbContext): void {
  context.cluster.advance(0);
}
