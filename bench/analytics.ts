/**
 * Clinic analytics benchmark (issue 5): each analytics endpoint through the HTTP API (Fastify
 * inject, signed in as a researcher through the real auth path, zod validation, scoping, core's
 * Wilson/Kaplan–Meier/Newcombe, the audit event) against the same aggregate SQL run raw on the same
 * database in this process. Interleaved API/SQL blocks after a warm-up; medians and ratios.
 *
 * The registry comes from the synthetic registry generator (generation time reported). With
 * BENCH_DATABASE_URL the registry is kept in that database (created and migrated if missing) and
 * reused by later runs with the same BENCH_PATIENTS, because the full size takes minutes to load:
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ketaflow_bench BENCH_PATIENTS=100000 \
 *     node --import tsx bench/analytics.ts
 * Without it, a fresh test database on DATABASE_URL's server is used and dropped.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { cohortAggregateQuery, cohortWhere } from '../packages/server/src/analytics/cohort-sql.ts';
import { analyticsKnowledge } from '../packages/server/src/analytics/knowledge.ts';
import { createClinic } from '../packages/server/src/clinics/service.ts';
import { connect } from '../packages/server/src/db/client.ts';
import { runMigrations } from '../packages/server/src/db/migrate.ts';
import { withDatabase } from '../packages/server/src/db/test-database.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { generateSyntheticRegistry } from '../packages/server/src/research/synthetic-registry.ts';
import { signIn, startTestApp, type TestApp } from '../packages/server/src/testing/harness.ts';

const PATIENTS = Number(process.env['BENCH_PATIENTS'] ?? '10000');
const KEPT_URL = process.env['BENCH_DATABASE_URL'];
const RUNS = 15;
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** The kept database (created and migrated when missing) as a TestApp that is not dropped. */
async function keptApp(url: string): Promise<TestApp> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await runMigrations(url);
  const database = connect(url);
  const app = await buildApp({ database });
  return {
    app,
    database: { ...database, url, name, adminUrl: url, drop: () => database.close() },
    advanceClock: () => undefined,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const t = KEPT_URL === undefined ? await startTestApp() : await keptApp(KEPT_URL);
try {
  const db = t.app.database.db;
  const clinicName = `Analytics bench registry (${String(PATIENTS)} patients)`;
  const existing = (
    await db.execute(
      sql`SELECT c.id, (SELECT count(*)::int FROM patients p WHERE p.clinic_id = c.id) AS patients
          FROM clinics c WHERE c.name = ${clinicName}`,
    )
  ).rows[0] as { id: string; patients: number } | undefined;
  if (existing !== undefined && existing.patients !== PATIENTS)
    throw new Error(`${clinicName} is incomplete (an interrupted load): drop the database`);
  const clinicId =
    existing?.id ??
    (await createClinic(db, { name: clinicName, timeZone: 'America/Los_Angeles' })).id;
  const admin = await signIn(t.app, { role: 'admin', clinicId });
  if (existing === undefined) {
    const genStart = nowMs();
    const counts = await generateSyntheticRegistry(db, {
      clinicId,
      authorUserId: admin.userId,
      patients: PATIENTS,
      seed: 1000,
      // Analytics reads cohort_rows only; the diaries behind them would add millions of rows to the load.
      storeDiaries: false,
      onBatch: (done) => {
        const s = ((nowMs() - genStart) / 1000).toFixed(0);
        console.error(
          `… ${String(done.patients)} patients, ${String(done.sessions)} sessions, ${s} s`,
        );
      },
    });
    const loadMs = nowMs() - genStart;
    console.log(
      `generated ${String(counts.patients)} patients / ${String(counts.courses)} courses / ` +
        `${String(counts.sessions)} sessions / ${String(counts.chartEntries)} chart entries in ` +
        `${(loadMs / 1000).toFixed(1)} s`,
    );
  }
  // As the owner: the application role may not ANALYZE (it would skip every table silently).
  const owner = new pg.Client({ connectionString: t.database.adminUrl });
  await owner.connect();
  await owner.query('ANALYZE');
  await owner.end();
  const size = (
    await db.execute(
      sql`SELECT (SELECT count(*)::int FROM cohort_rows WHERE clinic_id = ${clinicId}) AS courses,
                 (SELECT count(*)::int FROM infusion_sessions WHERE clinic_id = ${clinicId}) AS sessions`,
    )
  ).rows[0] as { courses: number; sessions: number };
  console.log(
    `registry: ${String(PATIENTS)} patients / ${String(size.courses)} courses (cohort rows) / ${String(size.sessions)} sessions`,
  );

  // Signed in after the load: a long load would outlast the idle timeout of the session.
  const researcher = await signIn(t.app, { role: 'researcher', clinicId });
  const k = analyticsKnowledge();
  const cases = [
    {
      name: 'summary, whole clinic',
      url: '/api/v1/analytics/cohorts/summary',
      body: { filter: {} },
      filters: [{}],
    },
    {
      name: 'summary, CRPS female 45-60',
      url: '/api/v1/analytics/cohorts/summary',
      body: { filter: { conditionPrefixes: ['G90.5'], sexes: ['female'], ageBands: ['45-60'] } },
      filters: [{ conditionPrefixes: ['G90.5'], sexes: ['female' as const], ageBands: ['45-60'] }],
    },
    {
      name: 'compare CRPS vs fibromyalgia',
      url: '/api/v1/analytics/cohorts/compare',
      body: { a: { conditionPrefixes: ['G90.5'] }, b: { conditionPrefixes: ['M79.7'] } },
      filters: [{ conditionPrefixes: ['G90.5'] }, { conditionPrefixes: ['M79.7'] }],
    },
  ];
  console.log('| endpoint | API median ms | raw SQL median ms | ratio |');
  console.log('|---|---|---|---|');
  for (const c of cases) {
    const api: number[] = [];
    const raw: number[] = [];
    for (let i = -2; i < RUNS; i += 1) {
      let start = nowMs();
      const response = await t.app.inject({
        method: 'POST',
        url: c.url,
        headers: researcher.headers(),
        payload: c.body,
      });
      if (response.statusCode !== 200) throw new Error(`${c.name}: ${response.body}`);
      if (i >= 0) api.push(nowMs() - start);
      start = nowMs();
      for (const f of c.filters) {
        await db.execute(
          cohortAggregateQuery(cohortWhere(clinicId, f, k.bands, 'filter'), k.options),
        );
      }
      if (i >= 0) raw.push(nowMs() - start);
    }
    const a = median(api);
    const r = median(raw);
    console.log(`| ${c.name} | ${a.toFixed(1)} | ${r.toFixed(1)} | ${(a / r).toFixed(2)} |`);
  }
} finally {
  await t.close();
}
