import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateVitals, VITAL_FIELDS } from './vital-signs.ts';
import {
  defaultVitalPlausibility,
  parseVitalPlausibility,
  parseDoubleCheckPolicy,
  parseChartingPromptPolicy,
  defaultChartingPromptPolicy,
} from './charting-knowledge.ts';

const p = defaultVitalPlausibility;
const good = {
  systolicBpMmHg: 128,
  diastolicBpMmHg: 78,
  heartRateBpm: 72,
  spo2Percent: 98,
  respiratoryRatePerMin: 14,
};

test('the shipped plausibility file loads with its id@version and the scale definitions', () => {
  assert.deepEqual(p.source, { id: 'vital-sign-plausibility', version: '0.1.0' });
  // Scale ranges are the scales' own definitions: RASS +4..−5 (Sessler 2002), MOAA/S 0..5 (Chernik 1990), NRS 0..10.
  assert.deepEqual([p.ranges.rass.min, p.ranges.rass.max], [-5, 4]);
  assert.deepEqual([p.ranges.moaas.min, p.ranges.moaas.max], [0, 5]);
  assert.deepEqual([p.ranges.painNrs.min, p.ranges.painNrs.max], [0, 10]);
  assert.equal(defaultChartingPromptPolicy.overdueGraceMin, 5);
});

test('a complete entry with optional EtCO2 and scores is accepted unchanged', () => {
  const input = { ...good, etco2MmHg: 38, rass: -1, moaas: 4, painNrs: 6 };
  const r = validateVitals(input, p);
  assert.ok(r.ok);
  assert.deepEqual(r.value, input);
});

test('apnoea (RR 0) stays chartable: plausibility must not hide a real critical value', () => {
  assert.ok(validateVitals({ ...good, respiratoryRatePerMin: 0 }, p).ok);
});

test('each required vital is named when missing; all issues are reported at once', () => {
  const r = validateVitals({ heartRateBpm: 72 }, p);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'vitals.missing');
  assert.deepEqual(
    r.error.issues.map((i) => i.field),
    [
      'vitals.systolicBpMmHg',
      'vitals.diastolicBpMmHg',
      'vitals.spo2Percent',
      'vitals.respiratoryRatePerMin',
    ],
  );
});

test('keying slips are rejected with the field and range: SBP 1200, SpO2 101, RASS +5, MOAA/S 6, NRS 11', () => {
  const cases: [string, number][] = [
    ['systolicBpMmHg', 1200],
    ['spo2Percent', 101],
    ['rass', 5],
    ['rass', -6],
    ['moaas', 6],
    ['painNrs', 11],
    ['painNrs', -1],
  ];
  for (const [field, value] of cases) {
    const r = validateVitals({ ...good, [field]: value }, p);
    assert.ok(!r.ok, `${field}=${value}`);
    assert.equal(r.error.code, 'vitals.implausible');
    assert.equal(r.error.field, `vitals.${field}`);
    assert.match(r.error.message, /vital-sign-plausibility@0\.1\.0/);
  }
});

test('non-numbers, NaN, Infinity, fractions and unknown fields are rejected, never coerced', () => {
  const bad: [Record<string, unknown>, string][] = [
    [{ ...good, heartRateBpm: '72' }, 'vitals.not-a-number'],
    [{ ...good, heartRateBpm: Number.NaN }, 'vitals.not-a-number'],
    [{ ...good, heartRateBpm: Number.POSITIVE_INFINITY }, 'vitals.not-a-number'],
    [{ ...good, heartRateBpm: 72.5 }, 'vitals.not-a-whole-number'],
    [{ ...good, heartrate: 72 }, 'vitals.unknown-field'],
  ];
  for (const [input, code] of bad) {
    const r = validateVitals(input, p);
    assert.ok(!r.ok);
    assert.equal(r.error.code, code);
  }
});

test('diastolic at or above systolic is rejected (swapped fields)', () => {
  const r = validateVitals({ ...good, systolicBpMmHg: 78, diastolicBpMmHg: 128 }, p);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'vitals.diastolic-not-below-systolic');
});

test('property: an in-range whole-number entry is accepted iff every value lies within its range (seed 77)', () => {
  const valueFor = (f: (typeof VITAL_FIELDS)[number]) =>
    fc.integer({ min: p.ranges[f].min - 20, max: p.ranges[f].max + 20 });
  fc.assert(
    fc.property(
      fc.record({
        systolicBpMmHg: valueFor('systolicBpMmHg'),
        diastolicBpMmHg: valueFor('diastolicBpMmHg'),
        heartRateBpm: valueFor('heartRateBpm'),
        spo2Percent: valueFor('spo2Percent'),
        respiratoryRatePerMin: valueFor('respiratoryRatePerMin'),
        rass: valueFor('rass'),
      }),
      (entry) => {
        const inside = Object.entries(entry).every(([k, v]) => {
          const range = p.ranges[k as keyof typeof p.ranges];
          return v >= range.min && v <= range.max;
        });
        const expected = inside && entry.diastolicBpMmHg < entry.systolicBpMmHg;
        assert.equal(validateVitals(entry, p).ok, expected);
      },
    ),
    { seed: 77, numRuns: 2000 },
  );
});

test('knowledge parsers reject broken files instead of defaulting', () => {
  const base = {
    id: 'x',
    version: '1.0.0',
    kind: 'charting',
    status: 'draft',
    title: 't',
    citations: [{ label: 'l', url: 'https://example.org' }],
    units: {},
  };
  assert.ok(!parseVitalPlausibility({ ...base, data: { ranges: {} } }).ok);
  assert.ok(!parseDoubleCheckPolicy({ ...base, data: { maxRelativeDifference: 0 } }).ok);
  assert.ok(!parseDoubleCheckPolicy({ ...base, data: { maxRelativeDifference: 0.5 } }).ok);
  assert.ok(!parseChartingPromptPolicy({ ...base, data: { overdueGraceMin: -1 } }).ok);
  assert.ok(
    !parseChartingPromptPolicy({ ...base, kind: 'protocols', data: { overdueGraceMin: 5 } }).ok,
  );
  assert.ok(parseChartingPromptPolicy({ ...base, data: { overdueGraceMin: 5 } }).ok);
});
