/**
 * A cohort summary as tables: the screen shows them and each downloads as CSV from the same rows
 * (headers name their units; values are the server's, unrounded). Differences of two cohorts get
 * their own table. No statistics here: n, Wilson and Newcombe intervals and Kaplan–Meier are core's.
 */
import type { CohortCompareResponse, CohortSummary } from '@ketaflow/contract';
import type { CsvTable } from './csv.ts';

export interface CohortTable extends CsvTable {
  /** Stable id, also the CSV file name stem. */
  readonly id: string;
  readonly title: string;
}

const KIND: Readonly<Record<'pain' | 'pgic', string>> = {
  pain: 'Pain NRS reduction',
  pgic: 'PGIC',
};

type Interval = { readonly proportion: number; readonly lower: number; readonly upper: number };
const ci = (i: Interval | null) => [i?.proportion ?? null, i?.lower ?? null, i?.upper ?? null];

export function overviewTable(s: CohortSummary): CohortTable {
  return {
    id: 'overview',
    title: 'Cohort size, rapid onset and adverse events',
    columns: ['Measure', 'Count', 'Of', 'Rate', 'Lower 95 % CI', 'Upper 95 % CI', 'Unit'],
    rows: [
      ['Patients (courses)', s.n, null, null, null, null, 'patients'],
      [
        'Rapid onset (sessions with response)',
        s.rapidOnset.responses,
        s.rapidOnset.assessed,
        ...ci(s.rapidOnset.interval),
        'proportion 0–1 (Wilson)',
      ],
      [
        'Adverse events per 100 sessions',
        s.adverseEvents.events,
        s.adverseEvents.sessions,
        s.adverseEvents.per100Sessions,
        null,
        null,
        'events per 100 sessions',
      ],
    ],
  };
}

export function responderTable(s: CohortSummary): CohortTable {
  return {
    id: 'responders',
    title: 'Responder rates',
    columns: [
      'Kind',
      'Class',
      'Responders (patients)',
      'Assessed (patients)',
      'Rate (proportion 0–1)',
      'Lower 95 % CI (Wilson)',
      'Upper 95 % CI (Wilson)',
    ],
    rows: s.responderRates.map((r) => [
      KIND[r.kind],
      r.label,
      r.responders,
      r.assessed,
      ...ci(r.interval),
    ]),
  };
}

export function mmeChangeTable(s: CohortSummary): CohortTable {
  return {
    id: 'mme-change',
    title: 'MME change from the first infusion',
    columns: [
      'Time after first infusion (months)',
      'Patients (n)',
      'Mean change (MME/day)',
      'Median change (MME/day)',
    ],
    rows: s.mmeChange.map((m) => [m.months, m.n, m.meanChangeMmePerDay, m.medianChangeMmePerDay]),
  };
}

export function kaplanMeierTable(s: CohortSummary): CohortTable {
  const km = s.durableRelief;
  return {
    id: 'durable-relief-km',
    title: 'Durable relief (Kaplan–Meier: share whose pain has not returned)',
    columns: [
      'Time since last infusion (days)',
      'At risk (patients)',
      'Events (pain returned)',
      'Censored (patients)',
      'Relief ongoing (proportion 0–1)',
      'Lower CI (proportion 0–1)',
      'Upper CI (proportion 0–1)',
    ],
    rows: (km?.steps ?? []).map((st) => [
      st.timeDays,
      st.atRisk,
      st.events,
      st.censored,
      st.survival,
      st.lower,
      st.upper,
    ]),
  };
}

export const summaryTables = (s: CohortSummary): CohortTable[] => [
  overviewTable(s),
  responderTable(s),
  kaplanMeierTable(s),
  mmeChangeTable(s),
];

type Difference = CohortCompareResponse['rapidOnsetDifference'];
const diff = (label: string, unit: string, d: Difference) => [
  label,
  d?.difference ?? null,
  d?.lower ?? null,
  d?.upper ?? null,
  unit,
];

export function differenceTable(c: CohortCompareResponse): CohortTable {
  // Core pairs the responder rates of A and B by position (pain classes, then PGIC classes).
  const labelOf = (i: number, code: string) => {
    const rate = c.a.responderRates[i];
    return rate === undefined ? code : `${KIND[rate.kind]}: ${rate.label}`;
  };
  return {
    id: 'differences',
    title: 'Differences A − B',
    columns: ['Measure', 'Difference A − B', 'Lower 95 % CI', 'Upper 95 % CI', 'Unit'],
    rows: [
      ...c.responderDifferences.map((r, i) =>
        diff(`Responder rate, ${labelOf(i, r.code)}`, 'proportion 0–1 (Newcombe)', r.difference),
      ),
      diff('Rapid-onset rate', 'proportion 0–1 (Newcombe)', c.rapidOnsetDifference),
      ['Median durable relief', c.medianDurableReliefDifferenceDays, null, null, 'days'],
      [
        'Adverse events per 100 sessions',
        c.adverseEventsPer100SessionsDifference,
        null,
        null,
        'events per 100 sessions',
      ],
    ],
  };
}
