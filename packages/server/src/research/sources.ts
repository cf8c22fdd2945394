/**
 * Loads the identified source rows of the research export (core ResearchSource) for the patients of
 * a clinic whose latest research-consent record grants it: demographics and identifier values (only
 * to prove none leaks), infusions given (signed order dose and weight), NRS charted on each session
 * (first = before, last = after the infusion), coded adverse events, and daily MME from the
 * medication list via core. Free text is never loaded into an exported field.
 */
import { randomBytes } from 'node:crypto';
import {
  CDC_2022_MME_FACTORS,
  dailyMmeSeries,
  type MedicationPeriodInput,
  type ResearchSex,
  type ResearchSource,
} from '@ketaflow/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { researchIds } from './schema.ts';

/** Session states in which the infusion was given (fully or until stopped). */
const GIVEN_STATES = ['stopped', 'recovery', 'discharged', 'transferred'];
const SLUG = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const SEVERITIES = new Set(['mild', 'moderate', 'severe']);
const ICD10CM = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

const sexOf = (s: string): ResearchSex =>
  s === 'female' || s === 'male' ? s : s === 'intersex' ? 'other' : 'unknown';

/** A pseudonym from the OS random source: no identifier can be in it. */
const newResearchId = (): string =>
  `R-${randomBytes(9).toString('base64url').replace(/[_-]/g, 'x')}`;

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Row = Record<string, unknown>;

