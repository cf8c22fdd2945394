/**
 * Informed consent over HTTP: the default text seeded as version 1, consent currency (none → recorded
 * → new text version → re-consent → revoked), attestation checks (typed legal name, staff witness of
 * the clinic, date of signature), role rules and `consentIsCurrent` for the sessions feature.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Scope } from '../access/scope.ts';
import { startTestApp } from '../testing/harness.ts';
import { calendarDateIn } from '../intake/clinic-date.ts';
import { createPatient, get, post, signInTeam } from '../intake/fixtures.test-support.ts';
import { consentIsCurrent } from './currency.ts';

const t = await startTestApp();
after(() => t.close());
const team = await signInTeam(t.app);

interface Text {
  id: string;
  version: number;
  body: string;
}

async function currentText(): Promise<Text> {
  const r = await get(t.app, team.nurse, '/api/v1/consent-texts/current');
  assert.equal(r.statusCode, 200, r.body);
  return r.json<Text>();
}

function consentBody(textId: string, overrides: object = {}) {
  const attestedAt = new Date(Date.now() - 60_000);
  return {
    id: randomUUID(),
    consentTextId: textId,
    attestedName: 'Zebediah Quuxington',
    attestedAt: attestedAt.toISOString(),
    witnessUserId: team.nurse.userId,
    consentDate: calendarDateIn('America/Los_Angeles', attestedAt),
    ...overrides,
  };
}

const status = async (patientId: string) =>
  (await get(t.app, team.coordinator, `/api/v1/patients/${patientId}/consents`)).json<{
    current: boolean;
    reason: string | null;
    latestTextVersion: number;
    records: { id: string; textVersion: number; revocation: unknown }[];
  }>();

test('the default consent text is version 1, plain language, covering the 8.3 elements', async () => {
  const text = await currentText();
  assert.equal(text.version, 1);
  for (const element of [
    /off-label/i,
    /no result is promised/i,
    /8 hours/,
    /misuse/i,
    /bladder/i,
  ]) {
    assert.match(text.body, element);
  }
  assert.equal((await currentText()).id, text.id, 'seeded once');
});

test('consent currency: none, recorded, outdated by a new text version, re-consented, revoked', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const scope = new Scope({
    userId: team.nurse.userId,
    role: 'nurse',
    clinicId: team.clinicId,
    patientId: null,
  });
  const isCurrent = () =>
    t.database.db.transaction((tx) => consentIsCurrent(tx, scope, patientId, new Date()));

  assert.equal((await status(patientId)).current, false);
  assert.equal((await isCurrent()).current, false);

  const v1 = await currentText();
  const recorded = await post(
    t.app,
    team.prescriber,
    `/api/v1/patients/${patientId}/consents`,
    consentBody(v1.id),
  );
  assert.equal(recorded.statusCode, 201, recorded.body);
  assert.equal((await status(patientId)).current, true);
  assert.equal((await isCurrent()).consentRecordId, recorded.json<{ id: string }>().id);

  const published = await post(t.app, team.admin, '/api/v1/consent-texts', {
    id: randomUUID(),
    version: v1.version,
    title: 'Consent to ketamine infusion treatment (revised)',
    body: `${v1.body}\n\nRevised: we added a paragraph about follow-up visits.`,
    changeNote: 'Follow-up visits explained',
  });
  assert.equal(published.statusCode, 201, published.body);
  const v2 = published.json<Text>();
  assert.equal(v2.version, v1.version + 1);
  const outdated = await status(patientId);
  assert.equal(outdated.current, false);
  assert.match(outdated.reason ?? '', /older text/);

  const stalePublish = await post(t.app, team.admin, '/api/v1/consent-texts', {
    id: randomUUID(),
    version: v1.version,
    title: 'Another edit',
    body: v1.body,
    changeNote: 'Edit of an old text',
  });
  assert.equal(stalePublish.statusCode, 409);

  const oldText = await post(
    t.app,
    team.nurse,
    `/api/v1/patients/${patientId}/consents`,
    consentBody(v1.id),
  );
  assert.equal(oldText.statusCode, 409);
  assert.equal(oldText.json<{ code: string }>().code, 'consent.text-not-current');

  const again = await post(
    t.app,
    team.nurse,
    `/api/v1/patients/${patientId}/consents`,
    consentBody(v2.id),
  );
  assert.equal(again.statusCode, 201, again.body);
  assert.equal((await isCurrent()).current, true);

  const consentId = again.json<{ id: string }>().id;
  const revoke = { id: randomUUID(), reason: 'Patient withdrew consent' };
  const revoked = await post(t.app, team.nurse, `/api/v1/consents/${consentId}/revoke`, revoke);
  assert.equal(revoked.statusCode, 201, revoked.body);
  const retry = await post(t.app, team.nurse, `/api/v1/consents/${consentId}/revoke`, revoke);
  assert.equal(retry.statusCode, 200, 'a retried revocation returns the original');
  const twice = await post(t.app, team.nurse, `/api/v1/consents/${consentId}/revoke`, {
    id: randomUUID(),
    reason: 'Again',
  });
  assert.equal(twice.statusCode, 409);
  const after = await status(patientId);
  assert.equal(after.current, false);
  assert.match(after.reason ?? '', /revoked/);
  assert.equal((await isCurrent()).current, false);
});

test('attestation: the legal full name, a staff witness of this clinic, the date of signature', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const text = await currentText();
  const url = `/api/v1/patients/${patientId}/consents`;
  const wrongName = await post(
    t.app,
    team.nurse,
    url,
    consentBody(text.id, { attestedName: 'Zeb Q' }),
  );
  assert.equal(wrongName.statusCode, 422);
  assert.equal(wrongName.json<{ field: string }>().field, 'body.attestedName');
  assert.doesNotMatch(wrongName.body, /Zebediah|Quuxington/, 'the refusal does not echo the name');

  const sameNameOtherCase = await post(
    t.app,
    team.nurse,
    url,
    consentBody(text.id, { attestedName: 'zebediah  quuxington' }),
  );
  assert.equal(sameNameOtherCase.statusCode, 201, sameNameOtherCase.body);

  const researcherWitness = await post(
    t.app,
    team.nurse,
    url,
    consentBody(text.id, { witnessUserId: team.researcher.userId }),
  );
  assert.equal(researcherWitness.statusCode, 422);
  assert.equal(researcherWitness.json<{ code: string }>().code, 'consent.witness-invalid');

  const outsider = await signInTeam(t.app);
  const foreignWitness = await post(
    t.app,
    team.nurse,
    url,
    consentBody(text.id, { witnessUserId: outsider.nurse.userId }),
  );
  assert.equal(foreignWitness.statusCode, 422);

  const wrongDate = await post(
    t.app,
    team.nurse,
    url,
    consentBody(text.id, { consentDate: '2020-01-01' }),
  );
  assert.equal(wrongDate.statusCode, 400);
  assert.equal(wrongDate.json<{ field: string }>().field, 'body.consentDate');
});

test('roles: coordinators read consent but do not record it; researchers see nothing', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const text = await currentText();
  const url = `/api/v1/patients/${patientId}/consents`;
  assert.equal((await post(t.app, team.coordinator, url, consentBody(text.id))).statusCode, 403);
  assert.equal((await get(t.app, team.coordinator, url)).statusCode, 200);
  assert.equal((await get(t.app, team.researcher, url)).statusCode, 403);
  const publishByNurse = await post(t.app, team.nurse, '/api/v1/consent-texts', {
    id: randomUUID(),
    version: 1,
    title: 'x',
    body: text.body,
    changeNote: 'x',
  });
  assert.equal(publishByNurse.statusCode, 403);
});
