import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashableRequest, requestField, toCoreEntry, utcInstant } from './entry-request.ts';
import { toCsv } from './report-rows.ts';

const facts = { userId: 'u1', clinicDate: '2026-11-25', witnessIds: ['w1', 'w2'] };

test('core field names map back to the request fields the user typed', () => {
  assert.equal(requestField('location'), 'body.locationId');
  assert.equal(requestField('witnessIds[1]'), 'body.witnesses.1');
  assert.equal(requestField('supplier.deaNumber'), 'body.supplierDeaNumber');
  assert.equal(requestField('amountUg'), 'body.amountUg');
  assert.equal(requestField(undefined), undefined);
});

test('an instant with an offset becomes the same instant in UTC', () => {
  assert.equal(utcInstant('2026-11-25T07:00:00-08:00'), '2026-11-25T15:00:00.000Z');
});

test('a destruction takes its two witnesses from the authenticated users, in order', () => {
  const entry = toCoreEntry(
    {
      type: 'destroy',
      id: 'e1',
      occurredAt: '2026-11-25T15:00:00Z',
      ndc: 'n',
      lot: 'l',
      locationId: 'loc',
      containers: 1,
      method: 'm',
      witnesses: [
        { email: 'a@example.test', password: 'secret-a' },
        { email: 'b@example.test', password: 'secret-b' },
      ],
    },
    facts,
  );
  assert.deepEqual((entry as { witnessIds?: unknown }).witnessIds, ['w1', 'w2']);
  assert.equal(entry.userId, 'u1');
});

test('the hashed request keeps the witness emails but never a password or a code', () => {
  const hashed = JSON.stringify(
    hashableRequest({
      type: 'waste',
      id: 'e2',
      occurredAt: '2026-11-25T15:00:00Z',
      vialId: 'v',
      amountUg: 1,
      witness: { email: 'a@example.test', password: 'secret-a', totpCode: '123456' },
    }),
  );
  assert.match(hashed, /a@example\.test/);
  assert.doesNotMatch(hashed, /secret-a|123456/);
});

test('CSV quotes cells with commas, quotes or line breaks and defuses formulas', () => {
  const csv = toCsv(
    ['a', 'b'],
    [
      ['1,500', 'say "hi"'],
      ['=1+1', -1],
      [null, 'x\ny'],
    ],
  );
  assert.equal(csv, 'a,b\r\n"1,500","say ""hi"""\r\n\'=1+1,-1\r\n,"x\ny"\r\n');
});
