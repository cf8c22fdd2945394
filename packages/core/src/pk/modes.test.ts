import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildModalModel, mammillaryModes } from './modes.ts';
import { individualParameters, microConstants } from './individual-parameters.ts';
import { resolvePkModel } from './model-catalog.ts';
import type { PkModel } from './model-types.ts';
import type { PkPatient } from './patient.ts';

const adult: PkPatient = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' };

function model(id: string): PkModel {
  const r = resolvePkModel({ id, version: '1.0.0' });
  assert.ok(r.ok);
  return r.value.model;
}

const halfLivesMin = (id: string): number[] =>
  mammillaryModes(microConstants(individualParameters(model(id).data, adult).parent)).rates.map(
    (l) => Math.LN2 / l,
  );

/** |actual - expected| <= half a unit in the last digit the source printed. */
const closeToPrinted = (actual: number, printed: number, decimals: number): void => {
  assert.ok(
    Math.abs(actual - printed) <= 0.5 * 10 ** -decimals + 1e-12,
    `${actual} vs printed ${printed}`,
  );
};

// Golden half-lives: clinical reference 4.1 "Derived quantities" table (computed from the opentiva
// constants [T1]); tolerance = rounding of the printed value.
test('Domino 1982 half-lives match the reference table (0.40, 4.57, 114.6 min)', () => {
  const [a, b, c] = halfLivesMin('ketamine-domino-1982');
  closeToPrinted(a ?? NaN, 0.4, 2);
  closeToPrinted(b ?? NaN, 4.57, 2);
  closeToPrinted(c ?? NaN, 114.6, 1);
});

test('Clements 1981 half-lives match the reference table (17.6, 182.9 min)', () => {
  const [a, b] = halfLivesMin('ketamine-clements-1981');
  closeToPrinted(a ?? NaN, 17.6, 1);
  closeToPrinted(b ?? NaN, 182.9, 1);
});

test('Hijazi 2003: half-lives 16.2 and 296.7 min, terminal 4.9 h as published, clearance 36.0 mL/kg/min', () => {
  const [a, b] = halfLivesMin('ketamine-hijazi-2003');
  closeToPrinted(a ?? NaN, 16.2, 1);
  closeToPrinted(b ?? NaN, 296.7, 1);
  // Hijazi abstract [K3]: t1/2 4.9 (SD 1.6) h, CL 36.0 (13.3) mL/min/kg.
  closeToPrinted((b ?? NaN) / 60, 4.9, 1);
  const p = individualParameters(model('ketamine-hijazi-2003').data, adult).parent;
  closeToPrinted((p.clLPerMin * 1000) / adult.weightKg, 36.0, 1);
});

test('Domino clearance 27.6 mL/kg/min and Vss 2.76 L/kg as in the reference table', () => {
  const p = individualParameters(model('ketamine-domino-1982').data, adult).parent;
  closeToPrinted((p.clLPerMin * 1000) / adult.weightKg, 27.6, 1);
  const vss = p.v1L + p.peripherals.reduce((s, q) => s + q.vL, 0);
  closeToPrinted(vss / adult.weightKg, 2.76, 2);
});

// Flint 2017 derived micro-constants and half-lives: clinical reference table 4.3a (70 kg).
test('Flint 2017 at 70 kg: k10 0.2415, k12 0.4226, k21 0.00599 /min; half-lives 1.0 and 320 min', () => {
  const mc = microConstants(
    individualParameters(model('s-ketamine-flint-2017').data, adult).parent,
  );
  closeToPrinted(mc.k10PerMin, 0.2415, 4);
  closeToPrinted(mc.peripherals[0]?.k1pPerMin ?? NaN, 0.4226, 4);
  closeToPrinted(mc.peripherals[0]?.kp1PerMin ?? NaN, 0.00599, 5);
  const [a, b] = halfLivesMin('s-ketamine-flint-2017');
  closeToPrinted(a ?? NaN, 1.0, 1);
  closeToPrinted(b ?? NaN, 320, 0);
});

