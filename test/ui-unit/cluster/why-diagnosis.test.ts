import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/engine/index.ts';
import type { Cluster } from '../../../src/engine/index.ts';
import type { PodDiagnosis, RolloutDiagnosis } from '../../../src/protocol/cluster.ts';
import { explainPod, explainRollout } from '../../../src/ui/why/explain.ts';
import { toWhyModel, type WhyModel } from '../../../src/ui/why/why-model.ts';

const NOW = Date.UTC(2026, 0, 1, 0, 10);
const at = (ms: number) => new Date(NOW + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function run(cluster: Cluster, object: unknown): void {
  const result = cluster.execute({ op: 'apply', object });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
}

/** A cluster of three workers running DaemonSet agent with this container and pod spec. */
function agentCluster(container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  const cluster = createCluster({ seed: 7 });
  for (const name of ['worker-1', 'worker-2', 'worker-3'])
    run(cluster, { apiVersion: 'v1', kind: 'Node', metadata: { name } });
  run(cluster, agent(container, spec));
  cluster.advance(60_000);
  return cluster;
}

function agent(container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36', ...container }], ...spec },
      },
    },
  };
}

const AGENT = { namespace: 'default', name: 'agent' };

function whyPod(cluster: Cluster, node: string): Extract<WhyModel, { kind: 'node' | 'pod' }> {
  const view = cluster.view({ events: false });
  const pods = view.objects.Pod.filter(
    (p) => p.spec.nodeName === node && !p.metadata.deletionTimestamp,
  );
  const pod = pods[pods.length - 1];
  const why = toWhyModel(view, AGENT, {
    kind: 'pod',
    namespace: 'default',
    name: pod.metadata.name,
  });
  if (why.kind !== 'pod') throw new Error(why.kind);
  return why as Extract<WhyModel, { kind: 'node' | 'pod' }>;
}

describe('the why panel leads with the engine diagnosis', () => {
  it('leads a pod whose ConfigMap is missing with the volume and the ConfigMap, not the verdict', () => {
    const cluster = agentCluster(
      { volumeMounts: [{ name: 'config', mountPath: '/etc/agent' }] },
      { volumes: [{ name: 'config', configMap: { name: 'agent-config' } }] },
    );
    const why = whyPod(cluster, 'worker-1');
    expect(why.headlineFrom).toBe('pod');
    expect(why.headline).toMatch(
      /^Placed, but not running: the kubelet cannot mount volume "config" because ConfigMap "agent-config" does not exist/,
    );
    expect(why.headline).not.toContain('every check passes');
  });

  it('leads a crash-looping pod with its exit code and back-off', () => {
    const cluster = agentCluster({ command: ['sh', '-c', 'exit 2'] });
    cluster.advance(60_000);
    const why = whyPod(cluster, 'worker-2');
    expect(why.headline).toMatch(
      /^Crash loop: container main exits with code 2 \(restarted \d+ times?\)/,
    );
  });

  it('in a broken-image rollout, leads the new pod with the pull failure and the old pods with the budget that holds them', () => {
    const cluster = agentCluster({});
    run(cluster, agent({ image: 'busybox:9.99' }));
    cluster.advance(60_000);
    const view = cluster.view({ events: false });
    const rollout = view.diagnosis?.rollouts[0];
    const [taken] = rollout?.taken ?? [];
    if (!taken?.pod) throw new Error('no pod takes the budget');
    const newPod = toWhyModel(view, AGENT, { kind: 'pod', namespace: 'default', name: taken.pod });
    if (newPod.kind !== 'pod') throw new Error(newPod.kind);
    expect(newPod.headline).toMatch(
      /^Placed, but not running: the image "busybox:9.99" of container main cannot be pulled\. The registry answered: .*busybox:9\.99: not found/,
    );
    expect(newPod.rollout).toMatch(/^Rollout of agent is stalled/);

    const held = rollout?.waiting[0];
    if (!held) throw new Error('no old pod waits');
    const oldPod = toWhyModel(view, AGENT, { kind: 'pod', namespace: 'default', name: held.pod });
    if (oldPod.kind !== 'pod') throw new Error(oldPod.kind);
    expect(oldPod.headlineFrom).toBe('rollout');
    expect(oldPod.headline).toContain(
      `maxUnavailable 1: 1 of 1 unavailable slot is taken by ${taken.pod} on ${taken.node} (ImagePullBackOff), so the controller will not replace the old pod on ${held.node}.`,
    );
  });

  it('on a node, names the DaemonSet pod the diagnosis is about', () => {
    const cluster = agentCluster({ image: 'busybox:0.0' });
    const view = cluster.view({ events: false });
    const why = toWhyModel(view, AGENT, { kind: 'node', name: 'worker-3' });
    if (why.kind !== 'node') throw new Error(why.kind);
    expect(why.headline).toMatch(/^agent-\w+: Placed, but not running: the image "busybox:0.0"/);
  });

  it('keeps the verdict sentence as the lead for a healthy pod', () => {
    const cluster = agentCluster({});
    const why = whyPod(cluster, 'worker-1');
    expect(why.headlineFrom).toBe('verdict');
    expect(why.headline).toMatch(/every check passes/);
    expect(why.rollout).toBeUndefined();
  });
});

