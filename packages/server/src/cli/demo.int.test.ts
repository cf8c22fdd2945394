/**
 * The demo clinic at a small size: `loadDemo` (what `ketaflow demo --patients N` runs) creates the
 * staff and a synthetic registry of N fictional patients with courses, sessions, charted NRS and
 * cohort rows, audited per batch; loading again changes nothing.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../db/test-database.ts';
import { DEMO_STAFF, loadDemo } from './demo.ts';

const database = await createTestDatabase();
after(() => database.drop());

test('demo --patients 25 loads a registry with courses, sessions and cohort rows, once', async () => {
  const progress: number[] = [];
  const first = await loadDemo(database, {
    patients: 25,
    today: '2026-06-30',
    onProgress: (loaded) => progress.push(loaded.patients),
  });
  assert.equal(first.created, true, 'the first load creates the clinic');
  assert.deepEqual(progress, [25], 'one batch reported');
  const count = async (): Promise<Record<string, unknown>> => {
    const result = await database.pool.query(
      `SELECT (SELECT count(*)::int FROM patients WHERE clinic_id = $1) AS patients,
              (SELECT count(*)::int FROM patients WHERE clinic_id = $1 AND mrn ~ '^DEMO-00[0-9]{2}$'
                 AND email LIKE '%@example.org' AND phone LIKE '+171455501%') AS fictional,
              (SELECT count(*)::int FROM courses WHERE clinic_id = $1) AS courses,
              (SELECT count(*)::int FROM cohort_rows WHERE clinic_id = $1) AS cohort,
              (SELECT count(*)::int FROM infusion_sessions WHERE clinic_id = $1) AS sessions,
              (SELECT count(*)::int FROM chart_entries WHERE clinic_id = $1 AND kind = 'pain') AS pain,
              (SELECT count(*)::int FROM users WHERE email = ANY($2)) AS staff,
              (SELECT count(*)::int FROM audit_events
                WHERE clinic_id = $1 AND action = 'registry.synthetic-load') AS audited`,
      [first.clinicId, DEMO_STAFF.map((s) => s.email)],
    );
    return result.rows[0] as Record<string, unknown>;
  };
  const loaded = await count();
  assert.equal(loaded['patients'], 25, 'N patients');
  assert.equal(loaded['fictional'], 25, 'every patient has the fictional demo identity');
  assert.equal(loaded['staff'], DEMO_STAFF.length, 'one account per staff role');
  assert.equal(loaded['cohort'], loaded['courses'], 'one cohort row per course');
  assert.ok(Number(loaded['courses']) >= 25, 'every patient has a course');
  assert.equal(loaded['pain'], 2 * Number(loaded['sessions']), 'NRS before and after each session');
  assert.equal(loaded['audited'], 1, 'one audit event for the one batch');
  const again = await loadDemo(database, { patients: 25, today: '2026-06-30' });
  assert.deepEqual(again, { clinicId: first.clinicId, created: false }, 'already present');
  assert.deepEqual(await count(), loaded, 'loading again changes nothing');
});
