/**
 * kubectl's client-side check that a manifest names its kind (staging/src/k8s.io/kubectl/pkg/
 * validation/schema.go getObjectKind), run before anything is sent to the API server.
 */
import { isObject } from './records.ts';

/**
 * From a raw manifest value, the errors of getObjectKind in kubectl's validation package: the
 * checks kubectl makes before sending, in its words (`apiVersion not set`, `kind not set`, ...).
 * Empty when the manifest names a kind and an apiVersion.
 */
export function objectKindErrors(raw: unknown): string[] {
  if (!isObject(raw)) return ['invalid object to validate'];
  const errors: string[] = [];
  const apiVersion = Object.hasOwn(raw, 'apiVersion') ? raw.apiVersion : undefined;
  if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type");
  else if ((apiVersion.match(/\//g) ?? []).length > 1)
    errors.push(`unexpected GroupVersion string: ${apiVersion}`);
  const kind = Object.hasOwn(raw, 'kind') ? raw.kind : undefined;
  if (kind === undefined || kind === null) errors.push('kind not set');
  else if (typeof kind !== 'string') errors.push("kind isn't string type");
  return errors;
}

/**
 * From getObjectKind's errors, the text kubectl puts after `error validating data: ` (one error
 * bare, several as utilerrors' `[a, b]`). The console wraps it as
 * `error: error validating "FILE": error validating data: TEXT; if you choose to ignore these errors, turn validation off with --validate=false`.
 */
export function renderObjectKindErrors(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}
