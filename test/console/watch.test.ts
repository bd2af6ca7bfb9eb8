import { describe, expect, it } from 'vitest';
import { createConsole, runScript, type FileSource } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import type { Cluster } from '../../src/engine/operations.ts';
import { TABLE_WRITER, formatTabbed } from '../../src/console/printers/tabwriter.ts';
import { nodesYaml, SLEEPING_AGENT } from '../support/manifests.ts';
import { delegatingCluster } from '../../src/engine/delegating-cluster.ts';

const NODES = nodesYaml(['worker-1', 'worker-2']);
const DS = SLEEPING_AGENT;
const AGENT = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] },
    },
  },
};
const FILES: Record<string, string> = { 'nodes.yaml': NODES, 'ds.yaml': DS };
const files: FileSource = { read: (path) => FILES[path], list: () => Object.keys(FILES) };

/** A console with two nodes and the agent DaemonSet's pods running. */
function runningAgent() {
  const console = createConsole({ cluster: createCluster({ seed: 1 }), files });
  console.run('kubectl apply -f nodes.yaml');
  console.run('kubectl apply -f ds.yaml');
  console.run('sim settle');
  return console;
}

/** The NAME and STATUS cells of table rows (headers left out). */
function nameAndStatus(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('NAME'))
    .map((line) => {
      const cells = line.split(/\s{2,}/);
      return `${cells[0]} ${cells[2]}`;
    });
}

