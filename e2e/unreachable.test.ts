/**
 * Degraded mode (safety-security.md T-61): while the server cannot be reached, every signed-in page
 * shows a banner that cannot be dismissed, saying since when and that nothing entered is saved yet;
 * it tells a dead server from a server whose database is down, and goes away by itself once the
 * server answers again. In Debian Chromium, with the outage made by the browser's own routing (the
 * server keeps running; the page cannot reach it). The 5-second bound is a property of the probe
 * schedule, checked in packages/web/src/api/reachability.test.ts; the waits here only stop a hung run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import { signInStaff, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let page: Page;
let team: Team;

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
});
after(async () => {
  await e2e.close();
});

const banner = () => page.getByRole('alert').filter({ hasText: 'Ketaflow cannot reach' });

test('an unreachable server or database shows a banner until the server answers again', async () => {
  await signInStaff(e2e, team.nurse.email);
  await page.goto(`${e2e.baseUrl}/board`);
  await page.getByRole('heading', { level: 1, name: 'Chair board' }).waitFor();
  assert.equal(await banner().count(), 0, 'no banner while the server answers');

  // The server is gone: nothing the page sends gets an answer.
  await page.route('**/readyz', (route) => route.abort('connectionrefused'));
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await banner().waitFor();
  const text = await banner().innerText();
  assert.match(text, /cannot reach the server \(since \d\d:\d\d:\d\d [A-Z]+\)/);
  assert.match(text, /Nothing entered now is saved until this banner is gone/);
  assert.equal(await banner().getByRole('button', { name: 'Print this screen' }).count(), 1);

  // The server is back but its database is not.
  await page.unroute('**/readyz');
  await page.route('**/readyz', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: '{"status":"unavailable"}',
    }),
  );
  await banner().filter({ hasText: 'cannot reach its database' }).waitFor();

  // Both answer again: the banner goes by itself, no reload.
  await page.unroute('**/readyz');
  await page.unroute('**/api/**');
  await banner().waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1, name: 'Chair board' }).waitFor();
});
