/**
 * NodePorts: a requested hostPort/protocol/hostIP must be free on the node
 * (pkg/scheduler/framework/plugins/nodeports/node_ports.go, pkg/scheduler/framework/types.go HostPortInfo).
 */
import type { PodSpec, VerdictItem } from '../types.ts';

/** The NodePorts plugin's rejection reason. */
export const PORTS_MESSAGE = "node(s) didn't have free ports for the requested pod ports";

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** From a pod spec, the host ports its containers claim. */
export function hostPorts(spec: PodSpec): HostPort[] {
  const out: HostPort[] = [];
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      // hostNetwork pods get hostPort = containerPort from SetDefaults_Pod; treat un-defaulted ones alike.
      const port = p.hostPort ?? (spec.hostNetwork ? p.containerPort : undefined);
      if (!port) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port });
    }
  }
  return out;
}

function conflicts(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.ip === '0.0.0.0' || b.ip === '0.0.0.0' || a.ip === b.ip;
}

/** From wanted ports and the ports already used on the node, the wanted ports that clash. */
export function portConflicts(wanted: readonly HostPort[], used: readonly HostPort[]): HostPort[] {
  return wanted.filter((w) => used.some((u) => conflicts(w, u)));
}

/** From the same inputs, one verdict item per wanted host port. */
export function describePorts(
  wanted: readonly HostPort[],
  used: readonly HostPort[],
): VerdictItem[] {
  return wanted.map((w) => {
    const clash = used.some((u) => conflicts(w, u));
    return {
      subject: `${w.protocol}/${w.port}`,
      passed: !clash,
      detail: clash
        ? `host port ${w.port}/${w.protocol} is already used on the node`
        : `host port ${w.port}/${w.protocol} is free`,
    };
  });
}
