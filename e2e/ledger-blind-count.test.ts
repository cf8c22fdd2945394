/**
 * A nurse's blind end-of-shift count in Debian Chromium (safety-security.md T-45): the ledger page
 * shows the nurse the stock to draw from but no number of sealed containers; the count form asks
 * when, where, which lot, how many and an optional note, shows the server's message beside a
 * mistyped number, and once recorded says only that the count did not match. What was stored is
 * read back from the database, and the administrator's incident (through the API) has the expected
 * number, the kind of count and the nurse as the counter.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import { ledgerEntries } from '../packages/server/src/ledger/schema.ts';
import { TEST_PASSWORD } from '../packages/server/src/testing/harness.ts';
import { createAccount } from '../packages/server/src/users/accounts.ts';
import { expectAccessible } from './axe.ts';
import { type E2e, refusal, signInStaff, startE2e, unexpectedErrors } from './harness.ts';

let e2e: E2e;
let page: Page;
let team: Team;
let safe = '';
const NURSE = { email: 'nico.nightshift@example.test', name: 'Nico Nightshift' };
const NDC = '00000-0000-01';
const LOT = 'E2E-COUNT-LOT';
const EXPIRY = '2030-01-31';
const SAFE = 'Night safe (fictional)';
/** Received into the safe; the nurse will find one fewer. */
const RECEIVED = 4;

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
  // The browser's nurse: known password, no second factor (nurses sign in without one).
  await createAccount(e2e.app.database.db, {
    email: NURSE.email,
    displayName: NURSE.name,
    role: 'nurse',
    clinicId: team.clinicId,
    password: TEST_PASSWORD,
    passwordMustChange: false,
  });
  safe = randomUUID();
  for (const payload of [
    { id: safe, name: SAFE },
    {
      type: 'receive',
      id: randomUUID(),
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      locationId: safe,
      ndc: NDC,
      lot: LOT,
      expiry: EXPIRY,
      strengthUgPerMl: 50_000,
      containerVolumeUl: 10_000,
      containers: RECEIVED,
      supplierName: 'Example Wholesale (fictional)',
      supplierDeaNumber: 'AB1234563',
      orderReference: 'PO-E2E-COUNT',
    },
  ]) {
    const response = await e2e.app.inject({
      method: 'POST',
      url: 'type' in payload ? '/api/v1/ledger/entries' : '/api/v1/ledger/locations',
      headers: team.admin.headers(),
      payload,
    });
    assert.ok(response.statusCode < 300, response.body);
  }
});
after(async () => {
  await e2e.close();
});

