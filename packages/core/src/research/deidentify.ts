/**
 * Builds the de-identified research record of one consenting patient from identified source rows.
 * Whitelist by construction: the output type holds only coded values, numbers, the pseudonymous
 * research id, sex, the Safe Harbor age and ZIP3, and days relative to the first infusion. Names,
 * contact details, record numbers, calendar dates and every free-text field of the source are
 * never read, so they cannot leak (proved by the canary test).
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { parseCalendarDate, type CalendarDate } from '../outcomes/calendar-date.ts';
import {
  relativeDay,
  safeHarborAge,
  safeHarborZip3,
  type SafeHarborAge,
  type SafeHarborRules,
} from './safe-harbor.ts';

export type ResearchSex = 'female' | 'male' | 'other' | 'unknown';

/** Identified source rows as the server loads them (extra fields are ignored, never copied). */
export interface ResearchSource {
  /** Pseudonym supplied by the server: not derived from identifiers, 8–64 of [A-Za-z0-9-]. */
  readonly researchId: string;
  readonly birthDate: string;
  readonly sex: ResearchSex;
  /** US ZIP or ZIP+4, or null. */
  readonly postalCode: string | null;
  /** Identifier values held for this patient (name, MRN, phone …): the research id must contain none. */
  readonly identifierValues: readonly string[];
  /** ICD-10-CM codes. */
  readonly diagnosisCodes: readonly string[];
  readonly sessions: readonly {
    readonly date: string;
    readonly protocol: KnowledgeRef;
    readonly doseMg: number;
    readonly weightKg: number;
  }[];
  readonly painReadings: readonly {
    readonly date: string;
    readonly nrs: number;
    readonly context: 'diary' | 'before-infusion' | 'after-infusion';
  }[];
  readonly questionnaires: readonly {
    readonly date: string;
    readonly instrument: KnowledgeRef;
    /** Total score when complete; null when incomplete. */
    readonly score: number | null;
    /** Item answers; text answers are free text and are dropped. */
    readonly answers: readonly { readonly itemId: string; readonly value: number | string }[];
  }[];
  readonly adverseEvents: readonly {
    readonly date: string;
    /** Coded event (lower-case slug such as `nausea`), never free text. */
    readonly code: string;
    readonly severity: 'mild' | 'moderate' | 'severe';
  }[];
  readonly dailyMme: readonly {
    readonly date: string;
    readonly mmePerDay: number;
    readonly factorTable: KnowledgeRef;
  }[];
}

export interface ResearchPatient {
  readonly researchId: string;
  readonly sex: ResearchSex;
  /** Whole years at the first infusion, or the Safe Harbor top category ("90+"). */
  readonly ageAtFirstInfusion: SafeHarborAge;
  readonly zip3: string | null;
  readonly diagnosisCodes: readonly string[];
  readonly sessions: readonly {
    readonly day: number;
    readonly protocol: KnowledgeRef;
    readonly doseMg: number;
    readonly doseMgPerKg: number;
  }[];
  readonly painReadings: readonly {
    readonly day: number;
    readonly nrs: number;
    readonly context: 'diary' | 'before-infusion' | 'after-infusion';
  }[];
  readonly questionnaires: readonly {
    readonly day: number;
    readonly instrument: KnowledgeRef;
    readonly score: number | null;
    readonly answers: readonly { readonly itemId: string; readonly value: number }[];
  }[];
  readonly adverseEvents: readonly {
    readonly day: number;
    readonly code: string;
    readonly severity: 'mild' | 'moderate' | 'severe';
  }[];
  readonly dailyMme: readonly {
    readonly day: number;
    readonly mmePerDay: number;
    readonly factorTable: KnowledgeRef;
  }[];
}

const RESEARCH_ID = /^[A-Za-z0-9-]{8,64}$/;
const SLUG = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const ICD10CM = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const SEXES: readonly ResearchSex[] = ['female', 'male', 'other', 'unknown'];

