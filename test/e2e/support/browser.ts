/**
 * Launches Debian's Chromium (or CHROMIUM_PATH) through playwright-core with a fresh profile,
 * and records what a strict test must not see: page errors, console errors, failed requests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../support/chromium.ts';

/** A browser context plus the problems it has seen. */
export interface TestBrowser {
  context: BrowserContext;
  /** Opens a page whose errors are collected into `problems`. */
  newPage(): Promise<Page>;
  /** Page errors, console errors and failed requests, as one line each. */
  problems: string[];
  close(): Promise<void>;
}

/** Starts Chromium with a throwaway user-data-dir. */
export async function launchBrowser(
  options: {
    width?: number;
    height?: number;
    colorScheme?: 'light' | 'dark';
    /** A phone: touch input, so `(pointer: coarse)` matches. */
    touch?: boolean;
  } = {},
): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'dsp-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    hasTouch: options.touch ?? false,
    isMobile: options.touch ?? false,
  });
  const problems: string[] = [];
  const watch = (page: Page): Page => {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      // A reload or navigation aborts requests still in flight (a lazy chunk, a worker
      // script); that is the test leaving the page, not a failure a learner would see.
      if (reason === 'net::ERR_ABORTED') return;
      problems.push(`requestfailed: ${request.url()} ${reason}`);
    });
    return page;
  };
  return {
    context,
    problems,
    newPage: async () => watch(await context.newPage()),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
