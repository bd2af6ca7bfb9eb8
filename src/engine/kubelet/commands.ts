/**
 * What a simulated container does, read from its command and args (console contract):
 * `sh -c "exit N"` exits with N, an init script looping on `nslookup NAME` waits for Service
 * NAME, everything else runs until stopped (or, for init containers, finishes in a few seconds).
 */
import type { Container } from '../types.ts';

export type Behaviour =
  { kind: 'run' } | { kind: 'exit'; code: number } | { kind: 'nslookup'; service: string };

/** From a container, how its process behaves. */
export function containerBehaviour(container: Container): Behaviour {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const shIndex = argv.findIndex((a) => /(^|\/)(ba)?sh$/.test(a));
  const script =
    shIndex >= 0 && argv[shIndex + 1] === '-c' ? (argv[shIndex + 2] ?? '') : argv.join(' ');
  const exit = /^\s*exit\s+(\d+)\s*;?\s*$/.exec(script);
  if (exit) {
    const code = Number(exit[1]);
    return code === 0 ? { kind: 'exit', code: 0 } : { kind: 'exit', code };
  }
  const lookup = /nslookup\s+([A-Za-z0-9][-A-Za-z0-9.]*)/.exec(script);
  if (lookup) {
    // `nslookup svc.ns.svc.cluster.local` names the Service by its first label.
    return { kind: 'nslookup', service: lookup[1].split('.')[0] };
  }
  return { kind: 'run' };
}
