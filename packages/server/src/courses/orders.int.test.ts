/**
 * Courses and signed orders over HTTP: course creation needs a current eligible screening decision;
 * orders are computed by core from the latest weight (stale or >10 % changed weights must be
 * re-weighed first), refused with 422 and the guardrail results and sources at hard limits, need an
 * override reason at soft limits and for custom concentrations, are immutable once signed (database
 * trigger), and change only by a superseding version with a reason.
 *
 * Reference numbers: CRPS protocol crps-outpatient-schwartzman@1.0.0 (Schwartzman 2009): typical
 * 0.35 mg/kg/h, soft max 0.4, hard max 1 mg/kg/h, cap 25 mg/h, 240 min; drug library
 * ketamine-racemic-iv@1.0.0: 1 mg/mL standard, custom 0.1–10 mg/mL. 0.35 mg/kg/h × 70 kg = 24.5 mg/h
 * = 24.5 mL/h at 1 mg/mL; 24.5 mg/h × 4 h = 98 mg (exact decimal arithmetic, tolerance 0).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Scope } from '../access/scope.ts';
import { signIn, startTestApp } from '../testing/harness.ts';
import {
  courseFor,
  createPatient,
  CRPS_PROTOCOL,
  get,
  post,
  put,
  saveEligibleIntake,
  signEligible,
  signInTeam,
} from '../intake/fixtures.test-support.ts';
import { activeSignedOrder } from './active-order.ts';

const t = await startTestApp();
after(() => t.close());
const team = await signInTeam(t.app);
const daysAgo = (d: number): string => new Date(Date.now() - d * 86_400_000 - 60_000).toISOString();

interface Refusal {
  code: string;
  field?: string;
  calculation: {
    status: string;
    limitsApplied: { name: string; outcome: string; source: { id: string; version: string } }[];
  } | null;
  weightCheck: { needsReconfirmation: boolean; reasons: string[] } | null;
}

const LIBRARY_1 = { mgPerMl: 1, source: 'library' } as const;
const signOrder = (courseId: string, body: object, who = team.prescriber) =>
  post(t.app, who, `/api/v1/courses/${courseId}/orders`, {
    id: randomUUID(),
    sessionNumber: 1,
    concentration: LIBRARY_1,
    ...body,
  });

test('a course needs a signed eligible decision on the current intake and a known protocol', async () => {
  const patientId = await createPatient(t.app, team.admin);
  await saveEligibleIntake(t.app, team, patientId, {
    weightKg: 70,
    heightCm: 170,
    measuredAt: daysAgo(0),
  });
  const url = `/api/v1/patients/${patientId}/courses`;
  const unscreened = await post(t.app, team.prescriber, url, {
    id: randomUUID(),
    protocol: CRPS_PROTOCOL,
  });
  assert.equal(unscreened.statusCode, 422);
  assert.equal(unscreened.json<{ code: string }>().code, 'course.not-eligible');
  await signEligible(t.app, team, patientId);
  const unknown = await post(t.app, team.prescriber, url, {
    id: randomUUID(),
    protocol: { id: 'crps-outpatient-schwartzman', version: '9.9.9' },
  });
  assert.equal(unknown.statusCode, 422);
  assert.equal(unknown.json<{ field: string }>().field, 'body.protocol');
  const byNurse = await post(t.app, team.nurse, url, { id: randomUUID(), protocol: CRPS_PROTOCOL });
  assert.equal(byNurse.statusCode, 403);

  await put(t.app, team.nurse, `/api/v1/patients/${patientId}/intake`, {
    id: randomUUID(),
    version: 1,
    reason: 'New comorbidity information',
    sections: { painHistory: { durationMonths: 20 } },
  });
  const outdated = await post(t.app, team.prescriber, url, {
    id: randomUUID(),
    protocol: CRPS_PROTOCOL,
  });
  assert.equal(outdated.statusCode, 409);
  assert.equal(outdated.json<{ code: string }>().code, 'course.screening-outdated');
});

test('course phases, sessions and dose basis come from the protocol', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  const course = await get(t.app, team.coordinator, `/api/v1/courses/${courseId}`);
  assert.equal(course.statusCode, 200, course.body);
  const body = course.json<{
    totalSessions: number;
    doseBasis: string;
    phases: { name: string; firstSession: number; lastSession: number }[];
  }>();
  // Schwartzman 2009: 10 daily induction sessions.
  assert.equal(body.totalSessions, 10);
  assert.equal(body.doseBasis, 'mg/kg/h');
  assert.deepEqual(
    body.phases.map((p) => [p.name, p.firstSession, p.lastSession]),
    [['induction', 1, 10]],
  );
});

test('a signed order stores core’s calculation; retries are idempotent; nurses cannot sign', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  assert.equal((await signOrder(courseId, {}, team.nurse)).statusCode, 403);
  const preview = await post(t.app, team.nurse, `/api/v1/courses/${courseId}/orders/preview`, {
    sessionNumber: 1,
    concentration: LIBRARY_1,
  });
  assert.equal(preview.statusCode, 403);

  const body = { id: randomUUID(), sessionNumber: 1, concentration: LIBRARY_1 };
  const signed = await post(t.app, team.prescriber, `/api/v1/courses/${courseId}/orders`, body);
  assert.equal(signed.statusCode, 201, signed.body);
  const order = signed.json<{
    rateMgPerH: number;
    rateMlPerH: number;
    sessionDoseMg: number;
    durationMin: number;
    version: number;
    active: boolean;
    signedBy: string;
    protocol: { id: string; version: string };
    drugLibrary: { id: string; version: string };
    calculation: { status: string; formula: string[]; limitsApplied: { source: unknown }[] };
  }>();
  assert.equal(order.rateMgPerH, 24.5);
  assert.equal(order.rateMlPerH, 24.5);
  assert.equal(order.durationMin, 240);
  assert.equal(order.sessionDoseMg, 98);
  assert.equal(order.version, 1);
  assert.equal(order.active, true);
  assert.equal(order.signedBy, team.prescriber.userId);
  assert.deepEqual(order.protocol, CRPS_PROTOCOL);
  assert.deepEqual(order.drugLibrary, { id: 'ketamine-racemic-iv', version: '1.0.0' });
  assert.equal(order.calculation.status, 'ok');
  assert.ok(order.calculation.formula.length > 0);
  assert.ok(order.calculation.limitsApplied.every((l) => l.source !== undefined));

  const retry = await post(t.app, team.prescriber, `/api/v1/courses/${courseId}/orders`, body);
  assert.equal(retry.statusCode, 200);
  assert.deepEqual(retry.json(), signed.json());
  const list = await get(t.app, team.nurse, `/api/v1/courses/${courseId}/orders`);
  assert.equal(list.json<{ items: unknown[] }>().items.length, 1);
});

test('signed orders are immutable: no update route, and the database refuses UPDATE and DELETE', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  assert.equal((await signOrder(courseId, {})).statusCode, 201);
  await assert.rejects(
    t.database.db.execute(sql`UPDATE orders SET rate_ml_per_h = 240 WHERE course_id = ${courseId}`),
  );
  await assert.rejects(
    t.database.db.execute(sql`DELETE FROM orders WHERE course_id = ${courseId}`),
  );
  const [row] = (
    await t.database.db.execute(sql`SELECT rate_ml_per_h FROM orders WHERE course_id = ${courseId}`)
  ).rows as { rate_ml_per_h: string }[];
  assert.equal(Number(row?.rate_ml_per_h), 24.5);
  const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, ops] of Object.entries(spec.paths)) {
    if (!path.includes('/orders')) continue;
    for (const method of ['put', 'patch', 'delete'])
      assert.equal(ops[method], undefined, `${method} ${path}`);
  }
});

test('a change is a new version superseding the active order, with a reason', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  const first = await signOrder(courseId, {});
  const v1 = first.json<{ id: string }>().id;
  const again = await signOrder(courseId, { orderedDose: { value: 0.3, unit: 'mg/kg/h' } });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json<{ code: string }>().code, 'order.version-conflict');
  const noReason = await signOrder(courseId, { supersedesOrderId: v1 });
  assert.equal(noReason.statusCode, 400);
  assert.equal(noReason.json<{ field: string }>().field, 'body.changeReason');

  const changed = await signOrder(courseId, {
    orderedDose: { value: 0.3, unit: 'mg/kg/h' },
    supersedesOrderId: v1,
    changeReason: 'Nausea at session 1; lower dose',
  });
  assert.equal(changed.statusCode, 201, changed.body);
  const v2 = changed.json<{
    id: string;
    version: number;
    rateMgPerH: number;
    supersedesOrderId: string;
  }>();
  assert.equal(v2.version, 2);
  assert.equal(v2.supersedesOrderId, v1);
  assert.equal(v2.rateMgPerH, 21); // 0.3 mg/kg/h × 70 kg

  const staleChange = await signOrder(courseId, {
    supersedesOrderId: v1,
    changeReason: 'Second prescriber editing the old version',
  });
  assert.equal(staleChange.statusCode, 409);

  const old = await get(t.app, team.nurse, `/api/v1/orders/${v1}`);
  assert.equal(old.json<{ active: boolean }>().active, false);
  const course = await get(t.app, team.nurse, `/api/v1/courses/${courseId}`);
  assert.deepEqual(
    course.json<{ activeOrders: { id: string }[] }>().activeOrders.map((o) => o.id),
    [v2.id],
  );
  const scope = new Scope({
    userId: team.nurse.userId,
    role: 'nurse',
    clinicId: team.clinicId,
    patientId: null,
  });
  const active = await t.database.db.transaction((tx) => activeSignedOrder(tx, scope, courseId, 1));
  assert.equal(active?.id, v2.id);
  const none = await t.database.db.transaction((tx) => activeSignedOrder(tx, scope, courseId, 2));
  assert.equal(none, undefined);
});

test('a hard limit is refused with 422, the calculation and the limit’s source', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  const refused = await signOrder(courseId, { orderedDose: { value: 1.2, unit: 'mg/kg/h' } });
  assert.equal(refused.statusCode, 422, refused.body);
  const body = refused.json<Refusal>();
  const calculation = body.calculation;
  assert.ok(calculation !== null);
  assert.equal(calculation.status, 'blocked');
  const hardMax = calculation.limitsApplied.find((l) => l.name === 'dose.hardMax');
  assert.ok(hardMax !== undefined);
  assert.equal(hardMax.outcome, 'blocked');
  assert.deepEqual(hardMax.source, CRPS_PROTOCOL);
  const list = await get(t.app, team.nurse, `/api/v1/courses/${courseId}/orders`);
  assert.equal(list.json<{ items: unknown[] }>().items.length, 0, 'nothing stored');
});

test('a soft limit needs an override reason, which is stored with the order', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  const dose = { value: 0.45, unit: 'mg/kg/h' };
  const missing = await signOrder(courseId, { orderedDose: dose });
  assert.equal(missing.statusCode, 422);
  assert.equal(missing.json<Refusal>().code, 'order.override-reason-required');
  assert.equal(missing.json<Refusal>().field, 'body.overrideReason');
  const reason = 'Partial response at 0.35 mg/kg/h in a previous course';
  const given = await signOrder(courseId, { orderedDose: dose, overrideReason: reason });
  assert.equal(given.statusCode, 201, given.body);
  assert.equal(given.json<{ overrideReason: string }>().overrideReason, reason);
});

test('custom concentrations: only inside the library’s hard range, and only with a reason', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  const outside = await signOrder(courseId, {
    concentration: { mgPerMl: 12, source: 'custom' },
    overrideReason: 'Pharmacy prepared a concentrated bag',
  });
  assert.equal(outside.statusCode, 422);
  assert.equal(outside.json<Refusal>().code, 'dose.custom-concentration-out-of-range');
  const noReason = await signOrder(courseId, { concentration: { mgPerMl: 2, source: 'custom' } });
  assert.equal(noReason.statusCode, 422);
  assert.equal(noReason.json<Refusal>().code, 'order.custom-concentration-reason-required');
  const ok = await signOrder(courseId, {
    concentration: { mgPerMl: 2, source: 'custom' },
    overrideReason: 'Fluid-restricted patient',
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json<{ rateMlPerH: number }>().rateMlPerH, 12.2); // 24.5 mg/h ÷ 2 mg/mL = 12.25, rounded down
});

test('a weight older than the protocol allows must be re-weighed before ordering', async () => {
  const { courseId, patientId } = await courseFor(t.app, team, daysAgo(40));
  const preview = await post(t.app, team.prescriber, `/api/v1/courses/${courseId}/orders/preview`, {
    sessionNumber: 1,
    concentration: LIBRARY_1,
  });
  assert.equal(preview.statusCode, 200);
  assert.equal(preview.json<{ signable: boolean }>().signable, false);
  const refused = await signOrder(courseId, {});
  assert.equal(refused.statusCode, 422);
  const body = refused.json<Refusal>();
  assert.equal(body.code, 'order.weight-needs-reconfirmation');
  assert.equal(body.weightCheck?.needsReconfirmation, true);
  const weighed = await post(t.app, team.nurse, `/api/v1/patients/${patientId}/weights`, {
    id: randomUUID(),
    weightKg: 70,
    measuredAt: daysAgo(0),
  });
  assert.equal(weighed.statusCode, 201);
  assert.equal((await signOrder(courseId, {})).statusCode, 201);
});

test('a weight changed by more than 10 % must be confirmed by re-weighing', async () => {
  const { courseId, patientId } = await courseFor(t.app, team, daysAgo(2));
  const weigh = (kg: number) =>
    post(t.app, team.nurse, `/api/v1/patients/${patientId}/weights`, {
      id: randomUUID(),
      weightKg: kg,
      measuredAt: new Date(Date.now() - 60_000).toISOString(),
    });
  assert.equal((await weigh(77.1)).statusCode, 201); // +10.14 % from 70 kg
  const refused = await signOrder(courseId, {});
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json<Refusal>().code, 'order.weight-needs-reconfirmation');
  assert.equal((await weigh(77.1)).statusCode, 201); // re-weighed: same weight confirmed
  const signed = await signOrder(courseId, {});
  assert.equal(signed.statusCode, 201, signed.body);
  assert.equal(signed.json<{ weightKg: number }>().weightKg, 77.1);
});

test('researchers and another clinic see no course', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  assert.equal((await get(t.app, team.researcher, `/api/v1/courses/${courseId}`)).statusCode, 403);
  const other = await signInTeam(t.app);
  assert.equal((await get(t.app, other.nurse, `/api/v1/courses/${courseId}`)).statusCode, 404);
});

test('two prescribers signing the same session at once: exactly one order is stored', async () => {
  const { courseId } = await courseFor(t.app, team, daysAgo(0));
  const other = await signIn(t.app, { role: 'prescriber', clinicId: team.clinicId });
  const results = await Promise.all([signOrder(courseId, {}), signOrder(courseId, {}, other)]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  const list = await get(t.app, team.nurse, `/api/v1/courses/${courseId}/orders`);
  assert.equal(list.json<{ items: unknown[] }>().items.length, 1);
});
