/**
 * The timeline goals about history read: one sample of the cluster after each command and each
 * instant the clock stopped at, since the lesson began. A sample keeps the view's frozen objects
 * by reference (the engine hands out the same frozen object until it changes), so a long
 * session costs arrays of pointers, not copies of the cluster.
 */
import type { ClusterSnapshot } from '../protocol/cluster.ts';

/** What goals read of one moment: the simulated time, the objects and the verdicts. */
export type Sample = Pick<ClusterSnapshot, 'timeMs' | 'objects' | 'verdicts'>;

/** Samples in time order; the last one is the cluster now. */
export interface Timeline {
  readonly samples: readonly Sample[];
  /** Adds a view of the cluster (events are not needed). */
  record(view: Sample): void;
  /** Forgets everything and starts again from this view (a lesson starts or restarts). */
  reset(view: Sample): void;
}

/** Whether two samples hold the very same objects (same frozen values, same order). */
function sameObjects(a: Sample, b: Sample): boolean {
  for (const kind of Object.keys(a.objects) as (keyof Sample['objects'])[]) {
    if (kind === 'Event') continue;
    const x = a.objects[kind] as readonly unknown[];
    const y = (b.objects[kind] ?? []) as readonly unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/**
 * A new, empty timeline. A view whose objects are those of the previous sample is not kept:
 * nothing became worse in between (a pod only gets closer to available as time passes), so the
 * history goals' worst moments are all in the first sample of such a run.
 */
export function createTimeline(): Timeline {
  let samples: Sample[] = [];
  const toSample = (view: Sample): Sample => ({
    timeMs: view.timeMs,
    objects: view.objects,
    verdicts: view.verdicts,
  });
  return {
    get samples() {
      return samples;
    },
    record(view) {
      const last = samples.at(-1);
      if (last && sameObjects(last, view)) return;
      samples.push(toSample(view));
    },
    reset(view) {
      samples = [toSample(view)];
    },
  };
}
