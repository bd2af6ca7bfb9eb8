/**
 * `kubectl get -w`: a watch cursor per console. kubectl prints the list it got and then one row
 * per watch event for the matching objects; the playground has no watch stream, so the cursor
 * remembers the resourceVersion of every matching object it has printed, and after each
 * simulated instant prints a row for every object whose resourceVersion moved (modified), that
 * is new (added) or that is gone (deleted, with its last state). Rows come in resourceVersion
 * order, deletions first, so the same script prints the same bytes. The cursor hears of the
 * objects written through the cluster's change feed (`Cluster.onWrite`) and looks at those
 * alone, so an instant costs what changed in it, not a copy of every watched object.
 *
 * The session holds at most one watch. A `sim` line leaves it open (it moves the clock or plays
 * the kubelet, as another terminal would); any other line stops it first, as the Ctrl+C a
 * learner would need before typing it. Rows go to the output of the line that is running, or
 * wait in the session for the page to take them while the clock plays by itself.
 */
import type { Cluster, ObjectWrite } from '../engine/operations.ts';
import type { KubeObject } from '../engine/types.ts';
import { epochMs } from './printers/format.ts';
import { compactJson, printJson, servedForm } from './printers/json.ts';
import { printYaml } from './printers/yaml.ts';
import { tableCells } from './printers/table.ts';
import { TABLE_WRITER, formatTabbed } from './printers/tabwriter.ts';
import { listMatcher, listObjects } from './list.ts';
import type { ResourceType } from './resources.ts';
import type { Output } from './context.ts';

/** What `kubectl get -w` watches and how it prints, from its arguments. */
export interface WatchRequest {
  type: ResourceType;
  /** The namespace listed; undefined with `-A` or for cluster-scoped types. */
  namespace: string | undefined;
  /** A single object watched by name (kubectl's field selector `metadata.name=NAME`). */
  name?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** `-o`: undefined (a table), `wide`, `json`, `yaml` or `name`. */
  format: string | undefined;
  /** `-A`: a NAMESPACE column. */
  withNamespace: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  /** `--output-watch-events`: an EVENT column (ADDED, MODIFIED, DELETED). */
  events: boolean;
}

/** A watch event's type as the API server names it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** The EVENT cells kubectl prints (tableprinter.go formattedEventType pads them to 8). */
const EVENT_CELL: Record<WatchEventType, string> = {
  ADDED: 'ADDED   ',
  MODIFIED: 'MODIFIED',
  DELETED: 'DELETED ',
};

