import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { predictRelief, type ReliefInput } from './crps-relief.ts';
import { simulate } from '../pk/simulate.ts';

const model = { id: 'crps-relief-dahan-2011', version: '1.0.0' };
const DAY = 1440;

// Dahan 2011 [K9]: C50 10.5 ng/mL, onset/offset half-time 10.9 days.
const constant = (c: number, days: number): ReliefInput['concentration'] => ({
  drug: 's-ketamine',
  timesMin: [0, days * DAY],
  ngPerMl: [c, c],
});

test('onset: at a constant C50, Ce reaches half of C50 after one half-time (10.9 d); relief tends to 1/2', () => {
  const r = predictRelief({
    model,
    concentration: constant(10.5, 400),
    untilDays: 400,
    stepDays: 10.9,
  });
  assert.ok(r.ok);
  // Exact effect-compartment algebra: Ce(t½) = C (1 - 2^-1); tolerance 1e-9 relative.
  assert.ok(Math.abs((r.value.effectNgPerMl[1] ?? NaN) - 10.5 / 2) < 1e-9 * 10.5);
  assert.ok(Math.abs((r.value.effectNgPerMl[2] ?? NaN) - 10.5 * 0.75) < 1e-9 * 10.5);
  // Emax with C50 (Hill 1): relief at Ce = C50 is 1/2; after ~36 half-times Ce = C50 to 1e-10.
  assert.ok(Math.abs((r.value.reliefFraction.at(-1) ?? NaN) - 0.5) < 1e-9);
});

test('offset: after the concentration stops, Ce halves every 10.9 days', () => {
  const r = predictRelief({
    model,
    concentration: constant(40, 5),
    untilDays: 5 + 3 * 10.9,
    stepDays: 10.9 / 2,
  });
  assert.ok(r.ok);
  const at = (day: number): number => {
    const i = r.value.timesDays.findIndex((d) => Math.abs(d - day) < 1e-9);
    return r.value.effectNgPerMl[i] ?? NaN;
  };
  // Day 5 is not on the 5.45-day grid; compare grid points one and two half-times apart instead.
  const a = at(10.9);
  const b = at(21.8);
  const c = at(32.7);
  assert.ok(Math.abs(b / a - 0.5) < 1e-9 && Math.abs(c / b - 0.5) < 1e-9);
});

test('a linear ramp is integrated exactly (agrees with a fine piecewise-constant sum to 1e-6)', () => {
  const ramp: ReliefInput['concentration'] = {
    drug: 's-ketamine',
    timesMin: [0, 10 * DAY],
    ngPerMl: [0, 50],
  };
  const exact = predictRelief({ model, concentration: ramp, untilDays: 10, stepDays: 10 });
  // Second method: forward recursion with tiny piecewise-constant steps (midpoint rule, h = 1 min).
  const k = Math.LN2 / (10.9 * DAY);
  let ce = 0;
  for (let s = 0; s < 10 * DAY; s++) {
    const c = ((s + 0.5) / (10 * DAY)) * 50;
    const e = Math.exp(-k);
    ce = ce * e + c * (1 - e);
  }
  assert.ok(exact.ok);
  assert.ok(Math.abs((exact.value.effectNgPerMl[1] ?? NaN) / ce - 1) < 1e-6);
});

test('a CRPS course (4 h/day for 10 days) builds relief that persists for weeks after the last infusion', () => {
  const infusions = Array.from({ length: 10 }, (_, d) => ({
    startMin: d * DAY,
    durationMin: 240,
    rateMgPerH: 20,
  }));
  const sim = simulate({
    model: { id: 's-ketamine-flint-2017' },
    patient: { weightKg: 30, heightCm: 130, ageYears: 10, sex: 'female' },
    boluses: [],
    infusions,
    untilMin: 10 * DAY,
    stepMin: 5,
  });
  assert.ok(sim.ok);
  const r = predictRelief({
    model,
    concentration: {
      drug: 's-ketamine',
      // predictRelief takes JSON arrays; simulate returns typed arrays.
      timesMin: Array.from(sim.value.timesMin),
      ngPerMl: Array.from(sim.value.plasmaNgPerMl),
    },
    untilDays: 60,
    stepDays: 1,
  });
  assert.ok(r.ok);
  const relief = r.value.reliefFraction;
  const peakDay = relief.indexOf(Math.max(...relief));
  assert.ok(peakDay >= 9 && peakDay <= 11, `peak on day ${peakDay}`);
  assert.ok(
    (relief[40] ?? 0) > 0.25 * (relief[peakDay] ?? 0),
    'relief still present a month after the course',
  );
  assert.ok(r.value.warnings.some((w) => w.code === 'pd.draft-model'));
});

test('property: relief is finite, in [0, 1), and rises with concentration', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.double({ min: 0.01, max: 30, noNaN: true }),
      (c, days) => {
        const lo = predictRelief({
          model,
          concentration: constant(c, days),
          untilDays: days,
          stepDays: days,
        });
        const hi = predictRelief({
          model,
          concentration: constant(c * 1.5 + 1, days),
          untilDays: days,
          stepDays: days,
        });
        assert.ok(lo.ok && hi.ok);
        const a = lo.value.reliefFraction[1] ?? NaN;
        const b = hi.value.reliefFraction[1] ?? NaN;
        assert.ok(a >= 0 && a < 1 && b >= a);
      },
    ),
    { seed: 20261125, numRuns: 300 },
  );
});

test('bad input names the field; racemic concentrations warn; drafts need an explicit version', () => {
  const base: ReliefInput = { model, concentration: constant(10, 1), untilDays: 5, stepDays: 1 };
  const cases: [ReliefInput, string][] = [
    [{ ...base, untilDays: 0 }, 'untilDays'],
    [{ ...base, stepDays: -1 }, 'stepDays'],
    [
      { ...base, concentration: { drug: 's-ketamine', timesMin: [5, 10], ngPerMl: [1, 1] } },
      'concentration.timesMin.0',
    ],
    [
      { ...base, concentration: { drug: 's-ketamine', timesMin: [0, 10], ngPerMl: [1, -1] } },
      'concentration.ngPerMl.1',
    ],
  ];
  for (const [input, field] of cases) {
    const r = predictRelief(input);
    assert.ok(!r.ok && r.error.field === field, field);
  }
  const racemic = predictRelief({
    ...base,
    concentration: { ...base.concentration, drug: 'racemic-ketamine' },
  });
  assert.ok(racemic.ok && racemic.value.warnings.some((w) => w.code === 'pd.drug-mismatch'));
  const noVersion = predictRelief({ ...base, model: { id: model.id } });
  assert.ok(!noVersion.ok && noVersion.error.code === 'pd.model-not-released');
});
