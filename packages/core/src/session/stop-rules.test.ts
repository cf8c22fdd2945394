import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateStopRules, type StopRule } from './stop-rules.ts';

const source = { id: 'test-protocol', version: '1.0.0' };
// Thresholds as in the Cleveland Clinic ED protocol (Mo 2020, clinical.md 3.1): SBP > 180, HR > 150, RR < 10.
const rules: StopRule[] = [
  {
    id: 'sbp-high',
    field: 'systolicBpMmHg',
    comparison: 'above',
    threshold: 180,
    action: 'pause',
    source,
  },
  {
    id: 'hr-high',
    field: 'heartRateBpm',
    comparison: 'above',
    threshold: 150,
    action: 'pause',
    source,
  },
  {
    id: 'rr-low',
    field: 'respiratoryRatePerMin',
    comparison: 'below',
    threshold: 10,
    action: 'stop',
    source,
  },
  {
    id: 'spo2-low',
    field: 'spo2Percent',
    comparison: 'at-or-below',
    threshold: 90,
    action: 'stop',
    source,
  },
  {
    id: 'rass-deep',
    field: 'rass',
    comparison: 'at-or-below',
    threshold: -3,
    action: 'notify',
    source,
  },
  {
    id: 'etco2-high',
    field: 'etco2MmHg',
    comparison: 'at-or-above',
    threshold: 50,
    action: 'notify',
    source,
  },
];

test('systolic 181 crosses "above 180" and names rule, value, threshold and action; 180 does not', () => {
  const r = evaluateStopRules(
    { systolicBpMmHg: 181, heartRateBpm: 80, respiratoryRatePerMin: 14, spo2Percent: 97 },
    rules,
  );
  assert.ok(r.ok);
  assert.deepEqual(r.value.alarms, [
    {
      ruleId: 'sbp-high',
      field: 'systolicBpMmHg',
      value: 181,
      comparison: 'above',
      threshold: 180,
      action: 'pause',
      source,
    },
  ]);
  assert.equal(r.value.requiredAction, 'pause');
  const at = evaluateStopRules({ systolicBpMmHg: 180 }, rules);
  assert.ok(at.ok);
  assert.equal(at.value.alarms.length, 0);
  assert.equal(at.value.requiredAction, 'none');
});

test('inclusive comparisons fire at the threshold; strict ones do not', () => {
  const r = evaluateStopRules(
    { spo2Percent: 90, respiratoryRatePerMin: 10, etco2MmHg: 50, rass: -3 },
    rules,
  );
  assert.ok(r.ok);
  assert.deepEqual(r.value.alarms.map((a) => a.ruleId).sort(), [
    'etco2-high',
    'rass-deep',
    'spo2-low',
  ]);
});

test('alarms come most severe first and the required action is the most severe', () => {
  const r = evaluateStopRules({ systolicBpMmHg: 200, respiratoryRatePerMin: 6, rass: -4 }, rules);
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.alarms.map((a) => a.action),
    ['stop', 'pause', 'notify'],
  );
  assert.equal(r.value.requiredAction, 'stop');
});

test('rules whose field is not charted are listed as not evaluated', () => {
  const r = evaluateStopRules({ systolicBpMmHg: 120 }, rules);
  assert.ok(r.ok);
  assert.deepEqual(r.value.notEvaluated, [
    'hr-high',
    'rr-low',
    'spo2-low',
    'rass-deep',
    'etco2-high',
  ]);
});

test('a rule that could never fire (NaN threshold) is refused', () => {
  const r = evaluateStopRules({ systolicBpMmHg: 300 }, [{ ...rules[0]!, threshold: Number.NaN }]);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'stop-rule.invalid');
  assert.equal(r.error.field, 'stopRules[0]');
});
