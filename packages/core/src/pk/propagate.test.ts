import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePlan, outputTimes, type DosingPlan, type OutputGrid } from './dosing-plan.ts';
import { stateSpace, zohStep } from './dense-reference.ts';
import { individualParameters, type IndividualParameters } from './individual-parameters.ts';
import { resolvePkModel } from './model-catalog.ts';
import { buildModalModel } from './modes.ts';
import type { PkPatient } from './patient.ts';
import { propagate } from './propagate.ts';
import { SIX_MODES } from './pk-fixtures.test-support.ts';

const adult: PkPatient = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' };
const MODEL_IDS = [
  'ketamine-domino-1982',
  'ketamine-clements-1981',
  'ketamine-hijazi-2003',
  'ketamine-herd-2007',
  's-ketamine-flint-2017',
];

function params(id: string, patient: PkPatient = adult): IndividualParameters {
  const r = resolvePkModel({ id, version: '1.0.0' });
  assert.ok(r.ok);
  return individualParameters(r.value.model.data, patient);
}

interface Series {
  plasma: Float64Array;
  effect: Float64Array | null;
  metabolite: Float64Array | null;
}

function modal(p: IndividualParameters, plan: DosingPlan, grid: OutputGrid): Series {
  const m = buildModalModel(p);
  assert.ok(m.ok);
  const compiled = compilePlan(plan, grid);
  const n = compiled.outputCount;
  const sinks = {
    plasma: new Float64Array(n),
    effect: m.value.effect ? new Float64Array(n) : null,
    metabolite: m.value.metabolite ? new Float64Array(n) : null,
  };
  propagate(m.value, compiled, { ...sinks, offset: 0 });
  return sinks;
}

/** Second method: dense state-space model, exact ZOH by matrix exponential, stepping event to event. */
function dense(p: IndividualParameters, plan: DosingPlan, grid: OutputGrid): Series {
  const ss = stateSpace(p);
  const times = outputTimes(grid);
  const end = times[times.length - 1] ?? 0;
  const events = new Set<number>(times);
  for (const b of plan.boluses) events.add(b.atMin);
  for (const f of plan.infusions) events.add(f.startMin).add(f.startMin + f.durationMin);
  const sorted = [...events].filter((t) => t <= end).sort((a, b) => a - b);
  const x = new Array<number>(ss.b.length).fill(0);
  const out: Series = {
    plasma: new Float64Array(times.length),
    effect: ss.effectIndex >= 0 ? new Float64Array(times.length) : null,
    metabolite: ss.metaboliteIndex >= 0 ? new Float64Array(times.length) : null,
  };
  let t = 0;
  let k = 0;
  for (const te of sorted) {
    if (te > t) {
      const mid = (t + te) / 2;
      const rate = plan.infusions
        .filter((f) => f.startMin <= mid && mid < f.startMin + f.durationMin)
        .reduce((s, f) => s + f.rateMgPerH / 60, 0);
      const { phi, gamma } = zohStep(ss, te - t);
      const next = phi.map(
        (row, i) => row.reduce((s, v, j) => s + v * (x[j] ?? 0), 0) + (gamma[i] ?? 0) * rate,
      );
      next.forEach((v, i) => (x[i] = v));
      t = te;
    }
    for (const b of plan.boluses) if (b.atMin === te) x[0] = (x[0] ?? 0) + b.doseMg;
    if (times[k] === te) {
      out.plasma[k] = (x[0] ?? 0) * ss.plasmaScale;
      if (out.effect) out.effect[k] = (x[ss.effectIndex] ?? 0) * 1000;
      if (out.metabolite) out.metabolite[k] = (x[ss.metaboliteIndex] ?? 0) * ss.metaboliteScale;
      k++;
    }
  }
  return out;
}

/** Max relative difference, ignoring points below 1e-9 of the series peak (relative error is meaningless at 0). */
function maxRelDiff(a: Float64Array, b: Float64Array): number {
  const peak = Math.max(...b);
  let worst = 0;
  b.forEach((ref, i) => {
    const d = Math.abs((a[i] ?? NaN) - ref);
    worst = Math.max(worst, Math.abs(ref) > 1e-9 * peak ? d / Math.abs(ref) : d / peak);
  });
  return worst;
}

// A CRPS-style plan with off-grid events: loading bolus, stepped infusion, a rescue bolus, then washout.
const plan: DosingPlan = {
  boluses: [
    { atMin: 0, doseMg: 17.5 },
    { atMin: 97.3, doseMg: 5 },
  ],
  infusions: [
    { startMin: 0, durationMin: 60, rateMgPerH: 17.5 },
    { startMin: 60, durationMin: 180.5, rateMgPerH: 24.5 },
    { startMin: 150.25, durationMin: 20, rateMgPerH: 10 },
  ],
};
const grid: OutputGrid = { untilMin: 360, stepMin: 1.5 };

