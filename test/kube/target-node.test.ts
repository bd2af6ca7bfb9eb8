import { describe, expect, it } from 'vitest';
import { targetNodeName } from '../../src/kube/target-node.ts';
import type { Pod } from '../../src/kube/types.ts';

/** A pod whose required node affinity has one matchFields term on metadata.name. */
function pinned(values: string[], nodeName?: string): Pod {
  return {
    metadata: { name: 'p' },
    spec: {
      containers: [{ name: 'main' }],
      nodeName,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values }] },
            ],
          },
        },
      },
    },
  };
}

describe('targetNodeName', () => {
  it('reads the node a DaemonSet pod is pinned to before it is bound', () => {
    expect(targetNodeName(pinned(['worker-1']))).toBe('worker-1');
  });

  it('prefers spec.nodeName once the pod is bound', () => {
    expect(targetNodeName(pinned(['worker-1'], 'worker-2'))).toBe('worker-2');
  });

  it('finds no target for a pod with neither, or with a term that names several nodes', () => {
    expect(targetNodeName({ metadata: { name: 'p' }, spec: { containers: [] } })).toBeUndefined();
    expect(targetNodeName(pinned(['worker-1', 'worker-2']))).toBeUndefined();
  });
});
