/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { destroyBody, lotValue, parseLotValue, transferBody } from './stock-entries.ts';

const at = { locationId: 'loc-a', ndc: '12345-6789-01', lot: 'L1' };

test('a lot at a location round-trips through its select value; nothing chosen is empty parts', () => {
  assert.deepEqual(parseLotValue(lotValue(at)), at);
  assert.deepEqual(parseLotValue(''), { locationId: '', ndc: '', lot: '' });
});

const transfer = {
  lot: lotValue(at),
  containers: '2',
  toLocationId: 'loc-b',
  registrantName: 'Other Clinic',
  registrantDea: 'AB1234563',
};

test('a transfer goes to exactly the destination chosen', () => {
  assert.deepEqual(transferBody({ ...transfer, kind: 'location' }), {
    type: 'transfer',
    ndc: at.ndc,
    lot: at.lot,
    fromLocationId: 'loc-a',
    containers: 2,
    toLocationId: 'loc-b',
  });
  const out = transferBody({ ...transfer, kind: 'registrant' });
  assert.deepEqual(out.type === 'transfer' ? out.toRegistrant : null, {
    name: 'Other Clinic',
    deaNumber: 'AB1234563',
  });
  assert.equal(out.type === 'transfer' ? out.toLocationId : 'x', undefined);
  const none = transferBody({ ...transfer, kind: '' });
  assert.equal(none.type === 'transfer' && (none.toLocationId ?? none.toRegistrant), undefined);
});

test('a mistyped number of containers is NaN (the server names the field), never repaired', () => {
  const out = transferBody({ ...transfer, kind: 'location', containers: '2.' });
  assert.ok(out.type === 'transfer' && Number.isNaN(out.containers));
});

test('a destruction carries its method and both witnesses as they signed', () => {
  const out = destroyBody({
    lot: lotValue(at),
    containers: '1',
    method: 'Reverse distributor kit',
    witnesses: [
      { email: 'a@x.test', password: 'p1', totp: '123456' },
      { email: 'b@x.test', password: 'p2', totp: '' },
    ],
  });
  assert.deepEqual(out, {
    type: 'destroy',
    ndc: at.ndc,
    lot: at.lot,
    locationId: 'loc-a',
    containers: 1,
    method: 'Reverse distributor kit',
    witnesses: [
      { email: 'a@x.test', password: 'p1', totpCode: '123456' },
      { email: 'b@x.test', password: 'p2' },
    ],
  });
});
