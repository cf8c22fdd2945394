/**
 * The independent double check of a rate increase at the soft limit, at the pump (safety-security.md
 * T-37), in Debian Chromium: the nurse's increase is sent back asking for it; the form then hides the
 * nurse's rate and opens empty fields where a second nurse signs in and re-enters rate and bag
 * concentration; the change is stored once, with the checker named in its stored double check.
 * Limits: crps-outpatient-schwartzman@1.0.0 (softMax 0.4 mg/kg/h); the patient weighs 50 kg, so the
 * order runs 17.5 mg/h at 1 mg/mL and 21 mg/h is past the soft limit (20 mg/h) but under the hourly
 * cap (25 mg/h).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@ketaflow/server/testing/harness';
import { signIn, type SignedIn } from '../packages/server/src/testing/harness.ts';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import {
  runningSession,
  scheduledSession,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { signInStaff, startE2e, type E2e } from './harness.ts';

/** Past the soft limit for a 50 kg patient (20 mg/h), under the hourly cap (25 mg/h). */
const INCREASED_MG_PER_H = '21';

let e2e: E2e;
let page: Page;
let team: Team;
let checker: SignedIn;
let sessionId: string;

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
  checker = await signIn(e2e.app, { role: 'nurse', clinicId: team.clinicId });
  const fixture = await scheduledSession(e2e.app, team, { weightKg: 50 });
  await runningSession(e2e.app, team, fixture);
  sessionId = fixture.sessionId;
});
after(async () => {
  await e2e.close();
});

test('an increase past the soft limit is stored only after a second nurse re-enters it blind', async () => {
  await signInStaff(e2e, team.nurse.email);
  await page.goto(`${e2e.baseUrl}/sessions/${sessionId}`);
  await page.getByRole('heading', { level: 2, name: 'State: running' }).waitFor();
  const rate = page.getByRole('form', { name: 'Rate change' });
  await rate.getByLabel('New rate').fill(INCREASED_MG_PER_H);
  await rate.getByLabel('Unit').selectOption('mg/h');
  await rate.getByLabel('Reason', { exact: true }).fill('Pain 8/10');
  await rate.getByLabel('Override reason (when a soft limit is crossed)').fill('Prescriber agreed');
  await rate.getByRole('button', { name: 'Change rate' }).click();

  // Sent back: the nurse's rate is hidden, the second clinician's fields are empty.
  const checkFields = rate.getByRole('group', {
    name: 'Independent double check by a second nurse or prescriber',
  });
  await checkFields.waitFor();
  await rate.getByText('Your new rate is entered and hidden').waitFor();
  assert.equal(await rate.getByLabel('New rate').count(), 0, "the nurse's rate is not on screen");
  assert.equal(await rate.getByLabel('Second clinician: rate', { exact: true }).inputValue(), '');
  assert.equal(
    await rate.getByLabel('Second clinician: bag concentration (mg/mL)').inputValue(),
    '',
  );

  await rate.getByLabel('Second clinician email').fill(checker.email);
  await rate.getByLabel('Second clinician password').fill(TEST_PASSWORD);
  await rate.getByLabel('Second clinician: rate', { exact: true }).fill(INCREASED_MG_PER_H);
  await rate.getByLabel('Second clinician: rate measured in').selectOption('mg/h');
  await rate.getByLabel('Second clinician: bag concentration (mg/mL)').fill('1');
  await rate.getByRole('button', { name: 'Change rate' }).click();
  await page.getByText(`Current rate`).waitFor();
  await page
    .locator('dd', { hasText: new RegExp(`^${INCREASED_MG_PER_H} mg/h`) })
    .first()
    .waitFor();

  const { rows } = await e2e.database.pool.query<{ checker: string; recorded_by: string }>(
    `SELECT payload->'doubleCheck'->>'checkerUserId' AS checker, recorded_by
       FROM chart_entries WHERE session_id = $1 AND kind = 'rate-change'`,
    [sessionId],
  );
  assert.equal(rows.length, 1, 'the change is stored once');
  assert.equal(rows[0]?.recorded_by, team.nurse.userId);
  assert.equal(rows[0].checker, checker.userId, 'its double check names the second nurse');
});
