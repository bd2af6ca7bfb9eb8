import { describe, expect, it } from 'vitest';
import { createConsole } from '../../src/console/index.ts';
import { createCluster } from '../../src/engine/index.ts';
import { ClusterHistory } from '../../src/engine/history.ts';
import {
  evaluateGoal,
  parseGoals,
  toSample,
  type Goal,
  type Sample,
} from '../../src/lessons/goals.ts';
import { Timeline, type TimelineWrite } from '../../src/lessons/timeline.ts';

const NODES = `
apiVersion: v1
kind: Node
metadata:
  name: control-plane
  labels: {node-role.kubernetes.io/control-plane: ""}
spec:
  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: worker-1, labels: {disk: ssd}}
---
apiVersion: v1
kind: Node
metadata: {name: worker-2, labels: {disk: hdd}}
`;

/** A DaemonSet manifest with a given image and extra pod-spec or spec lines. */
function agent(image: string, options: { podSpec?: string; spec?: string } = {}): string {
  return `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
${options.spec ?? ''}
  template:
    metadata: {labels: {app: agent}}
    spec:
${options.podSpec ?? ''}
      containers:
        - name: main
          image: ${image}
`;
}

/**
 * A cluster with a `run` that plays lines, and, from `begin` on (as a lesson begins), a
 * recorder of its writes: each line is a step of the timeline (the writes it made, then the
 * view after it), as in the worker. `check` judges a goal over the steps since `begin`;
 * `sampled` judges it over the views alone, as sampling after each command used to.
 */
function lessonCluster(files: Record<string, string>) {
  const cluster = createCluster({ seed: 1 });
  const kubeConsole = createConsole({
    cluster,
    files: { read: (p) => files[p], list: () => Object.keys(files) },
  });
  let start: Sample;
  let recorder: ClusterHistory | undefined;
  let steps: { writes: readonly TimelineWrite[]; view: Sample }[] = [];
  const run = (...lines: string[]) => {
    for (const line of lines) {
      const r = kubeConsole.run(line);
      expect({ line, err: r.err }).toEqual({ line, err: '' });
      if (!recorder) continue;
      const read = steps.reduce((n, s) => n + s.writes.length, recorder.firstSeq);
      steps.push({
        writes: recorder.since(read).entries,
        view: toSample(cluster.view({ events: false })),
      });
    }
  };
  const goalOf = (goal: Omit<Goal, 'id' | 'text'>): Goal => ({ id: 'g', text: 'goal', ...goal });
  /** Starts the lesson's timeline at the cluster as it is now. */
  const begin = () => {
    recorder?.stop();
    recorder = new ClusterHistory(cluster);
    start = toSample(cluster.view({ events: false }));
    steps = [];
  };
  begin();
  return {
    run,
    begin,
    check: (goal: Omit<Goal, 'id' | 'text'>) => {
      const timeline = new Timeline([goalOf(goal)], start);
      for (const s of steps) timeline.step(s.writes, s.view);
      return timeline.results()[0];
    },
    sampled: (goal: Omit<Goal, 'id' | 'text'>) =>
      evaluateGoal(goalOf(goal), [start, ...steps.map((s) => s.view)]),
  };
}

const workers = {
  matchExpressions: [
    { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' as const },
  ],
};

describe('goals about where pods run', () => {
  it('meets podsOnNodes when every matching node runs one pod and no other node has one', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(c.check({ podsOnNodes: { daemonSet: 'agent', nodes: workers } })).toEqual({
      met: true,
      detail: '',
    });
  });

  it('leaves podsOnNodes unmet while the DaemonSet is missing or its pods are not running yet', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml');
    expect(c.check({ podsOnNodes: { daemonSet: 'agent' } }).detail).toBe(
      'DaemonSet agent does not exist',
    );
    c.run('kubectl apply -f agent.yaml');
    expect(c.check({ podsOnNodes: { daemonSet: 'agent', nodes: workers } }).detail).toBe(
      'no running pod of agent on worker-1, worker-2',
    );
  });

  it('leaves podsOnNodes unmet when a pod runs on a node outside the selection', () => {
    const tolerateAll = '      tolerations: [{operator: Exists}]\n';
    const c = lessonCluster({
      'nodes.yaml': NODES,
      'agent.yaml': agent('busybox:1.36', { podSpec: tolerateAll }),
    });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(c.check({ podsOnNodes: { daemonSet: 'agent', nodes: workers } }).detail).toBe(
      'agent also has a pod on control-plane',
    );
    expect(c.check({ podsOnNodes: { daemonSet: 'agent' } }).met).toBe(true);
  });

  it('selects nodes by name, labels and expressions together', () => {
    const c = lessonCluster({
      'nodes.yaml': NODES,
      'agent.yaml': agent('busybox:1.36', { podSpec: '      nodeSelector: {disk: ssd}\n' }),
    });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(
      c.check({ podsOnNodes: { daemonSet: 'agent', nodes: { matchLabels: { disk: 'ssd' } } } }).met,
    ).toBe(true);
    expect(
      c.check({ podsOnNodes: { daemonSet: 'agent', nodes: { names: ['worker-1'] } } }).met,
    ).toBe(true);
    expect(
      c.check({
        podsOnNodes: {
          daemonSet: 'agent',
          nodes: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd', 'hdd'] }] },
        },
      }).detail,
    ).toBe('no running pod of agent on worker-2');
    expect(
      c.check({ podsOnNodes: { daemonSet: 'agent', nodes: { names: ['nowhere'] } } }).detail,
    ).toBe('no node matches the goal');
  });
});

