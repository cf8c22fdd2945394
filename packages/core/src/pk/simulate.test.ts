import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSimulateInput, simulate, type SimulateInput } from './simulate.ts';

const adult = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'female' as const };
const base: SimulateInput = {
  model: { id: 'ketamine-hijazi-2003' },
  patient: adult,
  boluses: [{ atMin: 0, doseMg: 17.5 }],
  infusions: [{ startMin: 0, durationMin: 240, rateMgPerH: 24.5 }],
  untilMin: 300,
  stepMin: 5,
};

test('output shape: model id@version, times, ng/mL series, null where the model has no such output', () => {
  const r = simulate(base);
  assert.ok(r.ok);
  const v = r.value;
  assert.deepEqual(v.model, { id: 'ketamine-hijazi-2003', version: '1.0.0' });
  assert.equal(v.timesMin.length, 61);
  assert.equal(v.timesMin[60], 300);
  assert.equal(v.plasmaNgPerMl.length, 61);
  assert.equal(v.effectNgPerMl?.length, 61);
  assert.equal(v.metaboliteNgPerMl, null);
  // Series are typed arrays; converted to plain arrays (as the CLI does) they survive a JSON round trip.
  assert.ok(v.plasmaNgPerMl instanceof Float64Array, 'plasma is a Float64Array');
  const plain = (_k: string, x: unknown): unknown =>
    x instanceof Float64Array ? Array.from(x) : x;
  const json = JSON.parse(JSON.stringify(v, plain)) as Record<string, unknown>;
  assert.deepEqual(json['plasmaNgPerMl'], Array.from(v.plasmaNgPerMl));
  assert.deepEqual(json['timesMin'], Array.from(v.timesMin));
  assert.deepEqual(json['model'], v.model);
  const herd = simulate({
    ...base,
    model: { id: 'ketamine-herd-2007' },
    patient: { ...adult, ageYears: 9, weightKg: 30 },
  });
  assert.ok(herd.ok);
  assert.equal(herd.value.effectNgPerMl, null);
  const flint = simulate({ ...base, model: { id: 's-ketamine-flint-2017' } });
  assert.ok(flint.ok && flint.value.metaboliteNgPerMl?.length === 61);
});

test('Hijazi: a 0.25 mg/kg bolus gives C(0) = dose / V1 (V1 1.08 L/kg, reference 4.1)', () => {
  const r = simulate({ ...base, boluses: [{ atMin: 0, doseMg: 17.5 }], infusions: [] });
  assert.ok(r.ok);
  assert.ok(Math.abs((r.value.plasmaNgPerMl[0] ?? NaN) - (17.5 / (1.08 * 70)) * 1000) < 1e-9);
});

test('warnings: unknown population range, assumed ke0, paediatric model for an adult, draft model', () => {
  const hijazi = simulate(base);
  assert.ok(hijazi.ok);
  const codes = hijazi.value.warnings.map((w) => w.code);
  assert.ok(codes.includes('pk.validated-range-unknown'));
  assert.ok(codes.includes('pk.ke0-assumed'));
  const herd = simulate({ ...base, model: { id: 'ketamine-herd-2007' } });
  assert.ok(herd.ok);
  const herdCodes = herd.value.warnings.map((w) => w.code);
  assert.ok(herdCodes.includes('pk.paediatric-model-for-adult'));
  assert.ok(herdCodes.includes('pk.outside-validated-range'));
  const child = simulate({
    ...base,
    model: { id: 'ketamine-herd-2007' },
    patient: { ...adult, ageYears: 8, weightKg: 30 },
  });
  assert.ok(child.ok);
  assert.deepEqual(child.value.warnings, []);
  const domino = simulate({ ...base, model: { id: 'ketamine-domino-1982', version: '1.0.0' } });
  assert.ok(domino.ok && domino.value.warnings.some((w) => w.code === 'pk.draft-model'));
  const flint = simulate({ ...base, model: { id: 's-ketamine-flint-2017' } });
  assert.ok(
    flint.ok && flint.value.warnings.some((w) => w.code === 'pk.time-varying-clearance-neglected'),
  );
});

