/**
 * Charting when the answer is lost (issue 4 item 4: unsent entries are kept and shown as unsynced
 * until the server acknowledges them; a retry never duplicates), in Debian Chromium: the first chart
 * write reaches the server and is stored, but its answer (and that of the first resend) never
 * reaches the browser. The entry stays in the unsynced banner; reloading or following an in-app link
 * asks first (refused: the nurse stays); without anyone pressing "Retry sending" the outbox sends it
 * again with the same id until the server's answer arrives, the banner clears, and the database
 * holds the entry once. And when the sign-in session ends while an entry is unsent, the sign-in form
 * says so, and the entry is sent once the same nurse has signed in again, without retyping.
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
import { TEST_PASSWORD } from '@ketaflow/server/testing/harness';
import { authSessions } from '../packages/server/src/auth/schema.ts';
import { chartEntries } from '../packages/server/src/sessions/schema.ts';
import { type E2e, refusal, signInStaff, startE2e, unexpectedErrors } from './harness.ts';

/** A systolic value no other entry of the session has, to find the entry in the database. */
const SYSTOLIC = 131;
/** The systolic value of the entry unsent when the sign-in session ends. */
const SYSTOLIC_AT_SIGN_OUT = 133;
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

/** How many vitals entries of the session have this systolic value in the database. */
async function storedWithSystolic(systolic: number): Promise<number | undefined> {
  const [stored] = await e2e.database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(chartEntries)
    .where(
      and(
        eq(chartEntries.sessionId, fixture.sessionId),
        eq(chartEntries.kind, 'vitals'),
        sql`(${chartEntries.payload} -> 'vitals' ->> 'systolicBpMmHg')::int = ${systolic}`,
      ),
    );
  return stored?.count;
}

async function chartVitals(systolic: number): Promise<void> {
  const vitals = page.getByRole('form', { name: 'Vitals' });
  await vitals.getByLabel('Systolic BP (mmHg)').fill(String(systolic));
  await vitals.getByLabel('Diastolic BP (mmHg)').fill('80');
  await vitals.getByLabel('Heart rate (/min)').fill('70');
  await vitals.getByLabel('SpO2 (%)').fill('98');
  await vitals.getByLabel('Respiratory rate (/min)').fill('14');
  await vitals.getByRole('button', { name: 'Chart vitals' }).click();
}

const unsyncedBanner = () => page.getByRole('status').filter({ hasText: 'Unsynced' });

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

  await chartVitals(SYSTOLIC);

  const banner = unsyncedBanner();
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

  assert.equal(
    await storedWithSystolic(SYSTOLIC),
    1,
    'the entry is stored once, though it was sent three times',
  );
  // Expected: the signed-out session probe (401) and the connection reset of the lost answer.
  assert.deepEqual(
    unexpectedErrors(e2e, refusal('/chart', 'ERR_CONNECTION_RESET')),
    [],
    'the browser logged no other errors',
  );
});

test('an entry unsent when the sign-in session ends is kept and sent once the same nurse signs in again', async () => {
  await page.context().clearCookies();
  await signInStaff(e2e, team.nurse.email);
  await page.goto(`${e2e.baseUrl}/sessions/${fixture.sessionId}`);
  await page.getByRole('heading', { level: 2, name: 'State: running' }).waitFor();

  // The chart writes do not get through: the entry stays in this tab, unsent.
  await page.route('**/api/v1/sessions/*/chart', async (route) => {
    if (route.request().method() === 'POST') await route.abort('connectionrefused');
    else await route.continue();
  });
  await chartVitals(SYSTOLIC_AT_SIGN_OUT);
  await unsyncedBanner().getByText('not sent', { exact: false }).waitFor();

  // Meanwhile the nurse's sign-in session ends on the server (as an administrator ending it would).
  await e2e.database.db
    .update(authSessions)
    .set({ endedAt: new Date(), endedReason: 'ended-by-admin' })
    .where(eq(authSessions.userId, team.nurse.userId));
  await page.unroute('**/api/v1/sessions/*/chart');

  // The next automatic resend is answered 401: the sign-in form says what is kept.
  await page.getByText('1 chart entry was not saved yet', { exact: false }).waitFor();
  assert.equal(
    await storedWithSystolic(SYSTOLIC_AT_SIGN_OUT),
    0,
    'nothing stored without a session',
  );

  await page.getByLabel('Email').fill(team.nurse.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the session's screen (the address never changed), the entry goes by itself.
  await page.getByRole('heading', { level: 2, name: 'State: running' }).waitFor();
  await page
    .getByRole('cell', { name: new RegExp(`^SBP ${String(SYSTOLIC_AT_SIGN_OUT)} `) })
    .waitFor();
  await unsyncedBanner().waitFor({ state: 'detached' });
  assert.equal(await storedWithSystolic(SYSTOLIC_AT_SIGN_OUT), 1, 'stored once, in the same id');
});
