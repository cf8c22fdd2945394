/**
 * The controlled-substance ledger as the clinic's administrator keeps it, in Debian Chromium: a
 * blind count that finds a discrepancy resolved below it with a classification (none chosen at
 * first) and a note; a transfer between storage locations; a destruction before two witnesses who
 * sign at that moment; its reversal by a correction the same two sign; a theft's DEA written notice
 * recorded as filed (report chosen, reference, time filed on the clinic clock) and listed on the
 * incident; and the DEA reports as printable pages (a biennial inventory as of the close of
 * business, lot record, patient record) with their
 * heading, clinic, coverage, generation time and printer, a Print button and the CSV download.
 *
 * Stock and a draw for a running session are built through the API fixtures; everything the
 * administrator does is done through the screens, and what was stored is read back from the
 * database.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { newTotpSecret, totpCode } from '../packages/server/src/auth/totp.ts';
import { clinics } from '../packages/server/src/clinics/schema.ts';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import { ledgerEntries } from '../packages/server/src/ledger/schema.ts';
import {
  runningSession,
  scheduledSession,
  type SessionFixture,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { signIn, TEST_PASSWORD, type SignedIn } from '../packages/server/src/testing/harness.ts';
import { createAccount } from '../packages/server/src/users/accounts.ts';
import { users } from '../packages/server/src/users/schema.ts';
import { expectAccessible } from './axe.ts';
import { type E2e, startE2e, unexpectedErrors } from './harness.ts';
import { giveAuthenticator, witnessCode } from './witness-code.ts';

let e2e: E2e;
let page: Page;
let team: Team;
let secondNurse: SignedIn;
/** The first nurse's authenticator secret: a ledger witness needs one (T-44). */
let nurseSecret = '';
let fixture: SessionFixture;
let clinicName = '';
let patientMrn = '';
const NDC = '00000-0000-01';
const LOT = 'E2E-LEDGER-LOT';
/** A second lot in the safe, one container of which was stolen (counted and resolved via the API). */
const THEFT_LOT = 'E2E-THEFT-LOT';
const theftCountId = randomUUID();
const NOTICE = 'Written notice of theft or significant loss (to the DEA)';
const BIENNIAL = 'Biennial inventory (21 CFR 1304.11(c))';
const EXPIRY = '2030-01-31';
const SAFE = 'Medication safe (fictional)';
const CART = 'Procedure cart (fictional)';
const KEEPER = { email: 'kim.keeper@example.test', name: 'Kim Keeper' };
const keeperSecret = newTotpSecret();
/** The clinic's date (America/Los_Angeles, as the harness clinics are). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
  new Date(),
);

async function post(who: SignedIn, url: string, payload: Record<string, unknown>) {
  const response = await e2e.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: who.headers(),
    payload,
  });
  assert.ok(response.statusCode < 300, `${url}: ${String(response.statusCode)} ${response.body}`);
  return response;
}

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  const { app } = e2e;
  team = await signInTeam(app);
  secondNurse = await signIn(app, { role: 'nurse', clinicId: team.clinicId, withMfa: true });
  // An administrator for the browser with a second factor no API sign-in has used yet (a TOTP
  // code is accepted once).
  await createAccount(app.database.db, {
    email: KEEPER.email,
    displayName: KEEPER.name,
    role: 'admin',
    clinicId: team.clinicId,
    password: TEST_PASSWORD,
    passwordMustChange: false,
    mfaSecret: keeperSecret,
  });
  const [clinic] = await e2e.database.db
    .select()
    .from(clinics)
    .where(eq(clinics.id, team.clinicId));
  clinicName = clinic?.name ?? '';
  fixture = await scheduledSession(app, team);
  await runningSession(app, team, fixture);
  const patient = await app.inject({
    method: 'GET',
    url: `/api/v1/patients/${fixture.patientId}`,
    headers: team.admin.headers(),
  });
  patientMrn = patient.json<{ mrn: string }>().mrn;

  const safe = randomUUID();
  await post(team.admin, '/ledger/locations', { id: safe, name: SAFE });
  await post(team.admin, '/ledger/locations', { id: randomUUID(), name: CART });
  await post(team.admin, '/ledger/entries', {
    type: 'receive',
    id: randomUUID(),
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    locationId: safe,
    ndc: NDC,
    lot: LOT,
    expiry: EXPIRY,
    strengthUgPerMl: 50_000,
    containerVolumeUl: 10_000,
    containers: 4,
    supplierName: 'Example Wholesale (fictional)',
    supplierDeaNumber: 'AB1234563',
    orderReference: 'PO-E2E-LEDGER',
  });
  // The theft lot: 2 received, a count finds 1, resolved as a theft (the DEA reports are due).
  const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
  await post(team.admin, '/ledger/entries', {
    type: 'receive',
    id: randomUUID(),
    occurredAt: minutesAgo(60),
    locationId: safe,
    ndc: NDC,
    lot: THEFT_LOT,
    expiry: EXPIRY,
    strengthUgPerMl: 50_000,
    containerVolumeUl: 10_000,
    containers: 2,
    supplierName: 'Example Wholesale (fictional)',
    supplierDeaNumber: 'AB1234563',
    orderReference: 'PO-E2E-THEFT',
  });
  await post(team.admin, '/ledger/entries', {
    type: 'count',
    kind: 'end-of-day',
    id: theftCountId,
    occurredAt: minutesAgo(50),
    locationId: safe,
    ndc: NDC,
    lot: THEFT_LOT,
    countedContainers: 1,
  });
  await post(team.admin, '/ledger/entries', {
    type: 'resolve-discrepancy',
    id: randomUUID(),
    occurredAt: minutesAgo(40),
    countEntryId: theftCountId,
    classification: 'theft',
    note: 'Container missing from the safe (fictional).',
  });
  // One container drawn for the running session: 3 sealed left in the safe, 1 open.
  await post(team.nurse, '/ledger/entries', {
    type: 'draw',
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    vialId: randomUUID(),
    locationId: safe,
    ndc: NDC,
    lot: LOT,
    sessionId: fixture.sessionId,
  });
  // The nurses witness a destruction and its reversal: the first one sets up her authenticator
  // now (her API session, used above, is not used again).
  nurseSecret = await giveAuthenticator(e2e, team.nurse.userId);
});
after(async () => {
  await e2e.close();
});

const form = (name: string | RegExp) => page.getByRole('form', { name });
const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const lotAt = (location: string): string => `${NDC} lot ${LOT} · ${location} · expires ${EXPIRY}`;

async function entriesOfType(type: string) {
  const rows = await e2e.database.db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.clinicId, team.clinicId));
  return rows.filter((r) => r.type === type);
}

const FIRST_CODE = 'First witness authenticator code (required)';
const SECOND_CODE = 'Second witness authenticator code (required)';
const secondNurseCode = (): Promise<string> =>
  witnessCode(e2e, secondNurse.userId, secondNurse.mfaSecret ?? '');

async function openLedger(): Promise<void> {
  await page.goto(`${e2e.baseUrl}/ledger`);
  await heading('Controlled-substance ledger');
}

test('the administrator resolves a blind count discrepancy right below the count', async () => {
  await page.goto(e2e.baseUrl);
  await page.getByLabel('Email').fill(KEEPER.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('6-digit code').fill(await totpCode(keeperSecret, new Date()));
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading('Patients');
  await openLedger();

  const count = form('Count (blind)');
  await count.getByLabel('Count taken at').selectOption({ label: 'End of the clinic day' });
  await count.getByLabel('Storage location').selectOption({ label: SAFE });
  await count
    .getByLabel('Lot', { exact: true })
    .selectOption({ label: `${NDC} lot ${LOT} · expires ${EXPIRY}` });
  await count.getByLabel('Sealed containers counted').fill('1');
  await count.getByRole('button', { name: 'Record count' }).click();
  await count.getByText('Count recorded. Discrepancy found: resolve it below.').waitFor();

  const incidents = page.getByRole('region', { name: 'Count discrepancies' });
  const incident = incidents.getByRole('listitem').filter({ hasText: `lot ${LOT}` });
  await incident.filter({ hasText: 'expected 3, counted 1 · open' }).waitFor();
  const resolve = incident.getByRole('form', { name: /^Resolve the discrepancy of lot / });
  assert.equal(
    await resolve.getByLabel('Classification').locator('option:checked').textContent(),
    'Choose the classification',
    'no classification is chosen for the administrator',
  );
  await resolve
    .getByLabel('Classification')
    .selectOption({ label: 'Count error (the stock is there)' });
  await resolve.getByLabel('Resolution note').fill('Recounted with the charge nurse: 3 sealed.');
  await resolve.getByRole('button', { name: 'Record resolution' }).click();
  await incidents
    .getByText(
      'resolved (Count error (the stock is there): Recounted with the charge nurse: 3 sealed.)',
      { exact: false },
    )
    .waitFor();

  // The theft lot's count and resolution were recorded through the API before.
  const resolution = (await entriesOfType('resolve-discrepancy')).find(
    (r) => r.entry.countEntryId !== theftCountId,
  );
  const countEntry = (await entriesOfType('count')).find((r) => r.id !== theftCountId);
  assert.ok(resolution !== undefined && countEntry !== undefined, 'count and resolution stored');
  assert.equal(resolution.entry.classification, 'count-error');
  assert.equal(resolution.entry.countEntryId, countEntry.id, 'the count it resolves');
  assert.equal(countEntry.entry.kind, 'end-of-day', 'the count states when it was taken');
  assert.equal(resolution.entry.note, 'Recounted with the charge nurse: 3 sealed.');
});

/** A minute ago on the clinic's wall clock: its date, HH:MM and the instant they name. */
function aMinuteAgo(): { date: string; time: string; iso: string } {
  const ms = Math.floor((Date.now() - 60_000) / 60_000) * 60_000;
  const zone = { timeZone: 'America/Los_Angeles' };
  return {
    date: new Intl.DateTimeFormat('en-CA', zone).format(ms),
    time: new Intl.DateTimeFormat('en-GB', {
      ...zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(ms),
    iso: new Date(ms).toISOString(),
  };
}

test("a theft's DEA written notice is recorded as filed and listed on the incident", async () => {
  const incidents = page.getByRole('region', { name: 'Count discrepancies' });
  const incident = incidents.getByRole('listitem').filter({ hasText: `lot ${THEFT_LOT}` });
  await incident.filter({ hasText: 'DEA written notice due' }).waitFor();
  const filing = incident.getByRole('form', { name: /^Record a DEA report filed for lot / });
  const report = filing.getByLabel('Report filed');
  assert.equal(
    await report.locator('option:checked').textContent(),
    'Choose the report',
    'no report is chosen for the administrator',
  );
  const filed = aMinuteAgo();
  await report.selectOption({ label: NOTICE });
  await filing.getByLabel('Reference').fill('DEA-E2E-0001');
  await filing.getByLabel('Date filed').fill(filed.date);
  await filing.getByLabel('Time filed (HH:MM)').fill(filed.time);
  await filing.getByRole('button', { name: 'Record report filed' }).click();
  await filing.getByText('DEA report recorded as filed.').waitFor();
  await incident
    .getByRole('list', { name: `DEA reports filed on lot ${THEFT_LOT}` })
    .getByText(
      new RegExp(
        `^${NOTICE.replace(/[()]/g, '\\$&')} filed ${filed.date} ${filed.time} P[SD]T · ` +
          `reference DEA-E2E-0001 · by ${KEEPER.name}$`,
      ),
    )
    .waitFor();
  // Only the Form 106 is left to file, and nothing is chosen for it.
  assert.deepEqual(await report.locator('option').allTextContents(), [
    'Choose the report',
    'DEA Form 106',
  ]);

  const [stored] = await entriesOfType('dea-report');
  assert.ok(stored !== undefined, 'the filing is stored');
  assert.equal(stored.entry.countEntryId, theftCountId, 'on the theft');
  assert.equal(stored.entry.report, 'written-notice');
  assert.equal(stored.entry.reference, 'DEA-E2E-0001');
  assert.equal(stored.occurredAt.toISOString(), filed.iso, 'filed at the clinic time typed');
});

test('a transfer, a destruction before two witnesses and its witnessed reversal', async () => {
  const transfer = form('Transfer sealed containers');
  assert.equal(
    await transfer.getByLabel('Lot and location').locator('option:checked').textContent(),
    'Choose the lot',
    'no lot is chosen for a transfer',
  );
  await transfer.getByLabel('Lot and location').selectOption({ label: lotAt(SAFE) });
  await transfer.getByLabel('Sealed containers').fill('1');
  await transfer
    .getByLabel('Transferred to')
    .selectOption({ label: 'Another storage location of this clinic' });
  await transfer.getByLabel('Destination location').selectOption({ label: CART });
  await transfer.getByRole('button', { name: 'Record transfer' }).click();
  await transfer.getByText('Transfer recorded.').waitFor();

  const destroy = form('Destroy sealed containers (two witnesses)');
  // The lot reaches the cart's list once the page has re-read the stock.
  await destroy
    .getByLabel('Lot and location')
    .locator('option', { hasText: CART })
    .waitFor({ state: 'attached' });
  await destroy.getByLabel('Lot and location').selectOption({ label: lotAt(CART) });
  await destroy.getByLabel('Sealed containers destroyed').fill('1');
  await destroy
    .getByLabel('Manner of destruction (DEA Form 41)')
    .fill('Denaturing kit, rendered non-retrievable (fictional)');
  await destroy.getByLabel('First witness email', { exact: true }).fill(team.nurse.email);
  await destroy.getByLabel('First witness password', { exact: true }).fill(TEST_PASSWORD);
  await destroy.getByLabel('Second witness email', { exact: true }).fill(secondNurse.email);
  await destroy.getByLabel('Second witness password', { exact: true }).fill(TEST_PASSWORD);
  await destroy.getByLabel(FIRST_CODE).fill(await witnessCode(e2e, team.nurse.userId, nurseSecret));
  await destroy.getByLabel(SECOND_CODE).fill(await secondNurseCode());
  await destroy.getByRole('button', { name: 'Record destruction' }).click();
  await destroy.getByText('Destruction recorded with its two witnesses.').waitFor();
  const [destruction] = await entriesOfType('destroy');
  assert.ok(destruction !== undefined, 'the destruction is stored');
  assert.deepEqual(
    destruction.entry.witnessIds,
    [team.nurse.userId, secondNurse.userId],
    'both witnesses authenticated at the moment of destruction',
  );

  const correction = form('Correct an entry (reversal)');
  await correction.getByLabel('Day of the entry').fill(today);
  const destroyOption = correction
    .getByLabel('Entry to reverse')
    .locator('option', { hasText: ' destroy · ' });
  await destroyOption.waitFor({ state: 'attached' });
  assert.equal(
    await correction.getByLabel('Entry to reverse').locator('option:checked').textContent(),
    'Choose the entry',
    'no entry is chosen for a correction',
  );
  await correction
    .getByLabel('Entry to reverse')
    .selectOption({ label: (await destroyOption.textContent()) ?? '' });
  await correction.getByLabel('Reason').fill('Destroyed the wrong lot; the container is intact.');
  // A destruction had two witnesses, so its reversal asks for two.
  await correction.getByLabel('First witness email', { exact: true }).fill(team.nurse.email);
  await correction.getByLabel('First witness password', { exact: true }).fill(TEST_PASSWORD);
  await correction.getByLabel('Second witness email', { exact: true }).fill(secondNurse.email);
  await correction.getByLabel('Second witness password', { exact: true }).fill(TEST_PASSWORD);
  // The same witnesses sign again with fresh codes (a code is taken once).
  await correction
    .getByLabel(FIRST_CODE)
    .fill(await witnessCode(e2e, team.nurse.userId, nurseSecret));
  await correction.getByLabel(SECOND_CODE).fill(await secondNurseCode());
  await correction.getByRole('button', { name: 'Record correction' }).click();
  await correction
    .getByText('Correction recorded; the entry stays on the ledger, reversed.')
    .waitFor();
  const [reversal] = await entriesOfType('correction');
  assert.ok(reversal !== undefined, 'the correction is stored');
  assert.equal(reversal.entry.correctsEntryId, destruction.id, 'it reverses the destruction');
  assert.deepEqual(reversal.entry.witnessIds, [team.nurse.userId, secondNurse.userId]);
  await expectAccessible(page, 'ledger (administrator)');
});

test('the biennial inventory as of the close of business prints with its heading, and downloads as CSV', async () => {
  await openLedger();
  const reports = page.getByRole('region', { name: 'Reports (printable and CSV)' });
  await reports.getByLabel('Inventory date').fill(today);
  await reports.getByLabel('Taken at').selectOption({ label: 'Close of business' });
  const which = reports.getByLabel('Which inventory');
  assert.equal(
    await which.locator('option:checked').textContent(),
    'Choose the inventory',
    'initial or biennial is not chosen for the administrator',
  );
  assert.equal(
    await reports.getByRole('link', { name: 'Printable inventory' }).count(),
    0,
    'no inventory is offered before it is chosen which one it is',
  );
  await which.selectOption({ label: BIENNIAL });
  const csv = reports.getByRole('link', { name: 'Download inventory CSV' });
  assert.equal(
    await csv.getAttribute('href'),
    `/api/v1/ledger/reports/inventory?date=${today}&basis=close&kind=biennial&format=csv`,
  );
  await reports.getByRole('link', { name: 'Printable inventory' }).click();
  await heading(`${BIENNIAL} as of the close of business on ${today}`);
  assert.equal(
    new URL(page.url()).search,
    `?report=inventory&date=${today}&basis=close&kind=biennial`,
    'the printable page carries which inventory it is',
  );

  const facts = page.getByRole('region', { name: 'About this record' });
  await facts.locator('dd').getByText(BIENNIAL, { exact: true }).waitFor();
  await facts.getByText(clinicName, { exact: true }).waitFor();
  await facts.getByText(`As of the close of business on ${today}`, { exact: true }).waitFor();
  await facts.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} P[SD]T$/).waitFor();
  await facts.getByText(`${KEEPER.name} (${KEEPER.email})`, { exact: true }).waitFor();
  // Safe: 4 received, 1 drawn (open), 1 moved to the cart; the cart's destruction was reversed.
  const lotRows = page.getByRole('row').filter({ hasText: LOT });
  const safeRow = lotRows.filter({ hasText: SAFE });
  const cartRow = lotRows.filter({ hasText: CART });
  assert.deepEqual(
    (await safeRow.getByRole('cell').allTextContents()).slice(6),
    ['2', '1', '500'],
    'sealed, opened and mg left in the safe',
  );
  assert.deepEqual((await cartRow.getByRole('cell').allTextContents()).slice(6), ['1', '0', '0']);
  await expectAccessible(page, 'printable inventory');

  const download = await page.request.get(
    `${e2e.baseUrl}/api/v1/ledger/reports/inventory?date=${today}&basis=close&kind=biennial&format=csv`,
  );
  assert.equal(download.status(), 200);
  assert.match(download.headers()['content-type'] ?? '', /^text\/csv/);
  assert.ok((await download.text()).includes(SAFE), 'the CSV has the same rows');

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false);
  assert.equal(await safeRow.isVisible(), true, 'the rows are printed');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Print' }).waitFor();
});

