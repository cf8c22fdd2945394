/**
 * Golden cases from the cited regimens (tolerance: exact, the calculator uses exact arithmetic and
 * each expected value is computed by hand from the paper's regimen), the T-28 boundary table, and
 * input rejection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateDose } from './calculate-dose.ts';
import { buildDosingKnowledge, shippedDosingKnowledge } from './registry.ts';
import { shippedBodySize } from '../body/body-size-knowledge.ts';
import { CRPS, FIBRO, NEURO, TITRATION, doseInput } from './dose-fixtures.test-support.ts';
import type { DoseCalculation, DoseInput } from './dose-types.ts';
import library from '../../knowledge/drug-library/ketamine-racemic-iv@1.0.0.json' with { type: 'json' };
import neuroFile from '../../knowledge/protocols/neuropathic-pain-amr@1.0.0.json' with { type: 'json' };

const calc = (input: DoseInput): DoseCalculation => {
  const r = calculateDose(input);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const codes = (r: DoseCalculation): string[] =>
  r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);

test('golden, Schwartzman 2009: 0.35 mg/kg/h × 70 kg = 24.5 mg/h; 4 h at 1 mg/mL = 98 mg, 98 mL', () => {
  const r = calc(doseInput());
  assert.equal(r.status, 'ok');
  assert.equal(r.rate.deliveredMgPerH, 24.5);
  assert.equal(r.pump.unroundedMlPerH, 24.5);
  assert.equal(r.pump.roundedMlPerH, 24.5);
  assert.deepEqual(r.session, { durationMin: 240, doseMg: 98, volumeMl: 98 });
  assert.deepEqual(r.knowledge, [CRPS, { id: 'ketamine-racemic-iv', version: '1.0.0' }]);
  assert.ok(r.formula.includes('rate = 0.35 mg/kg/h × 70 kg = 24.5 mg/h'));
});

test('golden, Schwartzman 2009: 80 kg → 28 mg/h capped at 25 mg/h; session 100 mg (the trial maximum)', () => {
  const r = calc(doseInput({ patient: { weightKg: 80, heightCm: 180, sex: 'male' } }));
  assert.equal(r.status, 'ok');
  assert.equal(r.rate.orderedMgPerH, 28);
  assert.equal(r.rate.cappedMgPerH, 25);
  assert.equal(r.pump.roundedMlPerH, 25);
  assert.equal(r.session.doseMg, 100);
  assert.ok(r.findings.some((f) => f.code === 'dose.rate-capped'));
  assert.ok(
    r.limitsApplied.some((l) => l.name === 'dosing.rateCapMgPerH' && l.outcome === 'capped'),
  );
});

test('exactness: 0.35 × 66 kg is 23.1 mg/h (floating point 23.099999999999998 would round down to 23.0 mL/h)', () => {
  assert.notEqual(0.35 * 66, 23.1);
  const r = calc(doseInput({ patient: { weightKg: 66, heightCm: 170, sex: 'female' } }));
  assert.equal(r.pump.roundedMlPerH, 23.1);
});

test('rounding toward safety: 24.5 mg/h at 0.16 mg/mL = 153.125 mL/h → 153.1 mL/h, delivering 24.496 mg/h', () => {
  const r = calc(doseInput({ concentration: { mgPerMl: 0.16, source: 'library' } }));
  assert.equal(r.pump.unroundedMlPerH, 153.125);
  assert.equal(r.pump.roundedMlPerH, 153.1);
  assert.equal(r.rate.deliveredMgPerH, 24.496);
  assert.ok(r.rate.deliveredMgPerH <= r.rate.cappedMgPerH);
});

test('golden, Amr 2010: 16 mg/h for 5 h at 0.16 mg/mL = 100 mL/h, 80 mg in 500 mL', () => {
  const r = calc(
    doseInput({ protocol: NEURO, concentration: { mgPerMl: 0.16, source: 'library' } }),
  );
  assert.equal(r.status, 'ok');
  assert.equal(r.dosingWeight, null);
  assert.equal(r.pump.roundedMlPerH, 100);
  assert.deepEqual(r.session, { durationMin: 300, doseMg: 80, volumeMl: 500 });
});

test('golden, Graven-Nielsen 2000 (via review table): 0.3 mg/kg over 30 min at 70 kg = 42 mg/h, 21 mg', () => {
  const r = calc(doseInput({ protocol: FIBRO }));
  assert.equal(r.status, 'ok');
  assert.equal(r.rate.deliveredMgPerH, 42);
  assert.equal(r.session.doseMg, 21);
});

test('golden, titration start (Goldberg 2010): 10 mg/h for 4 h = 40 mg', () => {
  const r = calc(doseInput({ protocol: TITRATION }));
  assert.equal(r.rate.deliveredMgPerH, 10);
  assert.equal(r.session.doseMg, 40);
});

test('course cap (Schwartzman: 10 × 100 mg = 1,000 mg) counts doses already given; the cap itself is allowed', () => {
  const atCap = calc(
    doseInput({
      patient: { weightKg: 80, heightCm: 180, sex: 'male' },
      alreadyGivenMg: { session: 0, day: 0, course: 900 },
    }),
  );
  assert.equal(atCap.status, 'ok');
  assert.equal(atCap.totalsAfterMg.course, 1000);
  const over = calc(
    doseInput({
      patient: { weightKg: 80, heightCm: 180, sex: 'male' },
      alreadyGivenMg: { session: 0, day: 0, course: 900.1 },
    }),
  );
  assert.equal(over.status, 'blocked');
  const finding = over.findings.find((f) => f.code === 'dose.above-course-cap');
  assert.ok(finding);
  assert.match(finding.message, /900\.1 mg already given this course/);
  assert.match(finding.message, /at most 239 min remain/);
  const reached = calc(doseInput({ alreadyGivenMg: { session: 0, day: 100, course: 100 } }));
  assert.ok(codes(reached).includes('dose.cap-reached'));
});

test('a derived weight scalar is recorded with the body-size knowledge and rounded down to 0.1 kg', () => {
  const ffmProtocol = structuredClone(neuroFile) as Record<string, unknown> & {
    data: { dosing: Record<string, unknown> };
  };
  Object.assign(ffmProtocol, { id: 'ffm-test' });
  Object.assign(ffmProtocol.data.dosing, {
    basis: 'mg/kg/h',
    weightScalar: 'fat-free',
    typicalDose: 0.2,
    limits: { hardMin: 0.05, softMin: 0.1, softMax: 0.4, hardMax: 1 },
  });
  const k = buildDosingKnowledge({
    protocols: [ffmProtocol],
    drugLibraries: [library],
    bodySize: shippedBodySize,
  });
  assert.ok(k.ok, k.ok ? '' : k.error.message);
  const r = calculateDose(
    doseInput({
      protocol: { id: 'ffm-test', version: '1.0.0' },
      patient: { weightKg: 140, heightCm: 175, sex: 'male' },
    }),
    k.value,
  );
  assert.ok(r.ok);
  // clinical.md section 5: man 140 kg / 175 cm → Janmahasatian FFM 78.4 kg (to nearest; exactly
  // 78.397…); the dosing weight is rounded down, toward the lower dose: 78.3 kg.
  assert.equal(r.value.dosingWeight?.weightKg, 78.3);
  assert.equal(r.value.dosingWeight.scalar, 'fat-free');
  assert.ok(r.value.knowledge.some((ref) => ref.id === 'body-size-scalars'));
});

test('T-28 boundary table: every dose limit of every protocol at the limit and ±1 entry increment', () => {
  for (const protocol of shippedDosingKnowledge.protocols) {
    const { limits, basis } = protocol.dosing;
    const inc = basis === 'mg/kg/h' ? 0.001 : 0.1;
    const at = (value: number): DoseCalculation =>
      calc(
        doseInput({
          protocol: protocol.ref,
          orderedDose: { value: Number(value.toFixed(3)), unit: basis },
          plannedDurationMin: 30,
          concentration: { mgPerMl: 1, source: 'library' },
        }),
      );
    const row = (value: number, expected: DoseCalculation['status'], label: string): void => {
      assert.equal(at(value).status, expected, `${protocol.ref.id} ${label} = ${value} ${basis}`);
    };
    row(limits.hardMax + inc, 'blocked', 'hardMax + 1');
    row(limits.hardMax, 'blocked', 'hardMax');
    row(limits.hardMax - inc, 'needs-override-reason', 'hardMax − 1');
    row(limits.softMax + inc, 'needs-override-reason', 'softMax + 1');
    row(limits.softMax, 'needs-override-reason', 'softMax');
    row(limits.softMax - inc, 'ok', 'softMax − 1');
    row(limits.softMin + inc, 'ok', 'softMin + 1');
    row(limits.softMin, 'ok', 'softMin');
    row(limits.softMin - inc, 'needs-override-reason', 'softMin − 1');
    row(limits.hardMin, 'needs-override-reason', 'hardMin');
    row(limits.hardMin - inc, 'blocked', 'hardMin − 1');
    assert.equal(
      calc(
        doseInput({
          protocol: protocol.ref,
          orderedDose: { value: limits.softMax, unit: basis },
          plannedDurationMin: 30,
          overrideReason: '  tolerated before ',
        }),
      ).status,
      'ok',
      'a reason clears a soft limit',
    );
  }
});

test('T-28 boundary table: weight, cumulative caps and concentration limits', () => {
  const weight = (kg: number): string =>
    calc(doseInput({ patient: { weightKg: kg, heightCm: 175, sex: 'female' } })).status;
  assert.deepEqual([29.9, 30, 39.9, 40, 149.9, 150, 249.9, 250].map(weight), [
    'blocked',
    'needs-override-reason',
    'needs-override-reason',
    'ok',
    'ok',
    'needs-override-reason',
    'needs-override-reason',
    'blocked',
  ]);
  const day = (given: number): string =>
    calc(doseInput({ alreadyGivenMg: { session: 0, day: given, course: given } })).status;
  assert.deepEqual(
    [1.9, 2, 2.1].map(day),
    ['ok', 'ok', 'blocked'],
    '98 mg + given vs the 100 mg day cap',
  );
  const conc = (mgPerMl: number, source: 'library' | 'custom'): string =>
    calc(doseInput({ concentration: { mgPerMl, source } })).status;
  assert.equal(conc(0.5, 'library'), 'blocked', 'not a library concentration');
  assert.deepEqual(
    [0.09, 0.1, 0.11].map((c) => conc(c, 'custom')),
    ['blocked', 'ok', 'ok'],
    'custom hard minimum 0.1 mg/mL',
  );
  assert.deepEqual(
    [9.99, 10, 10.01].map((c) => conc(c, 'custom')),
    ['ok', 'ok', 'blocked'],
    'custom hard maximum 10 mg/mL',
  );
});

test('T-28 boundary table: pump maximum and a rate that rounds to 0 mL/h', () => {
  const small = structuredClone(library);
  small.data.pump = { rateDecimals: 0, maxRateMlPerH: 100 };
  const k = buildDosingKnowledge({
    protocols: [neuroFile],
    drugLibraries: [small],
    bodySize: shippedBodySize,
  });
  assert.ok(k.ok);
  const at = (mgPerH: number, mgPerMl: number): DoseCalculation => {
    const r = calculateDose(
      doseInput({
        protocol: NEURO,
        orderedDose: { value: mgPerH, unit: 'mg/h' },
        plannedDurationMin: 30,
        concentration: { mgPerMl, source: 'custom' },
      }),
      k.value,
    );
    assert.ok(r.ok);
    return r.value;
  };
  assert.equal(at(10, 0.1).status, 'ok', '100 mL/h is the pump maximum, allowed');
  assert.equal(at(10.1, 0.1).status, 'blocked', '101 mL/h');
  assert.ok(codes(at(10.1, 0.1)).includes('dose.above-pump-maximum'));
  const zero = at(8, 10);
  assert.equal(zero.pump.roundedMlPerH, 0);
  assert.ok(codes(zero).includes('dose.rate-rounds-to-zero'));
});

test('malformed input is rejected with the field named, never repaired', () => {
  const fail = (input: DoseInput): [string, string | undefined] => {
    const r = calculateDose(input);
    assert.ok(!r.ok);
    return [r.error.code, r.error.field];
  };
  assert.deepEqual(
    fail(doseInput({ protocol: { id: 'crps-outpatient-schwartzman', version: '9.9.9' } })),
    ['dose.unknown-protocol', 'protocol'],
  );
  assert.deepEqual(fail(doseInput({ patient: { weightKg: 0, heightCm: 175, sex: 'female' } })), [
    'dose.invalid-input',
    'patient.weightKg',
  ]);
  assert.deepEqual(
    fail(doseInput({ patient: { weightKg: Number.NaN, heightCm: 175, sex: 'female' } })),
    ['dose.invalid-input', 'patient.weightKg'],
  );
  assert.deepEqual(
    fail(doseInput({ patient: { weightKg: 70.25, heightCm: 175, sex: 'female' } })),
    ['dose.too-many-decimals', 'patient.weightKg'],
  );
  assert.deepEqual(fail(doseInput({ concentration: { mgPerMl: -1, source: 'library' } })), [
    'dose.invalid-input',
    'concentration.mgPerMl',
  ]);
  assert.deepEqual(fail(doseInput({ orderedDose: { value: 24.5, unit: 'mg/h' } })), [
    'dose.unit-mismatch',
    'orderedDose.unit',
  ]);
  assert.deepEqual(fail(doseInput({ orderedDose: { value: 0.3333, unit: 'mg/kg/h' } })), [
    'dose.too-many-decimals',
    'orderedDose.value',
  ]);
  assert.deepEqual(fail(doseInput({ alreadyGivenMg: { session: 50, day: 20, course: 100 } })), [
    'dose.inconsistent-given',
    'alreadyGivenMg',
  ]);
  assert.deepEqual(fail(doseInput({ plannedDurationMin: 0 })), [
    'dose.invalid-input',
    'plannedDurationMin',
  ]);
  assert.deepEqual(
    fail(doseInput({ patient: { weightKg: 70, heightCm: 175, sex: 'x' as 'male' } })),
    ['dose.invalid-input', 'patient.sex'],
  );
  const long = calc(doseInput({ plannedDurationMin: 241 }));
  assert.ok(codes(long).includes('dose.duration-above-protocol'));
});
