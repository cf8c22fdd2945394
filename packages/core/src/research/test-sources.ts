/**
 * Fictional identified source rows for the research tests (synthetic, obviously not real PHI).
 */
import type { ResearchSource } from './deidentify.ts';

/** A fictional CRPS patient: born 1961-07-20, first infusion 2026-03-10, ZIP 02139. */
export const sampleSource = (): ResearchSource => ({
  researchId: 'R-7F3K9Q2M',
  birthDate: '1961-07-20',
  sex: 'female',
  postalCode: '02139-4307',
  identifierValues: ['Testa Fictional', 'MRN-000123'],
  diagnosisCodes: ['G90.511'],
  sessions: [
    {
      date: '2026-03-11',
      protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
      doseMg: 100,
      weightKg: 80,
    },
    {
      date: '2026-03-10',
      protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
      doseMg: 98,
      weightKg: 70,
    },
  ],
  painReadings: [
    { date: '2026-03-09', nrs: 8, context: 'diary' },
    { date: '2026-03-10', nrs: 8, context: 'before-infusion' },
    { date: '2026-03-10', nrs: 5, context: 'after-infusion' },
  ],
  questionnaires: [
    {
      date: '2026-03-09',
      instrument: { id: 'phq-9', version: '1.0.0' },
      score: 7,
      answers: [
        { itemId: 'phq9-1', value: 1 },
        { itemId: 'phq9-comment', value: 'free text the export must drop' },
      ],
    },
  ],
  adverseEvents: [{ date: '2026-03-10', code: 'nausea', severity: 'mild' }],
  dailyMme: [
    {
      date: '2026-03-10',
      mmePerDay: 30,
      factorTable: { id: 'cdc-2022-mme-factors', version: '1.0.0' },
    },
  ],
});
