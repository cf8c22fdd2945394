import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightNeedsReconfirmation } from './weight-reconfirmation.ts';
import { findProtocol } from './registry.ts';
import { CRPS } from './dose-fixtures.test-support.ts';

const protocol = findProtocol(CRPS)!;
const check = (
  currentKg: number,
  previousKg: number | null,
  measuredOn = '2026-11-20',
  today = '2026-11-25',
) => {
  const r = weightNeedsReconfirmation({
    protocol,
    current: { weightKg: currentKg, measuredOn },
    previous: previousKg === null ? null : { weightKg: previousKg, measuredOn: '2026-10-01' },
    today,
  });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};

test('change boundary (T-34, 10 %): 77 kg after 70 kg passes (exactly 10 %), 77.1 kg is flagged', () => {
  assert.equal(check(77, 70).needsReconfirmation, false);
  assert.equal(check(63, 70).needsReconfirmation, false);
  assert.equal(check(77.1, 70).needsReconfirmation, true);
  assert.equal(check(62.9, 70).needsReconfirmation, true);
  assert.equal(check(70, null).changePercent, null);
});

test('age boundary: a weight 30 days old passes, 31 days old is flagged (protocol maxAgeDays 30)', () => {
  assert.equal(check(70, 70, '2026-10-26').ageDays, 30);
  assert.equal(check(70, 70, '2026-10-26').needsReconfirmation, false);
  const old = check(70, 70, '2026-10-25');
  assert.equal(old.needsReconfirmation, true);
  assert.match(old.reasons[0] ?? '', /31 days old/);
  assert.deepEqual(old.source, CRPS);
});

test('bad dates and weights are rejected with the field', () => {
  const bad = (current: string, today: string, kg = 70): string | undefined => {
    const r = weightNeedsReconfirmation({
      protocol,
      current: { weightKg: kg, measuredOn: current },
      previous: null,
      today,
    });
    return r.ok ? undefined : r.error.field;
  };
  assert.equal(bad('2026-02-30', '2026-03-01'), 'current.measuredOn');
  assert.equal(bad('2026-11-20', '25/11/2026'), 'today');
  assert.equal(bad('2026-11-26', '2026-11-25'), 'current.measuredOn');
  assert.equal(bad('2026-11-20', '2026-11-25', 0), 'current.weightKg');
});
