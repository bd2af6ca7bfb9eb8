/**
 * A real simulated cluster driven through the console, for component tests: the components
 * see the snapshots the engine makes, not hand-made fixtures.
 */
import { createConsole, type KubeConsole } from '../../../src/console/index.ts';
import { createCluster } from '../../../src/engine/index.ts';
import type { ClusterSnapshot } from '../../../src/protocol/cluster.ts';

/** Four nodes: a tainted control plane, two workers with disk=ssd / hdd, one with 100m cpu. */
export const NODES_YAML = `apiVersion: v1
kind: Node
metadata:
  name: control-plane
  labels:
    node-role.kubernetes.io/control-plane: ""
    disk: ssd
spec:
  taints:
  - key: node-role.kubernetes.io/control-plane
    effect: NoSchedule
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    disk: ssd
    topology.kubernetes.io/zone: zone-a
---
apiVersion: v1
kind: Node
metadata:
  name: worker-2
  labels:
    disk: hdd
---
apiVersion: v1
kind: Node
metadata:
  name: worker-3
  labels:
    disk: ssd
status:
  allocatable:
    cpu: 100m
    memory: 1Gi
    pods: "10"
`;

/** fluentd on disk=ssd nodes, asking for 200m cpu (more than worker-3 has). */
export const DS_YAML = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: fluentd
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          requests:
            cpu: 200m
            memory: 200Mi
`;

/** An agent whose init container waits for a Service named `backend` (stays Init:0/1 until then). */
export const AGENT_YAML = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      tolerations:
      - operator: Exists
      initContainers:
      - name: wait-for-backend
        image: busybox
        command: ["sh", "-c", "until nslookup backend; do sleep 2; done"]
      containers:
      - name: agent
        image: busybox
        command: ["sh", "-c", "sleep 3600"]
`;

/** A console over a fresh cluster with the two files above. */
export interface RealCluster {
  console: KubeConsole;
  /** Runs lines, throwing on a non-zero exit so a test fails where the script broke. */
  run: (...lines: string[]) => void;
  snapshot: () => ClusterSnapshot;
}

/** From a count, that many plain `disk=ssd` workers named worker-4, worker-5, … */
export function moreNodesYaml(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-${i + 4}\n  labels:\n    disk: ssd\n`,
  ).join('---\n');
}

/**
 * From nothing, a seeded cluster with nodes.yaml, ds.yaml, more-nodes.yaml (three more ssd
 * workers) and agent.yaml available to -f.
 */
export function createRealCluster(): RealCluster {
  const files: Record<string, string> = {
    'nodes.yaml': NODES_YAML,
    'ds.yaml': DS_YAML,
    'more-nodes.yaml': moreNodesYaml(3),
    'agent.yaml': AGENT_YAML,
  };
  const console = createConsole({
    cluster: createCluster({ seed: 1 }),
    files: { read: (path) => files[path], list: () => Object.keys(files) },
  });
  return {
    console,
    run: (...lines) => {
      for (const line of lines) {
        const result = console.run(line);
        if (result.exit !== 0) throw new Error(`${line} failed: ${result.err}`);
      }
    },
    snapshot: () => console.cluster.snapshot(),
  };
}
