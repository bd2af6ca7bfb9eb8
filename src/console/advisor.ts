/**
 * The best-practice advisor: from a manifest file, warnings with line numbers and quick fixes
 * for habits that make node agents risky. It speaks only to the editor; kubectl output never
 * mentions it.
 */
import type { ManifestDiagnostic, ManifestFix } from './types.ts';
import { readManifest, type FieldSpan, type ManifestObject, type Span } from './manifest/read.ts';

/** Host paths that hand a container the keys to the node. */
const SENSITIVE_HOST_PATHS = [
  '/',
  '/etc',
  '/var/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/proc',
  '/sys',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/root',
  '/boot',
  '/dev',
];

const WHY = {
  'no-resources':
    'No resource requests or limits: the scheduler cannot reserve room for this agent on each node, and a runaway agent can starve the workloads it sits beside.',
  privileged:
    'Privileged containers get every device and capability of the node; a bug or compromise here owns the whole machine.',
  'runs-as-root':
    'Nothing stops this container from running as root (UID 0); set runAsNonRoot or a non-zero runAsUser unless the agent truly needs root.',
  'writable-root-fs':
    "The root filesystem is writable; readOnlyRootFilesystem: true keeps an attacker (or a bug) from changing the agent's own binaries.",
  'capabilities-not-dropped':
    'Linux capabilities are not dropped; drop ALL and add back only what the agent needs.',
  'sensitive-host-path':
    'This hostPath exposes a sensitive part of the node (its config, runtime socket or kubelet state) to the container.',
  'legacy-master-toleration':
    'Tolerating only node-role.kubernetes.io/master misses current control-plane nodes, which are tainted node-role.kubernetes.io/control-plane since Kubernetes 1.24.',
} as const;

type Code = keyof typeof WHY;

function spanOf(object: ManifestObject, path: string): FieldSpan | undefined {
  return object.spans.get(path);
}

function diagnostic(code: Code, span: Span, fix?: ManifestFix): ManifestDiagnostic {
  return {
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    severity: 'warning',
    source: 'advisor',
    code,
    message: WHY[code],
    fix,
  };
}

/** An edit inserting lines after the last line of a field, at the given indent. */
function insertAfter(title: string, lineText: string[], after: Span, indent: number): ManifestFix {
  const pad = ' '.repeat(Math.max(0, indent - 1));
  return {
    title,
    edits: [
      {
        startLine: after.endLine + 1,
        startColumn: 1,
        endLine: after.endLine + 1,
        endColumn: 1,
        text: lineText.map((l) => `${pad}${l}\n`).join(''),
      },
    ],
  };
}

/** The last line a field's value reaches, found from the spans below it. */
function lastLine(object: ManifestObject, path: string, fallback: Span): Span {
  let end = fallback;
  for (const [key, span] of object.spans) {
    if (
      (key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) &&
      span.value.endLine > end.endLine
    )
      end = span.value;
  }
  return end;
}

function podSpecPath(kind: unknown): string | undefined {
  if (kind === 'Pod') return 'spec';
  if (
    kind === 'DaemonSet' ||
    kind === 'Deployment' ||
    kind === 'StatefulSet' ||
    kind === 'ReplicaSet' ||
    kind === 'Job'
  )
    return 'spec.template.spec';
  return undefined;
}

