/**
 * Editor markers for a manifest: YAML syntax errors and duplicate keys from the reader, the
 * simulated API server's verdict on a dry-run apply of each object (each field error placed on
 * its field's line), and the advisor's warnings.
 */
import type { Cluster } from '../engine/operations.ts';
import type { ManifestDiagnostic } from './types.ts';
import {
  findSpan,
  readManifest,
  type ManifestObject,
  type ManifestReadResult,
  type Span,
} from './manifest/read.ts';
import { renderFieldError } from '../engine/api/field-errors.ts';
import { formatApiError } from './api-errors.ts';
import { prepareForApply } from './verbs/apply.ts';
import { adviseText } from './advisor.ts';
import { fatalMessage } from './files.ts';

function marker(
  span: Span,
  severity: 'error' | 'warning',
  source: ManifestDiagnostic['source'],
  code: string,
  message: string,
): ManifestDiagnostic {
  return {
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: Math.max(span.endColumn, span.column + 1),
    severity,
    source,
    code,
    message,
  };
}

/** The span to mark for a field path: its key if written, else its nearest written parent. */
function fieldSpan(object: ManifestObject, field: string): Span {
  const span = findSpan(object.spans, field);
  return span?.key ?? span?.value ?? object.spans.get('kind')?.key ?? object.span;
}

function dryRun(object: ManifestObject, fileName: string, cluster: Cluster): ManifestDiagnostic[] {
  const prepared = prepareForApply(object.value, 'default');
  const result = cluster.execute({ op: 'apply', object: prepared, dryRun: true });
  if (result.ok) return [];
  const error = result.error;
  switch (error.reason) {
    case 'Invalid':
      return error.causes.map((cause) =>
        marker(
          fieldSpan(object, cause.field),
          'error',
          'api',
          cause.field,
          renderFieldError(cause),
        ),
      );
    case 'BadRequest': {
      // Strict decoding lists every unknown field; each gets its own marker.
      const unknown = [...error.message.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1]);
      const fields =
        unknown.length > 0
          ? unknown
          : [/(spec[\w.[\]-]*|metadata[\w.[\]-]*)/.exec(error.message)?.[1] ?? 'kind'];
      const message = formatApiError(error, { verb: 'creating', file: fileName });
      return fields.map((field) =>
        marker(fieldSpan(object, field), 'error', 'api', field, message),
      );
    }
    case 'NotFound':
      return [
        marker(
          fieldSpan(
            object,
            error.resource === 'namespaces' ? 'metadata.namespace' : 'metadata.name',
          ),
          'error',
          'api',
          error.resource,
          formatApiError(error, { verb: 'creating', file: fileName }),
        ),
      ];
    case 'NoKindMatch': {
      const metadata = (object.value.metadata ?? {}) as Record<string, unknown>;
      return [
        marker(
          fieldSpan(object, 'apiVersion'),
          'error',
          'api',
          'apiVersion',
          formatApiError(error, {
            verb: 'creating',
            file: fileName,
            name: String(metadata.name ?? ''),
            namespace: String(metadata.namespace ?? ''),
          }),
        ),
      ];
    }
    default:
      return [
        marker(
          fieldSpan(object, 'metadata.name'),
          'error',
          'api',
          error.reason,
          formatApiError(error, { verb: 'creating', file: fileName }),
        ),
      ];
  }
}

/**
 * From a manifest's text, its name and optionally a cluster (and the text already read, to
 * spare a second parse), every marker for the editor.
 */
export function diagnoseText(
  text: string,
  fileName: string,
  cluster?: Cluster,
  read?: ManifestReadResult,
): ManifestDiagnostic[] {
  const result = read ?? readManifest(text, fileName, { validate: true });
  const out: ManifestDiagnostic[] = [];
  if (result.fatal) {
    const message = fatalMessage(fileName, result.fatal);
    out.push(
      result.fatal.kind === 'validation'
        ? marker(result.fatal.span, 'error', 'api', 'validation', message)
        : marker(result.fatal.span, 'error', 'yaml', 'syntax', message),
    );
  }
  for (const warning of result.warnings)
    out.push(marker(warning.span, 'warning', 'yaml', 'duplicate-key', warning.message));
  for (const entry of result.entries) {
    if (entry.type === 'problem')
      out.push(marker(entry.problem.span, 'error', 'api', 'decode', entry.problem.message));
    else if (cluster) out.push(...dryRun(entry.object, fileName, cluster));
  }
  if (!result.fatal) out.push(...adviseText(text, fileName));
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
