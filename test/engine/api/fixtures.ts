/** Manifest builders and result readers shared by the admission tests. */
import { admit, type AdmissionResult } from '../../../src/engine/api/admission.ts';
import { renderFieldError } from '../../../src/engine/api/field-errors.ts';
import type { KubeObject } from '../../../src/engine/types.ts';

type Json = Record<string, unknown>;

/** A valid node-agent DaemonSet manifest; `edit` changes a deep copy before it is returned. */
export function daemonSetManifest(edit: (ds: Json & { spec: Json }) => void = () => {}): Json {
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'node-exporter' } },
      template: {
        metadata: { labels: { app: 'node-exporter' } },
        spec: {
          containers: [
            {
              name: 'exporter',
              image: 'prom/node-exporter:v1.3.1',
              ports: [{ containerPort: 9100 }],
            },
          ],
        },
      },
    },
  };
  const copy = structuredClone(ds) as Json & { spec: Json };
  edit(copy);
  return copy;
}

/** The pod spec inside a DaemonSet manifest, for edits. */
export function podSpecOf(ds: Json): Json {
  return ((ds.spec as Json).template as Json).spec as Json;
}

/** The first container inside a DaemonSet manifest, for edits. */
export function containerOf(ds: Json): Json {
  return (podSpecOf(ds).containers as Json[])[0];
}

/** From a create request's raw manifest, the admitted object or a thrown test failure. */
export function admitted(raw: unknown): KubeObject {
  const result = admit({ raw, operation: 'create' });
  if (!result.ok)
    throw new Error(`expected the object to be admitted, got ${JSON.stringify(result.error)}`);
  return result.object;
}

/** From a result, the rendered field errors (empty when admitted or not Invalid). */
export function causes(result: AdmissionResult): string[] {
  return !result.ok && result.error.reason === 'Invalid'
    ? result.error.causes.map(renderFieldError)
    : [];
}

/** From a raw manifest, the rendered causes of its creation. */
export function createCauses(raw: unknown): string[] {
  return causes(admit({ raw, operation: 'create' }));
}

/** From a raw manifest, the BadRequest message of its creation (undefined otherwise). */
export function badRequest(raw: unknown): string | undefined {
  const result = admit({ raw, operation: 'create' });
  return !result.ok && result.error.reason === 'BadRequest' ? result.error.message : undefined;
}
