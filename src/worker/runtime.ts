/** The real engine and console, as the worker (and the in-thread test client) use them. */
import { checkManifest, createConsole, diagnoseManifest } from '../console/index.ts';
import { createCluster } from '../engine/index.ts';
import type { Runtime } from './engine-host.ts';

/** The simulation's entry points. */
export const runtime: Runtime = { createCluster, createConsole, diagnoseManifest, checkManifest };
