import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePlan, outputCount, type DosingPlan, type OutputGrid } from './dosing-plan.ts';
import { individualParameters } from './individual-parameters.ts';
import { resolvePkModel } from './model-catalog.ts';
import { buildModalModel, type ModalModel } from './modes.ts';
import { propagate } from './propagate.ts';
import { SIX_MODES } from './pk-fixtures.test-support.ts';

// The kernel's fast paths (precomputed step factors, unrolled loops per output combination, regular
// steps across on-grid events) against the general path: an exact exponential jump for every
// interval between consecutive events and outputs, written independently here.

const adult = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' as const };

interface Series {
  plasma: Float64Array;
  effect: Float64Array | null;
  metabolite: Float64Array | null;
}

function generalPath(model: ModalModel, plan: DosingPlan, grid: OutputGrid): Series {
  const n = outputCount(grid);
  const m = model.rates.length;
  const events = compilePlan(plan, grid);
  const x = new Float64Array(m);
  const jump = (dt: number, rate: number): void => {
    for (let j = 0; j < m; j++) {
      const r = model.rates[j] ?? NaN;
      const e = Math.exp(-r * dt);
      x[j] = (x[j] ?? NaN) * e + (rate * (1 - e)) / r;
    }
  };
  const read = (c: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < m; j++) s += (c[j] ?? NaN) * (x[j] ?? NaN);
    return Math.max(0, s);
  };
  const out: Series = {
    plasma: new Float64Array(n),
    effect: model.effect ? new Float64Array(n) : null,
    metabolite: model.metabolite ? new Float64Array(n) : null,
  };
  let t = 0;
  let rate = 0;
  let ev = 0;
  for (let k = 0; k < n; k++) {
    const tk = k * grid.stepMin;
    // Events up to and including the output time act first (an output at a bolus includes it).
    while (ev < events.eventTimesMin.length && (events.eventTimesMin[ev] ?? NaN) <= tk) {
      const te = events.eventTimesMin[ev] ?? NaN;
      jump(te - t, rate);
      t = te;
      const bolus = events.eventBolusMg[ev] ?? NaN;
      for (let j = 0; j < m; j++) x[j] = (x[j] ?? NaN) + bolus;
      rate = events.rateAfterMgPerMin[ev] ?? NaN;
      ev++;
    }
    jump(tk - t, rate);
    t = tk;
    out.plasma[k] = read(model.plasma);
    if (out.effect && model.effect) out.effect[k] = read(model.effect);
    if (out.metabolite && model.metabolite) out.metabolite[k] = read(model.metabolite);
  }
  return out;
}

function fastPath(model: ModalModel, plan: DosingPlan, grid: OutputGrid): Series {
  const n = outputCount(grid);
  const out: Series = {
    plasma: new Float64Array(n),
    effect: model.effect ? new Float64Array(n) : null,
    metabolite: model.metabolite ? new Float64Array(n) : null,
  };
  propagate(model, compilePlan(plan, grid), { ...out, offset: 0 });
  return out;
}

/** Largest difference relative to the series' peak (relative error is meaningless near 0). */
function peakRelDiff(a: Float64Array, b: Float64Array): number {
  let peak = 0;
  for (const v of b) peak = Math.max(peak, Math.abs(v));
  if (peak === 0) return a.some((v) => v !== 0) ? Infinity : 0;
  let worst = 0;
  b.forEach((v, i) => (worst = Math.max(worst, Math.abs((a[i] ?? NaN) - v) / peak)));
  return worst;
}

// Every loop of the kernel: two modes plasma only (Herd), three and four modes plasma + effect
// (Hijazi, Clements; Domino), four modes with metabolite (Flint), and the generic loop (six modes).
const MODEL_IDS = [
  'ketamine-herd-2007',
  'ketamine-domino-1982',
  'ketamine-hijazi-2003',
  'ketamine-clements-1981',
  's-ketamine-flint-2017',
];
const models: ModalModel[] = [
  ...MODEL_IDS.map((id) => {
    const r = resolvePkModel({ id, version: '1.0.0' });
    assert.ok(r.ok, id);
    return individualParameters(r.value.model.data, adult);
  }),
  SIX_MODES,
].map((p) => {
  const m = buildModalModel(p);
  assert.ok(m.ok, 'model builds');
  return m.value;
});

test('the models cover every loop of the kernel: 2, 3, 4 (with and without metabolite) and 6 modes', () => {
  assert.deepEqual(
    models.map((m) => [m.rates.length, m.effect !== null, m.metabolite !== null]),
    [
      [2, false, false],
      [4, true, false],
      [3, true, false],
      [3, true, false],
      [4, true, true],
      [6, true, true],
    ],
  );
});

test('property: fast path == general path to 1e-12 of the peak over random plans, grids and models', () => {
  // Steps include the 1-s grid of the benchmarks; event times fall on the grid or between outputs.
  const arbCase = fc
    .record({
      model: fc.integer({ min: 0, max: models.length - 1 }),
      stepMin: fc.oneof(
        fc.constantFrom(1 / 60, 0.25, 1, 5),
        fc.double({ min: 0.05, max: 30, noNaN: true }),
      ),
      untilMin: fc.double({ min: 1, max: 300, noNaN: true }),
    })
    .chain((g) => {
      const time = fc.oneof(
        fc.integer({ min: 0, max: Math.floor(300 / g.stepMin) }).map((k) => k * g.stepMin),
        fc.double({ min: 0, max: 300, noNaN: true }),
      );
      return fc.record({
        grid: fc.constant(g),
        boluses: fc.array(
          fc.record({ atMin: time, doseMg: fc.double({ min: 0.01, max: 100, noNaN: true }) }),
          { maxLength: 3 },
        ),
        infusions: fc.array(
          fc.record({
            startMin: time,
            durationMin: fc.oneof(
              fc.integer({ min: 1, max: 100 }).map((k) => k * g.stepMin),
              fc.double({ min: 0.01, max: 300, noNaN: true }),
            ),
            rateMgPerH: fc.double({ min: 0, max: 100, noNaN: true }),
          }),
          { maxLength: 3 },
        ),
      });
    });
  fc.assert(
    fc.property(arbCase, ({ grid: g, boluses, infusions }) => {
      const model = models[g.model];
      assert.ok(model, 'model index in range');
      const grid = { untilMin: g.untilMin, stepMin: g.stepMin };
      const plan = { boluses, infusions };
      const fast = fastPath(model, plan, grid);
      const general = generalPath(model, plan, grid);
      const pairs: [Float64Array | null, Float64Array | null][] = [
        [fast.plasma, general.plasma],
        [fast.effect, general.effect],
        [fast.metabolite, general.metabolite],
      ];
      for (const [a, b] of pairs) {
        assert.equal(a === null, b === null, 'same outputs');
        if (a && b) {
          const d = peakRelDiff(a, b);
          assert.ok(d <= 1e-12, `fast vs general ${d}`);
        }
      }
    }),
    { seed: 20261126, numRuns: 400 },
  );
});