test('a nurse records a blind end-of-shift count and learns only that it did not match', async () => {
  await signInStaff(e2e, NURSE.email);
  await page.goto(`${e2e.baseUrl}/ledger`);
  await page.getByRole('heading', { level: 1, name: 'Controlled-substance ledger' }).waitFor();
  // The stock the nurse draws from, but nothing that says how many are on the books.
  await page.getByRole('row').filter({ hasText: LOT }).waitFor();
  const text = (await page.locator('main').textContent()) ?? '';
  assert.doesNotMatch(text, /expected|on hand|balance/i, 'no balance on the nurse’s page');
  assert.equal(await page.getByRole('region', { name: 'Count discrepancies' }).count(), 0);

  const count = page.getByRole('form', { name: 'Count (blind)' });
  const kind = count.getByLabel('Count taken at');
  assert.equal(
    await kind.locator('option:checked').textContent(),
    'Choose the time of the count',
    'nothing is chosen for the counter',
  );
  await kind.selectOption({ label: 'End of shift' });
  await count.getByLabel('Storage location').selectOption({ label: SAFE });
  await count
    .getByLabel('Lot', { exact: true })
    .selectOption({ label: `${NDC} lot ${LOT} · expires ${EXPIRY}` });
  const counted = count.getByLabel('Sealed containers counted');
  // A mistyped number is sent as typed; the server's refusal shows beside the field.
  await counted.fill('3.');
  await count.getByRole('button', { name: 'Record count' }).click();
  await count.locator('#f-countedContainers-error').waitFor();
  assert.equal(await counted.getAttribute('aria-invalid'), 'true');
  assert.equal(
    await counted.getAttribute('aria-describedby'),
    'f-countedContainers-hint f-countedContainers-error',
  );

  await counted.fill(String(RECEIVED - 1));
  await count.getByLabel('Note').fill('Checked twice with the charge nurse (fictional).');
  await count.getByRole('button', { name: 'Record count' }).click();
  const message =
    'Count recorded. It does not match the books: an incident is open for the administrator; tell them what you found.';
  await count.getByText(message).waitFor();
  assert.equal(await counted.inputValue(), '', 'no number is left for the next count');
  assert.doesNotMatch(
    (await page.locator('main').textContent()) ?? '',
    new RegExp(`expected|${String(RECEIVED)} sealed`, 'i'),
    'the answer never states the expected number',
  );
  await expectAccessible(page, 'ledger (nurse, blind count)');

  const stored = (
    await e2e.database.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.clinicId, team.clinicId))
  ).filter((r) => r.type === 'count');
  assert.equal(stored.length, 1, 'one count, the mistyped attempt was refused');
  const [entry] = stored;
  assert.ok(entry !== undefined);
  assert.equal(entry.entry.kind, 'end-of-shift');
  assert.equal(entry.entry.countedContainers, RECEIVED - 1);
  assert.equal(entry.entry.note, 'Checked twice with the charge nurse (fictional).');

  const incidents = await e2e.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/incidents',
    headers: team.admin.headers(),
  });
  const incident = incidents
    .json<{
      items: {
        countEntryId: string;
        status: string;
        expectedContainers: number;
        countKind: string;
        countedBy: { name: string };
      }[];
    }>()
    .items.find((i) => i.countEntryId === entry.id);
  assert.deepEqual(
    {
      status: incident?.status,
      expected: incident?.expectedContainers,
      kind: incident?.countKind,
      by: incident?.countedBy.name,
    },
    { status: 'open', expected: RECEIVED, kind: 'end-of-shift', by: NURSE.name },
    "the administrator's incident",
  );
  // Expected: the signed-out session probe before signing in (401) and the refused count (400).
  assert.deepEqual(
    unexpectedErrors(e2e, refusal('/api/v1/ledger/entries', '400')),
    [],
    'the browser logged no other errors',
  );
});

test('a container of a lot the list does not show is counted by typing its NDC and lot', async () => {
  // (Signed in as the nurse by the test above.)
  await page.goto(`${e2e.baseUrl}/ledger`);
  const count = page.getByRole('form', { name: 'Count (blind)' });
  await count.getByLabel('Count taken at').selectOption({ label: 'End of the clinic day' });
  await count.getByLabel('Storage location').selectOption({ label: SAFE });
  await count
    .getByLabel('Lot', { exact: true })
    .selectOption({ label: 'A lot not in this list (type its NDC and lot)' });
  await count.getByLabel('NDC of the lot found').fill(NDC);
  const typedLot = count.getByLabel('Lot number found');
  // A lot the ledger never received is refused, and the refusal shows beside the typed lot.
  await typedLot.fill('NEVER-RECEIVED');
  await count.getByLabel('Sealed containers counted').fill('1');
  await count.getByRole('button', { name: 'Record count' }).click();
  await count.locator('[aria-invalid="true"]').first().waitFor();
  assert.equal(await typedLot.getAttribute('aria-invalid'), 'true', 'the typed lot is named');

  await typedLot.fill(LOT);
  await count.getByLabel('Sealed containers counted').fill(String(RECEIVED));
  await count.getByRole('button', { name: 'Record count' }).click();
  await count.getByText('Count recorded. It matches the books.').waitFor();
  const counts = (
    await e2e.database.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.clinicId, team.clinicId))
  ).filter((r) => r.type === 'count');
  const typed = counts.find((r) => r.entry.kind === 'end-of-day');
  assert.deepEqual(
    { ndc: typed?.entry.ndc, lot: typed?.entry.lot, counted: typed?.entry.countedContainers },
    { ndc: NDC, lot: LOT, counted: RECEIVED },
    'one end-of-day count of the typed lot; the refused one stored nothing',
  );
  assert.equal(counts.length, 2);
});
