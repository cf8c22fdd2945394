import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calculateMme, type MmeInput, type MmeResult } from './calculate-mme.ts';
import { CDC_2022_MME_FACTORS as table } from './factor-table.ts';

const run = (input: MmeInput): MmeResult => {
  const r = calculateMme(input, table);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const refusal = (input: MmeInput): { code: string; field?: string; message: string } => {
  const r = calculateMme(input, table);
  assert.ok(!r.ok, 'expected a refusal');
  return r.error;
};

// Golden: CDC 2022 guideline (MMWR Recomm Rep 71(RR-3)), worked examples under the MME table,
// as quoted in clinical.md section 6 [M1, V]. Tolerance: exact (1e-9).
test('CDC example: hydrocodone 5 mg four times a day = 20 MME/day', () => {
  const r = run({ medications: [{ drug: 'hydrocodone', doseMg: 5, timesPerDay: 4 }] });
  assert.equal(r.medications[0]!.dailyDose, 20);
  assert.ok(Math.abs(r.totalMmePerDay - 20) < 1e-9);
  assert.deepEqual(r.flags, []);
});

test('CDC example: oxycodone 10 mg twice a day = 20 mg/day = 30 MME/day', () => {
  const r = run({ medications: [{ drug: 'oxycodone', doseMg: 10, timesPerDay: 2 }] });
  assert.equal(r.medications[0]!.dailyDose, 20);
  assert.ok(Math.abs(r.totalMmePerDay - 30) < 1e-9);
});

// Golden: table factors (clinical.md section 6): fentanyl patch 2.4 per mcg/h, methadone 4.7.
test('fentanyl 25 mcg/h patch = 60 MME/day and raises the 50 MME/day flag only', () => {
  const r = run({ medications: [{ drug: 'fentanyl', patchMcgPerH: 25 }] });
  assert.equal(r.medications[0]!.dailyDoseUnit, 'mcg/h');
  assert.ok(Math.abs(r.totalMmePerDay - 60) < 1e-9);
  assert.deepEqual(
    r.flags.map((f) => f.code),
    ['mme.at-or-above-50'],
  );
});

test('methadone uses the single 2022 factor: 10 mg three times a day = 141 MME/day', () => {
  const r = run({ medications: [{ drug: '6813', doseMg: 10, timesPerDay: 3 }] });
  assert.equal(r.medications[0]!.ingredient, 'methadone');
  assert.ok(Math.abs(r.totalMmePerDay - 141) < 1e-9);
  assert.deepEqual(
    r.flags.map((f) => f.code),
    ['mme.at-or-above-50', 'mme.at-or-above-90'],
  );
  assert.match(r.medications[0]!.caution ?? '', /half-life/);
});

test('flags trigger at exactly 50 and 90 MME/day (at or above), not just below', () => {
  // hydromorphone factor 5: 10 mg/day = 50 MME/day; 17.8 mg/day = 89 MME/day; 18 mg/day = 90.
  assert.deepEqual(
    run({ medications: [{ drug: 'hydromorphone', doseMg: 5, timesPerDay: 2 }] }).flags.map(
      (f) => f.code,
    ),
    ['mme.at-or-above-50'],
  );
  assert.deepEqual(
    run({ medications: [{ drug: 'hydromorphone', doseMg: 8.9, timesPerDay: 2 }] }).flags.map(
      (f) => f.code,
    ),
    ['mme.at-or-above-50'],
  );
  assert.deepEqual(
    run({ medications: [{ drug: 'hydromorphone', doseMg: 9, timesPerDay: 2 }] }).flags.map(
      (f) => f.code,
    ),
    ['mme.at-or-above-50', 'mme.at-or-above-90'],
  );
  assert.deepEqual(
    run({ medications: [{ drug: 'morphine', doseMg: 49.9, timesPerDay: 1 }] }).flags,
    [],
  );
});

test('several medications add up and every line keeps its factor; the table id@version is returned', () => {
  const r = run({
    medications: [
      { drug: 'Oxycodone', doseMg: 5, timesPerDay: 4 },
      { drug: 'tramadol', doseMg: 50, timesPerDay: 2 },
      { drug: '2670', doseMg: 30, timesPerDay: 4 },
    ],
  });
  // 20 mg × 1.5 = 30; 100 mg × 0.2 = 20; 120 mg × 0.15 = 18 → 68.
  assert.deepEqual(
    r.medications.map((l) => l.mmePerDay),
    [30, 20, 18],
  );
  assert.equal(r.totalMmePerDay, 68);
  assert.deepEqual(r.factorTable, { id: 'cdc-2022-mme-factors', version: '1.0.0' });
});

test('an empty medication list is 0 MME/day with no flags', () => {
  const r = run({ medications: [] });
  assert.equal(r.totalMmePerDay, 0);
  assert.deepEqual(r.flags, []);
});

test('buprenorphine is refused with its reason, by name in any case', () => {
  const e = refusal({ medications: [{ drug: 'Buprenorphine', doseMg: 8, timesPerDay: 1 }] });
  assert.equal(e.code, 'mme.buprenorphine-excluded');
  assert.equal(e.field, 'medications[0].drug');
  assert.match(e.message, /partial agonist/);
});

test('unknown opioids and non-opioids are refused naming the field; whitespace is not trimmed', () => {
  for (const drug of ['levorphanol', 'ibuprofen', ' oxycodone', '99999', 'ketamine']) {
    const e = refusal({
      medications: [
        { drug: 'morphine', doseMg: 10, timesPerDay: 1 },
        { drug, doseMg: 10, timesPerDay: 1 },
      ],
    });
    assert.equal(e.code, 'mme.unknown-opioid', drug);
    assert.equal(e.field, 'medications[1].drug');
    assert.match(e.message, /oxycodone/);
  }
});

test('bad doses and frequencies are rejected, never repaired', () => {
  const cases: [MmeInput['medications'][number], string, string][] = [
    [{ drug: 'morphine', doseMg: 0, timesPerDay: 1 }, 'mme.invalid-dose', 'doseMg'],
    [{ drug: 'morphine', doseMg: -5, timesPerDay: 1 }, 'mme.invalid-dose', 'doseMg'],
    [{ drug: 'morphine', doseMg: Number.NaN, timesPerDay: 1 }, 'mme.invalid-dose', 'doseMg'],
    [
      { drug: 'morphine', doseMg: Number.POSITIVE_INFINITY, timesPerDay: 1 },
      'mme.invalid-dose',
      'doseMg',
    ],
    [{ drug: 'morphine', timesPerDay: 1 }, 'mme.invalid-dose', 'doseMg'],
    [{ drug: 'morphine', doseMg: 10 }, 'mme.invalid-times-per-day', 'timesPerDay'],
    [{ drug: 'morphine', doseMg: 10, timesPerDay: 0 }, 'mme.invalid-times-per-day', 'timesPerDay'],
    [
      { drug: 'morphine', doseMg: 10, timesPerDay: 2.5 },
      'mme.invalid-times-per-day',
      'timesPerDay',
    ],
    [{ drug: 'morphine', doseMg: 10, timesPerDay: 25 }, 'mme.invalid-times-per-day', 'timesPerDay'],
    [
      { drug: 'morphine', patchMcgPerH: 25, doseMg: 10, timesPerDay: 1 },
      'mme.form-not-covered',
      'patchMcgPerH',
    ],
    [{ drug: 'fentanyl', doseMg: 0.1, timesPerDay: 4 }, 'mme.form-not-covered', 'doseMg'],
    [
      { drug: 'fentanyl', patchMcgPerH: 25, timesPerDay: 1 },
      'mme.patch-times-per-day',
      'timesPerDay',
    ],
    [{ drug: 'fentanyl', patchMcgPerH: 0 }, 'mme.invalid-patch-strength', 'patchMcgPerH'],
    [{ drug: '', doseMg: 10, timesPerDay: 1 }, 'mme.missing-drug', 'drug'],
  ];
  for (const [med, code, field] of cases) {
    const e = refusal({ medications: [med] });
    assert.equal(e.code, code, JSON.stringify(med));
    assert.equal(e.field, `medications[0].${field}`);
  }
});

const drugs = [
  'codeine',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
];
const oralMed = fc.record({
  drug: fc.constantFrom(...drugs),
  doseMg: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  timesPerDay: fc.integer({ min: 1, max: 24 }),
});

test('property: total equals the sum of lines, is finite and non-negative, and order does not matter', () => {
  fc.assert(
    fc.property(fc.array(oralMed, { maxLength: 8 }), (meds) => {
      const r = run({ medications: meds });
      const sum = r.medications.reduce((s, l) => s + l.mmePerDay, 0);
      assert.ok(Number.isFinite(r.totalMmePerDay) && r.totalMmePerDay >= 0);
      assert.ok(Math.abs(r.totalMmePerDay - sum) <= 1e-6 * Math.max(1, sum));
      const reversed = run({ medications: [...meds].reverse() });
      assert.ok(Math.abs(reversed.totalMmePerDay - r.totalMmePerDay) <= 1e-6 * Math.max(1, sum));
    }),
    { seed: 20221104, numRuns: 500 },
  );
});

test('property: MME/day is linear in dose and flags are monotone in the total', () => {
  fc.assert(
    fc.property(oralMed, fc.integer({ min: 2, max: 10 }), (med, k) => {
      const one = run({ medications: [med] });
      const scaled = run({ medications: [{ ...med, doseMg: med.doseMg * k }] });
      const expected = one.medications[0]!.dailyDose * k * one.medications[0]!.factor;
      assert.ok(Math.abs(scaled.totalMmePerDay - expected) <= 1e-6 * Math.max(1, expected));
      assert.ok(scaled.flags.length >= one.flags.length);
    }),
    { seed: 7, numRuns: 500 },
  );
});

test('property (100,000 runs): any numeric input gives either a refusal or finite, non-negative MME', () => {
  const anyNumber = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -0, 1e308, Number.MAX_VALUE),
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...drugs, 'fentanyl', 'buprenorphine', 'xyz'),
      fc.option(anyNumber, { nil: undefined }),
      fc.option(anyNumber, { nil: undefined }),
      fc.option(anyNumber, { nil: undefined }),
      (drug, doseMg, patchMcgPerH, timesPerDay) => {
        const med = {
          drug,
          ...(doseMg === undefined ? {} : { doseMg }),
          ...(patchMcgPerH === undefined ? {} : { patchMcgPerH }),
          ...(timesPerDay === undefined ? {} : { timesPerDay }),
        };
        const r = calculateMme({ medications: [med, med] }, table);
        if (!r.ok) {
          assert.match(r.error.code, /^mme\./);
          assert.ok(r.error.field?.startsWith('medications'));
          return;
        }
        assert.ok(Number.isFinite(r.value.totalMmePerDay) && r.value.totalMmePerDay >= 0);
        for (const l of r.value.medications)
          assert.ok(Number.isFinite(l.mmePerDay) && l.mmePerDay >= 0);
      },
    ),
    { seed: 100000, numRuns: 100000 },
  );
});
