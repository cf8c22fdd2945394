/**
 * Charting when the answer is lost (issue 4 item 4: unsent entries are kept and shown as unsynced
 * until the server acknowledges them; a retry never duplicates), in Debian Chromium: the first chart
 * write reaches the server and is stored, but its answer (and that of the first resend) never
 * reaches the browser. The entry stays in the unsynced banner; reloading or following an in-app link
 * asks first (refused: the nurse stays); without anyone pressing "Retry sending" the outbox sends it
 * again with the same id until the server's answer arrives, the banner clears, and the database
 * holds the entry once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import {
  runningSession,
  scheduledSession,
  type SessionFixture,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { chartEntries } from '../packages/server/src/sessions/schema.ts';
import { signInStaff, startE2e, type E2e } from './harness.ts';

/** A systolic value no other entry of the session has, to find the entry in the database. */
const SYSTOLIC = 131;
/** Answers lost on the way back: the first send and the first automatic resend. */
const LOST_ANSWERS = 2;

let e2e: E2e;
let page: Page;
let team: Team;
let fixture: SessionFixture;

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
  fixture = await scheduledSession(e2e.app, team);
  await runningSession(e2e.app, team, fixture);
});
after(async () => {
  await e2e.close();
});

/** Whether leaving the page now would make the browser ask first. */
const leavingAsks = (): Promise<boolean> =>
  page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

test('a chart write whose answers are lost stays unsynced, asks before leaving, is resent by itself until answered, and is stored once', async () => {
  await signInStaff(e2e, team.nurse.email);
  await page.goto(`${e2e.baseUrl}/sessions/${fixture.sessionId}`);
  await page.getByRole('heading', { level: 2, name: 'State: running' }).waitFor();
  assert.equal(await leavingAsks(), false, 'nothing unsynced: leaving does not ask');

  // The chart writes go through to the server; the browser does not see the first answers.
  let lost = 0;
  await page.route('**/api/v1/sessions/*/chart', async (route) => {
    if (route.request().method() !== 'POST' || lost >= LOST_ANSWERS) {
      await route.continue();
      return;
    }
    lost += 1;
    await route.fetch();
    await route.abort('connectionreset');
  });

  const vitals = page.getByRole('form', { name: 'Vitals' });
  await vitals.getByLabel('Systolic BP (mmHg)').fill(String(SYSTOLIC));
  await vitals.getByLabel('Diastolic BP (mmHg)').fill('80');
  await vitals.getByLabel('Heart rate (/min)').fill('70');
  await vitals.getByLabel('SpO2 (%)').fill('98');
  await vitals.getByLabel('Respiratory rate (/min)').fill('14');
  await vitals.getByRole('button', { name: 'Chart vitals' }).click();

  const banner = page.getByRole('status').filter({ hasText: 'Unsynced' });
  await banner.getByText('not sent', { exact: false }).waitFor();
  assert.ok(lost >= 1, 'the first answer was lost on the way back');
  assert.equal(await leavingAsks(), true, 'with an unsynced entry, reloading asks first');
  // An in-app link asks too; the nurse refuses and stays with the unsynced entry.
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Chair board' }).click();
  assert.match(question, /1 chart entry is not saved yet/, 'the link asked before leaving');
  assert.ok(
    page.url().endsWith(`/sessions/${fixture.sessionId}`),
    'refusing keeps the nurse on the session',
  );

  // Nobody presses "Retry sending": the outbox resends by itself and the server answers the stored entry.
  await banner.waitFor({ state: 'detached' });
  assert.equal(
    lost,
    LOST_ANSWERS,
    'the automatic resend whose answer was lost was followed by another',
  );
  await page.getByRole('cell', { name: new RegExp(`^SBP ${String(SYSTOLIC)} `) }).waitFor();
  assert.equal(await leavingAsks(), false, 'all synced: leaving no longer asks');

  const [stored] = await e2e.database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(chartEntries)
    .where(
      and(
        eq(chartEntries.sessionId, fixture.sessionId),
        eq(chartEntries.kind, 'vitals'),
        sql`(${chartEntries.payload} -> 'vitals' ->> 'systolicBpMmHg')::int = ${SYSTOLIC}`,
      ),
    );
  assert.equal(stored?.count, 1, 'the entry is stored once, though it was sent three times');
  // Expected: the signed-out session probe (401) and the connection reset of the lost answer.
  assert.deepEqual(
    e2e.errors.filter(
      (e) =>
        !(e.url.endsWith('/api/v1/auth/session') && e.text.includes('401')) &&
        !(e.url.endsWith('/chart') && e.text.includes('ERR_CONNECTION_RESET')),
    ),
    [],
    'the browser logged no other errors',
  );
});
