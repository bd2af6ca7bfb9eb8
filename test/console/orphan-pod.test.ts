import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine/index.ts';
import type { Cluster, ObjectWrite, Pod } from '../../src/engine/index.ts';
import { runLine } from '../../src/console/index.ts';
import { nodesYaml } from '../support/manifests.ts';

/** A bare pod bound by its manifest to `ghost`, a node no one has created. */
const LOST_POD = `apiVersion: v1
kind: Pod
metadata:
  name: lost
spec:
  nodeName: ghost
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "sleep infinity"]
`;

/** A DaemonSet whose template names `ghost`. */
const PINNED_TO_GHOST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: pinned
spec:
  selector:
    matchLabels: {app: pinned}
  template:
    metadata:
      labels: {app: pinned}
    spec:
      nodeName: ghost
      containers:
      - name: c
        image: busybox:1.36
`;

const FILES: Record<string, string> = {
  'nodes.yaml': nodesYaml(['worker-1']),
  'ghost.yaml': nodesYaml(['ghost']),
  'lost.yaml': LOST_POD,
  'pinned.yaml': PINNED_TO_GHOST,
};
const source = { read: (path: string) => FILES[path], list: () => Object.keys(FILES) };

/** Runs console lines in order and returns the output of the last one. */
function run(cluster: Cluster, ...lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const result = runLine(line, cluster, source);
    expect(result.err ?? '').toBe('');
    out = result.out;
  }
  return out;
}

/** The stderr of one console line (where kubectl says it found nothing). */
function errOf(cluster: Cluster, line: string): string {
  return runLine(line, cluster, source).err ?? '';
}

/** The `kubectl get pods -o wide` row of pod `lost` as columns, or undefined once it is gone. */
function lostRow(cluster: Cluster): string[] | undefined {
  const rows = runLine('kubectl get pods -o wide -A', cluster, source)
    .out.trim()
    .split('\n')
    .slice(1);
  return rows.map((r) => r.split(/\s+/)).find((c) => c[1] === 'lost');
}

/** A cluster with one real node and the `lost` pod applied at 0 s. */
function withLostPod(): Cluster {
  const cluster = createCluster({ seed: 1 });
  run(cluster, 'kubectl apply -f nodes.yaml', 'kubectl apply -f lost.yaml');
  return cluster;
}

describe('a pod bound to a node that does not exist', () => {
  it('stays Pending with no IP, since no kubelet runs it', () => {
    const cluster = withLostPod();
    run(cluster, 'sim wait 30s');
    // NAMESPACE NAME READY STATUS RESTARTS AGE IP NODE ...
    expect(lostRow(cluster)?.slice(2, 8)).toEqual([
      '0/1',
      'Pending',
      '0',
      '30s',
      '<none>',
      'ghost',
    ]);
    const pod = JSON.parse(run(cluster, 'kubectl get pod lost -o json')) as {
      status: {
        phase: string;
        conditions?: unknown[];
        podIP?: string;
        containerStatuses?: unknown[];
      };
    };
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('is deleted by pod GC 40 s after the 20 s check that first finds it', () => {
    const cluster = withLostPod();
    // Applied at 0 s; the check at 20 s quarantines ghost; the check at 60 s deletes the pod.
    run(cluster, 'sim wait 59s');
    expect(lostRow(cluster)).toBeDefined();
    run(cluster, 'sim wait 1s');
    expect(lostRow(cluster)).toBeUndefined();
  });

  it('is deleted by pod GC even while it is Terminating', () => {
    const cluster = withLostPod();
    run(cluster, 'sim wait 1s', 'kubectl delete pod lost');
    // A bound pod is deleted gracefully, and only its kubelet could finish that.
    expect(lostRow(cluster)?.[3]).toBe('Terminating');
    run(cluster, 'sim wait 58s');
    expect(lostRow(cluster)?.[3]).toBe('Terminating');
    run(cluster, 'sim wait 1s');
    expect(lostRow(cluster)).toBeUndefined();
  });

  it('is marked Failed with the DisruptionTarget condition of pod GC before it goes', () => {
    const cluster = withLostPod();
    const writes: ObjectWrite[] = [];
    cluster.onWrite((write) => {
      if (write.kind === 'Pod') writes.push(write);
    });
    run(cluster, 'sim wait 1m');
    const last = writes.at(-1);
    expect(last?.change).toBe('delete');
    const pod = last?.object as Pod;
    expect(pod.status.phase).toBe('Failed');
    expect(
      pod.status.conditions?.map(({ type, status, reason, message }) => ({
        type,
        status,
        reason,
        message,
      })),
    ).toEqual([
      {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      },
    ]);
  });

  it('is removed at once when deleted and a node of that name then registers', () => {
    const cluster = withLostPod();
    run(cluster, 'kubectl delete pod lost', 'sim wait 10s');
    expect(lostRow(cluster)?.[3]).toBe('Terminating');
    run(cluster, 'kubectl apply -f ghost.yaml', 'sim wait 5s');
    expect(lostRow(cluster)).toBeUndefined();
  });

  it('runs once a node of that name registers within the quarantine, and is kept', () => {
    const cluster = withLostPod();
    run(cluster, 'sim wait 30s', 'kubectl apply -f ghost.yaml', 'sim settle');
    expect(lostRow(cluster)?.slice(2, 4)).toEqual(['1/1', 'Running']);
    run(cluster, 'sim wait 2m');
    expect(lostRow(cluster)?.slice(2, 4)).toEqual(['1/1', 'Running']);
  });

  it('is not made by a DaemonSet whose template names a node that does not exist', () => {
    const cluster = createCluster({ seed: 1 });
    run(cluster, 'kubectl apply -f nodes.yaml', 'kubectl apply -f pinned.yaml', 'sim wait 30s');
    expect(errOf(cluster, 'kubectl get pods -A')).toBe('No resources found\n');
  });
});

describe('a DaemonSet pod whose named node is deleted', () => {
  it('is deleted by pod GC after the quarantine and not replaced', () => {
    const cluster = createCluster({ seed: 1 });
    run(cluster, 'kubectl apply -f ghost.yaml', 'kubectl apply -f pinned.yaml', 'sim settle');
    expect(run(cluster, 'kubectl get pods -o name')).toMatch(/^pod\/pinned-/);
    run(cluster, 'kubectl delete node ghost', 'sim wait 1m');
    expect(errOf(cluster, 'kubectl get pods -A')).toBe('No resources found\n');
  });
});