describe('goals about the pods themselves', () => {
  it('meets everyPod when every pod runs the image and is Ready, and names the first that does not', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(
      c.check({ everyPod: { daemonSet: 'agent', image: 'busybox:1.36', ready: true } }).met,
    ).toBe(true);
    expect(c.check({ everyPod: { daemonSet: 'agent', image: 'busybox:1.37' } }).detail).toBe(
      'the pod of agent on worker-1 runs busybox:1.36, not busybox:1.37',
    );
    expect(
      c.check({ everyPod: { daemonSet: 'agent', image: 'busybox:1.36', container: 'side' } })
        .detail,
    ).toBe('the pod of agent on worker-1 has no container side');
    expect(c.check({ everyPod: { daemonSet: 'other', ready: true } }).detail).toBe(
      'DaemonSet other has no pods',
    );
  });

  it('reads a pod stuck on a bad image as Pending, not Ready, with its waiting reason', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:9.99') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    const onWorker1 = { daemonSet: 'agent', node: 'worker-1' };
    expect(c.check({ podState: { ...onWorker1, phase: 'Pending', ready: false } }).met).toBe(true);
    expect(c.check({ podState: { ...onWorker1, reason: 'ImagePullBackOff' } }).met).toBe(true);
    expect(c.check({ podState: { ...onWorker1, phase: 'Running' } }).detail).toBe(
      'the pod of agent on worker-1 is Pending, not Running',
    );
    expect(
      c.check({ podState: { daemonSet: 'agent', node: 'control-plane', phase: 'Pending' } }).detail,
    ).toBe('there is no pod of agent on control-plane');
    expect(c.check({ everyPod: { daemonSet: 'agent', ready: true } }).detail).toBe(
      'the pod of agent on worker-1 is not Ready',
    );
  });

  it('finds a pod by name', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: lone}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n';
    const c = lessonCluster({ 'nodes.yaml': NODES, 'pod.yaml': pod });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f pod.yaml', 'sim settle');
    expect(c.check({ podState: { pod: 'lone', phase: 'Running', ready: true } }).met).toBe(true);
    expect(c.check({ podState: { pod: 'gone', phase: 'Running' } }).detail).toBe(
      'there is no pod gone',
    );
  });
});

describe('goals about rollouts', () => {
  it('meets rolloutComplete only once the updated pods are available, as rollout status judges', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(c.check({ rolloutComplete: { daemonSet: 'agent' } }).met).toBe(true);
    c.run('kubectl set image daemonset/agent main=busybox:1.37');
    expect(c.check({ rolloutComplete: { daemonSet: 'agent' } }).met).toBe(false);
    c.run('sim settle');
    expect(c.check({ rolloutComplete: { daemonSet: 'agent' } }).met).toBe(true);
    expect(c.check({ rolloutComplete: { daemonSet: 'missing' } }).detail).toBe(
      'DaemonSet missing does not exist',
    );
  });

  it('never calls an OnDelete DaemonSet rolled out', () => {
    const onDelete = '  updateStrategy: {type: OnDelete}';
    const c = lessonCluster({
      'nodes.yaml': NODES,
      'agent.yaml': agent('busybox:1.36', { spec: onDelete }),
    });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(c.check({ rolloutComplete: { daemonSet: 'agent' } }).detail).toBe(
      'DaemonSet agent does not use the RollingUpdate strategy',
    );
  });
});

