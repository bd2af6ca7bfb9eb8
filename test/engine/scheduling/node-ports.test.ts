import { describe, expect, it } from 'vitest';
import { hostPorts, portConflicts } from '../../../src/engine/scheduling/node-ports.ts';
import type { PodSpec } from '../../../src/engine/types.ts';

const withPort = (port: number, extra: Record<string, unknown> = {}): PodSpec => ({
  containers: [{ name: 'c', ports: [{ containerPort: port, hostPort: port, ...extra }] }],
});

// Cases after pkg/scheduler/framework/plugins/nodeports/node_ports_test.go.
describe('NodePorts', () => {
  it('clashes on the same hostPort and protocol', () => {
    expect(portConflicts(hostPorts(withPort(9100)), hostPorts(withPort(9100)))).toHaveLength(1);
  });

  it('does not clash across protocols', () => {
    expect(
      portConflicts(hostPorts(withPort(53, { protocol: 'UDP' })), hostPorts(withPort(53))),
    ).toHaveLength(0);
  });

  it('clashes between a specific hostIP and 0.0.0.0 but not between two different hostIPs', () => {
    expect(
      portConflicts(hostPorts(withPort(80, { hostIP: '10.0.0.1' })), hostPorts(withPort(80))),
    ).toHaveLength(1);
    expect(
      portConflicts(
        hostPorts(withPort(80, { hostIP: '10.0.0.1' })),
        hostPorts(withPort(80, { hostIP: '10.0.0.2' })),
      ),
    ).toHaveLength(0);
  });

  it('claims containerPort as hostPort for hostNetwork pods', () => {
    expect(
      hostPorts({
        hostNetwork: true,
        containers: [{ name: 'c', ports: [{ containerPort: 9100 }] }],
      }),
    ).toEqual([{ ip: '0.0.0.0', protocol: 'TCP', port: 9100 }]);
  });
});
