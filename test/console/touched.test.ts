import { describe, expect, it } from 'vitest';
import { createConsole, type FileSource } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';

const NODES = `apiVersion: v1
kind: Node
metadata: {name: worker-1}
---
apiVersion: v1
kind: Node
metadata: {name: worker-2}
`;
const DS = (image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: tools}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "${image}"}]
`;
const FILES: Record<string, string> = {
  'nodes.yaml': NODES,
  'ds.yaml': DS('busybox:1.36'),
  'ds2.yaml': DS('busybox:1.37'),
  'bad.yaml': 'apiVersion: v1\nkind: Node\nmetadata: {name: "Bad_Name"}\n',
};
const files: FileSource = { read: (p) => FILES[p], list: () => Object.keys(FILES) };

function newConsole() {
  return createConsole({ cluster: createCluster({ seed: 5 }), files });
}

describe('a command result lists the objects it touched', () => {
  it('names what an apply created, configured or left unchanged, with namespaces', () => {
    const console = newConsole();
    console.run('kubectl create namespace tools');
    expect(console.run('kubectl apply -f nodes.yaml -f ds.yaml').touched).toEqual([
      { kind: 'Node', name: 'worker-1', action: 'created' },
      { kind: 'Node', name: 'worker-2', action: 'created' },
      { kind: 'DaemonSet', namespace: 'tools', name: 'agent', action: 'created' },
    ]);
    expect(console.run('kubectl apply -f ds2.yaml').touched).toEqual([
      { kind: 'DaemonSet', namespace: 'tools', name: 'agent', action: 'configured' },
    ]);
    expect(console.run('kubectl apply -f ds2.yaml').touched).toEqual([
      { kind: 'DaemonSet', namespace: 'tools', name: 'agent', action: 'unchanged' },
    ]);
  });

  it('lists nothing for reads and for operations the API server refused', () => {
    const console = newConsole();
    console.run('kubectl apply -f nodes.yaml');
    expect(console.run('kubectl get nodes').touched).toEqual([]);
    const refused = console.run('kubectl apply -f bad.yaml');
    expect(refused.exit).toBe(1);
    expect(refused.touched).toEqual([]);
  });

  it('reports verbs without code of their own for it: label, delete, sim node condition', () => {
    const console = newConsole();
    console.run('kubectl apply -f nodes.yaml');
    expect(console.run('kubectl label nodes worker-1 zone=a').touched).toMatchObject([
      { kind: 'Node', name: 'worker-1' },
    ]);
    expect(console.run('sim node worker-2 condition Ready=False').touched).toMatchObject([
      { kind: 'Node', name: 'worker-2' },
    ]);
    expect(console.run('kubectl delete node worker-1').touched).toEqual([
      { kind: 'Node', name: 'worker-1', action: 'deleted' },
    ]);
  });
});