describe('goals about history', () => {
  const surge = '  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}';

  it('meets alwaysAvailable through a surge rollout, where a new pod is ready before the old one goes', () => {
    const c = lessonCluster({
      'nodes.yaml': NODES,
      'agent.yaml': agent('busybox:1.36', { spec: surge }),
    });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    c.begin();
    c.run('kubectl set image daemonset/agent main=busybox:1.37', 'sim settle');
    expect(c.check({ alwaysAvailable: { daemonSet: 'agent' } })).toEqual({ met: true, detail: '' });
    expect(c.check({ atMostUnavailable: { daemonSet: 'agent', count: 0 } }).met).toBe(true);
  });

  it('remembers a node left without an available pod during a default rollout, even after it ends', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    c.begin();
    expect(c.check({ alwaysAvailable: { daemonSet: 'agent', nodes: workers } }).met).toBe(true);
    c.run('kubectl set image daemonset/agent main=busybox:1.37', 'sim settle');
    expect(c.check({ rolloutComplete: { daemonSet: 'agent' } }).met).toBe(true);
    expect(c.check({ alwaysAvailable: { daemonSet: 'agent', nodes: workers } }).detail).toMatch(
      /^worker-\d had no available pod of agent \d+s into the lesson$/,
    );
    expect(c.check({ atMostUnavailable: { daemonSet: 'agent', count: 1 } }).met).toBe(true);
    expect(c.check({ atMostUnavailable: { daemonSet: 'agent', count: 0 } }).detail).toMatch(
      /^1 pods of agent were unavailable at once/,
    );
  });

  it('sees a node left bare inside one clock step, which sampling after each step misses', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    c.begin();
    // The update takes the first node's pod away at once (the command's step ends there);
    // the second node loses its pod and gets the new one back inside the one step of the wait.
    c.run('kubectl set image daemonset/agent main=busybox:1.37', 'sim wait 2m');
    expect(c.check({ rolloutComplete: { daemonSet: 'agent' } }).met).toBe(true);
    const judged = ['worker-1', 'worker-2'].map((node) => {
      const goal = { alwaysAvailable: { daemonSet: 'agent', nodes: { names: [node] } } };
      return { node, sampled: c.sampled(goal).met, recorded: c.check(goal).met };
    });
    expect(judged).toEqual([
      { node: 'worker-1', sampled: false, recorded: false },
      { node: 'worker-2', sampled: true, recorded: false },
    ]);
    expect(
      c.check({ alwaysAvailable: { daemonSet: 'agent', nodes: { names: ['worker-2'] } } }).detail,
    ).toMatch(/^worker-2 had no available pod of agent \d+s into the lesson$/);
    expect(c.check({ atMostUnavailable: { daemonSet: 'agent', count: 1 } }).met).toBe(true);
  });

  it('does not count a node the DaemonSet stops wanting within a step as left bare', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    c.begin();
    // worker-2 gets a taint the pod does not tolerate: its pod is evicted and the node is no
    // longer one the DaemonSet should run on, as the step's verdicts say.
    c.run('kubectl taint nodes worker-2 dedicated=db:NoExecute', 'sim wait 1m');
    expect(
      c.check({ podsOnNodes: { daemonSet: 'agent', nodes: { names: ['worker-1'] } } }).met,
    ).toBe(true);
    expect(c.check({ alwaysAvailable: { daemonSet: 'agent' } })).toEqual({ met: true, detail: '' });
    expect(
      c.check({ alwaysAvailable: { daemonSet: 'agent', nodes: { names: ['worker-2'] } } }).met,
    ).toBe(false);
  });

  it('counts more than one unavailable pod when maxUnavailable allows it', () => {
    const wide = '  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}';
    const c = lessonCluster({
      'nodes.yaml': NODES,
      'agent.yaml': agent('busybox:1.36', { spec: wide }),
    });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    c.begin();
    c.run('kubectl set image daemonset/agent main=busybox:1.37', 'sim settle');
    expect(c.check({ atMostUnavailable: { daemonSet: 'agent', count: 1 } }).detail).toMatch(
      /^2 pods of agent were unavailable at once .* \(worker-1, worker-2\)$/,
    );
  });
});

