/**
 * The engine worker: the only place with real timers driving the simulation. It wires the
 * engine and console into EngineHost and relays messages; see engine-host.ts.
 */
import { isWorkerRequest, type WorkerMessage } from '../protocol/messages.ts';
import { EngineHost } from './engine-host.ts';
import { runtime } from './runtime.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = new EngineHost(
  runtime,
  {
    now: () => performance.now(),
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  },
  (message: WorkerMessage) => scope.postMessage(message),
);

scope.onmessage = (event: MessageEvent<unknown>) => {
  if (isWorkerRequest(event.data)) host.receive(event.data);
};
