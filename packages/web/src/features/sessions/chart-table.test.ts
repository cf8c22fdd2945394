/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe } from './chart-table.tsx';

const LA = 'America/Los_Angeles';

test('an adverse event shows its rescue drug, dose with unit, route and time given', () => {
  const text = describe(
    'adverse-event',
    {
      type: 'agitation',
      severity: 'moderate',
      action: 'Paused',
      endedAt: '2026-11-25T18:20:00.000Z',
      rescue: [
        {
          medication: 'midazolam',
          dose: 1.5,
          doseUnit: 'mg',
          route: 'IV',
          givenAt: '2026-11-25T18:06:00.000Z',
        },
      ],
    },
    LA,
  );
  assert.equal(
    text,
    'agitation (moderate), ended 2026-11-25 10:20 PST: Paused · Rescue: Midazolam 1.5 mg IV at 2026-11-25 10:06 PST',
  );
});

test('vitals carry their units; an alarm reads as words with units', () => {
  assert.equal(
    describe(
      'vitals',
      { vitals: { systolicBpMmHg: 124, spo2Percent: 97, respiratoryRatePerMin: 8 } },
      LA,
    ),
    'SBP 124 mmHg · SpO2 97 % · RR 8 /min',
  );
  assert.equal(
    describe(
      'alarm',
      {
        ruleId: 'rr-low',
        field: 'respiratoryRatePerMin',
        value: 8,
        comparison: 'below',
        threshold: 10,
      },
      LA,
    ),
    'Respiratory rate 8 /min, below 10 /min (rule rr-low)',
  );
});
