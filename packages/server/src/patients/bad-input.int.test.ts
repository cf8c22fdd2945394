/**
 * Bad input to the patient registry through HTTP: every malformed field is a 400 problem+json that
 * names the field and says what is expected; unknown fields are rejected; values are never trimmed
 * or reformatted; and nothing is written (no patient, version or audit row).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Patient, Problem } from '@ketaflow/contract';
import { auditEvents } from '../audit/schema.ts';
import { signIn, startTestApp, type SignedIn, type TestApp } from '../testing/harness.ts';
import { fictionalPatient } from './fixtures.test-support.ts';
import { patients, patientVersions } from './schema.ts';

let t: TestApp;
let nurse: SignedIn;
let existing: Patient;

before(async () => {
  t = await startTestApp();
  nurse = await signIn(t.app, { role: 'nurse' });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: nurse.headers(),
    payload: { ...fictionalPatient() },
  });
  existing = response.json<Patient>();
});
after(async () => {
  await t.close();
});

async function rowCounts(): Promise<number[]> {
  const counts: number[] = [];
  for (const table of [patients, patientVersions, auditEvents]) {
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table);
    counts.push(row?.n ?? 0);
  }
  return counts;
}

const long = (n: number): string => 'a'.repeat(n);
const address = { line1: '1 Imaginary Way', city: 'Irvine', state: 'CA', postalCode: '92618' };
const contact = { name: 'Quilla Quuxington', relationship: 'Sibling', phone: '+19495550100' };
const inFuture = `${String(new Date().getUTCFullYear() + 1)}-01-01`;

/** [what is wrong, fields to merge into a valid body, expected field, words the message must contain]. */
const createCases: [string, Record<string, unknown>, string, RegExp][] = [
  [
    'leading space in a name',
    { legalGivenName: ' Zebediah' },
    'body.legalGivenName',
    /leading or trailing/,
  ],
  [
    'trailing space in a name',
    { legalFamilyName: 'Quuxington ' },
    'body.legalFamilyName',
    /leading or trailing/,
  ],
  ['empty name', { legalGivenName: '' }, 'body.legalGivenName', /empty/],
  ['digits in a name', { legalGivenName: 'R2D2' }, 'body.legalGivenName', /letters/],
  ['line break in a name', { preferredName: 'Ze\nb' }, 'body.preferredName', /control|letters/],
  ['name over 100 characters', { legalFamilyName: long(101) }, 'body.legalFamilyName', /100/],
  ['name of the wrong type', { legalGivenName: 42 }, 'body.legalGivenName', /string/],
  ['missing required field', { mrn: undefined }, 'body.mrn', /./],
  ['lower-case MRN', { mrn: 'oc-1' }, 'body.mrn', /capital/],
  ['MRN with a double dash', { mrn: 'OC--1' }, 'body.mrn', /single dashes/],
  ['MRN with a leading dash', { mrn: '-OC1' }, 'body.mrn', /dashes/],
  ['MRN with a space', { mrn: 'OC 1' }, 'body.mrn', /capital/],
  ['MRN over 32 characters', { mrn: 'A'.repeat(33) }, 'body.mrn', /32/],
  ['MRN as a number', { mrn: 123 }, 'body.mrn', /string/],
  ['date of birth before 1900', { dateOfBirth: '1899-12-31' }, 'body.dateOfBirth', /1900-01-01/],
  ['date of birth in the future', { dateOfBirth: inFuture }, 'body.dateOfBirth', /future/],
  ['impossible date of birth', { dateOfBirth: '1981-02-29' }, 'body.dateOfBirth', /date/i],
  ['US-style date of birth', { dateOfBirth: '02/01/1980' }, 'body.dateOfBirth', /date/i],
  [
    'date of birth with a time',
    { dateOfBirth: '1980-02-01T00:00:00Z' },
    'body.dateOfBirth',
    /date/i,
  ],
  [
    'abbreviated sex at birth',
    { sexAtBirth: 'F' },
    'body.sexAtBirth',
    /female, male, intersex, unknown/,
  ],
  [
    'gender identity with a trailing space',
    { genderIdentity: 'Woman ' },
    'body.genderIdentity',
    /leading or trailing/,
  ],
  ['gender identity over 60 characters', { genderIdentity: long(61) }, 'body.genderIdentity', /60/],
  ['phone with dashes', { phone: '714-555-0123' }, 'body.phone', /\+17145550123/],
  ['phone with parentheses', { phone: '(714) 555-0123' }, 'body.phone', /\+1 and 10 digits/],
  ['phone without +1', { phone: '7145550123' }, 'body.phone', /\+1/],
  ['phone with 9 digits', { phone: '+1714555012' }, 'body.phone', /10 digits/],
  ['phone with area code 0XX', { phone: '+10145550123' }, 'body.phone', /2-9/],
  ['phone with exchange 1XX', { phone: '+17141550123' }, 'body.phone', /2-9/],
  ['email without a domain', { email: 'zq@' }, 'body.email', /email/],
  ['email with a space', { email: 'z q@example.org' }, 'body.email', /email/],
  [
    'state spelled out',
    { address: { ...address, state: 'California' } },
    'body.address.state',
    /USPS/,
  ],
  [
    'state in lower case',
    { address: { ...address, state: 'ca' } },
    'body.address.state',
    /capitals/,
  ],
  [
    '4-digit ZIP',
    { address: { ...address, postalCode: '9261' } },
    'body.address.postalCode',
    /ZIP\+4/,
  ],
  [
    'short ZIP+4',
    { address: { ...address, postalCode: '92618-12' } },
    'body.address.postalCode',
    /92618-1234/,
  ],
  [
    'address without a first line',
    { address: { ...address, line1: undefined } },
    'body.address.line1',
    /./,
  ],
  [
    'unknown address field',
    { address: { ...address, country: 'US' } },
    'body.address.country',
    /not a known field/,
  ],
  [
    'city with a leading space',
    { address: { ...address, city: ' Irvine' } },
    'body.address.city',
    /leading or trailing/,
  ],
  [
    'emergency contact phone',
    { emergencyContact: { ...contact, phone: '911' } },
    'body.emergencyContact.phone',
    /\+1/,
  ],
  [
    'emergency contact without relationship',
    { emergencyContact: { ...contact, relationship: undefined } },
    'body.emergencyContact.relationship',
    /./,
  ],
  ['unknown field', { ssn: '000-00-0000' }, 'body.ssn', /not a known field/],
  ['client id that is not a UUID', { id: 'patient-1' }, 'body.id', /UUID/i],
  ['server-owned field', { version: 5 }, 'body.version', /not a known field/],
  ['empty optional field instead of omitting it', { email: '' }, 'body.email', /email/],
];

