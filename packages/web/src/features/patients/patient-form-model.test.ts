/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PatientCreate, PatientUpdate, type Patient } from '@ketaflow/contract';
import {
  emptyPatientForm,
  formFromPatient,
  toCreateBody,
  toUpdateBody,
  type PatientFormValues,
} from './patient-form-model.ts';

// Synthetic, obviously fictional patient.
const filled: PatientFormValues = {
  ...emptyPatientForm,
  mrn: 'OC-000123',
  legalGivenName: 'Testa',
  legalFamilyName: 'Fictional',
  dateOfBirth: '1980-02-29',
  sexAtBirth: 'female',
};

test('a create body carries the typed values, omits empty optional fields and passes the contract', () => {
  const body = toCreateBody(filled);
  assert.deepEqual(body, {
    mrn: 'OC-000123',
    legalGivenName: 'Testa',
    legalFamilyName: 'Fictional',
    dateOfBirth: '1980-02-29',
    sexAtBirth: 'female',
  });
  assert.equal(PatientCreate.safeParse(body).success, true);
});

test('values are sent exactly as typed, never trimmed or reformatted', () => {
  const body = toCreateBody({ ...filled, legalGivenName: ' Testa', phone: '(714) 555-0123' });
  assert.equal(body.legalGivenName, ' Testa');
  assert.equal(body.phone, '(714) 555-0123');
  const parsed = PatientCreate.safeParse(body);
  assert.equal(parsed.success, false);
  const paths = parsed.error.issues.map((i) => i.path.join('.')).sort();
  assert.deepEqual(paths, ['legalGivenName', 'phone']);
});

test('a partly filled address is sent whole so the server names the missing part', () => {
  const body = toCreateBody({ ...filled, addressLine1: '1 Example Way', addressState: 'CA' });
  assert.deepEqual(body.address, {
    line1: '1 Example Way',
    city: '',
    state: 'CA',
    postalCode: '',
  });
  const parsed = PatientCreate.safeParse(body);
  assert.equal(parsed.success, false);
  const paths = parsed.error.issues.map((i) => i.path.join('.')).sort();
  assert.deepEqual(paths, ['address.city', 'address.postalCode']);
});

test('empty required fields are still sent, so the server reports each of them', () => {
  const body = toCreateBody(emptyPatientForm);
  assert.deepEqual(Object.keys(body).sort(), [
    'dateOfBirth',
    'legalFamilyName',
    'legalGivenName',
    'mrn',
    'sexAtBirth',
  ]);
});

const stored: Patient = {
  id: '0b6f1a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  version: 3,
  createdAt: '2026-11-25T17:00:00.000Z',
  createdBy: 'u',
  updatedAt: '2026-11-25T17:00:00.000Z',
  updatedBy: 'u',
  mrn: 'OC-000123',
  legalGivenName: 'Testa',
  legalFamilyName: 'Fictional',
  preferredName: 'Tess',
  dateOfBirth: '1980-02-29',
  sexAtBirth: 'female',
  genderIdentity: null,
  phone: '+17145550123',
  email: null,
  address: { line1: '1 Example Way', city: 'Irvine', state: 'CA', postalCode: '92618' },
  emergencyContact: null,
};

test('an update sends only the changed fields, with version and reason, and null for a cleared field', () => {
  const original = formFromPatient(stored);
  const edited = { ...original, legalFamilyName: 'Fictitious', preferredName: '' };
  const { body, changed } = toUpdateBody(original, edited, stored.version, 'Name corrected');
  assert.deepEqual(changed, ['legalFamilyName', 'preferredName']);
  assert.deepEqual(body, {
    version: 3,
    reason: 'Name corrected',
    legalFamilyName: 'Fictitious',
    preferredName: null,
  });
  assert.equal(PatientUpdate.safeParse(body).success, true);
});

test('changing one address part sends the whole address; unchanged form sends no field', () => {
  const original = formFromPatient(stored);
  const { body, changed } = toUpdateBody(
    original,
    { ...original, addressCity: 'Tustin' },
    3,
    'Moved',
  );
  assert.deepEqual(changed, ['address']);
  assert.deepEqual(body.address, {
    line1: '1 Example Way',
    city: 'Tustin',
    state: 'CA',
    postalCode: '92618',
  });
  assert.deepEqual(toUpdateBody(original, original, 3, 'x').changed, []);
});

test('a stored record round-trips through the form unchanged', () => {
  const values = formFromPatient(stored);
  const body = toCreateBody(values);
  assert.equal(PatientCreate.safeParse(body).success, true);
  assert.equal(body.preferredName, 'Tess');
  assert.equal(body.address?.postalCode, '92618');
});