export async function loadResearchSources(tx: Tx, clinicId: string): Promise<ResearchSource[]> {
  const people = (
    await tx.execute(sql`
      SELECT p.id, p.mrn, p.legal_given_name, p.legal_family_name, p.preferred_name,
             p.date_of_birth, p.sex_at_birth, p.phone, p.email, p.address, p.emergency_contact
      FROM patients p
      WHERE p.clinic_id = ${clinicId}
        AND (SELECT rc.granted FROM research_consents rc WHERE rc.patient_id = p.id
             ORDER BY rc.recorded_at DESC, rc.id DESC LIMIT 1) IS TRUE
      ORDER BY p.id`)
  ).rows as Row[];
  if (people.length === 0) return [];
  const ids = people.map((p) => String(p['id']));
  const existing = await tx
    .select()
    .from(researchIds)
    .where(
      sql`${researchIds.patientId} = ANY(${sql`ARRAY[${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`})`,
    );
  const pseudonyms = new Map(existing.map((r) => [r.patientId, r.researchId]));
  const fresh = ids
    .filter((id) => !pseudonyms.has(id))
    .map((patientId) => ({
      patientId,
      clinicId,
      researchId: newResearchId(),
      createdAt: new Date(),
    }));
  if (fresh.length > 0) await tx.insert(researchIds).values(fresh);
  for (const f of fresh) pseudonyms.set(f.patientId, f.researchId);

  const idList = sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const sessions = (
    await tx.execute(sql`
      SELECT s.id, s.patient_id, (s.scheduled_start_at AT TIME ZONE c.time_zone)::date::text AS day,
             o.protocol_id, o.protocol_version, o.session_dose_mg::float8 AS dose_mg, o.weight_kg::float8 AS weight_kg
      FROM infusion_sessions s
      JOIN orders o ON o.id = s.order_id
      JOIN clinics c ON c.id = s.clinic_id
      WHERE s.clinic_id = ${clinicId} AND s.patient_id = ANY(${idList})
        AND s.state = ANY(${sql`ARRAY[${sql.join(
          GIVEN_STATES.map((g) => sql`${g}`),
          sql`, `,
        )}]`})`)
  ).rows as Row[];
  const charted = (
    await tx.execute(sql`
      SELECT e.session_id, e.kind, e.payload, s.patient_id,
             (e.occurred_at AT TIME ZONE c.time_zone)::date::text AS day
      FROM chart_entries e
      JOIN infusion_sessions s ON s.id = e.session_id
      JOIN clinics c ON c.id = e.clinic_id
      WHERE e.clinic_id = ${clinicId} AND s.patient_id = ANY(${idList})
        AND e.kind IN ('pain', 'adverse-event')
      ORDER BY e.occurred_at, e.seq`)
  ).rows as Row[];
  const conditions = (
    await tx.execute(sql`
      SELECT DISTINCT patient_id, condition_code FROM cohort_rows
      WHERE clinic_id = ${clinicId} AND patient_id = ANY(${idList})`)
  ).rows as Row[];
  const meds = (
    await tx.execute(sql`
      SELECT DISTINCT ON (medication_id) medication_id, patient_id, drug, dose_mg, patch_mcg_per_h,
             times_per_day, start_date::text AS start_date, stop_date::text AS stop_date
      FROM patient_medications
      WHERE clinic_id = ${clinicId} AND patient_id = ANY(${idList})
      ORDER BY medication_id, version DESC`)
  ).rows as Row[];

  return people.map((p): ResearchSource => {
    const id = String(p['id']);
    const address = p['address'] as {
      line1?: string;
      line2?: string;
      city?: string;
      postalCode?: string;
    } | null;
    const contact = p['emergency_contact'] as { name?: string; phone?: string } | null;
    const mine = sessions.filter((s) => s['patient_id'] === id);
    const painBySession = new Map<string, Row[]>();
    const adverse: ResearchSource['adverseEvents'][number][] = [];
    for (const e of charted.filter((x) => x['patient_id'] === id)) {
      const payload = e['payload'] as Record<string, unknown>;
      if (e['kind'] === 'pain') {
        const list = painBySession.get(String(e['session_id'])) ?? [];
        list.push(e);
        painBySession.set(String(e['session_id']), list);
      } else if (
        typeof payload['type'] === 'string' &&
        SLUG.test(payload['type']) &&
        SEVERITIES.has(String(payload['severity']))
      ) {
        // Only coded event types are exported; anything typed free-hand is left out.
        adverse.push({
          date: String(e['day']),
          code: payload['type'],
          severity: payload['severity'] as 'mild' | 'moderate' | 'severe',
        });
      }
    }
    const painReadings: ResearchSource['painReadings'][number][] = [];
    for (const list of painBySession.values()) {
      const nrsOf = (r: Row | undefined) =>
        (r?.['payload'] as { painNrs?: unknown } | undefined)?.painNrs;
      const first = list[0];
      const last = list.length > 1 ? list[list.length - 1] : undefined;
      if (typeof nrsOf(first) === 'number')
        painReadings.push({
          date: String(first?.['day']),
          nrs: nrsOf(first) as number,
          context: 'before-infusion',
        });
      if (typeof nrsOf(last) === 'number')
        painReadings.push({
          date: String(last?.['day']),
          nrs: nrsOf(last) as number,
          context: 'after-infusion',
        });
    }
    const periods: MedicationPeriodInput[] = meds
      .filter((m) => m['patient_id'] === id)
      .map((m) => ({
        id: String(m['medication_id']),
        drug: String(m['drug']),
        startDate: String(m['start_date']),
        ...(m['dose_mg'] === null ? {} : { doseMg: Number(m['dose_mg']) }),
        ...(m['patch_mcg_per_h'] === null ? {} : { patchMcgPerH: Number(m['patch_mcg_per_h']) }),
        ...(m['times_per_day'] === null ? {} : { timesPerDay: Number(m['times_per_day']) }),
        ...(typeof m['stop_date'] === 'string' ? { stopDate: m['stop_date'] } : {}),
      }));
    const days = mine.map((s) => String(s['day'])).sort();
    let dailyMme: ResearchSource['dailyMme'][number][] = [];
    if (periods.length > 0 && days.length > 0) {
      const from = addDays(days[0] as string, -30);
      const to = addDays(days[days.length - 1] as string, 180);
      const series = dailyMmeSeries(periods, from, to, CDC_2022_MME_FACTORS);
      if (series.ok) {
        dailyMme = series.value
          .filter((d) => !d.incomplete)
          .map((d) => ({ date: d.date, mmePerDay: d.mmePerDay, factorTable: d.factorTable }));
      }
    }
    const identifierValues = [
      p['mrn'],
      p['legal_given_name'],
      p['legal_family_name'],
      p['preferred_name'],
      p['phone'],
      p['email'],
      address?.line1,
      address?.line2,
      address?.city,
      contact?.name,
      contact?.phone,
    ].filter((v): v is string => typeof v === 'string' && v.length > 0);
    return {
      researchId: pseudonyms.get(id) ?? newResearchId(),
      birthDate: String(p['date_of_birth']),
      sex: sexOf(String(p['sex_at_birth'])),
      postalCode: address?.postalCode ?? null,
      identifierValues,
      diagnosisCodes: conditions
        .filter((c) => c['patient_id'] === id)
        .map((c) => String(c['condition_code']))
        .filter((c) => ICD10CM.test(c)),
      sessions: mine.map((s) => ({
        date: String(s['day']),
        protocol: { id: String(s['protocol_id']), version: String(s['protocol_version']) },
        doseMg: Number(s['dose_mg']),
        weightKg: Number(s['weight_kg']),
      })),
      painReadings,
      questionnaires: [],
      adverseEvents: adverse,
      dailyMme,
    };
  });
}
