import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProtocol } from './protocol.ts';
import { parseDrugLibrary } from './drug-library.ts';
import { buildDosingKnowledge, findDrugLibrary, findProtocol, listProtocols } from './registry.ts';
import { shippedBodySize } from '../body/body-size-knowledge.ts';
import { CRPS } from './dose-fixtures.test-support.ts';
import crpsFile from '../../knowledge/protocols/crps-outpatient-schwartzman@1.0.0.json' with { type: 'json' };
import libraryFile from '../../knowledge/drug-library/ketamine-racemic-iv@1.0.0.json' with { type: 'json' };

type Json = Record<string, unknown>;
/** A deep copy of the CRPS file with one data path replaced. */
const mutate = (path: string, value: unknown, file: Json = crpsFile): Json => {
  const copy = structuredClone(file);
  const keys = path.split('.');
  let cur = copy;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Json;
  cur[keys[keys.length - 1]!] = value;
  return copy;
};

test('the four shipped protocols are listed and parse; the CRPS one carries Schwartzman 2009 exactly', () => {
  assert.deepEqual(
    listProtocols()
      .map((p) => p.ref.id)
      .sort(),
    [
      'crps-outpatient-schwartzman',
      'fibromyalgia-single-infusion',
      'neuropathic-pain-amr',
      'titration-racemic-10-to-40',
    ],
  );
  const crps = findProtocol(CRPS)!;
  // Schwartzman 2009 [P1]: 0.35 mg/kg/h capped at 25 mg/h, 4 h a day for 10 days, ≤ 100 mg a session.
  assert.equal(crps.dosing.basis, 'mg/kg/h');
  assert.equal(crps.dosing.weightScalar, 'total');
  assert.equal(crps.dosing.typicalDose, 0.35);
  assert.equal(crps.dosing.rateCapMgPerH, 25);
  assert.equal(crps.sessionDurationMin, 240);
  assert.deepEqual(crps.phases, [{ name: 'induction', sessionCount: 10, maxSessionsPerDay: 1 }]);
  assert.deepEqual(crps.caps, { sessionMaxMg: 100, dayMaxMg: 100, courseMaxMg: 1000 });
  assert.equal(crps.discharge.minimumTotal, 9, 'modified Aldrete ≥ 9 [D1]');
  assert.deepEqual(crps.weightReconfirmation, { maxAgeDays: 30, maxChangePercent: 10 });
  const sbp = crps.stopRules.find((r) => r.id === 'sbp-high')!;
  assert.deepEqual(
    [sbp.field, sbp.comparison, sbp.threshold, sbp.action],
    ['systolicBpMmHg', 'above', 180, 'pause'],
  );
  assert.deepEqual(sbp.source, CRPS);
  assert.equal(findProtocol({ id: 'crps-outpatient-schwartzman', version: '2.0.0' }), undefined);
  assert.equal(
    findDrugLibrary({ id: 'ketamine-racemic-iv', version: '1.0.0' })?.pump.rateDecimals,
    1,
  );
});

test('every shipped protocol needs consent, escort, baseline vitals and names a monitoring interval and stop rules', () => {
  for (const p of listProtocols()) {
    assert.equal(p.preChecks.consentRequired, true, p.ref.id);
    assert.equal(p.preChecks.escortRequired, true, p.ref.id);
    assert.ok(p.preChecks.baselineLimits.length >= 3, p.ref.id);
    assert.ok(p.monitoring.vitalsIntervalMin > 0, p.ref.id);
    assert.ok(
      p.stopRules.some((r) => r.action === 'stop'),
      p.ref.id,
    );
    assert.ok(p.citations.length > 0 && p.status === 'draft', p.ref.id);
  }
});

test('structural rules are enforced with the field named', () => {
  const cases: [string, unknown, string][] = [
    ['data.dosing.limits.softMax', 4, 'data.dosing.limits'],
    ['data.dosing.typicalDose', 0.04, 'data.dosing.limits'],
    ['data.dosing.weightScalar', 'none', 'data.dosing.weightScalar'],
    ['data.dosing.basis', 'mg/kg/min', 'data.dosing.basis'],
    ['data.caps.sessionMaxMg', 200, 'data.caps'],
    ['data.session.durationMin', 240.5, 'data.session.durationMin'],
    ['data.phases', [], 'data.phases'],
    ['data.discharge.minimumTotal', 11, 'data.discharge.minimumTotal'],
    [
      'data.weightReconfirmation.maxChangePercent',
      -10,
      'data.weightReconfirmation.maxChangePercent',
    ],
    ['data.preChecks.escortRequired', 'yes', 'data.preChecks.escortRequired'],
  ];
  for (const [path, value, field] of cases) {
    const r = parseProtocol(mutate(path, value));
    assert.ok(!r.ok, `${path} = ${JSON.stringify(value)} must be rejected`);
    assert.equal(r.error.field, field, path);
  }
  const badRule = mutate('data.stopRules', [
    {
      id: 'x',
      field: 'bloodPressure',
      comparison: 'above',
      threshold: 180,
      action: 'stop',
      source: 's',
    },
  ]);
  const r = parseProtocol(badRule);
  assert.ok(!r.ok);
  assert.equal(r.error.field, 'data.stopRules[0].field');
});

