/**
 * The pod a DaemonSet controller creates passes the API server's admission like any other pod
 * (SetDefaults_Pod: requests from limits, hostNetwork host ports; DefaultTolerationSeconds;
 * Priority). The defaulted spec depends only on the template, so it is admitted once per
 * template version and copied for every node.
 */
import { admit } from './api/admission.ts';
import { cloneJson } from './api/records.ts';
import { cloneData, deepFreeze } from './util/clone.ts';
import type { DaemonSet, Pod, PodSpec, Toleration } from './types.ts';

/** From a DaemonSet and the tolerations its pods get, the admitted pod spec or the admission error text. */
export function admitPodSpec(
  ds: DaemonSet,
  tolerations: Toleration[],
): { podSpec?: PodSpec; podError?: string } {
  const spec = cloneJson(ds.spec.template.spec) as PodSpec;
  spec.tolerations = cloneJson(tolerations) as Toleration[];
  const raw = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${ds.metadata.name}-admission`,
      namespace: ds.metadata.namespace,
      labels: cloneJson(ds.spec.template.metadata?.labels ?? {}),
    },
    spec,
  };
  const result = admit({ raw, operation: 'create' });
  if (!result.ok) {
    const e = result.error;
    const text =
      e.reason === 'Invalid'
        ? e.causes.map((c) => `${c.field}: ${c.type}${c.detail ? `: ${c.detail}` : ''}`).join(', ')
        : 'message' in e
          ? e.message
          : e.reason;
    return { podError: `Pod "${ds.metadata.name}-" is invalid: ${text}` };
  }
  // Frozen all the way down: every pod of the DaemonSet shares its parts (see createDaemonPod).
  return { podSpec: deepFreeze(cloneData((result.object as Pod).spec)) };
}