const validBody = (): Record<string, unknown> => ({
  ...fictionalPatient(),
  address,
  emergencyContact: contact,
});

function withChanges(
  base: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const body = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes))
    if (value === undefined) Reflect.deleteProperty(body, key);
  if (typeof changes.address === 'object' && changes.address !== null) {
    body.address = JSON.parse(JSON.stringify(changes.address)) as unknown;
  }
  if (typeof changes.emergencyContact === 'object' && changes.emergencyContact !== null) {
    body.emergencyContact = JSON.parse(JSON.stringify(changes.emergencyContact)) as unknown;
  }
  return body;
}

function assertNamedProblem(
  response: { statusCode: number; body: string; headers: Record<string, unknown> },
  field: string,
  message: RegExp,
): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = JSON.parse(response.body) as Problem;
  assert.equal(problem.code, 'validation.invalid');
  const named = problem.errors?.find((e) => e.field === field);
  assert.ok(named, `expected an error for ${field}, got ${response.body}`);
  assert.match(named.message, message);
  assert.ok(named.message.startsWith(field), 'the message names the field');
}

describe('POST /patients refuses every malformed field', () => {
  test('the valid base body is accepted (so each case below fails for its own reason)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: nurse.headers(),
      payload: validBody(),
    });
    assert.equal(response.statusCode, 201, response.body);
  });

  for (const [what, changes, field, message] of createCases) {
    test(what, async () => {
      const before = await rowCounts();
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/patients',
        headers: nurse.headers(),
        payload: withChanges(validBody(), changes),
      });
      assertNamedProblem(response, field, message);
      assert.deepEqual(await rowCounts(), before, 'nothing is written');
    });
  }
});