for (const id of MODEL_IDS)
  test(`${id}: modal engine agrees with dense matrix-exponential reference to 1e-6 relative`, () => {
    const p = params(id);
    const a = modal(p, plan, grid);
    const b = dense(p, plan, grid);
    assert.ok(maxRelDiff(a.plasma, b.plasma) < 1e-6, `plasma ${maxRelDiff(a.plasma, b.plasma)}`);
    assert.equal(a.effect === null, b.effect === null);
    if (a.effect && b.effect)
      assert.ok(maxRelDiff(a.effect, b.effect) < 1e-6, `effect ${maxRelDiff(a.effect, b.effect)}`);
    assert.equal(a.metabolite === null, b.metabolite === null);
    if (a.metabolite && b.metabolite)
      assert.ok(
        maxRelDiff(a.metabolite, b.metabolite) < 1e-6,
        `metabolite ${maxRelDiff(a.metabolite, b.metabolite)}`,
      );
  });

test('generic (more than four modes) path agrees with the dense reference: 3 compartments + ke0 + 2-compartment metabolite', () => {
  const p = SIX_MODES;
  const a = modal(p, plan, grid);
  const b = dense(p, plan, grid);
  assert.ok(maxRelDiff(a.plasma, b.plasma) < 1e-6);
  assert.ok(a.effect && b.effect && maxRelDiff(a.effect, b.effect) < 1e-6);
  assert.ok(a.metabolite && b.metabolite && maxRelDiff(a.metabolite, b.metabolite) < 1e-6);
});

// ---- properties (fast-check, fixed seed) ----

const arbPlan = fc.record({
  boluses: fc.array(
    fc.record({
      atMin: fc.double({ min: 0, max: 300, noNaN: true }),
      doseMg: fc.double({ min: 0.01, max: 100, noNaN: true }),
    }),
    { maxLength: 3 },
  ),
  infusions: fc.array(
    fc.record({
      startMin: fc.double({ min: 0, max: 300, noNaN: true }),
      durationMin: fc.double({ min: 0.01, max: 300, noNaN: true }),
      rateMgPerH: fc.double({ min: 0, max: 100, noNaN: true }),
    }),
    { maxLength: 3 },
  ),
});
const arbPatient = fc.record({
  weightKg: fc.double({ min: 3, max: 250, noNaN: true }),
  heightCm: fc.constant(170),
  ageYears: fc.constant(40),
  sex: fc.constant<'male'>('male'),
});
const arbModel = fc.constantFrom(...MODEL_IDS);
const arbGrid = fc.record({
  untilMin: fc.double({ min: 1, max: 600, noNaN: true }),
  stepMin: fc.double({ min: 0.5, max: 30, noNaN: true }),
});
const seed = 20261125;

const allSeries = (s: Series): Float64Array[] =>
  [s.plasma, s.effect, s.metabolite].filter((x): x is Float64Array => x !== null);

test('property: concentrations are finite and never negative', () => {
  fc.assert(
    fc.property(arbModel, arbPatient, arbPlan, arbGrid, (id, patient, pl, g) => {
      for (const s of allSeries(modal(params(id, patient), pl, g)))
        for (const v of s) assert.ok(Number.isFinite(v) && v >= 0, `value ${v}`);
    }),
    { seed, numRuns: 300 },
  );
});

test('property: superposition — plan A + plan B gives the sum of their concentrations', () => {
  fc.assert(
    fc.property(arbModel, arbPlan, arbPlan, arbGrid, (id, a, b, g) => {
      const p = params(id);
      const sa = allSeries(modal(p, a, g));
      const sb = allSeries(modal(p, b, g));
      const sab = allSeries(
        modal(
          p,
          { boluses: [...a.boluses, ...b.boluses], infusions: [...a.infusions, ...b.infusions] },
          g,
        ),
      );
      sab.forEach((series, s) => {
        const peak = Math.max(1e-300, ...series);
        series.forEach((v, i) => {
          const sum = (sa[s]?.[i] ?? NaN) + (sb[s]?.[i] ?? NaN);
          assert.ok(Math.abs(v - sum) <= 1e-9 * peak, `${v} vs ${sum}`);
        });
      });
    }),
    { seed, numRuns: 200 },
  );
});

test('property: dose scaling — multiplying every dose and rate by c multiplies concentrations by c', () => {
  fc.assert(
    fc.property(
      arbModel,
      arbPlan,
      arbGrid,
      fc.double({ min: 0.1, max: 10, noNaN: true }),
      (id, a, g, c) => {
        const p = params(id);
        const base = allSeries(modal(p, a, g));
        const scaled = allSeries(
          modal(
            p,
            {
              boluses: a.boluses.map((b) => ({ ...b, doseMg: b.doseMg * c })),
              infusions: a.infusions.map((f) => ({ ...f, rateMgPerH: f.rateMgPerH * c })),
            },
            g,
          ),
        );
        scaled.forEach((series, s) => {
          const peak = Math.max(1e-300, ...series);
          series.forEach((v, i) => {
            assert.ok(Math.abs(v - c * (base[s]?.[i] ?? NaN)) <= 1e-9 * peak);
          });
        });
      },
    ),
    { seed, numRuns: 200 },
  );
});

