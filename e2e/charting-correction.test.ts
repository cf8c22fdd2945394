/**
 * A refused chart entry is corrected, not retyped, in Debian Chromium: vitals typed with two
 * unreadable numbers are refused by the server naming both fields; "Edit and resend" loads them
 * back into the Vitals form as typed, each message beside its input, while the refused entry stays
 * listed; the corrected entry goes under a new client id (the refused id is never sent again),
 * shows as sending until the server answers, replaces the refused one in the unsaved list, and is
 * stored once. An adverse event refused for its rescue dose comes back the same way, with its
 * typed start read back with its date before it is sent again.
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
import {
  clinicDayTime,
  recentClinicTime,
  wallClock,
} from '../packages/web/src/features/sessions/clinic-clock.ts';
import { expectAccessible } from './axe.ts';
import { type E2e, refusal, signInStaff, startE2e, unexpectedErrors } from './harness.ts';

const CLINIC_ZONE = 'America/Los_Angeles';
/** A systolic value no other entry of the session has, to find the corrected entry. */
const SYSTOLIC = 127;

let e2e: E2e;
let page: Page;
let team: Team;
let fixture: SessionFixture;
/** Every chart entry the browser sent, in order: its client id and kind. */
const sent: { id: string; kind: string }[] = [];

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
  fixture = await scheduledSession(e2e.app, team);
  await runningSession(e2e.app, team, fixture);
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/chart')) return;
    const body = request.postDataJSON() as { id: string; kind: string };
    sent.push({ id: body.id, kind: body.kind });
  });
});
after(async () => {
  await e2e.close();
});

const form = (name: string) => page.getByRole('form', { name });
const unsyncedBanner = () => page.getByRole('status').filter({ hasText: 'Unsynced' });
/** The notice a form shows once a refused entry is loaded into it for correction. */
const correcting = (inForm: ReturnType<typeof form>) =>
  inForm.getByText('Correcting an entry the server refused', { exact: false });

async function storedOfKind(
  kind: (typeof chartEntries.$inferSelect)['kind'],
): Promise<{ id: string; payload: unknown }[]> {
  return e2e.database.db
    .select({ id: chartEntries.id, payload: chartEntries.payload })
    .from(chartEntries)
    .where(and(eq(chartEntries.sessionId, fixture.sessionId), eq(chartEntries.kind, kind)));
}

test('refused vitals are edited and resent under a new id, and stored once', async () => {
  await signInStaff(e2e, team.nurse.email);
  await page.goto(`${e2e.baseUrl}/sessions/${fixture.sessionId}`);
  await page.getByRole('heading', { level: 2, name: 'State: running' }).waitFor();

  // Two slips: a letter O for a zero, and an exponent. Neither is read as a number (T-31).
  const vitals = form('Vitals');
  await vitals.getByLabel('Systolic BP (mmHg)').fill('12O');
  await vitals.getByLabel('Diastolic BP (mmHg)').fill('80');
  await vitals.getByLabel('Heart rate (/min)').fill('70');
  await vitals.getByLabel('SpO2 (%)').fill('9.8e1');
  await vitals.getByLabel('Respiratory rate (/min)').fill('14');
  await vitals.getByRole('button', { name: 'Chart vitals' }).click();

  const banner = unsyncedBanner();
  const refusedLine = banner
    .getByRole('listitem')
    .filter({ hasText: 'vitals: refused by the server' });
  await refusedLine.waitFor();
  const text = (await refusedLine.textContent()) ?? '';
  assert.match(text, /systolicBpMmHg is not a plain number/);
  assert.match(text, /spo2Percent is not a plain number/, 'every field named, not only the first');
  assert.equal(await vitals.getByLabel('Systolic BP (mmHg)').inputValue(), '', 'the form cleared');
  const refused = sent[0];
  assert.ok(refused !== undefined);
  assert.equal(refused.kind, 'vitals');

  await refusedLine.getByRole('button', { name: 'Edit and resend' }).click();
  // The form loads the draft in an effect after the click's render: wait for what the nurse sees
  // once it is loaded, not for the click alone.
  await correcting(vitals).waitFor();
  // Back in the form exactly as typed, each server message beside its own input.
  const systolic = vitals.getByLabel('Systolic BP (mmHg)');
  const spo2 = vitals.getByLabel('SpO2 (%)');
  assert.equal(await systolic.inputValue(), '12O');
  assert.equal(await spo2.inputValue(), '9.8e1');
  assert.equal(await vitals.getByLabel('Respiratory rate (/min)').inputValue(), '14');
  assert.equal(await systolic.getAttribute('aria-invalid'), 'true');
  assert.equal(await spo2.getAttribute('aria-invalid'), 'true');
  assert.equal(await vitals.getByLabel('Heart rate (/min)').getAttribute('aria-invalid'), null);
  assert.match(
    (await vitals.locator('#f-vitals-systolicBpMmHg-error').textContent()) ?? '',
    /not a plain number/,
  );
  assert.match(
    (await vitals.locator('#f-vitals-spo2Percent-error').textContent()) ?? '',
    /not a plain number/,
  );
  await vitals.getByText('Correcting an entry the server refused').waitFor();
  // Until the correction is queued, the refused entry stays listed (nothing lost meanwhile).
  await refusedLine.getByText('Being corrected in the Vitals form').waitFor();
  await expectAccessible(page, 'session (correcting refused vitals)');

  // The server's answer to the correction is held: until it arrives, nothing shows as saved.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/v1/sessions/*/chart', async (route) => {
    if (route.request().method() !== 'POST') {
      await route.continue();
      return;
    }
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });

  await systolic.fill(String(SYSTOLIC));
  await spo2.fill('98');
  await vitals.getByRole('button', { name: 'Chart vitals' }).click();
  await banner.getByText('vitals: sending…').waitFor();
  await refusedLine.waitFor({ state: 'detached' });
  assert.match(
    (await banner.locator('.alert-title').textContent()) ?? '',
    /1 entry is not saved yet/,
    'the refused entry left as its correction was queued: one unsaved entry, not two, not none',
  );
  assert.equal(await vitals.getByText('Correcting an entry').count(), 0, 'the form is new again');
  const corrected = sent.at(-1);
  assert.equal(sent.length, 2, 'the refused entry was never sent again');
  assert.notEqual(corrected?.id, refused.id, 'the correction has a new client id');

  release();
  await page.getByRole('cell', { name: new RegExp(`^SBP ${String(SYSTOLIC)} `) }).waitFor();
  await banner.waitFor({ state: 'detached' });
  await page.unroute('**/api/v1/sessions/*/chart');

  const stored = await storedOfKind('vitals');
  assert.deepEqual(
    stored.map((s) => s.id),
    [corrected?.id],
    'stored once, under the new id; the refused id holds nothing',
  );
  const [row] = await e2e.database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(chartEntries)
    .where(eq(chartEntries.id, refused.id));
  assert.equal(row?.count, 0);
});

