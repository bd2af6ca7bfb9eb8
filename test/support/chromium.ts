import { existsSync } from 'node:fs';

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

const INSTALL_HINT =
  "No Chromium found: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.";

/**
 * Finds the browser for tests: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else
 * Playwright's own download if one is installed (undefined lets Playwright use it).
 * Throws one line that says how to install one when none exists.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${INSTALL_HINT}`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (hasPlaywrightBrowser()) return undefined;
  throw new Error(INSTALL_HINT);
}

function hasPlaywrightBrowser(): boolean {
  const home =
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? `${process.env.HOME ?? ''}/.cache/ms-playwright`;
  return existsSync(home);
}
