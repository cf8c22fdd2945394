/**
 * The browser tests' accessibility check: axe with the WCAG 2.1 A/AA and best-practice rules on
 * the current page, failing on any serious or critical violation. With KETAFLOW_E2E_SCREENSHOTS set
 * to a folder, a full-page picture of every page checked is kept there for review.
 */
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function expectAccessible(page: Page, label: string): Promise<void> {
  const shots = process.env.KETAFLOW_E2E_SCREENSHOTS;
  if (shots !== undefined && shots !== '') {
    await page.screenshot({
      path: `${shots}/${label.replace(/[^a-z0-9]+/gi, '-')}.png`,
      fullPage: true,
    });
  }
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map(
      (v) => `${v.id} (${v.impact ?? '?'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    [],
    `axe on ${label}`,
  );
}
