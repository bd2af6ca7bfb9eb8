import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import viteConfig from './vite.config.ts';
import { CHROMIUM_ARGS, findChromium } from './test/support/chromium.ts';

/** Only resolve the browser when the UI project runs, so unit tests need no Chromium. */
function browserPath(): string | undefined {
  const wantsUi = process.argv.some((a) => a === 'ui' || a.includes('--project=ui'));
  return wantsUi ? findChromium() : undefined;
}

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['test/**/*.test.ts'],
            exclude: ['test/ui/**', 'test/e2e/**', 'node_modules/**'],
          },
        },
        {
          extends: true,
          test: {
            name: 'ui',
            include: ['test/ui/**/*.test.ts'],
            testTimeout: 60_000,
            browser: {
              enabled: true,
              headless: true,
              screenshotDirectory: 'test/ui/__screenshots__',
              provider: playwright({
                launchOptions: { executablePath: browserPath(), args: CHROMIUM_ARGS },
              }),
              instances: [{ browser: 'chromium' }],
            },
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['test/e2e/**/*.e2e.ts'],
            testTimeout: 90_000,
            hookTimeout: 90_000,
            fileParallelism: false,
          },
        },
      ],
    },
  }),
);
