/**
 * The synthetic registry's bulk load: what it reports is what the database holds, each batch is
 * one transaction with one `registry.synthetic-load` audit event, a seed always yields the same
 * registry (whatever the batch size), and the array INSERT keeps awkward values intact.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CDC_2022_MME_FACTORS, dailyMmeSeries, type CalendarDate } from '@ketaflow/core';
import { eq, sql } from 'drizzle-orm';
import { intakeVersions } from '../intake/schema.ts';
import { patients } from '../patients/schema.ts';
import { createTestClinic, signIn, startTestApp } from '../testing/harness.ts';
import { bulkInsert } from './bulk-insert.ts';
import { generateSyntheticRegistry } from './synthetic-registry.ts';

const t = await startTestApp();
after(() => t.close());
const db = t.app.database.db;
const admin = await signIn(t.app, { role: 'admin' });

type Row = Record<string, unknown>;
const rowsOf = async (query: ReturnType<typeof sql>): Promise<Row[]> =>
  (await db.execute(query)).rows;

/** A clinic's cohort rows without ids or load time, sorted: the registry's clinical content. */
const cohortContent = async (clinicId: string): Promise<string[]> =>
  (
    await rowsOf(sql`SELECT condition_code, protocol_id, sex, age_years, baseline_mme_per_day,
        sessions, session_dose_mg_per_kg, course_dose_mg_per_kg, pain_classes, pgic_classes,
        relief_days, relief_event, mme_change_months, mme_change_mme_per_day, adverse_events,
        rapid_onset_responses, rapid_onset_assessed
      FROM cohort_rows WHERE clinic_id = ${clinicId}`)
  )
    .map((r) => JSON.stringify(r))
    .sort();

test('the counts it returns are the rows stored; one audit event per batch', async () => {
  const clinicId = admin.clinicId;
  const counts = await generateSyntheticRegistry(db, {
    clinicId,
    authorUserId: admin.userId,
    patients: 30,
    seed: 5,
    batchSize: 8,
  });
  const [stored] = await rowsOf(sql`SELECT
      (SELECT count(*)::int FROM patients WHERE clinic_id = ${clinicId}) AS patients,
      (SELECT count(*)::int FROM courses WHERE clinic_id = ${clinicId}) AS courses,
      (SELECT count(*)::int FROM infusion_sessions WHERE clinic_id = ${clinicId}) AS sessions,
      (SELECT count(*)::int FROM chart_entries WHERE clinic_id = ${clinicId}) AS "chartEntries",
      (SELECT count(*)::int FROM patient_medications WHERE clinic_id = ${clinicId}) AS medications`);
  assert.deepEqual(stored, { ...counts }, 'returned counts equal the stored rows');
  assert.equal(counts.patients, 30, 'every patient loaded');
  assert.ok(
    counts.courses > counts.patients && counts.sessions > 4 * counts.courses,
    `repeat courses and 4–10 sessions per course: ${JSON.stringify(counts)}`,
  );
  const [cohort] = await rowsOf(
    sql`SELECT count(*)::int AS n FROM cohort_rows WHERE clinic_id = ${clinicId}`,
  );
  assert.equal(cohort?.['n'], counts.courses, 'one cohort row per course');
  const events = await rowsOf(sql`SELECT detail FROM audit_events
      WHERE clinic_id = ${clinicId} AND action = 'registry.synthetic-load' ORDER BY seq`);
  assert.equal(events.length, 4, '30 patients in batches of 8 are 4 audit events');
  const audited = events.map((e) => e['detail'] as { patients: number; sessions: number });
  assert.deepEqual(
    audited.map((d) => d.patients),
    [8, 8, 8, 6],
    'each event names its batch size',
  );
  assert.equal(
    audited.reduce((n, d) => n + d.sessions, 0),
    counts.sessions,
    'the events account for every session',
  );
});

test('a seed yields the same registry whatever the batch size; another seed does not', async () => {
  const load = async (seed: number, batchSize: number): Promise<string[]> => {
    const clinicId = await createTestClinic(t.app);
    await generateSyntheticRegistry(db, {
      clinicId,
      authorUserId: admin.userId,
      patients: 12,
      seed,
      batchSize,
    });
    return cohortContent(clinicId);
  };
  const first = await load(11, 12);
  assert.deepEqual(await load(11, 5), first, 'same seed, same cohort rows');
  assert.notDeepEqual(await load(12, 12), first, 'another seed, another registry');
});

test('bulkInsert keeps quotes, backslashes, commas and braces in text, arrays and JSON', async () => {
  const patientId = randomUUID();
  const awkward = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', ''];
  const now = new Date('2026-06-30T12:00:00.000Z');
  await bulkInsert(db, patients, [
    {
      id: patientId,
      clinicId: admin.clinicId,
      mrn: `BULK-${patientId.slice(0, 8)}`,
      legalGivenName: 'Ma"ry \\ {O\'Brien}, Jr',
      legalFamilyName: 'Sample',
      dateOfBirth: '1970-01-15',
      sexAtBirth: 'female',
      createdBy: admin.userId,
      updatedBy: admin.userId,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  await bulkInsert(db, intakeVersions, [
    {
      id: randomUUID(),
      clinicId: admin.clinicId,
      patientId,
      version: 1,
      document: { quote: 'say "hi"', slash: 'a\\b', nested: { list: awkward } },
      changedSections: awkward,
      reason: 'Bulk insert test',
      requestHash: 'synthetic',
      recordedBy: admin.userId,
      recordedAt: now,
    },
  ]);
  const [person] = await db.select().from(patients).where(eq(patients.id, patientId));
  assert.ok(person, 'the patient row is stored');
  assert.equal(person.legalGivenName, 'Ma"ry \\ {O\'Brien}, Jr', 'text column round trip');
  assert.equal(person.createdAt.toISOString(), now.toISOString(), 'timestamp round trip');
  const [intake] = await db
    .select()
    .from(intakeVersions)
    .where(eq(intakeVersions.patientId, patientId));
  assert.ok(intake, 'the intake row is stored');
  assert.deepEqual(intake.changedSections, awkward, 'text[] round trip');
  assert.deepEqual(
    intake.document,
    { quote: 'say "hi"', slash: 'a\\b', nested: { list: awkward } },
    'jsonb round trip',
  );
});

test('each synthetic opioid line stores the MME/day core computes for it, like a line recorded through the API', async () => {
  const clinicId = await createTestClinic(t.app, 'MME registry');
  await generateSyntheticRegistry(db, {
    clinicId,
    authorUserId: admin.userId,
    patients: 20,
    seed: 11,
  });
  const lines = await rowsOf(sql`SELECT id, drug, dose_mg, times_per_day,
      start_date::text AS start_date, mme_per_day
    FROM patient_medications WHERE clinic_id = ${clinicId}`);
  assert.ok(lines.length > 0, 'some patients have an opioid line');
  for (const line of lines) {
    const start = line['start_date'] as CalendarDate;
    const day = dailyMmeSeries(
      [
        {
          id: String(line['id']),
          drug: String(line['drug']),
          doseMg: Number(line['dose_mg']),
          timesPerDay: Number(line['times_per_day']),
          startDate: start,
        },
      ],
      start,
      start,
      CDC_2022_MME_FACTORS,
    );
    assert.ok(day.ok, `core converts ${String(line['drug'])}`);
    assert.equal(
      line['mme_per_day'],
      day.value[0]?.mmePerDay,
      `MME/day of ${String(line['drug'])}`,
    );
  }
});