const updateCases: [string, Record<string, unknown>, string, RegExp][] = [
  ['missing reason', { reason: undefined }, 'body.reason', /./],
  ['empty reason', { reason: '' }, 'body.reason', /empty/],
  ['reason with a leading space', { reason: ' Typo' }, 'body.reason', /leading or trailing/],
  ['missing version', { version: undefined }, 'body.version', /./],
  ['version 0', { version: 0 }, 'body.version', /1 or more/],
  ['version as a string', { version: '1' }, 'body.version', /number/],
  ['fractional version', { version: 1.5 }, 'body.version', /int/i],
  ['no field to change', { preferredName: undefined }, 'body', /at least one field/],
  ['clearing a required field', { legalGivenName: null }, 'body.legalGivenName', /string/],
  ['bad phone in a correction', { phone: '714.555.0123' }, 'body.phone', /\+1/],
  [
    'unknown field',
    { createdBy: '00000000-0000-4000-8000-000000000000' },
    'body.createdBy',
    /not a known field/,
  ],
];

describe('PATCH /patients/:id refuses every malformed field', () => {
  for (const [what, changes, field, message] of updateCases) {
    test(what, async () => {
      const before = await rowCounts();
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/patients/${existing.id}`,
        headers: nurse.headers(),
        payload: withChanges({ version: 1, reason: 'Typo', preferredName: 'Zeb' }, changes),
      });
      assertNamedProblem(response, field, message);
      assert.deepEqual(await rowCounts(), before, 'nothing is written');
    });
  }
});

const queryCases: [string, string, string, RegExp][] = [
  ['page size over 100', '/api/v1/patients?pageSize=101', 'querystring.pageSize', /100/],
  ['page 0', '/api/v1/patients?page=0', 'querystring.page', /1/],
  ['page in exponent form', '/api/v1/patients?page=1e1', 'querystring.page', /plain digits/],
  [
    'name with leading space',
    '/api/v1/patients?name=%20zeb',
    'querystring.name',
    /leading or trailing/,
  ],
  [
    'name with a double space',
    '/api/v1/patients?name=a%20%20b',
    'querystring.name',
    /single spaces/,
  ],
  ['name of four words', '/api/v1/patients?name=a%20b%20c%20d', 'querystring.name', /1 to 3 words/],
  [
    'impossible date of birth',
    '/api/v1/patients?dateOfBirth=1980-13-01',
    'querystring.dateOfBirth',
    /date/i,
  ],
  ['lower-case MRN', '/api/v1/patients?mrn=oc-1', 'querystring.mrn', /capital/],
  ['unknown parameter', '/api/v1/patients?sort=name', 'querystring.sort', /not a known field/],
  ['patient id that is not a UUID', '/api/v1/patients/12345', 'params.id', /UUID/i],
  [
    'history page size over 100',
    `/api/v1/patients/00000000-0000-4000-8000-000000000000/history?pageSize=500`,
    'querystring.pageSize',
    /100/,
  ],
];

describe('query strings and ids are parsed strictly', () => {
  for (const [what, url, field, message] of queryCases) {
    test(what, async () => {
      const response = await t.app.inject({ method: 'GET', url, headers: nurse.headers() });
      assertNamedProblem(response, field, message);
    });
  }
});

describe('unknown fields are rejected, not ignored', () => {
  const unknownKeyBodies: [string, string, Record<string, unknown>][] = [
    ['POST', '/api/v1/patients', { ...validBody(), ssn: '000-00-0000' }],
    ['POST', '/api/v1/patients', { ...validBody(), address: { ...address, country: 'US' } }],
    [
      'POST',
      '/api/v1/patients',
      { ...validBody(), clinicId: '00000000-0000-4000-8000-000000000000' },
    ],
    ['PATCH', '', { version: 1, reason: 'Typo', preferredName: 'Zeb', updatedBy: 'someone' }],
  ];
  for (const [method, url, payload] of unknownKeyBodies) {
    test(`${method} with ${Object.keys(payload).at(-1) ?? ''}`, async () => {
      const before = await rowCounts();
      const response = await t.app.inject({
        method: method as 'POST' | 'PATCH',
        url: url === '' ? `/api/v1/patients/${existing.id}` : url,
        headers: nurse.headers(),
        payload,
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json<Problem>().code, 'validation.invalid');
      assert.match(response.body, /Unrecognized key|not a known field/);
      assert.deepEqual(await rowCounts(), before);
    });
  }
});
