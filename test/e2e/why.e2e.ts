import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.ts';
import {
  openTab,
  replaceEditorText,
  runInConsole,
  openSandbox,
  type SandboxSession,
} from './support/playground.ts';

let browser: TestBrowser;
let page: Page;

/** The filebeat example of the log-collector lesson, as one line (JSON is YAML), without its ConfigMap. */
const FILEBEAT = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'filebeat', namespace: 'logging' },
  spec: {
    selector: { matchLabels: { app: 'filebeat' } },
    template: {
      metadata: { labels: { app: 'filebeat' } },
      spec: {
        containers: [
          {
            name: 'filebeat',
            image: 'docker.elastic.co/beats/filebeat:7.15.0',
            args: ['-c', '/etc/filebeat.yml', '-e'],
            volumeMounts: [
              {
                name: 'config',
                mountPath: '/etc/filebeat.yml',
                readOnly: true,
                subPath: 'filebeat.yml',
              },
            ],
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'filebeat-config' } }],
      },
    },
  },
});

/** A DaemonSet whose container exits with code 1 at once. */
const CRASHER = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'crasher', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'crasher' } },
    template: {
      metadata: { labels: { app: 'crasher' } },
      spec: {
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
      },
    },
  },
});

const why = () => page.locator('[data-why]');

/** The first sentence of the why panel: the paragraph right under its heading. */
async function lead(): Promise<string> {
  return (await why().locator('h2 + p').textContent())?.trim() ?? '';
}

async function applyInEditor(text: string, created: string): Promise<void> {
  await openTab(page, 'log-collector.yaml');
  await replaceEditorText(page, text);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.locator('.console .out', { hasText: created }).waitFor();
}

let session: SandboxSession | undefined;

beforeAll(async () => {
  session = await openSandbox({ width: 1440, height: 900 });
  ({ browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the why panel leads with the real reason', () => {
  it('says the filebeat pod waits for its missing ConfigMap, at the top of the panel', async () => {
    await applyInEditor(FILEBEAT, 'daemonset.apps/filebeat created');
    await runInConsole(page, 'sim settle');
    await page.locator('[data-node="worker-1"] [data-pod^="filebeat-"]').first().click();
    await expect
      .poll(lead)
      .toMatch(
        /^Placed, but not running: the kubelet cannot mount volume "config" because ConfigMap "filebeat-config" does not exist/,
      );
    expect(await lead()).not.toContain('every check passes');
    await page.screenshot({ path: '/tmp/dsp-why-configmap.png' });
  });

  it('in a broken-image rollout, says the new pod cannot pull and the old pods wait for maxUnavailable', async () => {
    const set = await runInConsole(
      page,
      'kubectl set image ds/log-collector fluentd=quay.io/fluentd_elasticsearch/fluentd:v9.9.9 -n kube-system',
    );
    expect(set.out).toContain('image updated');
    await runInConsole(page, 'sim settle');
    const broken = page.locator('[data-pod^="log-collector-"][data-phase="ImagePullBackOff"]');
    await broken.first().waitFor({ timeout: 30_000 });
    expect(await broken.count()).toBe(1);
    await broken.first().click();
    await expect
      .poll(lead)
      .toMatch(
        /^Placed, but not running: the image "quay.io\/fluentd_elasticsearch\/fluentd:v9.9.9" of container fluentd cannot be pulled\. The registry answered: .*not found/,
      );
    expect(await why().locator('[data-testid="why-rollout"]').textContent()).toMatch(
      /^Rollout of log-collector is stalled .*maxUnavailable 1: 1 of 1 unavailable slot is taken by log-collector-\w+ on [\w-]+ \(ImagePullBackOff\)/,
    );

    const old = page.locator('[data-pod^="log-collector-"][data-phase="Running"]').first();
    await old.click();
    await expect
      .poll(lead)
      .toMatch(
        /^Rollout of log-collector is stalled .*maxUnavailable 1: 1 of 1 unavailable slot is taken by .*\(ImagePullBackOff\), so the controller will not replace the old pod on [\w-]+\./,
      );
    await page.screenshot({ path: '/tmp/dsp-why-rollout.png' });
    await runInConsole(page, 'kubectl rollout undo ds/log-collector -n kube-system');
  });

  it('says a crash-looping pod exits with its code and backs off', async () => {
    await applyInEditor(CRASHER, 'daemonset.apps/crasher created');
    await runInConsole(page, 'sim wait 60s');
    await page.locator('[data-node="worker-2"] [data-pod^="crasher-"]').first().click();
    await expect
      .poll(lead)
      .toMatch(/^Crash loop: container app exits with code 1 \(restarted \d+ times?\)/);
    await page.screenshot({ path: '/tmp/dsp-why-crashloop.png' });
    expect(browser.problems).toEqual([]);
  });
});
