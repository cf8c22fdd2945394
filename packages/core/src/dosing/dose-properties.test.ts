/**
 * T-30 property tests (fast-check, fixed seed) and T-33 out-by-10 / unit-swap mutations of the
 * golden cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calculateDose } from './calculate-dose.ts';
import { checkRateChange } from './rate-change.ts';
import { weightNeedsReconfirmation } from './weight-reconfirmation.ts';
import { findProtocol, shippedDosingKnowledge } from './registry.ts';
import { CRPS, FIBRO, NEURO, TITRATION, doseInput } from './dose-fixtures.test-support.ts';
import type { DoseCalculation, DoseInput } from './dose-types.ts';

const SEED = 20261125;
const protocols = shippedDosingKnowledge.protocols;
const library = shippedDosingKnowledge.drugLibraries[0]!;

/** Random well-formed inputs over every shipped protocol, inside and outside every limit. */
const anyInput: fc.Arbitrary<DoseInput> = fc
  .record({
    p: fc.integer({ min: 0, max: protocols.length - 1 }),
    weightDeci: fc.integer({ min: 200, max: 3000 }),
    heightCm: fc.integer({ min: 110, max: 240 }),
    sex: fc.constantFrom('female' as const, 'male' as const),
    conc: fc.oneof(
      fc
        .constantFrom(...library.standardConcentrationsMgPerMl)
        .map((mgPerMl) => ({ mgPerMl, source: 'library' as const })),
      fc
        .integer({ min: 5, max: 1200 })
        .map((c) => ({ mgPerMl: c / 100, source: 'custom' as const })),
    ),
    doseMilli: fc.integer({ min: 1, max: 3000 }),
    doseDeci: fc.integer({ min: 1, max: 1000 }),
    useTypical: fc.boolean(),
    given: fc.tuple(
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 2000 }),
      fc.integer({ min: 0, max: 20000 }),
    ),
    durationMin: fc.integer({ min: 1, max: 300 }),
  })
  .map((r) => {
    const protocol = protocols[r.p]!;
    const [a, b, c] = [...r.given].sort((x, y) => x - y) as [number, number, number];
    const perKg = protocol.dosing.basis === 'mg/kg/h';
    return {
      protocol: protocol.ref,
      patient: { weightKg: r.weightDeci / 10, heightCm: r.heightCm, sex: r.sex },
      concentration: r.conc,
      alreadyGivenMg: { session: a / 10, day: b / 10, course: c / 10 },
      ...(r.useTypical
        ? {}
        : {
            orderedDose: perKg
              ? { value: r.doseMilli / 1000, unit: 'mg/kg/h' as const }
              : { value: r.doseDeci / 10, unit: 'mg/h' as const },
          }),
      plannedDurationMin: r.durationMin,
    };
  });

const run = (input: DoseInput): DoseCalculation => {
  const r = calculateDose(input);
  if (!r.ok) throw new Error(`unexpected rejection ${r.error.code}: ${r.error.message}`);
  return r.value;
};

const numbers = (r: DoseCalculation): number[] => [
  r.dose.ordered,
  r.dose.delivered,
  r.rate.orderedMgPerH,
  r.rate.cappedMgPerH,
  r.rate.deliveredMgPerH,
  r.pump.unroundedMlPerH,
  r.pump.roundedMlPerH,
  r.session.durationMin,
  r.session.doseMg,
  r.session.volumeMl,
  r.totalsAfterMg.session,
  r.totalsAfterMg.day,
  r.totalsAfterMg.course,
  ...r.limitsApplied.map((l) => l.actual),
];

test('T-30 (1): 100,000 random inputs — every number finite and ≥ 0, never a zero rate when allowed', () => {
  fc.assert(
    fc.property(anyInput, (input) => {
      const r = run(input);
      return (
        numbers(r).every((x) => Number.isFinite(x) && x >= 0) &&
        (r.blocked || r.pump.roundedMlPerH > 0)
      );
    }),
    { seed: SEED, numRuns: 100_000 },
  );
});

test('T-30 (2): whatever is not blocked is below the hard maximum, the caps and the pump maximum, after rounding', () => {
  fc.assert(
    fc.property(anyInput, (input) => {
      const r = run(input);
      const p = findProtocol(input.protocol)!;
      if (r.blocked) return true;
      const cap = p.dosing.rateCapMgPerH ?? Number.POSITIVE_INFINITY;
      return (
        r.dose.delivered < p.dosing.limits.hardMax &&
        r.dose.ordered < p.dosing.limits.hardMax &&
        r.rate.deliveredMgPerH <= cap &&
        r.pump.roundedMlPerH <= library.pump.maxRateMlPerH &&
        r.pump.roundedMlPerH <= r.pump.unroundedMlPerH &&
        r.totalsAfterMg.session <= p.caps.sessionMaxMg &&
        r.totalsAfterMg.day <= p.caps.dayMaxMg &&
        r.totalsAfterMg.course <= p.caps.courseMaxMg
      );
    }),
    { seed: SEED, numRuns: 10_000 },
  );
});