test('a refused adverse event comes back with its dose named and its start read back with the date', async () => {
  // Five minutes ago on the clinic clock, typed as HH:MM, and what the form must read back.
  const startMs = Date.now() - 5 * 60_000;
  const typedStart = wallClock(startMs, CLINIC_ZONE);
  const resolved = recentClinicTime(typedStart, new Date(), CLINIC_ZONE);
  assert.ok(resolved.ok);
  const readBack = clinicDayTime(resolved.instant, CLINIC_ZONE);

  const adverse = form('Adverse event');
  await adverse.getByLabel('Type').selectOption('nausea-vomiting');
  await adverse.getByLabel('Severity').selectOption('mild');
  await adverse.getByLabel('Started (HH:MM)').fill(typedStart);
  await adverse.getByText(`Charted as: started ${readBack}`, { exact: false }).waitFor();
  await adverse.getByLabel('Action taken').fill('Antiemetic given');
  await adverse.getByLabel('Rescue medication').selectOption('ondansetron');
  await adverse.getByLabel('Dose (mg)').fill('0');
  await adverse.getByLabel('Route').selectOption('IV');
  const before = sent.length;
  await adverse.getByRole('button', { name: 'Chart adverse event' }).click();

  const refusedLine = unsyncedBanner()
    .getByRole('listitem')
    .filter({ hasText: 'adverse-event: refused by the server' });
  await refusedLine.waitFor();
  const refusedId = sent[before]?.id;
  await refusedLine.getByRole('button', { name: 'Edit and resend' }).click();
  await correcting(adverse).waitFor();

  const dose = adverse.getByLabel('Dose (mg)');
  assert.equal(await dose.inputValue(), '0');
  assert.equal(await dose.getAttribute('aria-invalid'), 'true', 'the dose is named at its input');
  assert.equal(await adverse.getByLabel('Type').inputValue(), 'nausea-vomiting');
  assert.equal(await adverse.getByLabel('Route').inputValue(), 'IV');
  assert.equal(await adverse.getByLabel('Started (HH:MM)').inputValue(), typedStart);
  await adverse.getByText(`Charted as: started ${readBack}`, { exact: false }).waitFor();

  await dose.fill('4');
  await adverse.getByRole('button', { name: 'Chart adverse event' }).click();
  await page.getByRole('cell', { name: 'nausea-vomiting (mild): Antiemetic given' }).waitFor();
  await unsyncedBanner().waitFor({ state: 'detached' });

  const stored = await storedOfKind('adverse-event');
  assert.equal(stored.length, 1, 'stored once');
  assert.notEqual(stored[0]?.id, refusedId, 'under a new id');
  const payload = stored[0]?.payload as { startedAt: string; rescue: { dose: number }[] };
  assert.equal(payload.startedAt, resolved.instant, 'the start as it was read back');
  assert.equal(payload.rescue[0]?.dose, 4);
  // Expected: the signed-out session probe (401) and the two refusals (400).
  assert.deepEqual(
    unexpectedErrors(e2e, refusal('/chart', '400')),
    [],
    'the browser logged no other errors',
  );
});