describe('goals about nodes and objects', () => {
  it('checks labels, taints and cordon of a node', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES });
    c.run('kubectl apply -f nodes.yaml');
    expect(c.check({ nodeState: { name: 'worker-1', labels: { disk: 'ssd' } } }).met).toBe(true);
    expect(c.check({ nodeState: { name: 'worker-2', labels: { disk: 'ssd' } } }).detail).toBe(
      'node worker-2 is not labelled disk=ssd',
    );
    c.run('kubectl taint nodes worker-1 maintenance=yes:NoExecute', 'kubectl cordon worker-2');
    expect(
      c.check({
        nodeState: {
          name: 'worker-1',
          taints: [{ key: 'maintenance', value: 'yes', effect: 'NoExecute' }],
        },
      }).met,
    ).toBe(true);
    expect(
      c.check({ nodeState: { name: 'worker-1', withoutTaints: [{ key: 'maintenance' }] } }).detail,
    ).toBe('node worker-1 still has the taint maintenance:NoExecute');
    expect(
      c.check({ nodeState: { name: 'worker-2', unschedulable: true, withoutLabels: ['gpu'] } }).met,
    ).toBe(true);
    expect(c.check({ nodeState: { name: 'worker-9', unschedulable: true } }).detail).toBe(
      'node worker-9 does not exist',
    );
  });

  it('checks that an object exists or is absent, namespaced or not', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml');
    expect(c.check({ exists: { kind: 'DaemonSet', name: 'agent' } }).met).toBe(true);
    expect(
      c.check({ exists: { kind: 'DaemonSet', name: 'agent', namespace: 'kube-system' } }).detail,
    ).toBe('DaemonSet kube-system/agent does not exist');
    expect(c.check({ exists: { kind: 'Node', name: 'worker-2', namespace: 'ignored' } }).met).toBe(
      true,
    );
    expect(c.check({ absent: { kind: 'Node', name: 'worker-2' } }).detail).toBe(
      'Node worker-2 still exists',
    );
    c.run('kubectl delete node worker-2');
    expect(c.check({ absent: { kind: 'Node', name: 'worker-2' } }).met).toBe(true);
  });

  it("reads an object's fields by path, picking list items by name or index", () => {
    const c = lessonCluster({
      'nodes.yaml': NODES,
      'agent.yaml': agent('busybox:1.36', {
        spec: '  minReadySeconds: 10',
        podSpec: '      securityContext: {runAsNonRoot: true}',
      }),
    });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml');
    const ds = { kind: 'DaemonSet' as const, name: 'agent' };
    expect(
      c.check({
        fields: {
          ...ds,
          equals: {
            'spec.minReadySeconds': 10,
            'spec.template.spec.securityContext.runAsNonRoot': true,
            'spec.template.spec.containers[name=main].image': 'busybox:1.36',
            'spec.template.spec.containers[0].name': 'main',
            'spec.template.spec.hostNetwork': null,
          },
        },
      }).met,
    ).toBe(true);
    expect(
      c.check({
        fields: {
          ...ds,
          equals: {
            'spec.template.spec.containers[name=main].securityContext.readOnlyRootFilesystem': true,
          },
        },
      }).detail,
    ).toBe(
      'DaemonSet agent has spec.template.spec.containers[name=main].securityContext.readOnlyRootFilesystem not set, not true',
    );
    expect(c.check({ fields: { ...ds, equals: { 'spec.minReadySeconds': 0 } } }).detail).toBe(
      'DaemonSet agent has spec.minReadySeconds 10, not 0',
    );
    expect(
      c.check({ fields: { kind: 'DaemonSet', name: 'other', equals: { 'spec.x': 1 } } }).detail,
    ).toBe('DaemonSet other does not exist');
  });

  it('refuses malformed field paths and values that are not scalars', () => {
    const found = parseGoals([
      {
        id: 'f',
        text: 'x',
        fields: {
          kind: 'DaemonSet',
          name: 'a',
          equals: { 'spec..x': 1, 'spec.a[': 1, 'spec.ok': { nested: 1 } },
        },
      },
    ]).issues.map((i) => `${i.path}: ${i.message}`);
    expect(found).toEqual([
      'goals[0].fields.equals.spec..x: is not a field path (write it like spec.template.spec.containers[name=agent].image)',
      'goals[0].fields.equals.spec.a[: is not a field path (write it like spec.template.spec.containers[name=agent].image)',
      'goals[0].fields.equals.spec.ok: must be a text, number, boolean, a list of them, or null for "not set"',
    ]);
  });

  it('keeps __proto__ an ordinary label key in a goal', () => {
    const { goals } = parseGoals([
      { id: 'p', text: 'x', nodeState: { name: 'n', labels: JSON.parse('{"__proto__": "yes"}') } },
    ]);
    expect(Object.keys(goals?.[0].nodeState?.labels ?? {})).toEqual(['__proto__']);
  });

  it('is met only when every predicate of the goal holds', () => {
    const c = lessonCluster({ 'nodes.yaml': NODES, 'agent.yaml': agent('busybox:1.36') });
    c.run('kubectl apply -f nodes.yaml', 'kubectl apply -f agent.yaml', 'sim settle');
    expect(
      c.check({
        exists: { kind: 'DaemonSet', name: 'agent' },
        everyPod: { daemonSet: 'agent', image: 'nginx:1.27' },
      }).detail,
    ).toBe('the pod of agent on worker-1 runs busybox:1.36, not nginx:1.27');
  });
});

