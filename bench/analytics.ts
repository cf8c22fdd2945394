/**
 * Clinic analytics benchmark (issue 5): each analytics endpoint through the HTTP API (Fastify
 * inject, signed in as a researcher through the real auth path, zod validation, scoping, core's
 * Wilson/Kaplan–Meier/Newcombe, the audit event) against the same aggregate SQL run raw on the same
 * database in this process. The registry is generated once with the synthetic registry generator
 * (generation time reported). Interleaved API/SQL blocks after a warm-up; medians and ratios.
 * Run: DATABASE_URL=postgres://… BENCH_PATIENTS=20000 node --import tsx bench/analytics.ts
 */
import { sql } from 'drizzle-orm';
import { cohortAggregateQuery, cohortWhere } from '../packages/server/src/analytics/cohort-sql.ts';
import { analyticsKnowledge } from '../packages/server/src/analytics/knowledge.ts';
import { generateSyntheticRegistry } from '../packages/server/src/research/synthetic-registry.ts';
import { signIn, startTestApp } from '../packages/server/src/testing/harness.ts';

const PATIENTS = Number(process.env['BENCH_PATIENTS'] ?? '10000');
const BATCH = 2_000;
const RUNS = 15;
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const t = await startTestApp();
try {
  const admin = await signIn(t.app, { role: 'admin' });
  const researcher = await signIn(t.app, { role: 'researcher', clinicId: admin.clinicId });
  const genStart = nowMs();
  let sessions = 0;
  for (let done = 0; done < PATIENTS; done += BATCH) {
    const counts = await generateSyntheticRegistry(t.app.database.db, {
      clinicId: admin.clinicId,
      authorUserId: admin.userId,
      patients: Math.min(BATCH, PATIENTS - done),
      seed: 1000 + done,
    });
    sessions += counts.sessions;
  }
  await t.app.database.db.execute(sql`ANALYZE`);
  const genMs = nowMs() - genStart;
  console.log(
    `generated ${String(PATIENTS)} patients / ${String(sessions)} sessions in ${(genMs / 1000).toFixed(1)} s`,
  );

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
        await t.app.database.db.execute(
          cohortAggregateQuery(cohortWhere(admin.clinicId, f, k.bands, 'filter'), k.options),
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
