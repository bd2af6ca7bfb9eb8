import { describe, expect, it } from 'vitest';
import { fileDrift, runLine } from '../../src/console/index.ts';
import { createCluster } from '../../src/console/engine-entry.ts';
import { liveManifest } from '../../src/console/drift.ts';

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {app: agent}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: agent:1
        resources:
          requests: {cpu: 0.1}
`;
const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n';

function session(how = 'apply') {
  const files: Record<string, string> = { 'agent.yaml': AGENT, 'node.yaml': NODE };
  const cluster = createCluster({ seed: 1 });
  const source = { read: (name: string) => files[name], list: () => Object.keys(files) };
  const run = (line: string) => runLine(line, cluster, source);
  run('kubectl apply -f node.yaml');
  run(`kubectl ${how} -f agent.yaml`);
  run('sim settle');
  const drift = (text = files['agent.yaml']) => fileDrift(text, 'agent.yaml', cluster);
  return { run, drift, cluster };
}

describe('drift between an editor file and the cluster', () => {
  it('finds none right after the file is applied, though the server defaulted and normalized it', () => {
    expect(session().drift()).toBeUndefined();
  });

  it('names the image `kubectl set image` changed, with both values', () => {
    const { run, drift } = session();
    run('kubectl set image ds/agent agent=agent:2');
    expect(drift()?.objects).toEqual([
      {
        resource: 'daemonset.apps/agent',
        namespace: 'default',
        fields: [
          { path: 'spec.template.spec.containers[0].image', live: 'agent:2', file: 'agent:1' },
        ],
      },
    ]);
  });

  it('finds the template `kubectl rollout undo` brought back', () => {
    const { run, drift } = session();
    run('kubectl set image ds/agent agent=agent:2');
    run('kubectl apply -f agent.yaml');
    expect(drift()).toBeUndefined();
    run('kubectl rollout undo ds/agent');
    expect(drift()?.objects[0].fields.map((f) => f.live)).toEqual(['agent:2']);
  });

  it('finds a label the file sets that `kubectl label` removed', () => {
    const { run, drift } = session();
    run('kubectl label ds agent app-');
    expect(drift()?.objects[0].fields).toEqual([
      { path: 'metadata.labels.app', live: '(not set)', file: 'agent' },
    ]);
  });

  it('ignores a label added in the cluster that the file does not mention', () => {
    const { run, drift } = session();
    run('kubectl label ds agent tier=logging');
    expect(drift()).toBeUndefined();
  });

  it("does not count the learner's own edit since applying as drift", () => {
    const { drift } = session();
    expect(drift(AGENT.replace('agent:1', 'agent:9'))).toBeUndefined();
  });

  it('has no opinion on an object made without the last-applied annotation', () => {
    const { run, drift } = session('create');
    run('kubectl set image ds/agent agent=agent:2');
    expect(drift()).toBeUndefined();
  });

  it('offers the live object without status or the fields the server set', () => {
    const { run, drift, cluster } = session();
    run('kubectl set image ds/agent agent=agent:2');
    const text = drift()?.liveText ?? '';
    expect(text).toMatch(/image: agent:2/);
    expect(text).toMatch(/^apiVersion: apps\/v1\nkind: DaemonSet\n/);
    for (const noise of [
      'status:',
      'resourceVersion',
      'uid:',
      'creationTimestamp',
      'generation',
      'last-applied-configuration',
    ])
      expect(text).not.toContain(noise);
    const live = cluster.get('DaemonSet', 'agent', 'default');
    expect(live && liveManifest(live)).toBe(text);
  });

  it('keeps the live object applicable: applying it leaves the cluster without drift', () => {
    const { run, drift } = session();
    run('kubectl set image ds/agent agent=agent:2');
    const text = drift()?.liveText ?? '';
    expect(drift(text)).toBeUndefined();
  });
});