test('Herd 2007 allometry: CL scales with (WT/70)^0.75 and V1 with WT/70', () => {
  const data = model('ketamine-herd-2007').data;
  const child = individualParameters(data, { ...adult, weightKg: 35, ageYears: 9 }).parent;
  const ref = individualParameters(data, adult).parent;
  // Herd typical values at 70 kg [K4]: CL 90 L/h, V1 38.7 L.
  assert.ok(Math.abs(ref.clLPerMin * 60 - 90) < 1e-12);
  assert.ok(Math.abs(ref.v1L - 38.7) < 1e-12);
  assert.ok(Math.abs(child.clLPerMin / ref.clLPerMin - 0.5 ** 0.75) < 1e-12);
  assert.ok(Math.abs(child.v1L / ref.v1L - 0.5) < 1e-12);
});

const arbitraryMicro = fc.record({
  v1L: fc.double({ min: 1, max: 200, noNaN: true }),
  k10PerMin: fc.double({ min: 1e-3, max: 2, noNaN: true }),
  k12: fc.double({ min: 1e-3, max: 2, noNaN: true }),
  k21: fc.double({ min: 1e-3, max: 2, noNaN: true }),
  k13: fc.double({ min: 1e-3, max: 2, noNaN: true }),
  k31: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
  peripherals: fc.integer({ min: 0, max: 2 }),
});

test('modes: roots satisfy the characteristic polynomial, C(0) = 1/V1 and AUC = 1/CL (mass balance)', () => {
  fc.assert(
    fc.property(arbitraryMicro, (a) => {
      const peripherals = [
        { k1pPerMin: a.k12, kp1PerMin: a.k21 },
        { k1pPerMin: a.k13, kp1PerMin: a.k31 },
      ].slice(0, a.peripherals);
      const { rates, coefs } = mammillaryModes({ v1L: a.v1L, k10PerMin: a.k10PerMin, peripherals });
      const sumA = coefs.reduce((s, c) => s + c, 0);
      assert.ok(Math.abs(sumA * a.v1L - 1) < 1e-9, `C(0) V1 = ${sumA * a.v1L}`);
      const auc = coefs.reduce((s, c, i) => s + c / (rates[i] ?? NaN), 0);
      assert.ok(
        Math.abs(auc * a.k10PerMin * a.v1L - 1) < 1e-8,
        `AUC CL = ${auc * a.k10PerMin * a.v1L}`,
      );
      for (const l of rates) assert.ok(l > 0 && Number.isFinite(l));
    }),
    { seed: 20261125, numRuns: 2000 },
  );
});

test('effect-site coefficients sum to zero (Ce(0) = 0) and metabolite AUC = fm x dose / CLm', () => {
  const m = model('s-ketamine-flint-2017');
  const p = individualParameters(m.data, adult);
  const modal = buildModalModel(p);
  assert.ok(modal.ok);
  const { rates, effect, metabolite } = modal.value;
  assert.ok(effect && metabolite && p.metabolite);
  const sumE = effect.reduce((s, c) => s + c, 0);
  assert.ok(Math.abs(sumE) < 1e-9 * Math.abs(effect[0] ?? 1));
  const aucMgMinPerL = metabolite.reduce((s, c, j) => s + c / (rates[j] ?? NaN), 0) / 1000;
  const expected = p.metabolite.fractionFormed / p.metabolite.clLPerMin;
  assert.ok(Math.abs(aucMgMinPerL / expected - 1) < 1e-9, `${aucMgMinPerL} vs ${expected}`);
});

test('coincident rates are rejected, not approximated', () => {
  const p = individualParameters(model('ketamine-herd-2007').data, adult);
  const l = mammillaryModes(microConstants(p.parent)).rates[1] ?? NaN;
  const r = buildModalModel({ ...p, ke0PerMin: l });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'pk.coincident-rates');
});
