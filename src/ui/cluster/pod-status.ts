/**
 * How the cluster view marks a pod: kubectl's STATUS text (src/kube/pod-columns.ts) grouped into
 * families, each drawn with its own mark.
 */

/** The family a STATUS text belongs to, for styling: each family gets its own mark. */
export type PhaseFamily = 'ready' | 'starting' | 'pending' | 'failing' | 'terminating' | 'done';

/**
 * From a STATUS text and whether the pod is Ready, its family: `ready` (Running and Ready),
 * `starting` (creating, initialising, running but not yet Ready), `pending` (not placed or
 * not fitting), `failing` (pull errors, crash loops, init failures), `terminating`, `done`
 * (Completed, Succeeded).
 */
export function toPhaseFamily(status: string, ready: boolean): PhaseFamily {
  if (status === 'Terminating' || status === 'Unknown') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Running') return ready ? 'ready' : 'starting';
  if (status === 'Pending' || status === 'SchedulingGated') return 'pending';
  if (
    status === 'ContainerCreating' ||
    status === 'PodInitializing' ||
    /^Init:\d+\/\d+$/.test(status)
  ) {
    return 'starting';
  }
  return 'failing';
}
