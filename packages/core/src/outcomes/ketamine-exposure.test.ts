import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ketamineExposure } from './ketamine-exposure.ts';
import { unwrap } from './test-fixtures.ts';

test('sums mg, mg/kg per session weight and sessions (98 mg / 70 kg + 100 mg / 80 kg)', () => {
  const exposure = unwrap(
    ketamineExposure([
      { date: '2026-03-11', doseMg: 100, weightKg: 80 },
      { date: '2026-03-10', doseMg: 98, weightKg: 70 }, // 0.35 mg/kg/h x 4 h (Schwartzman 2009) = 1.4 mg/kg
    ]),
  );
  assert.equal(exposure.sessions, 2);
  assert.equal(exposure.totalMg, 198);
  assert.ok(Math.abs(exposure.totalMgPerKg - (1.4 + 1.25)) < 1e-12);
  assert.equal(exposure.firstDate, '2026-03-10');
  assert.equal(exposure.lastDate, '2026-03-11');
});

test('zero, negative or missing dose and weight are rejected with the field', () => {
  assert.equal(unwrap(ketamineExposure([])).totalMg, 0);
  const dose = ketamineExposure([{ date: '2026-03-10', doseMg: 0, weightKg: 70 }]);
  assert.equal(dose.ok ? '' : dose.error.field, 'sessions[0].doseMg');
  const weight = ketamineExposure([{ date: '2026-03-10', doseMg: 50, weightKg: Number.NaN }]);
  assert.equal(weight.ok ? '' : weight.error.field, 'sessions[0].weightKg');
});

test('property: exposure totals are additive over sessions and never negative (seed 3)', () => {
  const session = fc.record({
    date: fc.constantFrom('2026-01-05', '2026-02-10', '2026-03-15'),
    doseMg: fc.double({ min: 1, max: 500, noNaN: true }),
    weightKg: fc.double({ min: 30, max: 250, noNaN: true }),
  });
  fc.assert(
    fc.property(
      fc.array(session, { maxLength: 20 }),
      fc.array(session, { maxLength: 20 }),
      (a, b) => {
        const ea = unwrap(ketamineExposure(a));
        const eb = unwrap(ketamineExposure(b));
        const both = unwrap(ketamineExposure([...a, ...b]));
        assert.equal(both.sessions, ea.sessions + eb.sessions);
        assert.ok(Math.abs(both.totalMg - (ea.totalMg + eb.totalMg)) < 1e-6);
        assert.ok(Math.abs(both.totalMgPerKg - (ea.totalMgPerKg + eb.totalMgPerKg)) < 1e-9);
        assert.ok(both.totalMgPerKg >= 0);
      },
    ),
    { seed: 3, numRuns: 200 },
  );
});