describe('kubectl get -w', () => {
  it('prints the list with its header, and the watch stays open', () => {
    const console = runningAgent();
    const result = console.run('kubectl get pods -w');
    expect(result.exit).toBe(0);
    expect(result.out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(result.out.trimEnd().split('\n')).toHaveLength(3);
    expect(result.watching).toBe(true);
    expect(console.watching).toBe(true);
  });

  it('prints a pod row again for each update during a rollout, in the sim line that moved time', () => {
    const console = runningAgent();
    console.run('kubectl set image ds/agent agent=busybox:1.37');
    const list = console.run('kubectl get pods -w');
    const [terminating] = nameAndStatus(list.out).filter((row) => row.endsWith('Terminating'));
    expect(terminating).toBeDefined();
    const waited = console.run('sim wait 30s');
    expect(waited.watching).toBe(true);
    const rows = nameAndStatus(waited.out);
    expect(waited.out).not.toMatch(/^NAME/m);
    // The old pod's last row, then a new pod seen from Pending or ContainerCreating to Running.
    const oldName = terminating.split(' ')[0];
    expect(rows.filter((row) => row.startsWith(oldName)).length).toBeGreaterThan(0);
    const newPods = [...new Set(rows.map((row) => row.split(' ')[0]))].filter(
      (name) => !list.out.includes(name),
    );
    expect(newPods.length).toBeGreaterThan(0);
    const firstNew = rows.filter((row) => row.startsWith(`${newPods[0]} `));
    expect(firstNew[0]).toMatch(/Pending|ContainerCreating/);
    expect(firstNew.at(-1)).toMatch(/Running/);
  });

  it('stops when a kubectl line runs, which prints nothing of the watch', () => {
    const console = runningAgent();
    console.run('kubectl get pods -w');
    console.run('kubectl set image ds/agent agent=busybox:1.37');
    expect(console.watching).toBe(false);
    const waited = console.run('sim wait 30s');
    expect(waited.out).toBe('');
    expect(waited.watching).toBeUndefined();
  });

  it('prints nothing for an empty list, then the header with the first row', () => {
    const console = createConsole({ cluster: createCluster({ seed: 1 }), files });
    console.run('kubectl apply -f nodes.yaml');
    const empty = console.run('kubectl get pods -w');
    expect(empty).toMatchObject({ exit: 0, out: '', err: '', watching: true });
    // Another client creates the DaemonSet while the watch is open.
    console.cluster.execute({ op: 'apply', object: AGENT });
    const rows = console.run('sim wait 10s').out.split('\n');
    expect(rows[0]).toMatch(/^NAME\s+READY/);
    expect(rows[1]).toMatch(/^agent-/);
    expect(rows.filter((line) => line.startsWith('NAME'))).toHaveLength(1);
  });

  it('prints a pod that stops matching a field selector once more, in the state it last printed', () => {
    const console = runningAgent();
    console.run('kubectl set image ds/agent agent=busybox:1.37');
    console.run('kubectl get pods -w --field-selector status.phase=Pending --output-watch-events');
    const rows = console.run('sim wait 30s').out.trimEnd().split('\n').slice(1);
    const [added] = rows;
    expect(added).toMatch(/^ADDED\s+agent-\S+\s+0\/1\s+Pending/);
    const name = added.split(/\s+/)[1];
    const own = rows.filter((row) => row.split(/\s+/)[1] === name);
    // It ran, so it left the list: one DELETED row as last printed, and nothing after it.
    expect(own.at(-1)).toMatch(/^DELETED\s+\S+\s+0\/1\s+(Pending|ContainerCreating)\s/);
    expect(own.filter((row) => row.startsWith('DELETED'))).toHaveLength(1);
  });

  it('prints nothing of the objects in other namespaces', () => {
    const console = runningAgent();
    console.run('kubectl set image ds/agent agent=busybox:1.37');
    expect(console.run('kubectl get pods -n kube-system -w').out).toBe('');
    expect(console.run('sim wait 30s')).toMatchObject({ out: '', watching: true });
  });

  it('leaves the list out with --watch-only', () => {
    const console = runningAgent();
    const result = console.run('kubectl get pods --watch-only');
    expect(result).toMatchObject({ exit: 0, out: '', watching: true });
  });

  it('names each event with --output-watch-events, a deleted pod once more in its last state', () => {
    const console = runningAgent();
    const list = console.run('kubectl get pods -w --output-watch-events');
    expect(list.out.split('\n')[0]).toMatch(/^EVENT\s+NAME\s+READY/);
    expect(list.out.split('\n')[1]).toMatch(/^ADDED {4}\s+agent-/);
    const pod = list.out.split('\n')[1].split(/\s+/)[1];
    console.stopWatch();
    console.run('kubectl get pods -w --output-watch-events --watch-only');
    // Another client deletes the pod while the watch is open.
    console.cluster.execute({
      op: 'delete',
      key: { kind: 'Pod', name: pod, namespace: 'default' },
    });
    const rows = console.run('sim wait 40s').out.trimEnd().split('\n');
    const about = rows.filter((row) => row.includes(` ${pod} `));
    expect(about.at(-1)).toMatch(/^DELETED /);
    expect(rows.some((row) => /^ADDED /.test(row))).toBe(true);
  });

  it('prints each event as one line of JSON with -o json, type before object', () => {
    const console = runningAgent();
    const result = console.run('kubectl get ds -w -o json --output-watch-events');
    expect(result.out.startsWith(`{"type":"ADDED","object":{"apiVersion":"apps/v1"`)).toBe(true);
    expect(JSON.parse(result.out)).toMatchObject({ type: 'ADDED', object: { kind: 'DaemonSet' } });
  });

  it('hands rows printed while no line runs to takeWatchOutput, once', () => {
    const console = runningAgent();
    console.run('kubectl get pods -w');
    console.run('kubectl set image ds/agent agent=busybox:1.37');
    console.run('kubectl get pods -w');
    console.cluster.advance(30_000);
    const rows = console.takeWatchOutput();
    expect(rows).toMatch(/Running/);
    expect(console.takeWatchOutput()).toBe('');
    console.stopWatch();
    console.cluster.advance(30_000);
    expect(console.takeWatchOutput()).toBe('');
  });

  it('refuses as kubectl does: several types, several names, events without a watch', () => {
    const console = runningAgent();
    expect(console.run('kubectl get ds,pods -w').err).toBe(
      'error: you may only specify a single resource type\n',
    );
    const pods = console
      .run('kubectl get pods')
      .out.split('\n')
      .slice(1, 3)
      .map((line) => line.split(' ')[0]);
    const two = console.run(`kubectl get pods ${pods.join(' ')} -w`);
    expect(two.exit).toBe(1);
    expect(two.out.trimEnd().split('\n')).toHaveLength(3);
    expect(two.err).toBe(
      'error: you may only watch a single resource or type of resource at a time\n',
    );
    expect(two.watching).toBeUndefined();
    expect(console.run('kubectl get pods --output-watch-events').err).toBe(
      'error: --output-watch-events option can only be used with --watch or --watch-only\n',
    );
  });

  it('completes -w and the watch flags from the verb table', () => {
    const console = runningAgent();
    expect(console.complete('kubectl get po -w')).toEqual(['-w']);
    expect(console.complete('kubectl get po --wa')).toEqual(['--watch', '--watch-only']);
    expect(console.complete('kubectl get po --output-w')).toEqual(['--output-watch-events']);
  });
});

/** Reads of a cluster through a wrapper, and the change-feed listeners it holds now. */
interface Reads {
  list: number;
  get: number;
  listeners: number;
}

/** From a cluster, the same cluster counting its list and get calls and its listeners. */
function counting(inner: Cluster, reads: Reads): Cluster {
  return delegatingCluster(inner, {
    get(kind, name, namespace) {
      reads.get += 1;
      return inner.get(kind, name, namespace);
    },
    list(kind, options) {
      reads.list += 1;
      return inner.list(kind, options);
    },
    onWrite(listener) {
      reads.listeners += 1;
      const stop = inner.onWrite(listener);
      return () => {
        reads.listeners -= 1;
        stop();
      };
    },
  });
}

describe("a watch's cost", () => {
  /** The agent's pods running on a cluster whose reads are counted from here on. */
  function countedAgent() {
    const reads: Reads = { list: 0, get: 0, listeners: 0 };
    const console = createConsole({ cluster: counting(createCluster({ seed: 1 }), reads), files });
    console.run('kubectl apply -f nodes.yaml');
    console.run('kubectl apply -f ds.yaml');
    console.run('sim settle');
    return { console, reads };
  }

  it('lists and copies no watched object at an instant where nothing it watches changed', () => {
    const { console, reads } = countedAgent();
    for (const line of ['kubectl get pods -w', 'kubectl get ds agent -w']) {
      console.run(line);
      reads.list = 0;
      reads.get = 0;
      const waited = console.run('sim wait 5m');
      expect(waited).toMatchObject({ exit: 0, out: '', watching: true });
      expect(reads).toMatchObject({ list: 0, get: 0 });
    }
  });

  it("prints a rollout's rows from the objects written, without listing the pods", () => {
    const { console, reads } = countedAgent();
    console.run('kubectl set image ds/agent agent=busybox:1.37');
    console.run('kubectl get pods -w');
    reads.list = 0;
    const waited = console.run('sim wait 30s');
    expect(nameAndStatus(waited.out).some((row) => row.endsWith('Running'))).toBe(true);
    expect(reads.list).toBe(0);
  });

  it('follows the change feed only while the watch is open', () => {
    const { console, reads } = countedAgent();
    expect(reads.listeners).toBe(0);
    console.run('kubectl get pods -w');
    expect(reads.listeners).toBe(1);
    console.run('kubectl get pods -w -o wide');
    expect(reads.listeners).toBe(1);
    console.run('kubectl get ds');
    expect(reads.listeners).toBe(0);
    console.run('kubectl get pods -w');
    console.stopWatch();
    expect(reads.listeners).toBe(0);
  });
});

describe('a watch in a headless script', () => {
  const script = [
    'kubectl apply -f nodes.yaml',
    'kubectl apply -f ds.yaml',
    'kubectl get pods -w',
    'sim wait 10s',
    'sim settle',
    'kubectl get ds',
    'sim wait 10s',
  ].join('\n');

  it('streams through the sim lines after it and ends at the next kubectl line', () => {
    const records = runScript(script, { seed: 1, files });
    expect(records[2].out).toMatch(/^NAME/);
    expect(records[3].out).toMatch(/Running/);
    expect(records[6].out).toBe('');
  });

  it('prints the same bytes every run', () => {
    const once = JSON.stringify(runScript(script, { seed: 1, files }));
    expect(JSON.stringify(runScript(script, { seed: 1, files }))).toBe(once);
  });

  it('leaves the cluster exactly as the same script without the watch', () => {
    const without = runScript(script.replace('kubectl get pods -w', 'kubectl get pods'), {
      seed: 1,
      files,
    });
    const withWatch = runScript(script, { seed: 1, files });
    expect(withWatch.map((r) => r.t)).toEqual(without.map((r) => r.t));
    expect(withWatch[5].out).toBe(without[5].out);
  });
});

describe("the tab writer's remembered widths", () => {
  it('keeps a column as wide as an earlier flush made it, and grows it for a wider cell', () => {
    const widths: number[] = [];
    const first = formatTabbed('NAME\tSTATUS\tAGE\nab\tRunning\t1s\n', TABLE_WRITER, widths);
    expect(first).toBe('NAME   STATUS    AGE\nab     Running   1s\n');
    expect(formatTabbed('a\tOK\t2s\n', TABLE_WRITER, widths)).toBe('a      OK        2s\n');
    expect(formatTabbed('a\tTerminating\t3s\n', TABLE_WRITER, widths)).toBe(
      'a      Terminating   3s\n',
    );
    expect(formatTabbed('a\tOK\t4s\n', TABLE_WRITER, widths)).toBe('a      OK            4s\n');
  });
});
