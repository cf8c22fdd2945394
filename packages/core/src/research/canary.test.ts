/**
 * Canary test (issue 5, Deliver 7): synthetic patients whose every identifier field holds a unique
 * canary string are exported to CSV and FHIR NDJSON; no canary, no calendar date and no full ZIP
 * may appear anywhere in the serialized output. Identifier categories: 45 CFR 164.514(b)(2)
 * (clinical.md 8.4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unwrap } from '../outcomes/test-fixtures.ts';
import { buildResearchCsv } from './csv-export.ts';
import { deidentifyPatient, type ResearchSource } from './deidentify.ts';
import { buildResearchNdjson } from './fhir-export.ts';
import { defaultSafeHarborRules } from './safe-harbor.ts';

const rules = unwrap(defaultSafeHarborRules());

/** The identifier fields a server row may carry; the builder must never read them. */
const IDENTIFIER_FIELDS = [
  'name',
  'relativeName',
  'employer',
  'street',
  'city',
  'county',
  'phone',
  'fax',
  'email',
  'ssn',
  'mrn',
  'healthPlanId',
  'accountNumber',
  'licenceNumber',
  'vehiclePlate',
  'deviceSerial',
  'url',
  'ipAddress',
  'fingerprintId',
  'photoUrl',
  'otherCode',
] as const;

const letters = fc
  .array(fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz')), {
    minLength: 8,
    maxLength: 12,
  })
  .map((a) => a.join(''));
const isoDay = fc
  .integer({ min: 0, max: 900 })
  .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));

const patientArb = fc.record({
  suffix: letters,
  researchId: fc
    .array(fc.constantFrom(...Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ')), {
      minLength: 12,
      maxLength: 12,
    })
    .map((a) => `R-${a.join('')}`),
  birth: fc
    .integer({ min: 0, max: 36000 })
    .map((n) => new Date(Date.UTC(1920, 0, 1 + n)).toISOString().slice(0, 10)),
  zip: fc.integer({ min: 0, max: 99999 }).map((n) => String(n).padStart(5, '0')),
  sessionDates: fc.array(isoDay, { minLength: 1, maxLength: 4 }),
  otherDates: fc.array(isoDay, { minLength: 1, maxLength: 4 }),
  sex: fc.constantFrom('female', 'male', 'other', 'unknown' as const),
});

type Generated = typeof patientArb extends fc.Arbitrary<infer T> ? T : never;

/** An identified row: every identifier field and every free-text field holds a canary. */
const identifiedRow = (g: Generated, postalCode: string | null) => {
  const canaries = Object.fromEntries(
    IDENTIFIER_FIELDS.map((f) => [f, `qx${f.toLowerCase()}${g.suffix}`]),
  ) as Record<(typeof IDENTIFIER_FIELDS)[number], string>;
  const note = `qxnote${g.suffix}`;
  const source: ResearchSource & Record<string, unknown> = {
    ...canaries,
    researchId: g.researchId,
    birthDate: g.birth.slice(0, 10),
    sex: g.sex,
    postalCode,
    identifierValues: [...Object.values(canaries), note],
    diagnosisCodes: ['G90.511', 'M79.7'],
    sessions: g.sessionDates.map((date) => ({
      date,
      protocol: { id: 'crps-outpatient', version: '1.0.0' },
      doseMg: 98,
      weightKg: 70,
      note,
    })),
    painReadings: g.otherDates.map((date) => ({
      date,
      nrs: 6,
      context: 'diary' as const,
      comment: note,
    })),
    questionnaires: g.otherDates.map((date) => ({
      date,
      instrument: { id: 'phq-9', version: '1.0.0' },
      score: 4,
      answers: [
        { itemId: 'phq9-1', value: 1 },
        { itemId: 'phq9-other', value: note },
      ],
    })),
    adverseEvents: g.otherDates.map((date) => ({
      date,
      code: 'nausea',
      severity: 'mild' as const,
      narrative: note,
    })),
    dailyMme: g.otherDates.map((date) => ({
      date,
      mmePerDay: 30,
      factorTable: { id: 'cdc-2022-mme-factors', version: '1.0.0' },
    })),
  };
  return { source, canaries: [...Object.values(canaries), note] };
};

const exportText = (sources: readonly ResearchSource[]): string => {
  const patients = sources.map((s) => unwrap(deidentifyPatient(s, rules)));
  return [
    ...Object.values(buildResearchCsv(patients, rules)),
    ...Object.values(buildResearchNdjson(patients)),
  ].join('\n');
};

const count = (text: string, needle: string): number => text.split(needle).length - 1;

test('canary: no identifier, calendar date or full ZIP of the seeded patients appears in any export (seed 2026)', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(patientArb, { minLength: 1, maxLength: 5, selector: (g) => g.suffix }),
      (generated) => {
        const rows = generated.map((g) => identifiedRow(g, g.zip));
        const output = exportText(rows.map((r) => r.source)).toLowerCase();
        for (const canary of rows.flatMap((r) => r.canaries))
          assert.equal(output.includes(canary.toLowerCase()), false, canary);
        assert.equal(/\d{4}-\d{2}-\d{2}/.test(output), false, 'a calendar date leaked');
        // A full ZIP may only appear where it appears anyway without any ZIP on file (e.g. inside a code).
        const withoutZip = exportText(
          generated.map((g) => identifiedRow(g, null).source),
        ).toLowerCase();
        for (const g of generated)
          assert.equal(count(output, g.zip), count(withoutZip, g.zip), g.zip);
      },
    ),
    { seed: 2026, numRuns: 150 },
  );
});
