import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRateChange } from './rate-change.ts';
import { NEURO, doseInput } from './dose-fixtures.test-support.ts';
import type { DoseCalculation, RateChangeInput } from './dose-types.ts';

const base = doseInput();
const change = (
  newRate: RateChangeInput['newRate'],
  extra: Partial<RateChangeInput> = {},
): DoseCalculation => {
  const r = checkRateChange({ ...base, newRate, remainingMin: 120, ...extra });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const codes = (r: DoseCalculation): string[] =>
  r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);

test('a mL/h change at pump resolution is checked as typed: 21 mL/h at 1 mg/mL, 70 kg = 0.3 mg/kg/h', () => {
  const r = change({ value: 21, unit: 'mL/h' });
  assert.equal(r.status, 'ok');
  assert.equal(r.pump.roundedMlPerH, 21);
  assert.equal(r.dose.delivered, 0.3);
  assert.equal(r.session.doseMg, 42);
});

test('a typed rate above the hourly cap is blocked (not silently reduced) during a running session', () => {
  const r = change({ value: 26, unit: 'mg/h' });
  assert.equal(r.status, 'blocked');
  assert.ok(codes(r).includes('dose.above-rate-cap'));
  assert.equal(change({ value: 25, unit: 'mg/h' }).status, 'ok', 'the cap itself is allowed');
});

test('dose limits apply to the new rate: 28 mg/h = 0.4 mg/kg/h at 70 kg reaches the soft max … and the cap blocks it', () => {
  const r = change({ value: 0.4, unit: 'mg/kg/h' });
  assert.ok(codes(r).includes('dose.above-soft-limit'));
  assert.ok(codes(r).includes('dose.above-rate-cap'));
  assert.equal(r.status, 'blocked');
});

test('cumulative caps account for what was given: 60 mg given, 24.5 mg/h for 120 min would exceed 100 mg', () => {
  const r = change(
    { value: 24.5, unit: 'mL/h' },
    { alreadyGivenMg: { session: 60, day: 60, course: 60 } },
  );
  assert.equal(r.status, 'blocked');
  const f = r.findings.find((x) => x.code === 'dose.above-session-cap');
  assert.ok(f);
  assert.match(f.message, /at most 97 min remain/);
  assert.equal(
    change(
      { value: 24.5, unit: 'mL/h' },
      { alreadyGivenMg: { session: 60, day: 60, course: 60 }, remainingMin: 97 },
    ).status,
    'ok',
  );
});

test('mL/h finer than the pump resolution, 0, or mg/kg/h on a mg/h protocol are rejected, never rounded', () => {
  const fine = checkRateChange({
    ...base,
    newRate: { value: 21.05, unit: 'mL/h' },
    remainingMin: 60,
  });
  assert.ok(!fine.ok);
  assert.equal(fine.error.code, 'dose.too-many-decimals');
  const zero = checkRateChange({ ...base, newRate: { value: 0, unit: 'mL/h' }, remainingMin: 60 });
  assert.ok(!zero.ok);
  assert.equal(zero.error.field, 'newRate.value');
  const perKg = checkRateChange({
    ...base,
    protocol: NEURO,
    newRate: { value: 0.2, unit: 'mg/kg/h' },
    remainingMin: 60,
  });
  assert.ok(!perKg.ok);
  assert.equal(perKg.error.code, 'dose.unit-mismatch');
});

test('after the planned time (0 min remaining) a rate is still checked: the caps against what was given', () => {
  const after = change({ value: 14, unit: 'mL/h' }, { remainingMin: 0 });
  assert.equal(after.status, 'ok', 'a lower rate can be recorded once no planned time remains');
  assert.equal(after.session.doseMg, 0, 'nothing more is projected');
  const over = change(
    { value: 14, unit: 'mL/h' },
    { alreadyGivenMg: { session: 101, day: 101, course: 101 }, remainingMin: 0 },
  );
  assert.equal(over.status, 'blocked', 'a session total already above its cap is still reported');
  assert.ok(codes(over).includes('dose.cap-reached'));
  const negative = checkRateChange({
    ...base,
    newRate: { value: 14, unit: 'mL/h' },
    remainingMin: -1,
  });
  assert.ok(!negative.ok);
  assert.equal(negative.error.field, 'remainingMin');
});
