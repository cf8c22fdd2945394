/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellText, reportFacts } from './report-print.ts';

const ctx = {
  clinicName: 'Fictional Infusion Clinic',
  timeZone: 'America/Los_Angeles',
  user: { displayName: 'Avery Admin', email: 'avery@example.test' },
};

test('a printed report states what it is, the clinic, what it covers, when and who printed it', () => {
  const facts = reportFacts(
    { kind: 'inventory', date: '2026-11-25', basis: 'close', inventoryKind: 'biennial' },
    {
      title: 'Biennial inventory (21 CFR 1304.11(c)) as of the close of business on 2026-11-25',
      generatedAt: '2026-11-26T17:05:00.000Z',
    },
    ctx,
  );
  assert.deepEqual(facts, [
    ['Report', 'Biennial inventory (21 CFR 1304.11(c)) as of the close of business on 2026-11-25'],
    ['Inventory', 'Biennial inventory (21 CFR 1304.11(c))'],
    ['Clinic', 'Fictional Infusion Clinic'],
    ['Covers', 'As of the close of business on 2026-11-25'],
    ['Generated', '2026-11-26 09:05 PST'],
    ['Printed by', 'Avery Admin (avery@example.test)'],
  ]);
});

test('cells print as the server formatted them; a missing value is blank, never 0', () => {
  assert.equal(cellText(null), '');
  assert.equal(cellText(0), '0');
  assert.equal(cellText(-2), '-2');
  assert.equal(cellText('12.5'), '12.5');
});

test('a lot or patient record states no inventory kind', () => {
  const facts = reportFacts(
    { kind: 'lot', ndc: '1', lot: 'L', from: '2026-11-01', to: '2026-11-25' },
    { title: 'Lot record', generatedAt: '2026-11-26T17:05:00.000Z' },
    ctx,
  );
  assert.deepEqual(
    facts.map(([label]) => label),
    ['Report', 'Clinic', 'Covers', 'Generated', 'Printed by'],
  );
});
