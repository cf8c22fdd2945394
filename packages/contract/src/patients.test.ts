/**
 * The registry's field formats, checked against their own grammar with generated input: every
 * well-formed value is accepted and values that are only "almost right" (spaces at the edges,
 * punctuation in phone numbers, lower-case codes) are refused rather than repaired.
 */
// The contract's import ban guards shipped code; its tests run on node's own runner.
// eslint-disable-next-line no-restricted-imports
import { test } from 'node:test';
// eslint-disable-next-line no-restricted-imports
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DateOfBirth,
  Mrn,
  PatientCreate,
  PersonName,
  UsPhone,
  USPS_STATE_CODES,
  UsState,
  ZipCode,
} from './patients.ts';

const SEED = { seed: 20261125, numRuns: 300 };
const digit = (from: number) => fc.integer({ min: from, max: 9 }).map(String);
const digits = (n: number) =>
  fc.array(digit(0), { minLength: n, maxLength: n }).map((d) => d.join(''));

test('property: every NANP number in E.164 form is accepted, and any formatting of it is refused', () => {
  const nanp = fc
    .tuple(digit(2), digits(2), digit(2), digits(6))
    .map(([a, b, c, d]) => `${a}${b}${c}${d}`);
  fc.assert(
    fc.property(nanp, (ten) => {
      assert.equal(UsPhone.safeParse(`+1${ten}`).success, true);
      assert.equal(UsPhone.safeParse(ten).success, false);
      assert.equal(UsPhone.safeParse(`+1 ${ten}`).success, false);
      assert.equal(UsPhone.safeParse(`+1${ten.slice(0, 3)}-${ten.slice(3)}`).success, false);
      assert.equal(UsPhone.safeParse(`+1${ten} `).success, false);
    }),
    SEED,
  );
});

test('property: a name with whitespace at either edge is refused with a message, never trimmed', () => {
  const name = fc.constantFrom('Ada', 'Núñez', "O'Brien-Smith", 'Jean Luc', 'Zoë');
  const edge = fc.constantFrom(' ', '\t', '\u00a0', '  ');
  fc.assert(
    fc.property(name, edge, fc.boolean(), (n, e, before) => {
      assert.equal(PersonName.safeParse(n).success, true);
      const result = PersonName.safeParse(before ? `${e}${n}` : `${n}${e}`);
      assert.equal(result.success, false);
      assert.ok(result.error.issues.some((i) => /leading or trailing/.test(i.message)));
    }),
    SEED,
  );
});

test('property: MRNs of capitals and digits with single inner dashes are accepted', () => {
  const part = fc.stringMatching(/^[A-Z0-9]{1,6}$/);
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
      const mrn = parts.join('-');
      assert.equal(Mrn.safeParse(mrn).success, mrn.length <= 32);
      assert.equal(Mrn.safeParse(mrn.toLowerCase()).success, mrn.toLowerCase() === mrn);
      assert.equal(Mrn.safeParse(`${mrn}-`).success, false);
    }),
    SEED,
  );
});

test('ZIP codes: 5 digits or ZIP+4 only', () => {
  for (const ok of ['92618', '00501', '92618-1234'])
    assert.equal(ZipCode.safeParse(ok).success, true);
  for (const bad of ['9261', '926181', '92618-123', '92618 1234', '92618-', 'ABCDE']) {
    assert.equal(ZipCode.safeParse(bad).success, false, bad);
  }
});

test('states: the 62 USPS codes, capitals only', () => {
  assert.equal(new Set(USPS_STATE_CODES).size, 62);
  assert.equal(UsState.safeParse('CA').success, true);
  assert.equal(UsState.safeParse('ca').success, false);
  assert.equal(UsState.safeParse('XX').success, false);
});

test('date of birth: a real calendar date from 1900-01-01 to today', () => {
  assert.equal(DateOfBirth.safeParse('1900-01-01').success, true);
  assert.equal(DateOfBirth.safeParse('1899-12-31').success, false);
  assert.equal(DateOfBirth.safeParse('2000-02-29').success, true);
  assert.equal(DateOfBirth.safeParse('1900-02-29').success, false);
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(DateOfBirth.safeParse(today).success, true);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  assert.equal(DateOfBirth.safeParse(tomorrow).success, false);
});

test('a registration with unknown fields is refused', () => {
  const valid = {
    mrn: 'A-1',
    legalGivenName: 'Ada',
    legalFamilyName: 'Quux',
    dateOfBirth: '1970-01-01',
    sexAtBirth: 'female',
  };
  assert.equal(PatientCreate.safeParse(valid).success, true);
  assert.equal(PatientCreate.safeParse({ ...valid, id: 'x' }).success, false);
});