test('property: steady state — a long constant infusion approaches R / CL and Ce approaches Cp', () => {
  fc.assert(
    fc.property(
      arbModel,
      arbPatient,
      fc.double({ min: 1, max: 100, noNaN: true }),
      (id, patient, rateMgPerH) => {
        const p = params(id, patient);
        const m = buildModalModel(p);
        assert.ok(m.ok);
        const slowest = Math.min(...m.value.rates);
        const until = Math.ceil((60 * Math.LN2) / slowest) * 60; // 60 slowest half-lives
        const s = modal(
          p,
          { boluses: [], infusions: [{ startMin: 0, durationMin: until + 1, rateMgPerH }] },
          { untilMin: until, stepMin: until / 4 },
        );
        const css = (rateMgPerH / 60 / p.parent.clLPerMin) * 1000;
        const last = s.plasma[s.plasma.length - 1] ?? NaN;
        assert.ok(Math.abs(last / css - 1) < 1e-9, `${last} vs ${css}`);
        if (s.effect) assert.ok(Math.abs((s.effect[s.effect.length - 1] ?? NaN) / last - 1) < 1e-9);
      },
    ),
    { seed, numRuns: 100 },
  );
});

test('property: time invariance — shifting the whole plan shifts the curve', () => {
  fc.assert(
    fc.property(arbModel, arbPlan, fc.integer({ min: 1, max: 50 }), (id, raw, shiftSteps) => {
      // Event times on a 1/4-min lattice so that shifting is exact in floating point.
      const q = (t: number): number => Math.round(t * 4) / 4;
      const a = {
        boluses: raw.boluses.map((b) => ({ ...b, atMin: q(b.atMin) })),
        infusions: raw.infusions.map((f) => ({
          ...f,
          startMin: q(f.startMin),
          durationMin: Math.max(0.25, q(f.durationMin)),
        })),
      };
      const p = params(id);
      const g = { untilMin: 400, stepMin: 2 };
      const shift = shiftSteps * g.stepMin;
      const base = modal(p, a, g).plasma;
      const moved = modal(
        p,
        {
          boluses: a.boluses.map((b) => ({ ...b, atMin: b.atMin + shift })),
          infusions: a.infusions.map((f) => ({ ...f, startMin: f.startMin + shift })),
        },
        g,
      ).plasma;
      const peak = Math.max(1e-300, ...base);
      for (let i = shiftSteps; i < moved.length; i++)
        assert.ok(Math.abs((moved[i] ?? NaN) - (base[i - shiftSteps] ?? NaN)) <= 1e-9 * peak);
    }),
    { seed, numRuns: 100 },
  );
});

test('an output at the time of a bolus includes it: C(0) = dose / V1', () => {
  const p = params('ketamine-domino-1982');
  const s = modal(
    p,
    { boluses: [{ atMin: 0, doseMg: 35 }], infusions: [] },
    { untilMin: 1, stepMin: 1 },
  );
  // Domino V1 = 0.063 L/kg x 70 kg = 4.41 L (clinical reference 4.1): 35 mg -> 7936.5 ng/mL.
  assert.ok(Math.abs((s.plasma[0] ?? NaN) - (35 / 4.41) * 1000) < 1e-9);
  assert.equal(s.effect?.[0], 0);
});

test('property: no NaN or Infinity over 100,000 random patients, parameter draws and plans', () => {
  const models = MODEL_IDS.map((id) => {
    const r = resolvePkModel({ id, version: '1.0.0' });
    assert.ok(r.ok);
    return r.value.model.data;
  });
  const mult = fc.double({ min: 0.05, max: 20, noNaN: true });
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: models.length - 1 }),
      fc.double({ min: 0.5, max: 300, noNaN: true }),
      fc.record({ cl: mult, v1: mult, q2: mult, v2: mult, ke0: mult, metaboliteCl: mult }),
      fc.double({ min: 0, max: 500, noNaN: true }),
      fc.double({ min: 0, max: 5000, noNaN: true }),
      fc.double({ min: 0.1, max: 60, noNaN: true }),
      (mi, weightKg, m, doseMg, rateMgPerH, atMin) => {
        const data = models[mi];
        assert.ok(data);
        const p = individualParameters(data, { ...adult, weightKg }, m);
        const model = buildModalModel(p);
        if (!model.ok) {
          assert.equal(model.error.code, 'pk.coincident-rates');
          return;
        }
        const plan: DosingPlan = {
          boluses: doseMg > 0 ? [{ atMin, doseMg }] : [],
          infusions: [{ startMin: 0, durationMin: atMin, rateMgPerH }],
        };
        const compiled = compilePlan(plan, { untilMin: 120, stepMin: 30 });
        const sinks = {
          plasma: new Float64Array(5),
          effect: new Float64Array(5),
          metabolite: new Float64Array(5),
          offset: 0,
        };
        propagate(model.value, compiled, {
          ...sinks,
          effect: model.value.effect ? sinks.effect : null,
          metabolite: model.value.metabolite ? sinks.metabolite : null,
        });
        for (const series of [sinks.plasma, sinks.effect, sinks.metabolite])
          for (const v of series) assert.ok(Number.isFinite(v) && v >= 0, `value ${v}`);
      },
    ),
    { seed: 20261125, numRuns: 100_000 },
  );
});
