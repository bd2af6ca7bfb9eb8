import { describe, expect, it } from 'vitest';
import { createConsole } from '../../src/console/index.ts';
import { createCluster } from '../../src/engine/index.ts';
import { createTimeline } from '../../src/lessons/timeline.ts';

const NODE = 'apiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\n';

describe('the timeline', () => {
  it('keeps one sample for views that hold the same objects, the earliest', () => {
    const cluster = createCluster({ seed: 1 });
    const kubeConsole = createConsole({
      cluster,
      files: { read: () => NODE, list: () => [] },
    });
    const timeline = createTimeline();
    timeline.reset(cluster.view({ events: false }));
    kubeConsole.run('kubectl apply -f node.yaml');
    timeline.record(cluster.view({ events: false }));
    const afterApply = cluster.now;
    kubeConsole.run('sim wait 1s');
    timeline.record(cluster.view({ events: false }));
    expect(timeline.samples.map((s) => s.objects.Node.length)).toEqual([0, 1]);
    expect(timeline.samples[1].timeMs).toBe(afterApply);
  });

  it('starts again from one view when reset', () => {
    const cluster = createCluster({ seed: 1 });
    const timeline = createTimeline();
    timeline.record(cluster.view({ events: false }));
    timeline.reset(cluster.view({ events: false }));
    expect(timeline.samples).toHaveLength(1);
  });
});
