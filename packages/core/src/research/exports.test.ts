import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unwrap } from '../outcomes/test-fixtures.ts';
import { buildResearchCsv, csvField, RESEARCH_DATA_DICTIONARY } from './csv-export.ts';
import { deidentifyPatient } from './deidentify.ts';
import { buildResearchNdjson, fhirResourcesFor, RELATIVE_DAY_URL } from './fhir-export.ts';
import { defaultSafeHarborRules } from './safe-harbor.ts';
import { sampleSource } from './test-sources.ts';

const rules = unwrap(defaultSafeHarborRules());
const patient = unwrap(deidentifyPatient(sampleSource(), rules));

test('CSV fields follow RFC 4180 quoting', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(1.25), '1.25');
});

test('each CSV table has the dictionary columns as its header and the expected rows', () => {
  const files = buildResearchCsv([patient], rules);
  for (const table of new Set(RESEARCH_DATA_DICTIONARY.map((c) => c.table))) {
    const header = files[`${table}.csv`]?.split('\r\n')[0];
    assert.equal(
      header,
      RESEARCH_DATA_DICTIONARY.filter((c) => c.table === table)
        .map((c) => c.column)
        .join(','),
      table,
    );
  }
  assert.equal(
    files['patients.csv'],
    'research_id,sex,age_at_first_infusion,zip3\r\nR-7F3K9Q2M,female,64,021\r\n',
  );
  assert.equal(
    files['sessions.csv']?.split('\r\n')[2],
    'R-7F3K9Q2M,0,crps-outpatient-schwartzman,1.0.0,98,1.4',
  );
  assert.match(files['README.txt'] ?? '', /restricted-zip3@1\.0\.0 \(status draft\)/);
  assert.match(files['README.txt'] ?? '', /WARNING/);
  for (const column of RESEARCH_DATA_DICTIONARY) assert.ok(column.description.length > 0);
});

test('FHIR resources: de-identified Patient, masked MedicationAdministration time, NRS Observation (LOINC 72514-3)', () => {
  const resources = fhirResourcesFor(patient);
  const byType = (t: string) => resources.filter((r) => r.resourceType === t);
  assert.deepEqual(byType('Patient')[0], {
    resourceType: 'Patient',
    id: 'R-7F3K9Q2M',
    gender: 'female',
    extension: [
      {
        url: 'https://ketaflow.org/fhir/StructureDefinition/age-at-first-infusion',
        valueAge: { value: 64, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' },
      },
    ],
    address: [{ postalCode: '021', country: 'US' }],
  });
  const admin = byType('MedicationAdministration')[1];
  assert.deepEqual(admin?.['_effectiveDateTime'], {
    extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' },
      { url: RELATIVE_DAY_URL, valueInteger: 0 },
    ],
  });
  assert.equal(byType('Condition').length, 1);
  assert.equal(byType('Observation').length, 3 + 1 + 1); // 3 NRS, 1 MME, 1 adverse event
  assert.equal(
    byType('QuestionnaireResponse')[0]?.['questionnaire'],
    'https://ketaflow.org/fhir/Questionnaire/phq-9|1.0.0',
  );
  for (const r of resources) assert.equal(JSON.stringify(r).includes('Date":"'), false);
});

test('90+ patients carry an Age with comparator >= 90; NDJSON has one resource per line', () => {
  const old = unwrap(deidentifyPatient({ ...sampleSource(), birthDate: '1930-01-01' }, rules));
  assert.deepEqual((fhirResourcesFor(old)[0]?.['extension'] as unknown[])[0], {
    url: 'https://ketaflow.org/fhir/StructureDefinition/age-at-first-infusion',
    valueAge: {
      value: 90,
      comparator: '>=',
      unit: 'a',
      system: 'http://unitsofmeasure.org',
      code: 'a',
    },
  });
  assert.match(buildResearchCsv([old], rules)['patients.csv'] ?? '', /,90\+,/);
  const ndjson = buildResearchNdjson([patient, old]);
  const lines = (ndjson['Patient'] ?? '').trimEnd().split('\n');
  assert.equal(lines.length, 2);
  for (const line of lines)
    assert.equal((JSON.parse(line) as { resourceType: string }).resourceType, 'Patient');
});
