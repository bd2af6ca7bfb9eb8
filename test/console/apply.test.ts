import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine/index.ts';
import { runLine } from '../../src/console/index.ts';

const files = (entries: Record<string, string>) => ({
  read: (path: string) => entries[path],
  list: () => Object.keys(entries),
});

describe('kubectl apply of an existing object', () => {
  it('keeps a __proto__ key as data in the object, its last-applied annotation and a re-apply', () => {
    const cluster = createCluster({ seed: 1 });
    const source = files({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  __proto__: "x"\n',
    });
    expect(runLine('kubectl apply -f cm.yaml', cluster, source).out).toBe('configmap/c created\n');
    const stored = cluster.get('ConfigMap', 'c', 'default');
    expect(Object.hasOwn(stored?.data ?? {}, '__proto__')).toBe(true);
    const annotation = stored?.metadata.annotations?.[
      'kubectl.kubernetes.io/last-applied-configuration'
    ] as string;
    expect(annotation).toContain('"data":{"__proto__":"x"}');
    expect(runLine('kubectl apply -f cm.yaml', cluster, source).out).toBe(
      'configmap/c unchanged\n',
    );
  });

  it('sends nothing for an unchanged file after a label, and removes a label the file dropped', () => {
    const cluster = createCluster({ seed: 1 });
    const node = (labels: string) =>
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: w1\n  labels: {${labels}}\n`;
    runLine('kubectl apply -f n.yaml', cluster, files({ 'n.yaml': node('a: "1", b: "2"') }));
    runLine('kubectl label nodes w1 extra=yes', cluster, files({}));
    const again = runLine(
      'kubectl apply -f n.yaml',
      cluster,
      files({ 'n.yaml': node('a: "1", b: "2"') }),
    );
    expect(again.out).toBe('node/w1 unchanged\n');
    const dropped = runLine(
      'kubectl apply -f n.yaml',
      cluster,
      files({ 'n.yaml': node('a: "1"') }),
    );
    expect(dropped.out).toBe('node/w1 configured\n');
    const labels = cluster.get('Node', 'w1')?.metadata.labels ?? {};
    expect([labels.a, labels.b, labels.extra]).toEqual(['1', undefined, 'yes']);
  });
});
