import { describe, expect, it } from 'vitest';
import { EPOCH_MS } from '../../src/kube/constants.ts';
import { isPodReady, podColumns, podWideColumns } from '../../src/kube/pod-columns.ts';
import { at, pod, runningReady, status } from './fixtures.ts';

const NOW = EPOCH_MS + 120_000;
const statusOf = (p: Parameters<typeof podColumns>[0]): string => podColumns(p, NOW).status;
const done = () => status({ terminated: { exitCode: 0, reason: 'Completed' } });

describe('STATUS', () => {
  it('shows the phase of a pod no container has started in', () => {
    expect(statusOf(pod({ phase: 'Pending' }))).toBe('Pending');
  });

  it('shows the waiting reason of a container (ContainerCreating, ErrImagePull, CrashLoopBackOff)', () => {
    for (const reason of [
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
      'CrashLoopBackOff',
    ]) {
      const p = pod({ phase: 'Pending', containers: [status({ waiting: { reason } })] });
      expect(statusOf(p)).toBe(reason);
    }
  });

  it('shows Running for a running pod, ready or not', () => {
    expect(statusOf(pod({ containers: [runningReady()] }))).toBe('Running');
    expect(statusOf(pod({ containers: [status({ running: {} })] }))).toBe('Running');
  });

  it('shows SchedulingGated while the PodScheduled condition says so', () => {
    const p = pod({ phase: 'Pending' });
    const gated = {
      ...p,
      status: {
        ...p.status,
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    };
    expect(statusOf(gated)).toBe('SchedulingGated');
  });

  it('shows Terminating once a non-terminal pod has a deletionTimestamp, but not a finished one', () => {
    expect(statusOf(pod({ deleting: true, containers: [runningReady()] }))).toBe('Terminating');
    expect(statusOf(pod({ deleting: true, phase: 'Succeeded', containers: [done()] }))).toBe(
      'Completed',
    );
  });

  it('shows Unknown for a deleted pod of an unreachable node (reason NodeLost)', () => {
    expect(statusOf(pod({ deleting: true, reason: 'NodeLost' }))).toBe('Unknown');
  });

  it('prefers the pod reason over the phase (Evicted)', () => {
    expect(statusOf(pod({ phase: 'Failed', reason: 'Evicted', containers: [] }))).toBe('Evicted');
  });

  it('counts init containers as Init:N/M while they run', () => {
    const p = pod({
      phase: 'Pending',
      init: [{ name: 'a' }, { name: 'b' }],
      initStatuses: [{ ...done(), name: 'a' }, status({ running: {} }, { name: 'b' })],
      containers: [status({ waiting: { reason: 'PodInitializing' } })],
    });
    expect(statusOf(p)).toBe('Init:1/2');
  });

  it('shows Init:0/1 while the only init container waits with PodInitializing', () => {
    const p = pod({
      phase: 'Pending',
      init: [{ name: 'a' }],
      initStatuses: [status({ waiting: { reason: 'PodInitializing' } }, { name: 'a' })],
    });
    expect(statusOf(p)).toBe('Init:0/1');
  });

  it('shows Init:Reason for a waiting or failed init container, else its signal or exit code', () => {
    const withInit = (state: Parameters<typeof status>[0]) =>
      pod({
        phase: 'Pending',
        init: [{ name: 'a' }],
        initStatuses: [status(state, { name: 'a' })],
      });
    expect(statusOf(withInit({ waiting: { reason: 'CrashLoopBackOff' } }))).toBe(
      'Init:CrashLoopBackOff',
    );
    expect(statusOf(withInit({ terminated: { exitCode: 1, reason: 'Error' } }))).toBe('Init:Error');
    expect(statusOf(withInit({ terminated: { exitCode: 3 } }))).toBe('Init:ExitCode:3');
    expect(statusOf(withInit({ terminated: { exitCode: 137, signal: 9 } }))).toBe('Init:Signal:9');
  });

  it('shows PodInitializing once init containers are done and the main one waits', () => {
    const p = pod({
      phase: 'Pending',
      init: [{ name: 'a' }],
      initStatuses: [{ ...done(), name: 'a' }],
      containers: [status({ waiting: { reason: 'PodInitializing' } })],
    });
    expect(statusOf(p)).toBe('PodInitializing');
  });

  it('reports the first container when several have reasons, as kubectl walks them backwards', () => {
    const p = pod({
      containers: [
        status({ waiting: { reason: 'CrashLoopBackOff' } }),
        status({ waiting: { reason: 'ImagePullBackOff' } }, { name: 'b' }),
      ],
    });
    expect(statusOf(p)).toBe('CrashLoopBackOff');
  });

  it('shows the reason, signal or exit code of a terminated container', () => {
    const terminated = (t: { exitCode: number; reason?: string; signal?: number }) =>
      statusOf(pod({ phase: 'Failed', containers: [status({ terminated: t })] }));
    expect(terminated({ exitCode: 1, reason: 'Error' })).toBe('Error');
    expect(terminated({ exitCode: 137 })).toBe('ExitCode:137');
    expect(terminated({ exitCode: 137, signal: 9 })).toBe('Signal:9');
  });

  it('shows Running, or NotReady, when a completed container runs beside a running one', () => {
    const containers = [done(), runningReady('b')];
    expect(statusOf(pod({ containers, ready: true }))).toBe('Running');
    expect(statusOf(pod({ containers, ready: false }))).toBe('NotReady');
  });
});

describe('READY', () => {
  it('counts ready running containers out of the spec containers', () => {
    expect(podColumns(pod({ containers: [runningReady()] }), NOW).ready).toBe('1/1');
    expect(podColumns(pod({ containers: [status({ running: {} })] }), NOW).ready).toBe('0/1');
    expect(podColumns(pod({ phase: 'Pending' }), NOW).ready).toBe('0/1');
  });

  it('counts a sidecar (an init container with restartPolicy Always) in the total and, started and ready, as ready', () => {
    const sidecar = { name: 'proxy', restartPolicy: 'Always' };
    const running = pod({
      init: [sidecar],
      initStatuses: [runningReady('proxy')],
      containers: [runningReady()],
      initialized: true,
    });
    expect(podColumns(running, NOW)).toMatchObject({ ready: '2/2', status: 'Running' });
    const notReady = pod({
      init: [sidecar],
      initStatuses: [status({ running: {} }, { name: 'proxy', started: true })],
      containers: [runningReady()],
      initialized: true,
    });
    expect(podColumns(notReady, NOW).ready).toBe('1/2');
  });

  it('does not count a sidecar that ran to completion as ready, though it stays in the total', () => {
    const p = pod({
      init: [{ name: 'proxy', restartPolicy: 'Always' }],
      initStatuses: [{ ...done(), name: 'proxy' }],
      containers: [runningReady()],
    });
    expect(podColumns(p, NOW).ready).toBe('1/2');
  });

  it('keeps a plain init container out of the total', () => {
    const p = pod({
      init: [{ name: 'setup' }],
      initStatuses: [{ ...done(), name: 'setup' }],
      containers: [runningReady()],
    });
    expect(podColumns(p, NOW).ready).toBe('1/1');
  });

  it('reads the Ready condition for isPodReady', () => {
    expect(isPodReady(pod({ ready: true }))).toBe(true);
    expect(isPodReady(pod({ ready: false }))).toBe(false);
    expect(isPodReady(pod({}))).toBe(false);
  });
});

describe('RESTARTS', () => {
  const crashed = (restartCount: number, finishedMs: number, name = 'main') =>
    status(
      { running: {} },
      {
        name,
        ready: true,
        restartCount,
        lastState: { terminated: { exitCode: 1, finishedAt: at(finishedMs) } },
      },
    );

  it('counts restarts with the age of the last one', () => {
    expect(podColumns(pod({ containers: [crashed(3, 108_000)] }), NOW)).toEqual({
      ready: '1/1',
      status: 'Running',
      restarts: '3 (12s ago)',
    });
  });

  it('prints a bare 0 without restarts, and a bare count when no finish time is known', () => {
    expect(podColumns(pod({ containers: [runningReady()] }), NOW).restarts).toBe('0');
    const unknown = status({ running: {} }, { restartCount: 2 });
    expect(podColumns(pod({ containers: [unknown] }), NOW).restarts).toBe('2');
  });

  it('counts the init containers up to the one still running while the pod initializes', () => {
    const p = pod({
      phase: 'Pending',
      init: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      initStatuses: [
        { ...done(), name: 'a', restartCount: 1 },
        { ...crashed(2, 60_000, 'b'), state: { waiting: { reason: 'CrashLoopBackOff' } } },
        { ...crashed(5, 100_000, 'c'), state: { waiting: {} } },
      ],
    });
    expect(podColumns(p, NOW)).toMatchObject({
      status: 'Init:CrashLoopBackOff',
      restarts: '3 (60s ago)',
    });
  });

  it('once initialized, counts the sidecars and main containers but not finished init containers', () => {
    const p = pod({
      init: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always' }],
      initStatuses: [
        { ...done(), name: 'setup', restartCount: 4 },
        { ...crashed(1, 90_000, 'proxy'), started: true },
      ],
      containers: [crashed(2, 100_000)],
      initialized: true,
    });
    expect(podColumns(p, NOW)).toMatchObject({ ready: '2/2', restarts: '3 (20s ago)' });
  });

  it('words the restart age as HumanDuration does', () => {
    const p = pod({ containers: [crashed(1, 120_000 - 185_000)] });
    expect(podColumns(p, NOW).restarts).toBe('1 (3m5s ago)');
  });
});

describe('-o wide columns', () => {
  it('prints <none> for an unset IP, node and nominated node, and without readiness gates', () => {
    expect(podWideColumns(pod({}))).toEqual({
      ip: '<none>',
      node: '<none>',
      nominatedNode: '<none>',
      readinessGates: '<none>',
    });
  });

  it('prints the IP, the node and the readiness gates whose condition is True', () => {
    const base = pod({});
    const p = {
      ...base,
      spec: {
        ...base.spec,
        nodeName: 'worker-1',
        readinessGates: [{ conditionType: 'example.com/a' }, { conditionType: 'example.com/b' }],
      },
      status: {
        ...base.status,
        podIP: '10.0.0.5',
        conditions: [{ type: 'example.com/a', status: 'True' }],
      },
    };
    expect(podWideColumns(p)).toEqual({
      ip: '10.0.0.5',
      node: 'worker-1',
      nominatedNode: '<none>',
      readinessGates: '1/2',
    });
  });
});
