/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Intake, IntakeDocument } from '@ketaflow/contract';
import {
  emptyIntakeForm,
  emptyMedication,
  fromIntake,
  intakeFieldLabel,
  toIntakeSave,
  vitalsReading,
  type IntakeFormValues,
} from './intake-form-model.ts';

const write = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 3,
  now: '2026-11-25T17:00:00.000Z',
};

// Every clinical section filled, as the server returns it (a fictional CRPS patient).
const document: IntakeDocument = {
  diagnoses: [{ code: 'G90.521', text: 'CRPS I of right lower limb' }],
  painHistory: { durationMonths: 18, onsetDate: '2025-05-01', description: 'Burning pain' },
  priorTreatments: [
    { treatmentClass: 'gabapentinoid', name: 'Gabapentin', stoppedBecause: 'ineffective' },
    {
      treatmentClass: 'snri',
      name: 'Duloxetine',
      stoppedBecause: 'not-tolerated',
      detail: 'Nausea',
    },
  ],
  medications: [
    { name: 'Oxycodone 10 mg', opioid: { drug: 'oxycodone', doseMg: 10, timesPerDay: 3 } },
    { name: 'Fentanyl patch', opioid: { drug: 'fentanyl', patchMcgPerH: 25 } },
    { name: 'Melatonin', sig: '3 mg at night' },
  ],
  comorbidities: {
    poorlyControlledCardiovascularDisease: false,
    uncontrolledHypertension: false,
    cardiovascularRisk: true,
    hepaticDysfunction: 'mild',
    hepatotoxicityRisk: false,
    raisedIntracranialPressure: false,
    raisedIntraocularPressure: null,
    ketamineHypersensitivity: false,
    other: ['Asthma', 'Migraine'],
  },
  psychiatric: { activePsychosis: false, psychosisHistory: null, notes: 'Anxiety, treated' },
  substanceUse: { activeSubstanceMisuse: false },
  pregnancy: { status: 'not-pregnant', testDate: '2026-11-20' },
  baselineTests: { baselineEcgDone: true, baselineLiverTestsDone: null },
  vitals: {
    measuredAt: write.now,
    systolicBpMmHg: 124,
    diastolicBpMmHg: 78,
    heartRateBpm: 72,
    spo2Percent: 98,
    respiratoryRatePerMin: 14,
  },
};

const intake = (doc: IntakeDocument): Intake => ({
  id: '00000000-0000-4000-8000-000000000002',
  patientId: '00000000-0000-4000-8000-000000000003',
  version: 3,
  document: doc,
  changedSections: [],
  mme: null,
  reason: 'Initial intake',
  recordedBy: '00000000-0000-4000-8000-000000000004',
  recordedAt: write.now,
  latestWeight: null,
});

test('a saved intake loads into the form and saves back to the same sections', () => {
  const form = fromIntake(intake(document));
  const body = toIntakeSave({ ...form, reason: 'Reviewed' }, write);
  const { vitals: _measured, ...sections } = document;
  assert.deepEqual(body.sections, sections, 'every section but the vitals round-trips unchanged');
  assert.equal(body.version, 3, 'the version edited is sent');
  assert.equal(body.weight, undefined, 'no weighing when weight and height are empty');
});

test("an earlier version's vitals are neither filled in nor saved again as measured now", () => {
  const january = {
    measuredAt: '2026-01-15T10:00:00.000Z',
    systolicBpMmHg: 124,
    diastolicBpMmHg: 78,
    heartRateBpm: 72,
    spo2Percent: 98,
    respiratoryRatePerMin: 14,
  };
  const form = fromIntake(intake({ ...document, vitals: january }));
  assert.deepEqual(
    Object.values(form.vitals),
    ['', '', '', '', ''],
    'the vitals inputs start empty',
  );
  const body = toIntakeSave({ ...form, reason: 'June review' }, write);
  assert.equal(
    body.sections.vitals,
    undefined,
    'the January vitals are kept by the server as dated',
  );
  assert.equal(vitalsReading(january), 'BP 124/78 mmHg, HR 72/min, SpO₂ 98%, RR 14/min');
});

test('an unanswered yes/no question is sent as not recorded (null), never as false', () => {
  const body = toIntakeSave(emptyIntakeForm(), write);
  assert.equal(body.sections.comorbidities?.uncontrolledHypertension, null, 'null, not false');
  assert.equal(body.sections.psychiatric?.activePsychosis, null, 'null, not false');
  assert.equal(body.sections.comorbidities.hepaticDysfunction, null, 'grade not recorded');
  assert.equal(body.sections.pregnancy, undefined, 'pregnancy status not recorded');
  assert.equal(body.sections.vitals, undefined, 'no vitals when none typed');
  assert.deepEqual(body.sections.diagnoses, [], 'an empty diagnosis row is not sent');
});

test('numbers go as typed: text that is not a number is sent as null for the server to name', () => {
  const form: IntakeFormValues = {
    ...emptyIntakeForm(),
    painDurationMonths: '1,5',
    weightKg: ' 72.4 ',
    heightCm: 'tall',
    vitals: {
      systolicBpMmHg: '1.2e2',
      diastolicBpMmHg: 'x',
      heartRateBpm: '',
      spo2Percent: '98',
      respiratoryRatePerMin: '14',
    },
  };
  const body = toIntakeSave(form, write);
  assert.equal(body.sections.painHistory?.durationMonths, null, 'never parsed as 1 or 15');
  assert.deepEqual(
    body.weight,
    { weightKg: 72.4, heightCm: null, measuredAt: write.now },
    'weighed now, height refused by the server rather than dropped',
  );
  assert.equal(body.sections.vitals?.systolicBpMmHg, null, 'typed 1.2e2: never read as 120');
  assert.equal(body.sections.vitals.diastolicBpMmHg, null, 'typed x');
  assert.equal(body.sections.vitals.heartRateBpm, null, 'left empty while others are typed');
  assert.equal(body.sections.vitals.measuredAt, write.now, 'measured now');
});

test('a medicine is an opioid (counted in MME by the server) only when an ingredient is given', () => {
  const form: IntakeFormValues = {
    ...emptyIntakeForm(),
    medications: [
      { ...emptyMedication(), name: 'Pregabalin', doseMg: '75' },
      {
        ...emptyMedication(),
        name: 'Tramadol',
        opioidDrug: 'tramadol',
        doseMg: '50',
        timesPerDay: '2',
      },
    ],
  };
  const meds = toIntakeSave(form, write).sections.medications;
  assert.deepEqual(meds?.[0], { name: 'Pregabalin' }, 'no opioid block without an ingredient');
  assert.deepEqual(
    meds[1]?.opioid,
    { drug: 'tramadol', doseMg: 50, timesPerDay: 2 },
    'the opioid dose as typed',
  );
});

test('fields the server names are listed by readable names', () => {
  assert.equal(intakeFieldLabel('sections.diagnoses.0.code'), 'Diagnosis 1: code', 'row field');
  assert.equal(
    intakeFieldLabel('sections.medications.2.opioid.doseMg'),
    'Medication 3: opioid.doseMg',
    'nested row field',
  );
  assert.equal(
    intakeFieldLabel('sections.comorbidities.uncontrolledHypertension'),
    'Uncontrolled hypertension',
    'yes/no fact',
  );
  assert.equal(intakeFieldLabel('sections.vitals.spo2Percent'), 'SpO₂ (%)', 'vital');
  assert.equal(intakeFieldLabel('weight.weightKg'), 'weight.weightKg', 'other keys as they are');
});