test('every shipped protocol prompts sedation, pain and dissociation with each vitals set, flagged as a clinic default', () => {
  for (const p of listProtocols()) {
    assert.deepEqual(
      p.monitoring.assessments.map((a) => [a.item, a.intervalMin, a.flag]),
      [
        ['sedation', p.monitoring.vitalsIntervalMin, 'clinic-default'],
        ['pain', p.monitoring.vitalsIntervalMin, 'clinic-default'],
        ['dissociation', p.monitoring.vitalsIntervalMin, 'clinic-default'],
      ],
      p.ref.id,
    );
    assert.ok(
      p.monitoring.assessments.every((a) => a.citation.length > 0),
      p.ref.id,
    );
  }
});

test('monitoring assessments: missing list, unknown item, bad interval, unknown flag and duplicates are refused', () => {
  const missing = mutate('data.monitoring', { vitalsIntervalMin: 15 });
  const fieldOf = (file: Json): string | undefined => {
    const r = parseProtocol(file);
    return r.ok ? undefined : r.error.field;
  };
  assert.equal(fieldOf(missing), 'data.monitoring.assessments');
  const one = { item: 'pain', intervalMin: 15, source: 'test', flag: 'clinic-default' };
  const withList = (list: unknown[]): Json =>
    mutate('data.monitoring', { vitalsIntervalMin: 15, assessments: list });
  assert.equal(
    fieldOf(withList([{ ...one, item: 'mood' }])),
    'data.monitoring.assessments[0].item',
  );
  assert.equal(
    fieldOf(withList([{ ...one, intervalMin: 0 }])),
    'data.monitoring.assessments[0].intervalMin',
  );
  assert.equal(fieldOf(withList([{ ...one, flag: 'V?' }])), 'data.monitoring.assessments[0].flag');
  assert.equal(fieldOf(withList([one, one])), 'data.monitoring.assessments');
  const none = parseProtocol(withList([]));
  assert.ok(none.ok && none.value.monitoring.assessments.length === 0, 'an empty list is explicit');
});

test('the soft max < 10 × typical rule (T-33) is enforced by the parser', () => {
  const wide = mutate('data.dosing.limits', {
    hardMin: 0.01,
    softMin: 0.02,
    softMax: 0.35,
    hardMax: 0.5,
  });
  const narrowTypical = mutate('data.dosing.typicalDose', 0.03, wide);
  const r = parseProtocol(narrowTypical);
  assert.ok(!r.ok);
  assert.equal(r.error.field, 'data.dosing.limits.softMax');
});

test('drug library: parses the shipped entry, rejects disordered bounds and an inverted custom range', () => {
  const lib = parseDrugLibrary(libraryFile);
  assert.ok(lib.ok);
  assert.deepEqual(lib.value.standardConcentrationsMgPerMl, [0.16, 1]);
  assert.deepEqual(lib.value.customConcentration, {
    allowed: true,
    hardMinMgPerMl: 0.1,
    hardMaxMgPerMl: 10,
  });
  const badWeight = parseDrugLibrary(mutate('data.patientWeightKg.softMin', 20, libraryFile));
  assert.ok(!badWeight.ok);
  assert.equal(badWeight.error.field, 'data.patientWeightKg');
  const badCustom = parseDrugLibrary(
    mutate('data.concentrations.custom.hardMinMgPerMl', 20, libraryFile),
  );
  assert.ok(!badCustom.ok);
  assert.equal(badCustom.error.field, 'data.concentrations.custom');
  const wrongKind = parseDrugLibrary(crpsFile);
  assert.ok(!wrongKind.ok);
  assert.equal(wrongKind.error.code, 'knowledge.wrong-kind');
});

test('registry: a protocol naming a missing drug library, or loaded twice, is refused', () => {
  const missing = buildDosingKnowledge({
    protocols: [crpsFile],
    drugLibraries: [],
    bodySize: shippedBodySize,
  });
  assert.ok(!missing.ok);
  assert.equal(missing.error.code, 'knowledge.unresolved-reference');
  const twice = buildDosingKnowledge({
    protocols: [crpsFile, crpsFile],
    drugLibraries: [libraryFile],
    bodySize: shippedBodySize,
  });
  assert.ok(!twice.ok);
  assert.equal(twice.error.code, 'knowledge.duplicate');
});