/** What the cursor last printed of an object: its version and the object itself. */
interface Seen {
  rv: number;
  object: KubeObject;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}/${object.metadata.uid}`;
}

/**
 * One open watch: the printer's state (kubectl keeps one printer and one tab writer for the
 * whole watch) and the cursor over the objects it has printed.
 */
export class ObjectWatch {
  readonly request: WatchRequest;
  #seen = new Map<string, Seen>();
  /** The tab writer's remembered column widths (RememberWidths). */
  #widths: number[] = [];
  /** Whether the table printer has printed its header (it does so with its first row). */
  #printedHeaders = false;
  /** Documents printed, for the YAML printer's `---` between them. */
  #documents = 0;
  /** Whether an object is one the watch follows (its namespace, name and selectors). */
  readonly #matches: (object: KubeObject) => boolean;
  /**
   * The last write to each object of the watched kind since the last poll, by object; undefined
   * until the watch follows a change feed (and for events, which the feed leaves out).
   */
  #written: Map<string, ObjectWrite> | undefined;

  /** From a request and the objects matching it now, a watch whose cursor starts at them. */
  constructor(request: WatchRequest, current: readonly KubeObject[]) {
    this.request = request;
    this.#matches = matcherOf(request);
    for (const object of current) this.#seen.set(keyOf(object), seenOf(object));
  }

  /**
   * Follows the cluster's change feed from now on, so a poll looks at the objects written since
   * the last one instead of listing every watched object; returns the function that stops it.
   * Events are not in the feed: a watch of them keeps listing.
   */
  follow(cluster: Cluster): () => void {
    if (this.request.type.kind === 'Event') return () => {};
    const written = new Map<string, ObjectWrite>();
    this.#written = written;
    const kind = this.request.type.kind;
    const stop = cluster.onWrite((write) => {
      // Only the last write counts: two changes to one object within an instant print one row,
      // its state at the end of the instant, as a list after the instant would show it.
      if (write.kind === kind) written.set(keyOf(write.object), write);
    });
    return () => {
      stop();
      written.clear();
      this.#written = undefined;
    };
  }

  /**
   * From objects and the simulated now, the text kubectl prints for the list it got before
   * watching (get.go watch: every object, then one flush; with `--output-watch-events` each as
   * an ADDED event).
   */
  printList(objects: readonly KubeObject[], nowMs: number): string {
    return this.#print(
      objects.map((object) => ({ type: 'ADDED' as const, object })),
      nowMs,
    );
  }

  /**
   * From the cluster, the rows for every change to the watched objects since the last call (or
   * the list), and the cursor moved past them; '' when nothing changed. An object that no
   * longer matches (deleted, or relabelled out of the selector) prints its last state once.
   */
  poll(cluster: Cluster): string {
    const nowMs = epochMs(cluster.now);
    const changed: { type: WatchEventType; object: KubeObject; rv: number }[] = [];
    const deleted: { type: WatchEventType; object: KubeObject; rv: number }[] = [];
    /** From an object the cursor may have printed and its state now (undefined: not matching). */
    const compare = (key: string, object: KubeObject | undefined): void => {
      const before = this.#seen.get(key);
      if (object === undefined) {
        if (!before) return;
        deleted.push({ type: 'DELETED', object: before.object, rv: before.rv });
        this.#seen.delete(key);
        return;
      }
      const now = seenOf(object);
      if (before && before.rv === now.rv) return;
      changed.push({ type: before ? 'MODIFIED' : 'ADDED', object, rv: now.rv });
      this.#seen.set(key, now);
    };
    if (this.#written) {
      // An object not written since the last poll is as the cursor last saw it: still there,
      // still matching (what matches depends on the object alone), at the same version.
      for (const [key, write] of this.#written) {
        const there = write.change !== 'delete' && this.#matches(write.object);
        compare(key, there ? write.object : undefined);
      }
      this.#written.clear();
    } else {
      const current = this.#matching(cluster);
      const present = new Set<string>();
      for (const object of current) {
        const key = keyOf(object);
        present.add(key);
        compare(key, object);
      }
      for (const key of [...this.#seen.keys()]) if (!present.has(key)) compare(key, undefined);
    }
    // The store stamps every write with the next resourceVersion, so their order is the order
    // the watch would have delivered them in. A deletion takes no new version here; within one
    // instant it comes first, as a replacement pod is created in reaction to it.
    const byVersion = (a: { rv: number }, b: { rv: number }): number => a.rv - b.rv;
    const events = [...deleted.sort(byVersion), ...changed.sort(byVersion)];
    // Each event is its own PrintObj and Flush in kubectl, so each row is laid out alone,
    // against the widths the writer remembers.
    return events.map((e) => this.#print([e], nowMs)).join('');
  }

  /** The objects the watch matches now, as the API server lists them. */
  #matching(cluster: Cluster): KubeObject[] {
    const { type, namespace, name } = this.request;
    if (name !== undefined) {
      const object = cluster.get(type.kind, name, namespace);
      return object ? [object] : [];
    }
    const listed = listObjects(cluster, type, {
      namespace,
      labelSelector: this.request.labelSelector,
      fieldSelector: this.request.fieldSelector,
    });
    return 'error' in listed ? [] : listed;
  }

  /** From events and now, what kubectl's printer writes for them in one flush. */
  #print(events: readonly { type: WatchEventType; object: KubeObject }[], nowMs: number): string {
    if (events.length === 0) return '';
    const { format, type } = this.request;
    // The name printer prints the object of an event alone (`pod/x`), EVENT or not.
    if (format === 'name')
      return events.map((e) => `${type.singular}/${e.object.metadata.name}\n`).join('');
    if (format === 'json' || format === 'yaml') {
      return events
        .map((e) => {
          const served = servedForm(e.object);
          if (format === 'json')
            return this.request.events ? watchEventJson(e.type, served) : printJson(served);
          const separator = this.#documents++ > 0 ? '---\n' : '';
          const value = this.request.events ? { object: served, type: e.type } : served;
          return separator + printYaml(value);
        })
        .join('');
    }
    const options = {
      nowMs,
      wide: format === 'wide',
      withNamespace: this.request.withNamespace,
      showLabels: this.request.showLabels,
    };
    const objects = events.map((e) => e.object);
    const rows = tableCells(type.kind, objects, { ...options, noHeaders: true });
    const lines = this.request.events
      ? rows.map((row, i) => [EVENT_CELL[events[i].type], ...row])
      : rows;
    // The header comes with the first row printed: a watch that starts on an empty list (or
    // with --watch-only) prints it with the first event (tableprinter.go printTable prints no
    // header for a table without rows).
    if (!this.request.noHeaders && !this.#printedHeaders) {
      const [header] = tableCells(type.kind, [], { ...options, noHeaders: false });
      lines.unshift(this.request.events ? ['EVENT', ...header] : header);
    }
    this.#printedHeaders = true;
    const text = lines
      .map((cells) => cells.map((c) => c.replace(/[\t\n]/g, ' ')).join('\t'))
      .join('\n');
    return formatTabbed(`${text}\n`, TABLE_WRITER, this.#widths);
  }
}

/** From a request, whether an object is one it watches (see `listMatcher`). */
function matcherOf(request: WatchRequest): (object: KubeObject) => boolean {
  const { type, namespace, name } = request;
  if (name !== undefined) {
    return (object) =>
      object.kind === type.kind &&
      object.metadata.name === name &&
      (!type.namespaced || object.metadata.namespace === namespace);
  }
  const matcher = listMatcher(type, {
    namespace,
    labelSelector: request.labelSelector,
    fieldSelector: request.fieldSelector,
  });
  // Selectors the API server refuses list nothing (the watch is refused before it opens).
  return matcher ?? (() => false);
}

function seenOf(object: KubeObject): Seen {
  return { rv: Number(object.metadata.resourceVersion), object };
}

/**
 * From an event type and an object in its served form, the JSON printer's text for a
 * metav1.WatchEvent: a typed struct marshalled without indent (cli-runtime printers/json.go
 * has a case of its own for it), so `type` comes before `object`, on one line.
 */
function watchEventJson(type: WatchEventType, served: unknown): string {
  return `{"type":"${type}","object":${compactJson(served).trimEnd()}}\n`;
}

/**
 * A console's watch, if one is open, and where its rows go: into the output of the line that
 * is running, or kept until the page takes them (the clock playing by itself).
 */
export class WatchSession {
  #watch: ObjectWatch | undefined;
  /** Stops the open watch following the change feed. */
  #unfollow: (() => void) | undefined;
  #sink: Output | undefined;
  #pending = '';

  /** Whether a watch is open. */
  get active(): boolean {
    return this.#watch !== undefined;
  }

  /** The open watch's request, for a page to say what is watched. */
  get request(): WatchRequest | undefined {
    return this.#watch?.request;
  }

  /** Opens a watch on the cluster whose writes it follows, replacing any other. */
  open(watch: ObjectWatch, cluster: Cluster): void {
    this.#unfollow?.();
    this.#watch = watch;
    this.#unfollow = watch.follow(cluster);
  }

  /** Ends the watch (Ctrl+C); rows not yet taken are dropped with it. */
  stop(): void {
    this.#unfollow?.();
    this.#unfollow = undefined;
    this.#watch = undefined;
    this.#pending = '';
  }

  /** Sends rows to a running line's output until `release`. */
  attach(output: Output): void {
    this.#sink = output;
  }

  /** Rows go back to waiting for the page. */
  release(): void {
    this.#sink = undefined;
  }

  /** After a simulated instant: prints the open watch's rows for what changed in it. */
  poll(cluster: Cluster): void {
    const text = this.#watch?.poll(cluster) ?? '';
    if (text === '') return;
    if (this.#sink) this.#sink.write(text);
    else this.#pending += text;
  }

  /** The rows printed while no line was running, once. */
  take(): string {
    const text = this.#pending;
    this.#pending = '';
    return text;
  }
}
