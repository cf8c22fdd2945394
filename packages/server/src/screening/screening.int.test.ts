/**
 * Screening over HTTP: the rule set's per-criterion trace on the current intake (unknown kept
 * unknown), prescriber-only signing with a reason, the rule set id@version stored with the trace,
 * 409 on a decision for an older intake version, 422 when signing eligible over a contraindication.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp } from '../testing/harness.ts';
import {
  createPatient,
  ELIGIBLE_SECTIONS,
  get,
  post,
  put,
  signInTeam,
} from '../intake/fixtures.test-support.ts';

const t = await startTestApp();
after(() => t.close());
const team = await signInTeam(t.app);

interface View {
  intakeVersion: number;
  facts: Record<string, unknown>;
  evaluation: {
    decision: string;
    ruleSet: { id: string; version: string };
    trace: { criterionId: string; status: string; missingFacts: string[] }[];
  };
  latestDecision: { decision: string } | null;
}

async function intake(sections: object): Promise<string> {
  const patientId = await createPatient(t.app, team.admin);
  const r = await put(t.app, team.nurse, `/api/v1/patients/${patientId}/intake`, {
    id: randomUUID(),
    version: 0,
    reason: 'Intake',
    sections,
  });
  assert.equal(r.statusCode, 201, r.body);
  return patientId;
}

const sign = (patientId: string, body: object, who = team.prescriber) =>
  post(t.app, who, `/api/v1/patients/${patientId}/screening/decisions`, {
    id: randomUUID(),
    ...body,
  });

test('unrecorded facts stay unknown in the trace and the rule set asks for review', async () => {
  const patientId = await intake({ diagnoses: ELIGIBLE_SECTIONS.diagnoses });
  const view = await get(t.app, team.coordinator, `/api/v1/patients/${patientId}/screening`);
  assert.equal(view.statusCode, 200, view.body);
  const body = view.json<View>();
  assert.equal(body.facts.pregnant, null);
  assert.equal(body.evaluation.decision, 'needs-review');
  const pregnancy = body.evaluation.trace.find(
    (c) => c.criterionId === 'contraindication.pregnancy',
  );
  assert.ok(pregnancy !== undefined);
  assert.equal(pregnancy.status, 'unknown');
  assert.deepEqual(pregnancy.missingFacts, ['pregnant']);
  assert.equal(body.latestDecision, null);
});

test('a prescriber signs with a reason; the rule set id@version, facts and trace are stored', async () => {
  const patientId = await intake(ELIGIBLE_SECTIONS);
  const nurse = await sign(
    patientId,
    { intakeVersion: 1, decision: 'eligible', reason: 'Meets criteria' },
    team.nurse,
  );
  assert.equal(nurse.statusCode, 403);
  const coordinator = await sign(
    patientId,
    { intakeVersion: 1, decision: 'eligible', reason: 'Meets criteria' },
    team.coordinator,
  );
  assert.equal(coordinator.statusCode, 403);
  const signed = await sign(patientId, {
    intakeVersion: 1,
    decision: 'eligible-with-conditions',
    conditions: 'Repeat liver tests after session 5',
    reason: 'CRPS, two failed treatment classes',
  });
  assert.equal(signed.statusCode, 201, signed.body);
  const decision = signed.json<{
    decision: string;
    ruleSet: { id: string; version: string };
    evaluation: View['evaluation'];
    facts: Record<string, unknown>;
    signedBy: string;
  }>();
  assert.deepEqual(decision.ruleSet, { id: 'ketamine-chronic-pain-cohen-2018', version: '1.0.0' });
  assert.equal(decision.evaluation.decision, 'eligible');
  assert.ok(decision.evaluation.trace.length > 0);
  assert.deepEqual(decision.facts.diagnoses, ['G90.521']);
  assert.equal(decision.signedBy, team.prescriber.userId);
  const view = await get(t.app, team.nurse, `/api/v1/patients/${patientId}/screening`);
  assert.equal(view.json<View>().latestDecision?.decision, 'eligible-with-conditions');
});

test('conditions are required exactly for eligible-with-conditions (400 naming the field)', async () => {
  const patientId = await intake(ELIGIBLE_SECTIONS);
  const missing = await sign(patientId, {
    intakeVersion: 1,
    decision: 'eligible-with-conditions',
    reason: 'x',
  });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json<{ field: string }>().field, 'body.conditions');
});

test('a decision on an older intake version answers 409', async () => {
  const patientId = await intake(ELIGIBLE_SECTIONS);
  const edit = await put(t.app, team.nurse, `/api/v1/patients/${patientId}/intake`, {
    id: randomUUID(),
    version: 1,
    reason: 'New information',
    sections: { painHistory: { durationMonths: 30 } },
  });
  assert.equal(edit.statusCode, 201);
  const stale = await sign(patientId, { intakeVersion: 1, decision: 'eligible', reason: 'ok' });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json<{ code: string }>().code, 'intake.version-conflict');
});

test('signing eligible over an absolute contraindication is refused (422); not-eligible is signed', async () => {
  const patientId = await intake({ ...ELIGIBLE_SECTIONS, pregnancy: { status: 'pregnant' } });
  const refused = await sign(patientId, { intakeVersion: 1, decision: 'eligible', reason: 'ok' });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json<{ code: string }>().code, 'screening.contraindicated');
  const signed = await sign(patientId, {
    intakeVersion: 1,
    decision: 'not-eligible',
    reason: 'Pregnant',
  });
  assert.equal(signed.statusCode, 201);
});

test('researchers see no screening', async () => {
  const patientId = await intake(ELIGIBLE_SECTIONS);
  const r = await get(t.app, team.researcher, `/api/v1/patients/${patientId}/screening`);
  assert.equal(r.statusCode, 403);
});
