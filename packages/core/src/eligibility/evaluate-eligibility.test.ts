import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateEligibility, type EligibilityResult } from './evaluate-eligibility.ts';
import { KETAMINE_CHRONIC_PAIN_RULES as rules } from './shipped.ts';
import type { PatientFacts } from './condition.ts';

// A synthetic, obviously fictional patient with CRPS and nothing against infusion.
const clear: PatientFacts = {
  diagnoses: ['G90.511'],
  painDurationMonths: 18,
  priorTreatments: ['gabapentinoid', 'physical-therapy'],
  pregnant: false,
  poorlyControlledCardiovascularDisease: false,
  uncontrolledHypertension: false,
  activePsychosis: false,
  psychosisHistory: false,
  hepaticDysfunction: 'none',
  raisedIntracranialPressure: false,
  raisedIntraocularPressure: false,
  activeSubstanceMisuse: false,
  ketamineHypersensitivity: false,
  cardiovascularRisk: false,
  hepatotoxicityRisk: false,
};

const run = (facts: PatientFacts): EligibilityResult => {
  const r = evaluateEligibility(facts, rules);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const traceOf = (r: EligibilityResult, id: string) => r.trace.find((t) => t.criterionId === id)!;

test('all facts recorded and nothing against: eligible, with the CRPS indication graded B', () => {
  const r = run(clear);
  assert.equal(r.decision, 'eligible');
  assert.deepEqual(r.decidedBy, []);
  assert.deepEqual(r.ruleSet, { id: 'ketamine-chronic-pain-cohen-2018', version: '1.0.0' });
  assert.deepEqual(
    r.matchedIndications.map((m) => [m.criterionId, m.evidence?.grade]),
    [['indication.crps', 'B']],
  );
  assert.equal(traceOf(r, 'contraindication.pregnancy').status, 'unmet');
  assert.deepEqual(traceOf(r, 'indication.crps').factsUsed, { diagnoses: ['G90.511'] });
  assert.deepEqual(traceOf(r, 'test.ecg').factsUsed, {
    cardiovascularRisk: false,
    baselineEcgDone: null,
  });
  assert.ok(r.trace.every((t) => t.citations.length > 0 && t.rationale.length > 0));
});

test('an absolute contraindication that is present makes the patient not eligible', () => {
  const r = run({ ...clear, pregnant: true });
  assert.equal(r.decision, 'not-eligible');
  assert.deepEqual(r.decidedBy, ['contraindication.pregnancy']);
  const t = traceOf(r, 'contraindication.pregnancy');
  assert.equal(t.status, 'met');
  assert.equal(t.outcome, 'not-eligible');
  assert.match(t.guidance ?? '', /grade B/);
  assert.equal(run({ ...clear, hepaticDysfunction: 'severe' }).decision, 'not-eligible');
});

test('no graded indication, or too short a history, is not eligible', () => {
  const none = run({ ...clear, diagnoses: ['M54.50'] });
  assert.equal(none.decision, 'not-eligible');
  assert.deepEqual(none.decidedBy, ['indication']);
  assert.deepEqual(none.matchedIndications, []);
  const empty = run({ ...clear, diagnoses: [] });
  assert.equal(empty.decision, 'not-eligible');
  const short = run({ ...clear, painDurationMonths: 2 });
  assert.equal(short.decision, 'not-eligible');
  assert.deepEqual(short.decidedBy, ['resistance.duration']);
  const fm = run({ ...clear, diagnoses: ['M79.7'] });
  assert.equal(fm.decision, 'eligible');
  assert.equal(fm.matchedIndications[0]?.evidence?.grade, 'D');
});

test('a missing fact on an exclusion is unknown, never false: needs review, not eligible', () => {
  const { pregnant: _dropped, ...rest } = clear;
  const r = run(rest);
  assert.equal(r.decision, 'needs-review');
  assert.deepEqual(r.decidedBy, ['contraindication.pregnancy']);
  const t = traceOf(r, 'contraindication.pregnancy');
  assert.equal(t.status, 'unknown');
  assert.deepEqual(t.missingFacts, ['pregnant']);
  assert.match(t.rationale, /record pregnant/);
  // null means "not recorded" too.
  assert.equal(run({ ...clear, pregnant: null }).decision, 'needs-review');
  // Missing diagnoses: the indication group is unknown.
  const { diagnoses: _d, ...noDx } = clear;
  const u = run(noDx);
  assert.equal(u.decision, 'needs-review');
  assert.equal(u.groups.find((g) => g.groupId === 'indication')?.status, 'unknown');
});

test('not eligible wins over needs review', () => {
  const { pregnant: _p, ...rest } = clear;
  const r = run({ ...rest, activePsychosis: true });
  assert.equal(r.decision, 'not-eligible');
  assert.deepEqual(r.decidedBy, ['contraindication.active-psychosis']);
});

test('relative contraindications send the patient to physician review', () => {
  for (const facts of [
    { hepaticDysfunction: 'moderate' },
    { activeSubstanceMisuse: true },
    { psychosisHistory: true },
    { raisedIntraocularPressure: true },
  ]) {
    const r = run({ ...clear, ...facts });
    assert.equal(r.decision, 'needs-review', JSON.stringify(facts));
    assert.equal(r.decidedBy.length, 1);
  }
});

test('pre-infusion tests: ECG needed only with cardiovascular risk; a done test satisfies an unknown risk', () => {
  const pending = run({ ...clear, cardiovascularRisk: true, baselineEcgDone: false });
  assert.equal(pending.decision, 'needs-review');
  assert.deepEqual(pending.decidedBy, ['test.ecg']);
  assert.equal(traceOf(pending, 'test.ecg').status, 'unmet');
  const unrecorded = run({ ...clear, cardiovascularRisk: true });
  assert.equal(unrecorded.decision, 'needs-review');
  assert.deepEqual(traceOf(unrecorded, 'test.ecg').missingFacts, ['baselineEcgDone']);
  assert.equal(
    run({ ...clear, cardiovascularRisk: true, baselineEcgDone: true }).decision,
    'eligible',
  );
  const { cardiovascularRisk: _c, ...unknownRisk } = clear;
  assert.equal(run({ ...unknownRisk, baselineEcgDone: true }).decision, 'eligible');
  assert.equal(run(unknownRisk).decision, 'needs-review');
  assert.deepEqual(run({ ...clear, hepatotoxicityRisk: true }).decidedBy, ['test.liver']);
});

test('bad facts are rejected naming the field, never repaired', () => {
  const cases: [PatientFacts, string, string][] = [
    [{ ...clear, pregnancy: false }, 'eligibility.unknown-fact', 'facts.pregnancy'],
    [{ ...clear, diagnoses: ['g90.511'] }, 'eligibility.invalid-fact', 'facts.diagnoses'],
    [{ ...clear, diagnoses: ['G90511'] }, 'eligibility.invalid-fact', 'facts.diagnoses'],
    [{ ...clear, painDurationMonths: -1 }, 'eligibility.invalid-fact', 'facts.painDurationMonths'],
    [
      { ...clear, painDurationMonths: Number.NaN },
      'eligibility.invalid-fact',
      'facts.painDurationMonths',
    ],
    [{ ...clear, pregnant: 'no' }, 'eligibility.invalid-fact', 'facts.pregnant'],
    [
      { ...clear, hepaticDysfunction: 'Severe' },
      'eligibility.invalid-fact',
      'facts.hepaticDysfunction',
    ],
    [
      { ...clear, priorTreatments: ['snri', 'snri'] },
      'eligibility.invalid-fact',
      'facts.priorTreatments',
    ],
    [
      { ...clear, priorTreatments: ['massage'] },
      'eligibility.invalid-fact',
      'facts.priorTreatments',
    ],
  ];
  for (const [facts, code, field] of cases) {
    const r = evaluateEligibility(facts, rules);
    assert.ok(!r.ok, field);
    assert.equal(r.error.code, code);
    assert.equal(r.error.field, field);
  }
});

const factValue = (name: string): fc.Arbitrary<unknown> => {
  const def = rules.facts.get(name)!;
  switch (def.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.integer({ min: 0, max: 60 });
    case 'enum':
      return fc.constantFrom(...def.values!);
    case 'enum-list':
      return fc.subarray([...def.values!]);
    case 'icd10cm-list':
      return fc.subarray(['G90.511', 'G57.72', 'M79.7', 'M79.2', 'M54.50', 'G89.4']);
  }
};
const fullFacts = fc.record(
  Object.fromEntries([...rules.facts.keys()].map((n) => [n, factValue(n)])),
) as fc.Arbitrary<PatientFacts>;

test('property: hiding recorded facts never makes a patient eligible who was not, and never produces eligible from unknowns', () => {
  fc.assert(
    fc.property(
      fullFacts,
      fc.array(fc.boolean(), { minLength: rules.facts.size, maxLength: rules.facts.size }),
      (facts, keep) => {
        const names = Object.keys(facts);
        const partial = Object.fromEntries(
          names.filter((_, i) => keep[i]).map((n) => [n, facts[n]]),
        ) as PatientFacts;
        const full = run(facts);
        const part = run(partial);
        if (part.decision === 'eligible') assert.equal(full.decision, 'eligible');
        if (full.decision === 'not-eligible') assert.notEqual(part.decision, 'eligible');
        if (
          part.trace.some(
            (t) => t.status === 'unknown' && t.outcome !== 'see-group' && t.outcome !== 'pass',
          )
        ) {
          assert.notEqual(part.decision, 'eligible');
        }
      },
    ),
    { seed: 2018, numRuns: 1000 },
  );
});