test('the lot record prints every movement of the lot', async () => {
  await openLedger();
  const lot = page.getByRole('group', { name: 'Record of a lot' });
  await lot.getByLabel('NDC').fill(NDC);
  await lot.getByLabel('Lot').fill(LOT);
  await lot.getByLabel('From').fill(today);
  await lot.getByLabel('To').fill(today);
  await lot.getByRole('link', { name: 'Download lot report CSV' }).waitFor();
  await lot.getByRole('link', { name: 'Printable lot report' }).click();
  await heading(`Lot record: NDC ${NDC}, lot ${LOT}`);
  const facts = page.getByRole('region', { name: 'About this record' });
  await facts.getByText(`Entries dated ${today} to ${today} (clinic days)`).waitFor();
  for (const type of ['draw', 'count', 'transfer', 'destroy']) {
    assert.ok(
      (await page.getByRole('row').filter({ hasText: type }).count()) > 0,
      `the ${type} is on the lot record`,
    );
  }
});

test("the patient's record is found by MRN and offered printable and as CSV", async () => {
  await openLedger();
  const patient = page.getByRole('group', { name: 'Record of a patient' });
  await patient.getByLabel('MRN').fill(patientMrn);
  await patient.getByRole('button', { name: 'Find patient' }).click();
  const choose = patient.getByLabel('Patient', { exact: true });
  await choose.locator('option', { hasText: patientMrn }).waitFor({ state: 'attached' });
  assert.equal(
    await choose.locator('option:checked').textContent(),
    'Choose the patient',
    'the patient found is not chosen for the administrator',
  );
  await choose.selectOption(fixture.patientId);
  await patient.getByLabel('From').fill(today);
  await patient.getByLabel('To').fill(today);
  assert.equal(
    await patient.getByRole('link', { name: 'Download patient report CSV' }).getAttribute('href'),
    `/api/v1/ledger/reports/patients/${fixture.patientId}?from=${today}&to=${today}&format=csv`,
  );
  await patient.getByRole('link', { name: 'Printable patient report' }).click();
  await heading('Patient record of controlled-substance administration');
  await page.getByText('Patient: Quuxington', { exact: false }).waitFor();
  await page.getByRole('row').filter({ hasText: 'draw' }).first().waitFor();
  await page.getByRole('link', { name: 'Download CSV' }).waitFor();
  await page.getByRole('button', { name: 'Print' }).waitFor();

  const [keeper] = await e2e.database.db.select().from(users).where(eq(users.email, KEEPER.email));
  assert.ok(keeper !== undefined, 'the administrator exists');
  // Expected: the signed-out session probe before signing in (401).
  assert.deepEqual(unexpectedErrors(e2e), [], 'the browser logged no errors');
});