function adviseObject(object: ManifestObject): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  const base = podSpecPath(object.value.kind);
  if (!base) return out;
  const get = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        object.value,
      );
  const spec = get(base) as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object') return out;
  const podSecurity = (spec.securityContext ?? {}) as Record<string, unknown>;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  containers.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object') return;
    const c = raw as Record<string, unknown>;
    const path = `${base}.containers[${i}]`;
    const itemSpan = spanOf(object, path);
    const nameSpan = spanOf(object, `${path}.name`) ?? itemSpan;
    if (!itemSpan || !nameSpan) return;
    const indent = nameSpan.key?.column ?? nameSpan.indent;
    const end = lastLine(object, path, itemSpan.value);
    const resources = c.resources as Record<string, unknown> | undefined;
    if (!resources || (!resources.requests && !resources.limits)) {
      out.push(
        diagnostic(
          'no-resources',
          nameSpan.key ?? nameSpan.value,
          resources
            ? undefined
            : insertAfter(
                'Add modest requests and a memory limit',
                [
                  'resources:',
                  '  requests:',
                  '    cpu: 100m',
                  '    memory: 128Mi',
                  '  limits:',
                  '    memory: 256Mi',
                ],
                end,
                indent,
              ),
        ),
      );
    }
    const sc = (c.securityContext ?? {}) as Record<string, unknown>;
    const scSpan = spanOf(object, `${path}.securityContext`);
    if (sc.privileged === true) {
      const s = spanOf(object, `${path}.securityContext.privileged`)!;
      out.push(
        diagnostic('privileged', s.key ?? s.value, {
          title: 'Set privileged: false',
          edits: [
            {
              startLine: s.value.line,
              startColumn: s.value.column,
              endLine: s.value.endLine,
              endColumn: s.value.endColumn,
              text: 'false',
            },
          ],
        }),
      );
    }
    const runAsNonRoot = sc.runAsNonRoot ?? podSecurity.runAsNonRoot;
    const runAsUser = sc.runAsUser ?? podSecurity.runAsUser;
    if (runAsNonRoot !== true && (runAsUser === undefined || runAsUser === 0)) {
      out.push(
        diagnostic(
          'runs-as-root',
          scSpan?.key ?? nameSpan.key ?? nameSpan.value,
          scSpan
            ? undefined
            : insertAfter(
                'Run as a non-root user',
                [
                  'securityContext:',
                  '  runAsNonRoot: true',
                  '  runAsUser: 65534',
                  '  readOnlyRootFilesystem: true',
                  '  allowPrivilegeEscalation: false',
                  '  capabilities:',
                  '    drop: ["ALL"]',
                ],
                end,
                indent,
              ),
        ),
      );
    }
    // Insert fixes only into a block-style securityContext (a flow `{...}` would need rewriting).
    const blockContext =
      scSpan !== undefined && scSpan.key !== undefined && scSpan.value.line > scSpan.key.line;
    const where = scSpan?.key ?? nameSpan.key ?? nameSpan.value;
    if (sc.readOnlyRootFilesystem !== true) {
      out.push(
        diagnostic(
          'writable-root-fs',
          where,
          !blockContext || !scSpan
            ? undefined
            : insertAfter(
                'Make the root filesystem read-only',
                ['readOnlyRootFilesystem: true'],
                { ...scSpan.value, endLine: (scSpan.key ?? scSpan.value).line },
                (scSpan.key?.column ?? indent) + 2,
              ),
        ),
      );
    }
    const caps = (sc.capabilities ?? {}) as Record<string, unknown>;
    const drops = Array.isArray(caps.drop) ? caps.drop : [];
    if (!drops.includes('ALL')) {
      out.push(
        diagnostic(
          'capabilities-not-dropped',
          where,
          sc.capabilities || !blockContext || !scSpan
            ? undefined
            : insertAfter(
                'Drop all capabilities',
                ['capabilities:', '  drop: ["ALL"]'],
                { ...scSpan.value, endLine: (scSpan.key ?? scSpan.value).line },
                (scSpan.key?.column ?? indent) + 2,
              ),
        ),
      );
    }
  });
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    const hostPath = (v as Record<string, unknown> | null)?.hostPath as
      Record<string, unknown> | undefined;
    if (!hostPath || typeof hostPath.path !== 'string') return;
    const path = hostPath.path.replace(/\/+$/, '') || '/';
    if (SENSITIVE_HOST_PATHS.includes(path)) {
      const s = spanOf(object, `${base}.volumes[${i}].hostPath.path`);
      if (s) out.push(diagnostic('sensitive-host-path', s.value));
    }
  });
  const tolerations = Array.isArray(spec.tolerations)
    ? (spec.tolerations as Record<string, unknown>[])
    : [];
  const masterIndex = tolerations.findIndex((t) => t?.key === 'node-role.kubernetes.io/master');
  const hasControlPlane = tolerations.some(
    (t) =>
      t?.key === 'node-role.kubernetes.io/control-plane' ||
      (t?.key === undefined && t?.operator === 'Exists'),
  );
  if (masterIndex >= 0 && !hasControlPlane) {
    const s = spanOf(object, `${base}.tolerations[${masterIndex}]`);
    const keySpan = spanOf(object, `${base}.tolerations[${masterIndex}].key`);
    if (s && keySpan) {
      const t = tolerations[masterIndex];
      const lines = [
        '- key: node-role.kubernetes.io/control-plane',
        `  operator: ${String(t.operator ?? 'Exists')}`,
      ];
      if (t.effect) lines.push(`  effect: ${String(t.effect)}`);
      const dashColumn = Math.max(1, (keySpan.key?.column ?? 3) - 2);
      out.push(
        diagnostic(
          'legacy-master-toleration',
          keySpan.key ?? keySpan.value,
          insertAfter(
            'Also tolerate node-role.kubernetes.io/control-plane',
            lines,
            lastLine(object, `${base}.tolerations[${masterIndex}]`, s.value),
            dashColumn,
          ),
        ),
      );
    }
  }
  return out;
}

/** From a file's text and name, the advisor's warnings (none for files that do not parse). */
export function adviseText(text: string, fileName: string): ManifestDiagnostic[] {
  const result = readManifest(text, fileName);
  const out: ManifestDiagnostic[] = [];
  for (const entry of result.entries)
    if (entry.type === 'object') out.push(...adviseObject(entry.object));
  return out;
}
