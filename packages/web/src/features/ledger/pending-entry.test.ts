/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareEntry, type EntryBody, type Generators } from './pending-entry.ts';
import { destroyBody } from './stock-entries.ts';

function generators(): Generators {
  let n = 0;
  let t = 0;
  return {
    newId: () => `id-${String(++n)}`,
    now: () => new Date(Date.UTC(2026, 10, 25, 15, 0, t++)).toISOString(),
  };
}

const draw: EntryBody = {
  type: 'draw',
  locationId: 'loc',
  ndc: '00000-0000-01',
  lot: 'L1',
  sessionId: 's1',
};

test('a retry of the same form sends the very request first sent: id, time and container id', () => {
  const make = generators();
  const first = prepareEntry(null, draw, make);
  const retry = prepareEntry(first.pending, { ...draw }, make);
  assert.deepEqual(retry.request, first.request);
  assert.equal(retry.pending, first.pending);
});

test('a changed form is a new entry: new id, time and container id', () => {
  const make = generators();
  const first = prepareEntry(null, draw, make);
  const changed = prepareEntry(first.pending, { ...draw, sessionId: 's2' }, make);
  assert.notEqual(changed.request.id, first.request.id);
  assert.notEqual(changed.request.occurredAt, first.request.occurredAt);
  assert.ok(changed.request.type === 'draw' && first.request.type === 'draw');
  assert.notEqual(changed.request.vialId, first.request.vialId);
});

test('after acknowledgement (no pending entry) the same form is a new entry', () => {
  const make = generators();
  const first = prepareEntry(null, draw, make);
  assert.notEqual(prepareEntry(null, draw, make).request.id, first.request.id);
});

test("a witness signing again keeps the entry's id; the new credentials are the ones sent", () => {
  const make = generators();
  const waste = (password: string, totpCode: string): Extract<EntryBody, { type: 'waste' }> => ({
    type: 'waste',
    vialId: 'v1',
    amountUg: 380_000,
    witness: { email: 'witness@example.test', password, totpCode },
  });
  const first = prepareEntry(null, waste('pw', '111111'), make);
  const retry = prepareEntry(first.pending, waste('pw', '222222'), make);
  assert.equal(retry.request.id, first.request.id);
  assert.equal(retry.request.occurredAt, first.request.occurredAt);
  assert.ok(retry.request.type === 'waste');
  assert.equal(retry.request.witness.totpCode, '222222');
  const other = prepareEntry(first.pending, { ...waste('pw', '222222'), amountUg: 1 }, make);
  assert.notEqual(other.request.id, first.request.id);
});

test('a mistyped number (NaN) still matches itself, so its retry keeps the id', () => {
  const make = generators();
  const count: EntryBody = {
    type: 'count',
    kind: 'end-of-day',
    locationId: 'loc',
    ndc: 'n',
    lot: 'l',
    countedContainers: Number.NaN,
  };
  const first = prepareEntry(null, count, make);
  assert.equal(prepareEntry(first.pending, count, make).request.id, first.request.id);
});

test('a destruction whose two witnesses sign again is the same entry; another witness is not', () => {
  const make = generators();
  const body = (pw: string, second: string): EntryBody =>
    destroyBody({
      lot: 'loc|n|l',
      containers: '1',
      method: 'Denaturing kit',
      witnesses: [
        { email: 'a@example.test', password: pw, totp: '' },
        { email: second, password: pw, totp: '' },
      ],
    });
  const first = prepareEntry(null, body('pw1', 'b@example.test'), make);
  const retry = prepareEntry(first.pending, body('pw2', 'b@example.test'), make);
  assert.equal(retry.request.id, first.request.id);
  assert.ok(retry.request.type === 'destroy');
  assert.equal(retry.request.witnesses[1].password, 'pw2', 'the new signatures are sent');
  const other = prepareEntry(first.pending, body('pw2', 'c@example.test'), make);
  assert.notEqual(other.request.id, first.request.id);
});

test('a DEA report is sent with the time it was filed, not the time it is recorded', () => {
  const make = generators();
  const body: EntryBody = {
    type: 'dea-report',
    countEntryId: 'c1',
    report: 'written-notice',
    reference: 'DEA-0001',
    occurredAt: '2026-11-24T17:05:00.000Z',
  };
  const first = prepareEntry(null, body, make);
  assert.equal(first.request.occurredAt, '2026-11-24T17:05:00.000Z');
  assert.equal(prepareEntry(first.pending, { ...body }, make).request.id, first.request.id);
  const later = prepareEntry(
    first.pending,
    { ...body, occurredAt: '2026-11-24T18:00:00.000Z' },
    make,
  );
  assert.notEqual(later.request.id, first.request.id, 'another filing time is another entry');
  assert.equal(later.request.occurredAt, '2026-11-24T18:00:00.000Z');
});

test('a draw recorded after the fact keeps its typed time; a changed time is a new entry', () => {
  let n = 0;
  const make = { newId: () => `id-${String((n += 1))}`, now: () => '2026-11-25T20:00:00.000Z' };
  const body = {
    type: 'draw' as const,
    locationId: 'loc',
    ndc: '00000-0000-01',
    lot: 'L1',
    sessionId: 'session',
    occurredAt: '2026-11-25T17:05:00.000Z',
  };
  const first = prepareEntry(null, body, make);
  assert.equal(first.request.occurredAt, '2026-11-25T17:05:00.000Z', 'not stamped now');
  const again = prepareEntry(first.pending, body, make);
  assert.equal(again.request.id, first.request.id, 'a retry is the same entry');
  const later = prepareEntry(
    first.pending,
    { ...body, occurredAt: '2026-11-25T17:35:00.000Z' },
    make,
  );
  assert.notEqual(later.request.id, first.request.id, 'another time is another entry');
});
