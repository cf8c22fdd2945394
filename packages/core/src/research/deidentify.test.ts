import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unwrap } from '../outcomes/test-fixtures.ts';
import { deidentifyPatient } from './deidentify.ts';
import { defaultSafeHarborRules } from './safe-harbor.ts';
import { sampleSource } from './test-sources.ts';

const rules = unwrap(defaultSafeHarborRules());

test('hand-checked record: age 64 at first infusion, ZIP3 021, days from 2026-03-10, text answers dropped', () => {
  const p = unwrap(deidentifyPatient(sampleSource(), rules));
  assert.deepEqual(p.ageAtFirstInfusion, { kind: 'years', years: 64 });
  assert.equal(p.zip3, '021');
  assert.deepEqual(
    p.sessions.map((s) => [s.day, s.doseMg, s.doseMgPerKg]),
    [
      [1, 100, 1.25],
      [0, 98, 1.4],
    ],
  );
  assert.deepEqual(
    p.painReadings.map((r) => [r.day, r.nrs]),
    [
      [-1, 8],
      [0, 8],
      [0, 5],
    ],
  );
  assert.deepEqual(p.questionnaires[0]?.answers, [{ itemId: 'phq9-1', value: 1 }]);
  assert.deepEqual(p.adverseEvents, [{ day: 0, code: 'nausea', severity: 'mild' }]);
  assert.equal(p.dailyMme[0]?.day, 0);
});

test('rejects a pseudonym that contains an identifier, a patient without infusion and free-text codes', () => {
  const withMrn = deidentifyPatient({ ...sampleSource(), researchId: 'MRN-000123-X' }, rules);
  assert.equal(withMrn.ok ? '' : withMrn.error.code, 'research.pseudonym-contains-identifier');
  const noSession = deidentifyPatient({ ...sampleSource(), sessions: [] }, rules);
  assert.equal(noSession.ok ? '' : noSession.error.code, 'research.no-infusion');
  const narrative = deidentifyPatient(
    {
      ...sampleSource(),
      adverseEvents: [{ date: '2026-03-10', code: 'Felt sick, called Dr Who', severity: 'mild' }],
    },
    rules,
  );
  assert.equal(narrative.ok ? '' : narrative.error.field, 'adverseEvents[0].code');
  const badDate = deidentifyPatient({ ...sampleSource(), birthDate: '20/07/1961' }, rules);
  assert.equal(badDate.ok ? '' : badDate.error.field, 'birthDate');
  const badCode = deidentifyPatient(
    { ...sampleSource(), diagnosisCodes: ['CRPS left arm'] },
    rules,
  );
  assert.equal(badCode.ok ? '' : badCode.error.field, 'diagnosisCodes[0]');
});