test('model resolution: unknown id, unknown version, draft without version', () => {
  const cases: [SimulateInput['model'], string, string][] = [
    [{ id: 'propofol-marsh' }, 'pk.model-unknown', 'model.id'],
    [{ id: 'ketamine-hijazi-2003', version: '9.9.9' }, 'pk.model-version-unknown', 'model.version'],
    [{ id: 'ketamine-domino-1982' }, 'pk.model-not-released', 'model.version'],
  ];
  for (const [model, code, field] of cases) {
    const r = simulate({ ...base, model });
    assert.ok(!r.ok);
    assert.equal(r.error.code, code);
    assert.equal(r.error.field, field);
  }
});

test('bad values are rejected with the field named, never repaired', () => {
  const cases: [Partial<SimulateInput>, string][] = [
    [{ untilMin: 0 }, 'untilMin'],
    [{ stepMin: -1 }, 'stepMin'],
    [{ stepMin: 1e-6 }, 'stepMin'],
    [{ boluses: [{ atMin: -1, doseMg: 5 }] }, 'boluses.0.atMin'],
    [{ boluses: [{ atMin: 0, doseMg: 0 }] }, 'boluses.0.doseMg'],
    [{ infusions: [{ startMin: 0, durationMin: 0, rateMgPerH: 5 }] }, 'infusions.0.durationMin'],
    [
      { infusions: [{ startMin: 0, durationMin: 10, rateMgPerH: Number.POSITIVE_INFINITY }] },
      'infusions.0.rateMgPerH',
    ],
    [{ patient: { ...adult, weightKg: 0 } }, 'patient.weightKg'],
    [{ patient: { ...adult, ageYears: -1 } }, 'patient.ageYears'],
  ];
  for (const [patch, field] of cases) {
    const r = simulate({ ...base, ...patch });
    assert.ok(!r.ok, field);
    assert.equal(r.error.field, field);
    assert.ok(r.error.message.includes(field));
  }
});

test('parseSimulateInput: untrusted JSON with wrong types is rejected naming the field', () => {
  const json = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  assert.ok(parseSimulateInput(json).ok);
  const cases: [Record<string, unknown>, string][] = [
    [{ ...json, model: 'ketamine' }, 'model.id'],
    [{ ...json, model: { id: 'x', version: 1 } }, 'model.version'],
    [{ ...json, patient: { ...adult, sex: 'f' } }, 'patient.sex'],
    [{ ...json, patient: { ...adult, weightKg: '70' } }, 'patient.weightKg'],
    [{ ...json, boluses: {} }, 'boluses'],
    [{ ...json, boluses: [{ atMin: '0', doseMg: 5 }] }, 'boluses.0.atMin'],
    [{ ...json, infusions: [null] }, 'infusions.0'],
    [{ ...json, untilMin: '300' }, 'untilMin'],
  ];
  for (const [input, field] of cases) {
    const r = parseSimulateInput(input);
    assert.ok(!r.ok, field);
    assert.equal(r.error.field, field);
  }
  assert.ok(!parseSimulateInput(null).ok);
});

test('property: with a per-kg model (Hijazi), a mg/kg plan gives the same concentrations at any weight', () => {
  // V1 and CL both scale linearly with weight in micro-per-kg models, so mg/kg dosing is weight-independent.
  fc.assert(
    fc.property(fc.double({ min: 20, max: 200, noNaN: true }), (weightKg) => {
      const plan = (w: number): SimulateInput => ({
        ...base,
        patient: { ...adult, weightKg: w },
        boluses: [{ atMin: 0, doseMg: 0.35 * w }],
        infusions: [{ startMin: 0, durationMin: 120, rateMgPerH: 0.35 * w }],
      });
      const a = simulate(plan(weightKg));
      const b = simulate(plan(70));
      assert.ok(a.ok && b.ok);
      a.value.plasmaNgPerMl.forEach((v, i) => {
        const ref = b.value.plasmaNgPerMl[i] ?? NaN;
        assert.ok(Math.abs(v - ref) <= 1e-9 * ref);
      });
    }),
    { seed: 20261125, numRuns: 100 },
  );
});

test('simulate() itself rejects JSON of the wrong shape (callers may pass input straight through)', () => {
  const junk = { ...base, boluses: 'none' } as unknown as SimulateInput;
  const r = simulate(junk);
  assert.ok(!r.ok);
  assert.equal(r.error.field, 'boluses');
});
