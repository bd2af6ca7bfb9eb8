import { describe, expect, it } from 'vitest';
import { createConsole } from '../../src/console/index.ts';
import { ClusterHistory } from '../../src/engine/history.ts';
import { createCluster } from '../../src/engine/index.ts';
import { evaluateGoal, toSample, type Goal, type Sample } from '../../src/lessons/goals.ts';
import { Timeline, type TimelineWrite } from '../../src/lessons/timeline.ts';
import type { DaemonSet, Node, Pod } from '../../src/protocol/cluster.ts';

const node = (name: string) => ({ kind: 'Node', metadata: { name }, spec: {}, status: {} }) as Node;

const daemonSet = {
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {},
  status: {},
} as DaemonSet;

/** A pod of the agent DaemonSet on `nodeName`, Ready or not. */
function pod(name: string, nodeName: string, ready: boolean): Pod {
  return {
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: [{ kind: 'DaemonSet', name: 'agent', controller: true }],
    },
    spec: { nodeName, containers: [] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  } as unknown as Pod;
}

/** A view holding these pods beside two nodes and the agent, which should run on both. */
function view(timeMs: number, pods: Pod[]): Sample {
  const objects = {
    Namespace: [],
    Node: [node('a'), node('b')],
    Pod: pods,
    DaemonSet: [daemonSet],
    ControllerRevision: [],
    ConfigMap: [],
    Secret: [],
    Service: [],
    PriorityClass: [],
    Event: [],
  } as unknown as Sample['objects'];
  const verdicts = [
    {
      namespace: 'default',
      name: 'agent',
      nodes: [
        { node: 'a', shouldRun: true },
        { node: 'b', shouldRun: true },
      ],
    },
  ] as unknown as Sample['verdicts'];
  return { timeMs, objects, verdicts };
}

const write = (timeMs: number, change: TimelineWrite['change'], object: Pod): TimelineWrite => ({
  timeMs,
  change,
  kind: 'Pod',
  object,
});

const covered: Goal = {
  id: 'covered',
  text: 'always covered',
  alwaysAvailable: { daemonSet: 'agent' },
};
const running: Goal = {
  id: 'running',
  text: 'every pod ready',
  everyPod: { daemonSet: 'agent', ready: true },
};

describe('the timeline', () => {
  const healthy = [pod('p-a', 'a', true), pod('p-b', 'b', true)];

  it('judges history goals after every write of a step, not only at the view that ends it', () => {
    const timeline = new Timeline([covered, running], view(0, healthy));
    // Within one step, b's pod goes away and a new one becomes Ready: the view shows no harm.
    const fresh = pod('p-b2', 'b', false);
    timeline.step(
      [
        write(1000, 'delete', healthy[1]),
        write(1000, 'add', fresh),
        write(4000, 'update', pod('p-b2', 'b', true)),
      ],
      view(5000, [healthy[0], pod('p-b2', 'b', true)]),
    );
    expect(timeline.results()).toEqual([
      { met: false, detail: 'b had no available pod of agent 1s into the lesson' },
      { met: true, detail: '' },
    ]);
  });

  it('keeps a failure for good, and reads goals about now from the last view', () => {
    const timeline = new Timeline([covered, running], view(0, healthy));
    timeline.step(
      [write(2000, 'update', pod('p-a', 'a', false))],
      view(2000, [pod('p-a', 'a', false), healthy[1]]),
    );
    expect(timeline.results().map((r) => r.met)).toEqual([false, false]);
    timeline.step([write(3000, 'update', healthy[0])], view(3000, healthy));
    expect(timeline.results().map((r) => r.met)).toEqual([false, true]);
    expect(timeline.now.timeMs).toBe(3000);
  });

  it('finds nothing wrong when every write of a step keeps each node covered', () => {
    const timeline = new Timeline([covered], view(0, healthy));
    const extra = pod('p-b2', 'b', true);
    timeline.step(
      [write(1000, 'add', extra), write(1000, 'delete', healthy[1])],
      view(1000, [healthy[0], extra]),
    );
    expect(timeline.results()).toEqual([{ met: true, detail: '' }]);
  });

  it('judges each write as a whole view of the cluster after it would be judged', () => {
    const files: Record<string, string> = {
      'nodes.yaml': ['a', 'b', 'c', 'd']
        .map((n) => `apiVersion: v1\nkind: Node\nmetadata: {name: worker-${n}}\n`)
        .join('---\n'),
      'agent.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  minReadySeconds: 5
  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: main, image: busybox:1.36}]}
`,
    };
    const cluster = createCluster({ seed: 4 });
    const kubeConsole = createConsole({
      cluster,
      files: { read: (p) => files[p], list: () => Object.keys(files) },
    });
    kubeConsole.run('kubectl apply -f nodes.yaml');
    kubeConsole.run('kubectl apply -f agent.yaml');
    kubeConsole.run('sim settle');
    const history = new ClusterHistory(cluster);
    const start = toSample(cluster.view({ events: false }));
    kubeConsole.run('kubectl set image daemonset/agent main=busybox:1.37');
    kubeConsole.run('kubectl label node worker-d extra=yes');
    kubeConsole.run('sim wait 3m');
    const end = toSample(cluster.view({ events: false }));
    const { entries } = history.since(0);
    // Every write as a whole moment, rebuilt from the recorder.
    const moments: Sample[] = entries.map((e) => ({
      timeMs: e.timeMs,
      verdicts: end.verdicts,
      objects: { ...history.objectsAt(e.revision), Event: [] } as Sample['objects'],
    }));
    const goals: Goal[] = [0, 1, 2, 3].map((count) => ({
      id: `at-most-${count}`,
      text: 'few unavailable',
      atMostUnavailable: { daemonSet: 'agent', count },
    }));
    goals.push({
      id: 'd',
      text: 'd covered',
      alwaysAvailable: { daemonSet: 'agent', nodes: { names: ['worker-d'] } },
    });
    const timeline = new Timeline(goals, start);
    timeline.step(entries, end);
    const whole = goals.map((g) => evaluateGoal(g, [start, ...moments, end]));
    expect(timeline.results()).toEqual(whole);
    expect(whole.map((r) => r.met)).toEqual([false, false, true, true, false]);
  });
});
