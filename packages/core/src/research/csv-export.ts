/**
 * De-identified research export as CSV tables (RFC 4180) with a data dictionary naming each
 * column's type, unit (UCUM) and code system. Built only from ResearchPatient records, so no
 * identifier or calendar date can reach a file.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { ResearchPatient } from './deidentify.ts';
import type { SafeHarborRules } from './safe-harbor.ts';

export interface DictionaryColumn {
  readonly table: string;
  readonly column: string;
  readonly type: 'string' | 'integer' | 'number';
  /** UCUM unit, or '' when the column has none. */
  readonly unit: string;
  /** Code system URI of coded values, or ''. */
  readonly codeSystem: string;
  readonly description: string;
}

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const KETAFLOW_KNOWLEDGE = 'https://ketaflow.org/knowledge';
const KETAFLOW_CODES = 'https://ketaflow.org/fhir/CodeSystem/research';
const DAY =
  'Days from the first infusion (day 0); negative before it. No calendar dates are exported.';

const col = (
  table: string,
  column: string,
  type: DictionaryColumn['type'],
  unit: string,
  codeSystem: string,
  description: string,
): DictionaryColumn => ({ table, column, type, unit, codeSystem, description });

/** Every column of every exported table, in file order. */
export const RESEARCH_DATA_DICTIONARY: readonly DictionaryColumn[] = [
  col(
    'patients',
    'research_id',
    'string',
    '',
    '',
    'Pseudonymous research id; not derived from any identifier.',
  ),
  col(
    'patients',
    'sex',
    'string',
    '',
    'http://hl7.org/fhir/administrative-gender',
    'female, male, other or unknown.',
  ),
  col(
    'patients',
    'age_at_first_infusion',
    'string',
    'a',
    '',
    'Whole years at the first infusion; ages over 89 are "90+" (Safe Harbor).',
  ),
  col(
    'patients',
    'zip3',
    'string',
    '',
    '',
    'First 3 ZIP digits; "000" where the ZIP3 area has 20,000 people or fewer; empty when unknown.',
  ),
  col('diagnoses', 'research_id', 'string', '', '', 'Patient.'),
  col('diagnoses', 'icd10cm', 'string', '', ICD10CM, 'Diagnosis code.'),
  col('sessions', 'research_id', 'string', '', '', 'Patient.'),
  col('sessions', 'day', 'integer', 'd', '', DAY),
  col('sessions', 'protocol_id', 'string', '', KETAFLOW_KNOWLEDGE, 'Protocol knowledge id.'),
  col(
    'sessions',
    'protocol_version',
    'string',
    '',
    KETAFLOW_KNOWLEDGE,
    'Protocol knowledge version.',
  ),
  col('sessions', 'dose_mg', 'number', 'mg', '', 'Racemic ketamine given in the session.'),
  col(
    'sessions',
    'dose_mg_per_kg',
    'number',
    'mg/kg',
    '',
    'Session dose divided by the session weight.',
  ),
  col('pain', 'research_id', 'string', '', '', 'Patient.'),
  col('pain', 'day', 'integer', 'd', '', DAY),
  col(
    'pain',
    'loinc',
    'string',
    '',
    'http://loinc.org',
    '72514-3 pain severity 0-10 verbal numeric rating.',
  ),
  col('pain', 'nrs', 'integer', '{score}', '', '0 = no pain, 10 = worst imaginable.'),
  col('pain', 'context', 'string', '', KETAFLOW_CODES, 'diary, before-infusion or after-infusion.'),
  col('questionnaires', 'research_id', 'string', '', '', 'Patient.'),
  col('questionnaires', 'day', 'integer', 'd', '', DAY),
  col(
    'questionnaires',
    'instrument_id',
    'string',
    '',
    KETAFLOW_KNOWLEDGE,
    'Instrument knowledge id (e.g. phq-9).',
  ),
  col(
    'questionnaires',
    'instrument_version',
    'string',
    '',
    KETAFLOW_KNOWLEDGE,
    'Instrument knowledge version.',
  ),
  col(
    'questionnaires',
    'score',
    'number',
    '{score}',
    '',
    'Total score by the instrument rules; empty when incomplete.',
  ),
  col('questionnaire_items', 'research_id', 'string', '', '', 'Patient.'),
  col('questionnaire_items', 'day', 'integer', 'd', '', DAY),
  col(
    'questionnaire_items',
    'instrument_id',
    'string',
    '',
    KETAFLOW_KNOWLEDGE,
    'Instrument knowledge id.',
  ),
  col(
    'questionnaire_items',
    'item_id',
    'string',
    '',
    KETAFLOW_KNOWLEDGE,
    'Item id within the instrument; free-text answers are not exported.',
  ),
  col('questionnaire_items', 'value', 'number', '{score}', '', 'Numeric answer.'),
  col('adverse_events', 'research_id', 'string', '', '', 'Patient.'),
  col('adverse_events', 'day', 'integer', 'd', '', DAY),
  col(
    'adverse_events',
    'event_code',
    'string',
    '',
    KETAFLOW_CODES,
    'Coded adverse event; no narrative.',
  ),
  col('adverse_events', 'severity', 'string', '', KETAFLOW_CODES, 'mild, moderate or severe.'),
  col('daily_mme', 'research_id', 'string', '', '', 'Patient.'),
  col('daily_mme', 'day', 'integer', 'd', '', DAY),
  col(
    'daily_mme',
    'mme_per_day',
    'number',
    '{MME}/d',
    '',
    'Morphine milligram equivalents per day.',
  ),
  col(
    'daily_mme',
    'factor_table',
    'string',
    '',
    KETAFLOW_KNOWLEDGE,
    'MME factor table id@version that produced the value.',
  ),
];

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const csv = (
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

const ref = (r: KnowledgeRef): string => `${r.id}@${r.version}`;

const columnsOf = (table: string): string[] =>
  RESEARCH_DATA_DICTIONARY.filter((c) => c.table === table).map((c) => c.column);

/** File name → CSV text, including `data_dictionary.csv` and `README.txt` naming the rules used. */
export const buildResearchCsv = (
  patients: readonly ResearchPatient[],
  rules: SafeHarborRules,
): Readonly<Record<string, string>> => {
  const rows = {
    patients: patients.map((p) => [
      p.researchId,
      p.sex,
      p.ageAtFirstInfusion.kind === 'years'
        ? String(p.ageAtFirstInfusion.years)
        : p.ageAtFirstInfusion.label,
      p.zip3,
    ]),
    diagnoses: patients.flatMap((p) => p.diagnosisCodes.map((c) => [p.researchId, c])),
    sessions: patients.flatMap((p) =>
      p.sessions.map((s) => [
        p.researchId,
        s.day,
        s.protocol.id,
        s.protocol.version,
        s.doseMg,
        s.doseMgPerKg,
      ]),
    ),
    pain: patients.flatMap((p) =>
      p.painReadings.map((r) => [p.researchId, r.day, '72514-3', r.nrs, r.context]),
    ),
    questionnaires: patients.flatMap((p) =>
      p.questionnaires.map((q) => [
        p.researchId,
        q.day,
        q.instrument.id,
        q.instrument.version,
        q.score,
      ]),
    ),
    questionnaire_items: patients.flatMap((p) =>
      p.questionnaires.flatMap((q) =>
        q.answers.map((a) => [p.researchId, q.day, q.instrument.id, a.itemId, a.value]),
      ),
    ),
    adverse_events: patients.flatMap((p) =>
      p.adverseEvents.map((e) => [p.researchId, e.day, e.code, e.severity]),
    ),
    daily_mme: patients.flatMap((p) =>
      p.dailyMme.map((m) => [p.researchId, m.day, m.mmePerDay, ref(m.factorTable)]),
    ),
  };
  const files: Record<string, string> = {};
  for (const [table, tableRows] of Object.entries(rows))
    files[`${table}.csv`] = csv(columnsOf(table), tableRows);
  files['data_dictionary.csv'] = csv(
    ['table', 'column', 'type', 'unit', 'code_system', 'description'],
    RESEARCH_DATA_DICTIONARY.map((c) => [
      c.table,
      c.column,
      c.type,
      c.unit,
      c.codeSystem,
      c.description,
    ]),
  );
  files['README.txt'] =
    [
      'Ketaflow de-identified research export (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)).',
      `Rules: ${ref(rules.ref)}; restricted ZIP3 list: ${ref(rules.restrictedZip3Ref)} (status ${rules.restrictedZip3Status}).`,
      rules.restrictedZip3Status === 'released'
        ? ''
        : 'WARNING: the restricted ZIP3 list is not yet verified against current Census data.',
      "Dates are days from each patient's first infusion (day 0). Free text is not exported.",
    ]
      .filter((line) => line !== '')
      .join('\r\n') + '\r\n';
  return files;
};
