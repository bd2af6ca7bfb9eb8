/**
 * The page's worker reads manifests with the console's reader (src/worker/runtime.ts wires the
 * real console into EngineHost), so an alias bomb typed into the editor is refused there as fast
 * as in the headless runner: for `kubectl apply` and for the editor's diagnostics alike.
 */
import { describe, expect, it } from 'vitest';
import { EngineHost, type HostClock } from '../../src/worker/engine-host.ts';
import { runtime } from '../../src/worker/runtime.ts';
import type { WorkerMessage } from '../../src/protocol/messages.ts';

const stillClock: HostClock = { now: () => 0, setInterval: () => 1, clearInterval: () => {} };

/** A ConfigMap with a 100 KB string repeated by 20,000 aliases (kubectl takes minutes on it). */
function wideBomb(): string {
  const lines = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n',
    `big: &big "${'x'.repeat(100_000)}"\ncopies:\n`,
  ];
  for (let i = 0; i < 20_000; i++) lines.push('- *big\n');
  return lines.join('');
}

/** The nested billion-laughs shape, which go-yaml refuses. */
function nestedBomb(): string {
  const levels = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: laughs}',
    'a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]',
  ];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return levels.join('\n') + '\n';
}

function startHost(): { out: WorkerMessage[]; host: EngineHost } {
  const out: WorkerMessage[] = [];
  const host = new EngineHost(runtime, stillClock, (m) => out.push(m));
  host.receive({
    type: 'start',
    id: 1,
    log: { seed: 1, files: {}, entries: [] },
    untilMs: 0,
    playing: false,
    baseVersion: 0,
  });
  return { out, host };
}

describe('the worker and alias bombs', () => {
  it.each([
    ['a long string behind many aliases', wideBomb(), /a playground limit/],
    ['the nested billion-laughs shape', nestedBomb(), /yaml: document contains excessive aliasing/],
  ])('refuses %s for kubectl apply and for diagnostics', (_name, text, expected) => {
    const { out, host } = startHost();
    // How long the refusal takes is printed by `npm run bench` (console.bench.ts).
    host.receive({
      type: 'run',
      id: 2,
      line: 'kubectl apply -f bomb.yaml',
      files: { 'bomb.yaml': text },
    });
    host.receive({ type: 'diagnose', id: 3, fileName: 'bomb.yaml', text });
    const ran = out.find((m) => m.type === 'ran');
    expect(ran?.type === 'ran' && ran.result.exit).toBe(1);
    expect(ran?.type === 'ran' && ran.result.err).toMatch(expected);
    const diagnosed = out.find((m) => m.type === 'diagnosed');
    expect(
      diagnosed?.type === 'diagnosed' && diagnosed.diagnostics.map((d) => d.message).join('\n'),
    ).toMatch(expected);
  });
});