test('T-30 (3): monotonic — more weight never lowers the rate; a higher concentration never raises mL/h', () => {
  fc.assert(
    fc.property(
      anyInput,
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 1, max: 500 }),
      (input, dw, dc) => {
        const heavier = {
          ...input,
          patient: {
            ...input.patient,
            weightKg: (Math.round(input.patient.weightKg * 10) + dw) / 10,
          },
        };
        const stronger = {
          ...input,
          concentration: {
            mgPerMl: (Math.round(input.concentration.mgPerMl * 100) + dc) / 100,
            source: 'custom' as const,
          },
        };
        const [a, b, c] = [run(input), run(heavier), run(stronger)];
        return (
          b.rate.deliveredMgPerH >= a.rate.deliveredMgPerH &&
          c.pump.roundedMlPerH <= a.pump.roundedMlPerH
        );
      },
    ),
    { seed: SEED, numRuns: 5_000 },
  );
});

test('T-30 (4, 7): pump rate agrees with an independent integer reference; delivered is within one pump step below the order', () => {
  fc.assert(
    fc.property(anyInput, (input) => {
      const r = run(input);
      const p = findProtocol(input.protocol)!;
      // Independent reference in scaled integers: dose in 0.001, weight in 0.1 kg, concentration in 0.01 mg/mL.
      const dose = input.orderedDose?.value ?? p.dosing.typicalDose;
      const perKg = p.dosing.basis === 'mg/kg/h';
      let mgPerHe4 = perKg
        ? Math.round(dose * 1000) * Math.round(input.patient.weightKg * 10)
        : Math.round(dose * 10) * 1000;
      if (p.dosing.rateCapMgPerH !== null)
        mgPerHe4 = Math.min(mgPerHe4, p.dosing.rateCapMgPerH * 10_000);
      const concE2 = Math.round(input.concentration.mgPerMl * 100);
      const mlPerHe1 = Math.floor((mgPerHe4 * 10) / (concE2 * 100));
      const step = input.concentration.mgPerMl / 10;
      const gap = r.rate.cappedMgPerH - r.rate.deliveredMgPerH;
      return Math.round(r.pump.roundedMlPerH * 10) === mlPerHe1 && gap >= 0 && gap < step + 1e-9;
    }),
    { seed: SEED, numRuns: 10_000 },
  );
});

test('T-30 (5, 6): mcg/kg/min ≡ 60/1000 × mg/kg/h gives identical output; the same input gives byte-identical output', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 400, max: 1500 }),
      (k, wDeci) => {
        const mgPerKgPerH = (k * 6) / 100; // 0.06 … 6 mg/kg/h, exactly k mcg/kg/min
        const base = doseInput({ patient: { weightKg: wDeci / 10, heightCm: 170, sex: 'male' } });
        const a = run({ ...base, orderedDose: { value: mgPerKgPerH, unit: 'mg/kg/h' } });
        const b = run({ ...base, orderedDose: { value: k, unit: 'ug/kg/min' } });
        const strip = (r: DoseCalculation): string => JSON.stringify({ ...r, inputs: null });
        return strip(a) === strip(b) && JSON.stringify(run(base)) === JSON.stringify(run(base));
      },
    ),
    { seed: SEED, numRuns: 2_000 },
  );
});

test('library rule (T-33): for every protocol soft max < 10 × typical dose, and typical < soft max < hard max', () => {
  for (const p of protocols) {
    const { typicalDose, limits } = p.dosing;
    assert.ok(
      limits.softMax < 10 * typicalDose,
      `${p.ref.id}: soft max ${limits.softMax} ≥ 10 × ${typicalDose}`,
    );
    assert.ok(typicalDose < limits.softMax && limits.softMax < limits.hardMax, p.ref.id);
  }
});