describe('the goal schema', () => {
  const issues = (value: unknown) => parseGoals(value).issues.map((i) => `${i.path}: ${i.message}`);

  it('accepts a goal with an id, a text and predicates', () => {
    const { goals, issues: found } = parseGoals([
      {
        id: 'on-workers',
        text: 'runs everywhere',
        podsOnNodes: { daemonSet: 'a', nodes: workers },
      },
    ]);
    expect(found).toEqual([]);
    expect(goals?.[0].podsOnNodes?.daemonSet).toBe('a');
  });

  it('names the field of each problem', () => {
    expect(
      issues([
        { id: 'One', text: '', podsOnNodes: { nodes: { matchLabels: { disk: 1 } } } },
        { id: 'b', text: 'x' },
        { id: 'c', text: 'x', podState: { pod: 'p', daemonSet: 'd' } },
        { id: 'c', text: 'x', everyPod: { daemonSet: 'd', imag: 'x' } },
      ]),
    ).toEqual([
      'goals[0].id: must be lower-case words joined by -, not "One"',
      'goals[0].text: must not be empty',
      'goals[0].podsOnNodes.daemonSet: is required',
      'goals[0].podsOnNodes.nodes.matchLabels.disk: must be a text (quote it: "1"), not the number 1',
      'goals[1]: must hold at least one predicate: podsOnNodes, everyPod, rolloutComplete, podState, nodeState, exists, absent, fields, alwaysAvailable, atMostUnavailable',
      'goals[2].podState: must name exactly one of pod and daemonSet',
      'goals[2].podState: must say at least one of phase, ready and reason',
      'goals[3].everyPod.imag: is not a known field (known here: daemonSet, namespace, image, container, ready)',
    ]);
  });

  it('refuses unknown predicates, operators without values and repeated ids', () => {
    expect(
      issues([
        { id: 'a', text: 'x', runsEverywhere: { daemonSet: 'd' } },
        {
          id: 'b',
          text: 'x',
          alwaysAvailable: {
            daemonSet: 'd',
            nodes: {
              matchExpressions: [
                { key: 'k', operator: 'In' },
                { key: 'k', operator: 'Exists', values: ['v'] },
              ],
            },
          },
        },
        { id: 'b', text: 'x', atMostUnavailable: { daemonSet: 'd', count: -1 } },
        { id: 'd', text: 'x', exists: { kind: 'Deployment', name: 'x' } },
      ]),
    ).toEqual([
      expect.stringMatching(/^goals\[0\]\.runsEverywhere: is not a known field/),
      'goals[1].alwaysAvailable.nodes.matchExpressions[0].values: is required with In',
      'goals[1].alwaysAvailable.nodes.matchExpressions[1].values: must be left out with Exists',
      'goals[2].atMostUnavailable.count: must be at least 0, not -1',
      'goals[3].exists.kind: must be one of Namespace, Node, Pod, DaemonSet, ControllerRevision, ConfigMap, Secret, Service, PriorityClass, not "Deployment"',
    ]);
    expect(
      issues([
        { id: 'b', text: 'x', exists: { kind: 'Node', name: 'n' } },
        { id: 'b', text: 'y', absent: { kind: 'Node', name: 'n' } },
      ]),
    ).toEqual(['goals[1].id: repeats the goal id "b"']);
    expect(issues([])).toEqual(['goals: must have at least 1 item']);
  });
});
