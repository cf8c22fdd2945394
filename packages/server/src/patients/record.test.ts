/**
 * The record algebra: a correction changes exactly the fields it names with a different value,
 * null clears, absent keeps, and key order inside addresses does not count as a change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PATIENT_FIELDS, type PatientRecord, type PatientUpdate } from '@ketaflow/contract';
import { applyUpdate, changedFields, presentFields, recordFromCreate } from './record.ts';

const base: PatientRecord = recordFromCreate({
  mrn: 'T-1',
  legalGivenName: 'Zebediah',
  legalFamilyName: 'Quuxington',
  dateOfBirth: '1971-04-01',
  sexAtBirth: 'unknown',
  address: { line1: '1 Imaginary Way', city: 'Irvine', state: 'CA', postalCode: '92618' },
});

test('omitted optional fields are stored as null and are not "present"', () => {
  assert.equal(base.email, null);
  assert.deepEqual(presentFields(base), [
    'mrn',
    'legalGivenName',
    'legalFamilyName',
    'dateOfBirth',
    'sexAtBirth',
    'address',
  ]);
});

test('null clears, absent keeps, same value is no change', () => {
  const after = applyUpdate(base, {
    version: 1,
    reason: 'r',
    address: null,
    legalGivenName: 'Zebediah',
    phone: '+17145550123',
  });
  assert.equal(after.address, null);
  assert.equal(after.legalFamilyName, 'Quuxington');
  assert.deepEqual(changedFields(base, after), ['phone', 'address']);
});

test('an address with the same content in another key order is unchanged', () => {
  const reordered = applyUpdate(base, {
    version: 1,
    reason: 'r',
    address: { postalCode: '92618', state: 'CA', city: 'Irvine', line1: '1 Imaginary Way' },
  });
  assert.deepEqual(changedFields(base, reordered), []);
});

const value = fc.constantFrom('A-1', 'Ada', 'Lovelace', '+17145550123', null);

test('property: changed fields are exactly the named fields whose value differs', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...PATIENT_FIELDS), value, { maxKeys: PATIENT_FIELDS.length }),
      (changes) => {
        const update = { version: 1, reason: 'r', ...changes } as unknown as PatientUpdate;
        const after = applyUpdate(base, update);
        const expected = PATIENT_FIELDS.filter(
          (f) => f in changes && JSON.stringify(changes[f]) !== JSON.stringify(base[f]),
        );
        assert.deepEqual(changedFields(base, after), expected);
        for (const f of PATIENT_FIELDS) {
          if (!(f in changes)) assert.deepEqual(after[f], base[f]);
        }
      },
    ),
    { seed: 20261125, numRuns: 300 },
  );
});
