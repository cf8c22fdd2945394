import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from './random.ts';
import { iivSampler, simulatePopulation, type PopulationInput } from './population.ts';
import { resolvePkModel } from './model-catalog.ts';

const child = { weightKg: 32.5, heightCm: 135, ageYears: 8, sex: 'female' as const };
const herdBolus: PopulationInput = {
  model: { id: 'ketamine-herd-2007' },
  patient: child,
  boluses: [{ atMin: 0, doseMg: 32.5 }],
  infusions: [],
  untilMin: 60,
  stepMin: 5,
  patients: 20_000,
  percentiles: [5, 50, 95],
  targetRange: { output: 'plasma', lowNgPerMl: 500, highNgPerMl: 2000, fromMin: 0, toMin: 0 },
};

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7), for analytic expectations. */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

test('same seed gives the same population; another seed a different one', () => {
  const a = simulatePopulation({ ...herdBolus, patients: 500 }, createRng(1));
  const b = simulatePopulation({ ...herdBolus, patients: 500 }, createRng(1));
  const c = simulatePopulation({ ...herdBolus, patients: 500 }, createRng(2));
  assert.ok(a.ok && b.ok && c.ok);
  assert.deepEqual(a.value.bands, b.value.bands);
  assert.notDeepEqual(a.value.bands, c.value.bands);
});

// Analytic check: right after a bolus Cp(0) = D / V1, and V1 is log-normal with Herd's 64 % CV,
// so the p-th percentile of Cp(0) is D / (V1_typ * exp(-z_p * omega)) and the probability of
// 500 <= Cp(0) <= 2000 ng/mL is a difference of normal CDFs. Sampling tolerance at n = 20,000.
test('Herd 2007: percentiles of Cp(0) and P(in range) match the log-normal V1 distribution', () => {
  const r = simulatePopulation(herdBolus, createRng(20261125));
  assert.ok(r.ok);
  const omega = Math.sqrt(Math.log(1 + 0.64 ** 2));
  const v1 = 38.7 * (child.weightKg / 70); // Herd V1 38.7 L/70 kg, volumes scale linearly with weight
  const c0 = (32.5 / v1) * 1000;
  const z = { 5: -1.6448536, 50: 0, 95: 1.6448536 } as const;
  for (const band of r.value.bands) {
    const zp = z[band.percentile as 5 | 50 | 95];
    const expected = c0 * Math.exp(zp * omega);
    const got = band.plasmaNgPerMl[0] ?? NaN;
    assert.ok(Math.abs(got / expected - 1) < 0.03, `P${band.percentile}: ${got} vs ${expected}`);
  }
  const lnc = Math.log(c0);
  const p = phi((Math.log(2000) - lnc) / omega) - phi((Math.log(500) - lnc) / omega);
  const se = Math.sqrt((p * (1 - p)) / herdBolus.patients);
  assert.ok(
    Math.abs((r.value.probabilityInRange ?? NaN) - p) < 5 * se,
    `${r.value.probabilityInRange} vs ${p}`,
  );
});

test('Flint 2017 sampler: log-multipliers have the published omegas and correlation 0.506', () => {
  const m = resolvePkModel({ id: 's-ketamine-flint-2017' });
  assert.ok(m.ok);
  const sampler = iivSampler(m.value.model.data);
  assert.ok(sampler.ok);
  const rng = createRng(99);
  const n = 50_000;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = sampler.value(rng);
    a.push(Math.log(s.cl ?? NaN));
    b.push(Math.log(s.metaboliteCl ?? NaN));
  }
  const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  const sa = Math.sqrt(mean(a.map((v) => (v - ma) ** 2)));
  const sb = Math.sqrt(mean(b.map((v) => (v - mb) ** 2)));
  const r = mean(a.map((v, i) => (v - ma) * ((b[i] ?? NaN) - mb))) / (sa * sb);
  // Flint Table 3 via nlmixr2lib: CV 40.2 % and 104 % -> omega 0.3869 and 0.8563; r = 0.506.
  assert.ok(Math.abs(sa - 0.38685) < 0.01);
  assert.ok(Math.abs(sb - 0.85631) < 0.015);
  assert.ok(Math.abs(r - 0.506) < 0.02);
});

test('models without published variability refuse population simulation; bad counts are rejected', () => {
  const { targetRange: _range, ...noRange } = herdBolus;
  const noIiv = simulatePopulation(
    { ...noRange, model: { id: 'ketamine-domino-1982', version: '1.0.0' } },
    createRng(1),
  );
  assert.ok(!noIiv.ok && noIiv.error.code === 'pk.no-iiv');
  for (const patients of [0, 1.5, 100_001]) {
    const r = simulatePopulation({ ...herdBolus, patients }, createRng(1));
    assert.ok(!r.ok && r.error.field === 'patients');
  }
  const effectRange = simulatePopulation(
    { ...herdBolus, targetRange: { ...herdBolus.targetRange!, output: 'effect' } },
    createRng(1),
  );
  assert.ok(!effectRange.ok && effectRange.error.field === 'targetRange.output');
});

test('percentile bands are ordered and every value finite and non-negative', () => {
  const r = simulatePopulation(
    {
      ...herdBolus,
      model: { id: 's-ketamine-flint-2017' },
      boluses: [],
      infusions: [{ startMin: 0, durationMin: 240, rateMgPerH: 20 }],
      untilMin: 300,
      stepMin: 1,
      patients: 2000,
      percentiles: [5, 25, 50, 75, 95],
      targetRange: { output: 'effect', lowNgPerMl: 10, highNgPerMl: 400, fromMin: 30, toMin: 240 },
    },
    createRng(5),
  );
  assert.ok(r.ok);
  const { bands } = r.value;
  for (const key of ['plasmaNgPerMl', 'effectNgPerMl', 'metaboliteNgPerMl'] as const)
    for (let k = 0; k < r.value.timesMin.length; k++)
      for (let i = 0; i < bands.length; i++) {
        const v = bands[i]?.[key]?.[k] ?? NaN;
        assert.ok(Number.isFinite(v) && v >= 0);
        if (i > 0) assert.ok(v >= (bands[i - 1]?.[key]?.[k] ?? NaN));
      }
  const p = r.value.probabilityInRange ?? NaN;
  assert.ok(p >= 0 && p <= 1);
});

test('untrusted JSON shapes are rejected with the field named', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...herdBolus, boluses: 'none' }, 'boluses'],
    [{ ...herdBolus, patient: { ...child, sex: 'x' } }, 'patient.sex'],
    [{ ...herdBolus, percentiles: 50 }, 'percentiles'],
    [{ ...herdBolus, percentiles: [50, 5] }, 'percentiles.1'],
    [{ ...herdBolus, targetRange: 'wide' }, 'targetRange'],
  ];
  for (const [input, field] of cases) {
    const r = simulatePopulation(input as unknown as PopulationInput, createRng(1));
    assert.ok(!r.ok, field);
    assert.equal(r.error.field, field);
  }
});
