/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportFiles, recordCount } from './export-files.ts';

const result = {
  patients: 2,
  rules: { id: 'safe-harbor', version: '1.0.0' },
  csv: {
    'sessions.csv': 'pseudonym,day\r\nP1,0\r\nP1,7\r\nP2,0\r\n',
    'README.txt': 'About this export\n',
    'patients.csv': 'pseudonym,age_group\r\nP1,40-44\r\nP2,90+\r\n',
    'data_dictionary.csv': 'table,column,unit\r\npatients,age_group,years\r\n',
  },
  fhir: {
    Patient: '{"resourceType":"Patient"}\n{"resourceType":"Patient"}\n',
    Observation: '{"resourceType":"Observation"}\n',
  },
};

test('documentation first, then CSV tables, then one NDJSON file per FHIR resource type', () => {
  const files = exportFiles(result);
  assert.deepEqual(
    files.map((f) => [f.name, f.group]),
    [
      ['README.txt', 'documentation'],
      ['data_dictionary.csv', 'documentation'],
      ['patients.csv', 'csv'],
      ['sessions.csv', 'csv'],
      ['Observation.ndjson', 'fhir'],
      ['Patient.ndjson', 'fhir'],
    ],
  );
  assert.equal(files.find((f) => f.name === 'Patient.ndjson')?.type, 'application/fhir+ndjson');
  assert.equal(files.find((f) => f.name === 'patients.csv')?.text, result.csv['patients.csv']);
});

test('record counts: CSV rows after the header, NDJSON lines', () => {
  const files = exportFiles(result);
  const count = (name: string) => recordCount(files.find((f) => f.name === name)!);
  assert.equal(count('sessions.csv'), 3);
  assert.equal(count('patients.csv'), 2);
  assert.equal(count('Patient.ndjson'), 2);
  assert.equal(count('Observation.ndjson'), 1);
});
