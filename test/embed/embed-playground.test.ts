import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../src/client/engine-client.ts';
import type { CommandResult } from '../../src/protocol/cluster.ts';
import { EmbedPlayground } from '../../src/embed/embed-playground.svelte.ts';
import { readOnlyRefusal } from '../../src/embed/readonly.ts';

/** A client that records the lines it is asked to run and answers each with success. */
function fakeClient(): { client: EngineClient; ran: string[] } {
  const ran: string[] = [];
  const client = {
    run: (line: string): Promise<CommandResult> => {
      ran.push(line);
      return Promise.resolve({ exit: 0, out: 'ok\n', err: '', touched: [] });
    },
    diagnose: () => Promise.resolve({ diagnostics: [] }),
    // The playground listens for the rows of an open `kubectl get -w`; none come here.
    onWatchOutput: () => () => {},
  } as unknown as EngineClient;
  return { client, ran };
}

function readOnlyPlayground() {
  const { client, ran } = fakeClient();
  const playground = new EmbedPlayground(client, [{ name: 'a.yaml', text: 'x' }]);
  playground.guard = readOnlyRefusal;
  return { playground, ran };
}

describe('a read-only embed playground', () => {
  it('runs its own start lines before guarding begins', async () => {
    const { playground, ran } = readOnlyPlayground();
    await playground.run('kubectl apply -f a.yaml');
    expect(ran).toEqual(['kubectl apply -f a.yaml']);
  });

  it('then refuses a changing line in the transcript, without reaching the engine', async () => {
    const { playground, ran } = readOnlyPlayground();
    playground.guarding = true;
    const heard: string[] = [];
    playground.onRan = (line, result) => heard.push(`${line} ${result.exit}`);
    const result = await playground.run('kubectl delete node worker-1');
    expect(ran).toEqual([]);
    expect(result.exit).toBe(1);
    expect(result.err).toMatch(/^This embed is read-only/);
    const entry = playground.console.entries.at(-1);
    expect(entry?.line).toBe('kubectl delete node worker-1');
    expect(entry?.result?.err).toBe(result.err);
    expect(heard).toEqual(['kubectl delete node worker-1 1']);
    await playground.run('kubectl get nodes');
    expect(ran).toEqual(['kubectl get nodes']);
  });

  it("runs the host's lines whatever they do, and only those", async () => {
    const { playground, ran } = readOnlyPlayground();
    playground.guarding = true;
    const host = playground.runTrusted('kubectl delete node worker-1');
    // A line typed while the host's waits is still the reader's.
    const typed = playground.run('kubectl delete node worker-2');
    await Promise.all([host, typed]);
    expect(ran).toEqual(['kubectl delete node worker-1']);
  });
});
