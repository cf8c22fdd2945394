/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProtocolSummary } from '@ketaflow/contract';
import type { z } from 'zod';
import { concentrationOptions, emptyDraft, protocolOptions, toInput } from './order-draft.ts';

// A fictional protocol summary as the server lists it (the numbers are not clinical guidance).
const protocol: z.infer<typeof ProtocolSummary> = {
  ref: { id: 'test-protocol', version: '1.0.0' },
  status: 'released',
  title: 'Test protocol',
  indication: 'test',
  doseBasis: 'mg/kg/h',
  typicalDose: 0.5,
  sessionDurationMin: 240,
  phases: [{ name: 'induction', sessionCount: 5, maxSessionsPerDay: 1 }],
  standardConcentrationsMgPerMl: [0.16, 1],
  customConcentration: { allowed: false, hardMinMgPerMl: 0.1, hardMaxMgPerMl: 2 },
};

test('a new order chooses neither the session nor the concentration for the prescriber', () => {
  const draft = emptyDraft();
  assert.equal(draft.sessionNumber, '', 'no session number guessed');
  assert.equal(draft.concentration, '', 'not the first library concentration');
  const options = concentrationOptions(protocol);
  assert.deepEqual(options[0], { value: '', label: 'Choose the concentration' });
  assert.deepEqual(
    options.slice(1).map((o) => o.value),
    ['0.16', '1'],
    'every library concentration is offered after the empty choice',
  );
  assert.ok(Number.isNaN(toInput(draft, protocol).concentration.mgPerMl), 'nothing is filled in');
});

test('a new course starts on "Choose the protocol", then every protocol as id@version', () => {
  const options = protocolOptions([protocol]);
  assert.deepEqual(options[0], { value: '', label: 'Choose the protocol' });
  assert.equal(options[1]?.value, 'test-protocol@1.0.0');
  assert.equal(options.length, 2);
});
