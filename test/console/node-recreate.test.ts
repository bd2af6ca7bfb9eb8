import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine/index.ts';
import type { Cluster } from '../../src/engine/index.ts';
import { runLine } from '../../src/console/index.ts';
import { agentDaemonSet, nodesYaml } from '../support/manifests.ts';

const NODES = nodesYaml(['worker-1', 'worker-2']);
const AGENT = agentDaemonSet('docker.elastic.co/beats/filebeat:7.15.0');
const source = {
  read: (path: string) => ({ 'nodes.yaml': NODES, 'agent.yaml': AGENT })[path],
  list: () => ['nodes.yaml', 'agent.yaml'],
};

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

/** The READY column of each agent pod, by node. */
function readyByNode(cluster: Cluster): Record<string, string> {
  const rows = run(cluster, 'kubectl get pods -o wide').trim().split('\n').slice(1);
  return Object.fromEntries(rows.map((r) => r.split(/\s+/)).map((c) => [c[6], c[1]]));
}

describe('a node deleted and created again with the same name', () => {
  // The node goes at every half second of the pod's start (and once it is ready), so that for
  // some of them the kubelet's last step, marking the containers ready, falls in the gap.
  const deletedAt = ['1s', '1.5s', '2s', '2.5s', '3s', '3.5s', '4s', '5s', '6s', '8s', '20s'];
  for (const gap of ['0.5s', '1s', '2s', '3s']) {
    it(`reports the kept pod Ready again when the node is back ${gap} later`, () => {
      for (const at of deletedAt) {
        const cluster = createCluster({ seed: 1 });
        run(cluster, 'kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml');
        run(cluster, `sim wait ${at}`, 'kubectl delete node worker-1', `sim wait ${gap}`);
        run(cluster, 'kubectl apply -f nodes.yaml', 'sim settle');
        const ready = run(cluster, 'kubectl get ds agent').split('\n')[1].split(/\s+/)[3];
        expect({ at, pods: readyByNode(cluster), ready }).toEqual({
          at,
          pods: { 'worker-1': '1/1', 'worker-2': '1/1' },
          ready: '2',
        });
      }
    });
  }

  it('reports Ready again for a pod the node controller marked not ready before the node went', () => {
    const cluster = createCluster({ seed: 1 });
    run(cluster, 'kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    run(cluster, 'sim node worker-1 condition Ready=False', 'sim wait 10s');
    expect(readyByNode(cluster)['worker-1']).toBe('0/1');
    run(cluster, 'kubectl delete node worker-1', 'sim wait 5s');
    // The node registers afresh, without the old Ready=False condition.
    run(cluster, 'kubectl apply -f nodes.yaml', 'sim settle');
    expect(readyByNode(cluster)).toEqual({ 'worker-1': '1/1', 'worker-2': '1/1' });
  });

  it('keeps the pod that was on the node rather than creating a second one (podgc quarantine)', () => {
    const cluster = createCluster({ seed: 1 });
    run(cluster, 'kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    const before = run(cluster, 'kubectl get pods -o name');
    run(cluster, 'kubectl delete node worker-1', 'sim wait 2s', 'kubectl apply -f nodes.yaml');
    run(cluster, 'sim wait 2m');
    expect(run(cluster, 'kubectl get pods -o name')).toBe(before);
  });
});
