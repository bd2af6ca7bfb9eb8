import { describe, expect, it } from 'vitest';
import { readOnlyRefusal } from '../../src/embed/readonly.ts';

describe('a read-only embed', () => {
  it('lets the reader look: get, describe, logs, events, explain, rollout status, help', () => {
    for (const line of [
      'kubectl get pods -A',
      '  kubectl describe ds node-exporter -n monitoring',
      'kubectl logs pod/x',
      'kubectl events',
      'kubectl explain daemonset.spec',
      'kubectl rollout status ds/x',
      'kubectl rollout history ds/x',
      'help',
      'sim settle',
      'sim wait 5s',
    ])
      expect(readOnlyRefusal(line), line).toBeUndefined();
  });

  it('refuses what changes the cluster, with a sentence saying what is allowed', () => {
    for (const line of [
      'kubectl apply -f ds.yaml',
      'kubectl delete node worker-1',
      'kubectl rollout restart ds/x',
      'kubectl cordon worker-1',
      'kubectl',
      'sim node add x',
    ])
      expect(readOnlyRefusal(line), line).toMatch(/^This embed is read-only/);
  });
});
