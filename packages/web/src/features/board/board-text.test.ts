/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardAlarmText, vitalsText } from './board-text.ts';

test('board vitals carry their units', () => {
  assert.equal(
    vitalsText({
      systolicBpMmHg: 120,
      diastolicBpMmHg: 80,
      heartRateBpm: 70,
      spo2Percent: 98,
      respiratoryRatePerMin: 14,
    }),
    'BP 120/80 mmHg, HR 70 /min, SpO2 98 %, RR 14 /min',
  );
  assert.equal(vitalsText({ systolicBpMmHg: 120, etco2MmHg: 38 }), 'SBP 120 mmHg, EtCO2 38 mmHg');
});

test('a board alarm names the value, the threshold and the rule, not only the action', () => {
  const alarm = {
    id: '00000000-0000-4000-8000-000000000001',
    ruleId: 'sbp-high',
    field: 'systolicBpMmHg',
    value: 190,
    comparison: 'above',
    threshold: 180,
    action: 'pause',
  };
  assert.equal(
    boardAlarmText(alarm),
    'Systolic BP 190 mmHg, above 180 mmHg (rule sbp-high): pause',
  );
  assert.equal(
    boardAlarmText({
      ...alarm,
      ruleId: 'rass-deep',
      field: 'rass',
      value: -4,
      comparison: 'at-or-below',
      threshold: -4,
      action: 'stop',
    }),
    'RASS -4, at or below -4 (rule rass-deep): stop',
  );
});
