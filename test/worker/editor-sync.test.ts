/**
 * The page's worker gives the console an editor and checks files against the cluster: `kubectl
 * edit` opens a tab in the page (where headless it cannot launch vi), and a file's check carries
 * its drift once a command changed what the file applied.
 */
import { describe, expect, it } from 'vitest';
import { EngineHost, type HostClock } from '../../src/worker/engine-host.ts';
import { runtime } from '../../src/worker/runtime.ts';
import type { WorkerMessage } from '../../src/protocol/messages.ts';

const stillClock: HostClock = { now: () => 0, setInterval: () => 1, clearInterval: () => {} };

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "agent:1"}]
`;

function started() {
  const out: WorkerMessage[] = [];
  const host = new EngineHost(runtime, stillClock, (m) => out.push(m));
  const files = { 'agent.yaml': AGENT };
  host.receive({
    type: 'start',
    id: 1,
    log: { seed: 1, files, entries: [] },
    untilMs: 0,
    playing: false,
    baseVersion: 0,
  });
  let id = 1;
  const run = (line: string) => {
    host.receive({ type: 'run', id: ++id, line, files });
    const ran = out.findLast((m) => m.type === 'ran');
    if (ran?.type !== 'ran') throw new Error('no reply');
    return ran.result;
  };
  const check = () => {
    host.receive({ type: 'diagnose', id: ++id, fileName: 'agent.yaml', text: AGENT });
    const diagnosed = out.findLast((m) => m.type === 'diagnosed');
    if (diagnosed?.type !== 'diagnosed') throw new Error('no reply');
    return diagnosed;
  };
  return { run, check };
}

describe('the worker and the editor', () => {
  it('opens `kubectl edit` as an editor tab in the page', () => {
    const { run } = started();
    run('kubectl apply -f agent.yaml');
    const result = run('kubectl edit ds/agent');
    expect(result.exit).toBe(0);
    expect(result.opened?.map((f) => f.name)).toEqual(['kubectl-edit-daemonset-agent.yaml']);
  });

  it('reports a file’s drift with its markers once `kubectl set image` changed the object', () => {
    const { run, check } = started();
    run('kubectl apply -f agent.yaml');
    expect(check().drift).toBeUndefined();
    run('kubectl set image ds/agent agent=agent:2');
    const { drift, diagnostics } = check();
    expect(drift?.objects[0].fields.map((f) => [f.path, f.live, f.file])).toEqual([
      ['spec.template.spec.containers[0].image', 'agent:2', 'agent:1'],
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
