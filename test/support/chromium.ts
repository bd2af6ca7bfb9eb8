import { locateChromium, machineProbe } from '../../scripts/test-tools.ts';

/** Flags every headless Chromium run here needs (closed network, root, no GPU). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Finds the browser for tests as `npm test`'s first step does (scripts/test-tools.ts):
 * CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else Playwright's own download if one
 * is installed (undefined lets Playwright use it). Throws one line that says how to install one
 * when none exists.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = locateChromium({ ...machineProbe(), env });
  if (found.kind === 'none') throw new Error(found.problem);
  return found.kind === 'path' ? found.path : undefined;
}
