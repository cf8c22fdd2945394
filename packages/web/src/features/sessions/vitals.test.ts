/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseVitals } from './vitals.ts';

test('typed vitals: plain numbers read as typed, empty ones left out, anything else sent as NaN', () => {
  const vitals = parseVitals({
    systolicBpMmHg: '1.2e2',
    diastolicBpMmHg: ' 80 ',
    heartRateBpm: '0x48',
    spo2Percent: '98.',
    respiratoryRatePerMin: '14',
    etco2MmHg: '',
  });
  assert.equal(vitals.diastolicBpMmHg, 80);
  assert.equal(vitals.respiratoryRatePerMin, 14);
  assert.equal('etco2MmHg' in vitals, false, 'an empty optional vital is not sent');
  for (const key of ['systolicBpMmHg', 'heartRateBpm', 'spo2Percent']) {
    assert.ok(Number.isNaN(vitals[key]), `${key} is refused, never read as a number`);
  }
  assert.equal(
    JSON.stringify(vitals.heartRateBpm),
    'null',
    'JSON sends it as null for the server to name',
  );
});