const fail = (code: string, field: string, message: string): Result<never> =>
  err({ code, field, message });

const checkRef = (ref: KnowledgeRef, field: string): Result<KnowledgeRef> =>
  SLUG.test(ref.id) && /^\d+\.\d+\.\d+$/.test(ref.version)
    ? ok({ id: ref.id, version: ref.version })
    : fail(
        'research.knowledge-ref',
        field,
        `${field} must be a knowledge id (lower-case slug) and a semantic version.`,
      );

/** Parses every date first so one bad date names its field; returns them in input order. */
const dates = (
  rows: readonly { readonly date: string }[],
  field: string,
): Result<CalendarDate[]> => {
  const out: CalendarDate[] = [];
  for (const [i, row] of rows.entries()) {
    const d = parseCalendarDate(row.date, `${field}[${i}].date`);
    if (!d.ok) return d;
    out.push(d.value);
  }
  return ok(out);
};

const finiteAtLeast = (value: number, min: number): boolean =>
  Number.isFinite(value) && value >= min;

/**
 * De-identifies one patient under Safe Harbor. Rejects (never repairs) a research id that is not a
 * plain pseudonym or contains one of the patient's identifier values, a patient without an
 * infusion (no day 0), and any malformed code, number or date.
 */
export const deidentifyPatient = (
  source: ResearchSource,
  rules: SafeHarborRules,
): Result<ResearchPatient> => {
  if (!RESEARCH_ID.test(source.researchId)) {
    return fail(
      'research.research-id',
      'researchId',
      'researchId must be 8–64 letters, digits or hyphens supplied by the server.',
    );
  }
  const lowerId = source.researchId.toLowerCase();
  if (
    source.identifierValues.some(
      (v) => v.trim().length >= 3 && lowerId.includes(v.trim().toLowerCase()),
    )
  ) {
    return fail(
      'research.pseudonym-contains-identifier',
      'researchId',
      'researchId contains an identifier of the patient; issue a random pseudonym instead.',
    );
  }
  if (!SEXES.includes(source.sex))
    return fail('research.sex', 'sex', `sex must be one of ${SEXES.join(', ')}.`);
  const sessionDates = dates(source.sessions, 'sessions');
  if (!sessionDates.ok) return sessionDates;
  const first = [...sessionDates.value].sort()[0];
  if (first === undefined) {
    return fail(
      'research.no-infusion',
      'sessions',
      'The patient has no infusion, so there is no day 0; export only patients with at least one session.',
    );
  }
  const birth = parseCalendarDate(source.birthDate, 'birthDate');
  if (!birth.ok) return birth;
  const age = safeHarborAge(birth.value, first, rules);
  if (!age.ok) return age;
  const zip3 = safeHarborZip3(source.postalCode, rules);
  if (!zip3.ok) return zip3;
  for (const [i, code] of source.diagnosisCodes.entries()) {
    if (!ICD10CM.test(code))
      return fail(
        'research.icd10cm',
        `diagnosisCodes[${i}]`,
        `diagnosisCodes[${i}] must be an ICD-10-CM code such as G90.511.`,
      );
  }

  const sessions = [];
  for (const [i, s] of source.sessions.entries()) {
    const protocol = checkRef(s.protocol, `sessions[${i}].protocol`);
    if (!protocol.ok) return protocol;
    if (!finiteAtLeast(s.doseMg, 0) || !finiteAtLeast(s.weightKg, 1)) {
      return fail(
        'research.session-numbers',
        `sessions[${i}]`,
        `sessions[${i}] needs doseMg ≥ 0 and weightKg ≥ 1.`,
      );
    }
    sessions.push({
      day: relativeDay(sessionDates.value[i] ?? first, first),
      protocol: protocol.value,
      doseMg: s.doseMg,
      doseMgPerKg: s.doseMg / s.weightKg,
    });
  }
  const painDates = dates(source.painReadings, 'painReadings');
  if (!painDates.ok) return painDates;
  const painReadings = [];
  for (const [i, r] of source.painReadings.entries()) {
    if (!Number.isInteger(r.nrs) || r.nrs < 0 || r.nrs > 10)
      return fail(
        'research.nrs',
        `painReadings[${i}].nrs`,
        `painReadings[${i}].nrs must be a whole number 0–10.`,
      );
    if (!['diary', 'before-infusion', 'after-infusion'].includes(r.context)) {
      return fail(
        'research.nrs-context',
        `painReadings[${i}].context`,
        `painReadings[${i}].context is not a known context.`,
      );
    }
    painReadings.push({
      day: relativeDay(painDates.value[i] ?? first, first),
      nrs: r.nrs,
      context: r.context,
    });
  }
  const questionnaireDates = dates(source.questionnaires, 'questionnaires');
  if (!questionnaireDates.ok) return questionnaireDates;
  const questionnaires = [];
  for (const [i, q] of source.questionnaires.entries()) {
    const instrument = checkRef(q.instrument, `questionnaires[${i}].instrument`);
    if (!instrument.ok) return instrument;
    if (q.score !== null && !Number.isFinite(q.score))
      return fail(
        'research.score',
        `questionnaires[${i}].score`,
        `questionnaires[${i}].score must be a number or null.`,
      );
    const answers = [];
    for (const [j, a] of q.answers.entries()) {
      if (typeof a.value === 'string') continue; // free text is never exported
      if (!SLUG.test(a.itemId) || !Number.isFinite(a.value)) {
        return fail(
          'research.answer',
          `questionnaires[${i}].answers[${j}]`,
          `questionnaires[${i}].answers[${j}] needs a slug itemId and a finite number.`,
        );
      }
      answers.push({ itemId: a.itemId, value: a.value });
    }
    questionnaires.push({
      day: relativeDay(questionnaireDates.value[i] ?? first, first),
      instrument: instrument.value,
      score: q.score,
      answers,
    });
  }
  const aeDates = dates(source.adverseEvents, 'adverseEvents');
  if (!aeDates.ok) return aeDates;
  const adverseEvents = [];
  for (const [i, e] of source.adverseEvents.entries()) {
    if (!SLUG.test(e.code))
      return fail(
        'research.adverse-event-code',
        `adverseEvents[${i}].code`,
        `adverseEvents[${i}].code must be a coded event (lower-case slug), not free text.`,
      );
    if (!['mild', 'moderate', 'severe'].includes(e.severity))
      return fail(
        'research.severity',
        `adverseEvents[${i}].severity`,
        `adverseEvents[${i}].severity must be mild, moderate or severe.`,
      );
    adverseEvents.push({
      day: relativeDay(aeDates.value[i] ?? first, first),
      code: e.code,
      severity: e.severity,
    });
  }
  const mmeDates = dates(source.dailyMme, 'dailyMme');
  if (!mmeDates.ok) return mmeDates;
  const dailyMme = [];
  for (const [i, m] of source.dailyMme.entries()) {
    if (!finiteAtLeast(m.mmePerDay, 0))
      return fail(
        'research.mme',
        `dailyMme[${i}].mmePerDay`,
        `dailyMme[${i}].mmePerDay must be a number ≥ 0.`,
      );
    const table = checkRef(m.factorTable, `dailyMme[${i}].factorTable`);
    if (!table.ok) return table;
    dailyMme.push({
      day: relativeDay(mmeDates.value[i] ?? first, first),
      mmePerDay: m.mmePerDay,
      factorTable: table.value,
    });
  }
  return ok({
    researchId: source.researchId,
    sex: source.sex,
    ageAtFirstInfusion: age.value,
    zip3: zip3.value,
    diagnosisCodes: [...source.diagnosisCodes],
    sessions,
    painReadings,
    questionnaires,
    adverseEvents,
    dailyMme,
  });
};