test('T-33 mutations of each golden case: ×10 at least alerts; ÷10, ×1000, ×60 and weight ×10/÷10 are blocked or rejected', () => {
  const goldens: DoseInput[] = [
    doseInput(),
    doseInput({ protocol: FIBRO }),
    doseInput({ protocol: NEURO, concentration: { mgPerMl: 0.16, source: 'library' } }),
    doseInput({ protocol: TITRATION }),
  ];
  for (const golden of goldens) {
    const p = findProtocol(golden.protocol)!;
    const typical = p.dosing.typicalDose;
    const unit = p.dosing.basis;
    const status = (input: DoseInput): string => {
      const r = calculateDose(input);
      return r.ok ? r.value.status : 'rejected';
    };
    const id = p.ref.id;
    assert.equal(status(golden), 'ok', `${id} golden`);
    assert.notEqual(
      status({ ...golden, orderedDose: { value: typical * 10, unit } }),
      'ok',
      `${id} ×10`,
    );
    assert.ok(
      ['blocked', 'rejected', 'needs-override-reason'].includes(
        status({ ...golden, orderedDose: { value: Number((typical / 10).toFixed(3)), unit } }),
      ),
      `${id} ÷10`,
    );
    for (const factor of [1000, 60]) {
      assert.ok(
        ['blocked', 'rejected'].includes(
          status({ ...golden, orderedDose: { value: typical * factor, unit } }),
        ),
        `${id} ×${factor}`,
      );
    }
    assert.ok(
      ['blocked', 'rejected'].includes(
        status({ ...golden, orderedDose: { value: Number((typical / 60).toFixed(3)), unit } }),
      ),
      `${id} ÷60`,
    );
    assert.equal(
      status({ ...golden, patient: { ...golden.patient, weightKg: 700 } }),
      'blocked',
      `${id} weight ×10`,
    );
    assert.equal(
      status({ ...golden, patient: { ...golden.patient, weightKg: 7 } }),
      'blocked',
      `${id} weight ÷10`,
    );
    assert.equal(
      status({
        ...golden,
        concentration: { mgPerMl: golden.concentration.mgPerMl * 10, source: 'library' },
      }),
      'blocked',
      `${id} bag ×10`,
    );
  }
});

test('T-33 unit swaps: mg/h order on a mg/kg/h protocol is rejected; mL/h value typed as mg/h is blocked', () => {
  const swapped = calculateDose(doseInput({ orderedDose: { value: 24.5, unit: 'mg/h' } }));
  assert.ok(!swapped.ok);
  assert.equal(swapped.error.code, 'dose.unit-mismatch');
  // 41.7 vs 4.17-style wrong field: at 0.16 mg/mL the pump runs 153.1 mL/h; typed into the mg/h field it is far above every limit.
  const wrongField = checkRateChange({
    ...doseInput({ concentration: { mgPerMl: 0.16, source: 'library' } }),
    newRate: { value: 153.1, unit: 'mg/h' },
    remainingMin: 60,
  });
  assert.ok(wrongField.ok);
  assert.equal(wrongField.value.status, 'blocked');
});

test('T-33/T-34 kg↔lb: 154 "kg" for a patient last weighed at 70 kg is flagged', () => {
  const crps = findProtocol(CRPS)!;
  const r = weightNeedsReconfirmation({
    protocol: crps,
    current: { weightKg: 154, measuredOn: '2026-11-25' },
    previous: { weightKg: 70, measuredOn: '2026-11-01' },
    today: '2026-11-25',
  });
  assert.ok(r.ok);
  assert.equal(r.value.needsReconfirmation, true);
  assert.notEqual(
    run(doseInput({ patient: { weightKg: 154, heightCm: 175, sex: 'female' } })).status,
    'ok',
    'the library soft weight range also flags 154 kg',
  );
});

test('T-30 (2) for rate changes: a running-session rate that is not blocked stays under every hard limit', () => {
  const change = fc.record({
    input: anyInput,
    unit: fc.constantFrom('mL/h' as const, 'mg/h' as const),
    tenths: fc.integer({ min: 1, max: 5000 }),
    remainingMin: fc.integer({ min: 1, max: 300 }),
  });
  fc.assert(
    fc.property(change, ({ input, unit, tenths, remainingMin }) => {
      const r = checkRateChange({ ...input, newRate: { value: tenths / 10, unit }, remainingMin });
      if (!r.ok) return r.error.code === 'dose.unit-mismatch';
      const v = r.value;
      const p = findProtocol(input.protocol)!;
      if (v.blocked) return true;
      return (
        v.dose.delivered < p.dosing.limits.hardMax &&
        v.rate.deliveredMgPerH <= (p.dosing.rateCapMgPerH ?? Number.POSITIVE_INFINITY) &&
        v.pump.roundedMlPerH <= library.pump.maxRateMlPerH &&
        v.totalsAfterMg.day <= p.caps.dayMaxMg &&
        v.totalsAfterMg.course <= p.caps.courseMaxMg &&
        v.session.durationMin <= p.sessionDurationMin
      );
    }),
    { seed: SEED, numRuns: 5_000 },
  );
});
