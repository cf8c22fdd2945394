import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkDeaNumber,
  checkExpiryOnReceipt,
  checkNdc,
  deaCheckDigitOk,
} from './receipt-checks.ts';

test('DEA check digit, golden: AP5836727 (5+3+7 + 2×(8+6+2) = 47 → 7) passes; AB1234567 fails', () => {
  // Worked example of the verification rule (see receipt-checks.ts); exact, no tolerance.
  assert.equal(checkDeaNumber('AP5836727', 'supplierDeaNumber').ok, true);
  assert.equal(checkDeaNumber('AB1234563', 'supplierDeaNumber').ok, true);
  const bad = checkDeaNumber('AB1234567', 'supplierDeaNumber');
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 'ledger.invalid-field');
  assert.equal(bad.error.field, 'supplierDeaNumber');
  const shape = checkDeaNumber('A11234563', 'toRegistrant.deaNumber');
  assert.ok(!shape.ok);
  assert.equal(shape.error.field, 'toRegistrant.deaNumber');
});

test('property: exactly one of the ten last digits checks, and changing one digit is always caught', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }), (six) => {
      const passing = [...Array(10).keys()].filter((d) => deaCheckDigitOk(`${six.join('')}${d}`));
      assert.equal(passing.length, 1);
      const valid = `${six.join('')}${String(passing[0])}`;
      for (let i = 0; i < 7; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === valid[i]) continue;
          const typo = `${valid.slice(0, i)}${String(d)}${valid.slice(i + 1)}`;
          // A doubled digit changed by 5 goes unseen (2 × 5 = 10): the rule's known limit.
          const weight = i === 6 || i % 2 === 0 ? 1 : 2;
          const delta = (d - Number(valid[i]) + 10) % 10;
          assert.equal(deaCheckDigitOk(typo), (weight * delta) % 10 === 0);
        }
      }
    }),
    { seed: 7, numRuns: 300 },
  );
});

test('NDC: the FDA 10-digit 4-4-2, 5-3-2, 5-4-1 and the 11-digit 5-4-2 forms only, hyphens included', () => {
  for (const ok of ['1234-5678-90', '12345-678-90', '12345-6789-0', '00000-0000-01']) {
    assert.equal(checkNdc(ok, 'ndc').ok, true, ok);
  }
  for (const bad of ['hello', '1234567890', '123-4567-890', '12345-6789-012', '1234-567-89', '']) {
    const r = checkNdc(bad, 'ndc');
    assert.ok(!r.ok, bad);
    assert.equal(r.error.field, 'ndc');
  }
});

test('expiry: stock expiring on the day it arrives is accepted; already expired stock is refused', () => {
  assert.equal(checkExpiryOnReceipt('2026-11-25', '2026-11-25').ok, true);
  const r = checkExpiryOnReceipt('2026-11-24', '2026-11-25');
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'ledger.expired-on-receipt');
  assert.equal(r.error.field, 'expiry');
});
