/**
 * The accessibility scan every e2e test uses: axe-core's serious and critical violations, one
 * line each (rule, then the elements), so a failure names what to fix.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The serious and critical violations on the page as it is now (or in `include` only). */
export async function seriousViolations(
  page: Page,
  options: { include?: string } = {},
): Promise<string[]> {
  // A card caught fading in has its text at part opacity, which axe would measure as low
  // contrast; what the learner reads is the card once it has arrived.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  // label-content-name-mismatch is experimental in axe, so off unless asked for; a pod chip
  // whose name does not start with the text it shows is what speech input cannot click.
  let builder = new AxeBuilder({ page }).options({
    rules: { 'label-content-name-mismatch': { enabled: true } },
  });
  if (options.include !== undefined) builder = builder.include(options.include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
