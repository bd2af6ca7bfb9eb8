import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/protocol/cluster.ts';
import {
  isPodReady,
  podStatusColumns,
  podStatusText,
  shortDuration,
  toPhaseFamily,
} from '../../../src/ui/cluster/pod-status.ts';
import { EPOCH, makePod } from './fixtures.ts';

type ContainerStatus = NonNullable<Pod['status']['containerStatuses']>[number];

const NOW = EPOCH + 120_000;

function container(
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus {
  return {
    name: 'main',
    state,
    lastState: {},
    ready: false,
    restartCount: 0,
    image: 'x',
    imageID: '',
    ...extra,
  };
}

function withInit(pod: Pod, statuses: ContainerStatus[], count = statuses.length): Pod {
  pod.spec.initContainers = Array.from({ length: count }, (_, i) => ({
    name: `init-${i}`,
    image: 'busybox',
  }));
  pod.status.initContainerStatuses = statuses.map((s, i) => ({ ...s, name: `init-${i}` }));
  return pod;
}

describe('podStatusText', () => {
  it('shows Pending for a pod no container has started in', () => {
    expect(podStatusText(makePod('p', { phase: 'Pending' }), NOW)).toBe('Pending');
  });

  it('shows the waiting reason of a container (ContainerCreating, ErrImagePull, ImagePullBackOff)', () => {
    for (const reason of [
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
      'CrashLoopBackOff',
    ]) {
      expect(podStatusText(makePod('p', { phase: 'Pending', waiting: reason }), NOW)).toBe(reason);
    }
  });

  it('shows Running for a running pod, ready or not', () => {
    expect(podStatusText(makePod('p', { phase: 'Running' }), NOW)).toBe('Running');
    expect(podStatusText(makePod('p', { phase: 'Running', ready: false }), NOW)).toBe('Running');
  });

  it('shows Terminating once a deletionTimestamp is set on a non-terminal pod', () => {
    expect(podStatusText(makePod('p', { deleting: true }), NOW)).toBe('Terminating');
    const done = makePod('p', { deleting: true, phase: 'Succeeded' });
    done.status.containerStatuses = [
      container({ terminated: { exitCode: 0, reason: 'Completed' } }),
    ];
    expect(podStatusText(done, NOW)).toBe('Completed');
  });

  it('shows Unknown for a deleted pod of a lost node (reason NodeLost)', () => {
    const pod = makePod('p', { deleting: true });
    pod.status.reason = 'NodeLost';
    expect(podStatusText(pod, NOW)).toBe('Unknown');
  });

  it('counts init containers as Init:N/M while they run', () => {
    const pod = withInit(makePod('p', { phase: 'Pending' }), [
      container({ terminated: { exitCode: 0, reason: 'Completed' } }),
      container({ running: {} }),
    ]);
    pod.status.containerStatuses = [container({ waiting: { reason: 'PodInitializing' } })];
    expect(podStatusText(pod, NOW)).toBe('Init:1/2');
  });

  it('shows Init:0/1 while the only init container waits for PodInitializing', () => {
    const pod = withInit(makePod('p', { phase: 'Pending' }), [
      container({ waiting: { reason: 'PodInitializing' } }),
    ]);
    expect(podStatusText(pod, NOW)).toBe('Init:0/1');
  });

  it('shows Init:Reason for a waiting or failed init container', () => {
    const waiting = withInit(makePod('p', { phase: 'Pending' }), [
      container({ waiting: { reason: 'CrashLoopBackOff' } }),
    ]);
    expect(podStatusText(waiting, NOW)).toBe('Init:CrashLoopBackOff');
    const failed = withInit(makePod('p', { phase: 'Pending' }), [
      container({ terminated: { exitCode: 1, reason: 'Error' } }),
    ]);
    expect(podStatusText(failed, NOW)).toBe('Init:Error');
    const code = withInit(makePod('p', { phase: 'Pending' }), [
      container({ terminated: { exitCode: 3 } }),
    ]);
    expect(podStatusText(code, NOW)).toBe('Init:ExitCode:3');
  });

  it('shows PodInitializing once init containers are done and the main one waits', () => {
    const pod = withInit(makePod('p', { phase: 'Pending' }), [
      container({ terminated: { exitCode: 0, reason: 'Completed' } }),
    ]);
    pod.status.containerStatuses = [container({ waiting: { reason: 'PodInitializing' } })];
    expect(podStatusText(pod, NOW)).toBe('PodInitializing');
  });

  it('reports the first container when several have reasons, as kubectl walks them backwards', () => {
    const pod = makePod('p');
    pod.status.containerStatuses = [
      container({ waiting: { reason: 'CrashLoopBackOff' } }),
      container({ waiting: { reason: 'ImagePullBackOff' } }, { name: 'b' }),
    ];
    expect(podStatusText(pod, NOW)).toBe('CrashLoopBackOff');
  });

  it('shows Error or ExitCode for a terminated container', () => {
    const pod = makePod('p', { phase: 'Failed' });
    pod.status.containerStatuses = [container({ terminated: { exitCode: 1, reason: 'Error' } })];
    expect(podStatusText(pod, NOW)).toBe('Error');
    pod.status.containerStatuses = [container({ terminated: { exitCode: 137 } })];
    expect(podStatusText(pod, NOW)).toBe('ExitCode:137');
  });

  it('prefers the pod reason over the phase (e.g. Evicted)', () => {
    const pod = makePod('p', { phase: 'Failed' });
    pod.status.reason = 'Evicted';
    pod.status.containerStatuses = [];
    expect(podStatusText(pod, NOW)).toBe('Evicted');
  });
});

describe('podStatusColumns', () => {
  it('counts ready containers and restarts with the age of the last one', () => {
    const pod = makePod('p');
    pod.status.containerStatuses = [
      container(
        { running: {} },
        {
          ready: true,
          restartCount: 3,
          lastState: {
            terminated: { exitCode: 1, finishedAt: new Date(NOW - 12_000).toISOString() },
          },
        },
      ),
    ];
    expect(podStatusColumns(pod, NOW)).toEqual({
      ready: '1/1',
      status: 'Running',
      restarts: '3 (12s ago)',
    });
  });
});

describe('isPodReady and toPhaseFamily', () => {
  it('reads the Ready condition', () => {
    expect(isPodReady(makePod('p', { ready: true }))).toBe(true);
    expect(isPodReady(makePod('p', { ready: false }))).toBe(false);
  });

  it('groups statuses into families that each get their own mark', () => {
    expect(toPhaseFamily('Running', true)).toBe('ready');
    expect(toPhaseFamily('Running', false)).toBe('starting');
    expect(toPhaseFamily('Init:0/1', false)).toBe('starting');
    expect(toPhaseFamily('ContainerCreating', false)).toBe('starting');
    expect(toPhaseFamily('Pending', false)).toBe('pending');
    expect(toPhaseFamily('ImagePullBackOff', false)).toBe('failing');
    expect(toPhaseFamily('Init:CrashLoopBackOff', false)).toBe('failing');
    expect(toPhaseFamily('Terminating', false)).toBe('terminating');
    expect(toPhaseFamily('Completed', false)).toBe('done');
  });
});

describe('shortDuration', () => {
  it('words durations as kubectl does', () => {
    expect(shortDuration(5_000)).toBe('5s');
    expect(shortDuration(119_000)).toBe('119s');
    expect(shortDuration(185_000)).toBe('3m5s');
    expect(shortDuration(30 * 60_000)).toBe('30m');
    expect(shortDuration(5 * 3600_000 + 60_000)).toBe('5h1m');
    expect(shortDuration(50 * 3600_000)).toBe('2d2h');
  });
});
