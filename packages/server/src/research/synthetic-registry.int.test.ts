/**
 * The synthetic registry's bulk load: what it reports is what the database holds, each batch is
 * one transaction with one `registry.synthetic-load` audit event, a seed always yields the same
 * registry (whatever the batch size), the array INSERT keeps awkward values intact, and the stored
 * diary and PGIC responses are the inputs each course's cohort row was computed from.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CDC_2022_MME_FACTORS,
  dailyMmeSeries,
  patientOutcomes,
  type CalendarDate,
} from '@ketaflow/core';
import { eq, sql } from 'drizzle-orm';
import { refreshCohortRows } from '../analytics/cohort-refresh.ts';
import { intakeVersions } from '../intake/schema.ts';
import { loadOutcomeSources } from '../outcomes/sources.ts';
import { outcomeKnowledge } from '../outcomes/service.ts';
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
      (SELECT count(*)::int FROM patient_medications WHERE clinic_id = ${clinicId}) AS medications,
      (SELECT count(*)::int FROM questionnaire_responses WHERE clinic_id = ${clinicId})
        AS "questionnaireResponses"`);
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

const daysBefore = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Each course's diary-dependent cohort columns, by course id. */
const diaryColumns = async (clinicId: string): Promise<Map<string, string>> =>
  new Map(
    (
      await rowsOf(sql`SELECT course_id, pain_classes, pgic_classes, relief_days, relief_event
        FROM cohort_rows WHERE clinic_id = ${clinicId}`)
    ).map((r) => [
      String(r['course_id']),
      JSON.stringify([r['pain_classes'], r['pgic_classes'], r['relief_days'], r['relief_event']]),
    ]),
  );

test("each course's stored diary and PGIC responses are the inputs its cohort row was computed from", async () => {
  const clinicId = await createTestClinic(t.app, 'Diary registry');
  const counts = await generateSyntheticRegistry(db, {
    clinicId,
    authorUserId: admin.userId,
    patients: 15,
    seed: 21,
  });
  const stored = await rowsOf(sql`SELECT instrument_id, instrument_version, answers, score,
      flags, respondent, course_id, item_id FROM questionnaire_responses WHERE clinic_id = ${clinicId}`);
  assert.equal(
    stored.length,
    counts.questionnaireResponses,
    'the count returned is the rows stored',
  );
  assert.ok(
    stored.every(
      (r) =>
        ['nrs-0-10@1.0.0', 'pgic@1.0.0'].includes(
          `${String(r['instrument_id'])}@${String(r['instrument_version'])}`,
        ) &&
        r['respondent'] === 'patient' &&
        r['course_id'] === null &&
        r['item_id'] === null &&
        Object.values(r['answers'] as object)[0] === r['score'],
    ),
    'unscheduled patient answers of the NRS and PGIC instruments, scored as answered',
  );
  // Each course with its first infusion day and the first infusion day of the patient's next course.
  const courses = (await rowsOf(sql`WITH f AS (
        SELECT course_id, patient_id, min(scheduled_start_at AT TIME ZONE 'America/Los_Angeles')::date AS first
        FROM infusion_sessions WHERE clinic_id = ${clinicId} GROUP BY course_id, patient_id)
      SELECT course_id, patient_id, first::text AS first,
        (SELECT min(n.first)::text FROM f n WHERE n.patient_id = f.patient_id AND n.first > f.first) AS next
      FROM f`)) as { course_id: string; patient_id: string; first: string; next: string | null }[];
  assert.equal(courses.length, counts.courses, 'every course has infusions');
  const generated = await diaryColumns(clinicId);
  const columns = [...generated.values()].map((v) => JSON.parse(v) as unknown[]);
  assert.ok(
    columns.some((c) => Array.isArray(c[0]) && c[0].length > 0) &&
      columns.some((c) => c[3] === true),
    'some courses reach a pain class and some have their relief end: the comparison below can fail',
  );
  const k = outcomeKnowledge();
  let diaryEntries = 0;
  for (const c of courses) {
    const sources = await db.transaction((tx) =>
      loadOutcomeSources(tx, clinicId, c.patient_id, c.course_id),
    );
    // The course's diary runs from its baseline week to the day of its PGIC answer.
    const pgic = sources.pgicAnswers.filter(
      (a) => a.date > c.first && (c.next === null || a.date < c.next),
    );
    assert.equal(pgic.length, 1, `one PGIC answer after course ${c.course_id}`);
    const end = pgic[0]?.date ?? '';
    const readings = sources.readings.filter(
      (r) => r.date >= daysBefore(c.first, k.rules.baseline.windowDays) && r.date <= end,
    );
    diaryEntries += readings.length;
    const baseline = readings.filter((r) => r.date < c.first);
    assert.equal(baseline.length, k.rules.baseline.windowDays, 'a diary entry each baseline day');
    assert.ok(
      baseline.every((r) => r.nrs === sources.sessions[0]?.nrsBefore),
      'the baseline diary is the pain charted before the first infusion',
    );
    const outcomes = patientOutcomes(
      { readings, sessions: sources.sessions, pgicAnswers: pgic, checks: [], today: end },
      k,
    );
    assert.ok(outcomes.ok, `core assesses course ${c.course_id}`);
    const { responder, durableRelief } = outcomes.value;
    assert.equal(
      JSON.stringify([
        responder.pain.status === 'known' ? responder.pain.reached : null,
        responder.pgic.status === 'known' ? responder.pgic.reached : null,
        durableRelief.timeToEvent?.days ?? null,
        durableRelief.timeToEvent?.event ?? null,
      ]),
      generated.get(c.course_id),
      `pain and PGIC classes and relief of course ${c.course_id} from its stored responses`,
    );
  }
  assert.equal(
    diaryEntries + courses.length,
    stored.length,
    'every stored response belongs to exactly one course',
  );

  // The refresh assesses the latest course of each patient on the clinic's today and an earlier
  // (closed) course on its last answered day, so every course comes out as generated.
  const latest = new Set(courses.filter((c) => c.next === null).map((c) => c.course_id));
  const refreshed = await refreshCohortRows(db, {
    clinicId,
    now: new Date('2026-06-30T23:00:00.000Z'),
    audit: { userId: admin.userId, role: null, clinicId, sourceIp: null, requestId: 'test' },
    all: true,
  });
  assert.equal(refreshed.refreshed, counts.courses, 'every course recomputed');
  const recomputed = await diaryColumns(clinicId);
  for (const [courseId, columns] of generated) {
    assert.equal(recomputed.get(courseId), columns, `refreshed course ${courseId}`);
  }
  assert.ok(latest.size < courses.length, 'the registry has repeat courses');
});