describe('explainPod', () => {
  const say = (d: PodDiagnosis, now = NOW) => explainPod(d, { now });

  it('words an init container waiting for a Service', () => {
    expect(
      say({ stage: 'notRunning', reason: 'initWaiting', container: 'wait-db', service: 'mydb' }),
    ).toMatch(/^Placed, but not running: init container wait-db waits for the Service "mydb"/);
  });

  it('gives the time left of a crash back-off and of minReadySeconds', () => {
    expect(
      say({
        stage: 'notRunning',
        reason: 'crashLoop',
        container: 'main',
        init: false,
        exitCode: 1,
        restarts: 3,
        backOffMs: 40_000,
        retryAt: at(12_000),
      }),
    ).toContain('waits 40s before the next start (CrashLoopBackOff), 12s from now');
    expect(
      say({
        stage: 'notAvailable',
        reason: 'minReadySeconds',
        minReadySeconds: 30,
        availableAt: at(9_000),
      }),
    ).toMatch(/^Ready, but not available yet: .*minReadySeconds is 30.*available in 9s/);
  });

  it('tells a readiness probe apart from the next status sync', () => {
    const base = { stage: 'notAvailable', reason: 'readiness', container: 'web' } as const;
    expect(say({ ...base, probe: true })).toContain(
      "container web's readiness probe has not passed",
    );
    expect(say({ ...base, probe: false })).toContain('next status sync');
  });
});

describe('explainRollout', () => {
  const base: RolloutDiagnosis = {
    namespace: 'default',
    name: 'agent',
    strategy: 'RollingUpdate',
    desired: 4,
    updated: 1,
    old: 3,
    maxUnavailable: 0,
    maxSurge: 1,
    maxUnavailableSpec: 0,
    maxSurgeSpec: '25%',
    taken: [{ node: 'worker-1', pod: 'agent-new' }],
    waiting: [
      { node: 'worker-2', pod: 'agent-b' },
      { node: 'worker-3', pod: 'agent-c' },
    ],
  };
  const context = {
    statusOf: () => 'CrashLoopBackOff',
    failing: () => true,
  };

  it('words the surge budget, its percentage and the node held back', () => {
    expect(explainRollout(base, { ...context, node: 'worker-3' })).toBe(
      'Rollout of agent is stalled (1 of 4 nodes run the new template). maxSurge 25% (1 of 4 nodes, rounded up): 1 of 1 surge slot is taken by agent-new on worker-1 (CrashLoopBackOff), so the controller will not start a new pod next to the old one on worker-3. It waits until the new pod becomes available: fix the template (or roll back) to move on.',
    );
  });

  it('says a rollout waits, not stalls, while the new pod is only on its way', () => {
    const text = explainRollout(base, {
      statusOf: () => 'ContainerCreating',
      failing: () => false,
    });
    expect(text).toMatch(/^Rollout of agent is waiting/);
    expect(text).toContain('on worker-2 and worker-3');
    expect(text).not.toContain('fix the template');
  });

  it('says OnDelete replaces only deleted pods', () => {
    const text = explainRollout({ ...base, strategy: 'OnDelete', taken: [] }, context);
    expect(text).toContain('OnDelete');
    expect(text).toContain('only after you delete it');
  });
});
