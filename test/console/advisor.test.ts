import { describe, expect, it } from 'vitest';
import { advise } from '../../src/console/index.ts';

const RISKY = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox
        securityContext:
          privileged: true
      volumes:
      - name: docker
        hostPath:
          path: /var/run/docker.sock
`;

const codes = (text: string): string[] => advise(text, 'agent.yaml').map((d) => d.code);

describe('the best-practice advisor', () => {
  it('flags every risky habit of a node agent with its line', () => {
    const found = advise(RISKY, 'agent.yaml');
    expect(found.map((d) => `${d.code}@${d.line}`)).toEqual([
      'no-resources@17',
      'privileged@20',
      'runs-as-root@19',
      'writable-root-fs@19',
      'capabilities-not-dropped@19',
      'sensitive-host-path@24',
      'legacy-master-toleration@13',
    ]);
    expect(
      found.every(
        (d) => d.severity === 'warning' && d.source === 'advisor' && d.message.length > 20,
      ),
    ).toBe(true);
  });

  it('offers a quick fix that inserts resources under the container', () => {
    const fix = advise(RISKY, 'agent.yaml').find((d) => d.code === 'no-resources')?.fix;
    expect(fix?.edits[0].startLine).toBe(21);
    expect(fix?.edits[0].text).toBe(
      '        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi\n          limits:\n            memory: 256Mi\n',
    );
  });

  it('offers to add the control-plane toleration after the legacy one', () => {
    const fix = advise(RISKY, 'agent.yaml').find((d) => d.code === 'legacy-master-toleration')?.fix;
    expect(fix?.edits[0]).toMatchObject({
      startLine: 16,
      text: '      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n',
    });
  });

  it('turns privileged off in place', () => {
    const fix = advise(RISKY, 'agent.yaml').find((d) => d.code === 'privileged')?.fix;
    expect(fix?.edits[0]).toMatchObject({ startLine: 20, startColumn: 23, text: 'false' });
  });

  it('is quiet about a hardened agent', () => {
    const hardened = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations:
      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
      containers:
      - name: agent
        image: busybox
        resources: {requests: {cpu: 10m}}
        securityContext:
          runAsNonRoot: true
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
      volumes:
      - {name: logs, hostPath: {path: /var/log}}
`;
    expect(codes(hardened)).toEqual([]);
  });

  it('flags a container without any securityContext once per habit, with one fix that adds them all', () => {
    const bare = RISKY.replace('        securityContext:\n          privileged: true\n', '');
    const found = advise(bare, 'agent.yaml').filter((d) => d.line === 17);
    expect(found.map((d) => d.code)).toEqual([
      'no-resources',
      'runs-as-root',
      'writable-root-fs',
      'capabilities-not-dropped',
    ]);
    expect(found.filter((d) => d.fix).map((d) => d.code)).toEqual(['no-resources', 'runs-as-root']);
  });

  it('offers no insertion into a flow-style securityContext', () => {
    const flow = RISKY.replace(
      '        securityContext:\n          privileged: true\n',
      '        securityContext: {runAsNonRoot: true}\n',
    );
    const found = advise(flow, 'agent.yaml').filter(
      (d) => d.code === 'writable-root-fs' || d.code === 'capabilities-not-dropped',
    );
    expect(found).toHaveLength(2);
    expect(found.every((d) => d.fix === undefined)).toBe(true);
  });

  it('says nothing about files that do not parse or are not workloads', () => {
    expect(codes('a: [\n')).toEqual([]);
    expect(codes('apiVersion: v1\nkind: Node\nmetadata: {name: n}\n')).toEqual([]);
  });
});
