/**
 * Consent in the portal through the API (issue 5): a patient reads the current text and attests
 * (typed legal name + checkbox) with time and text version; patients see only their own; bad input
 * and a superseded text are refused; a clinician countersigns as witness, which records the consent
 * (same id, idempotent) and makes consent current; coordinators and researchers cannot countersign.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { signIn, signInPatient, startTestApp, type SignedIn } from '../testing/harness.ts';

const t = await startTestApp();
after(() => t.close());

const admin = await signIn(t.app, { role: 'admin' });
const clinicId = admin.clinicId;
const nurse = await signIn(t.app, { role: 'nurse', clinicId });
const prescriber = await signIn(t.app, { role: 'prescriber', clinicId });
const coordinator = await signIn(t.app, { role: 'coordinator', clinicId });
const patient = await signInPatient(t.app, admin);
const otherPatient = await signInPatient(t.app, admin);
const otherClinicNurse = await signIn(t.app, { role: 'nurse' });
// The harness's fictional patients are all registered under this legal name.
const LEGAL_NAME = 'Zebediah Quuxington';

const call = (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: who.headers(),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

interface Consent {
  text: { id: string; version: number; body: string };
  attestedCurrent: boolean;
  attestations: {
    id: string;
    textVersion: number;
    attestedAt: string;
    countersignedAt: string | null;
  }[];
}

const patientIdOf = async (who: SignedIn): Promise<string> => {
  const rows = await t.database.db.execute<{ patient_id: string }>(
    sql`SELECT patient_id FROM memberships WHERE user_id = ${who.userId}`,
  );
  const id = rows.rows[0]?.patient_id;
  assert.ok(id !== undefined, 'the patient account has a linked patient record');
  return id;
};

test('a patient reads the current text, attests with name and checkbox, and sees only their own', async () => {
  const page = await call(patient, 'GET', '/api/v1/portal/consent');
  assert.equal(page.statusCode, 200, page.body);
  const consent = page.json<Consent>();
  assert.equal(consent.text.version, 1, 'the default text is version 1');
  assert.ok(consent.text.body.includes('off-label'), 'the plain-language text is shown');
  assert.equal(consent.attestedCurrent, false);

  const base = { consentTextId: consent.text.id, attestedName: LEGAL_NAME, confirmed: true };
  const refused: [Record<string, unknown>, number, string][] = [
    [{ ...base, id: randomUUID(), confirmed: false }, 400, 'body.confirmed'],
    [{ ...base, id: randomUUID(), attestedName: 'Someone Else' }, 422, 'body.attestedName'],
    [{ ...base, id: randomUUID(), consentTextId: randomUUID() }, 409, 'body.consentTextId'],
    [{ ...base, id: randomUUID(), extra: 1 }, 400, 'body'],
  ];
  for (const [payload, status, field] of refused) {
    const response = await call(patient, 'POST', '/api/v1/portal/consent-attestations', payload);
    assert.equal(response.statusCode, status, response.body);
    if (field !== 'body') assert.equal(response.json<{ field?: string }>().field, field);
  }

  const id = randomUUID();
  const payload = { ...base, id, attestedName: 'zebediah  QUUXINGTON' };
  const sentAt = t.app.clock.now().getTime();
  const attested = await call(patient, 'POST', '/api/v1/portal/consent-attestations', payload);
  assert.equal(attested.statusCode, 201, attested.body);
  const body = attested.json<{ textVersion: number; attestedAt: string; countersignedAt: null }>();
  assert.equal(body.textVersion, 1);
  const attestedAt = Date.parse(body.attestedAt);
  assert.ok(
    attestedAt >= sentAt && attestedAt <= t.app.clock.now().getTime(),
    'the time of attestation is the server time',
  );
  assert.equal(body.countersignedAt, null, 'waits for the witness');
  const retry = await call(patient, 'POST', '/api/v1/portal/consent-attestations', payload);
  assert.equal(retry.statusCode, 200, 'a retry returns the stored attestation');

  const mine = (await call(patient, 'GET', '/api/v1/portal/consent')).json<Consent>();
  assert.equal(mine.attestedCurrent, true);
  assert.deepEqual(
    mine.attestations.map((a) => a.id),
    [id],
  );
  const theirs = (await call(otherPatient, 'GET', '/api/v1/portal/consent')).json<Consent>();
  assert.deepEqual(theirs.attestations, [], "another patient does not see this patient's");
  const stolen = await call(otherPatient, 'POST', '/api/v1/portal/consent-attestations', {
    ...payload,
  });
  assert.equal(stolen.statusCode, 409, 'another patient cannot reuse the id');
  assert.equal(stolen.json<{ code: string }>().code, 'idempotency.key-reused');
  for (const staff of [nurse, coordinator]) {
    const response = await call(staff, 'GET', '/api/v1/portal/consent');
    assert.equal(response.statusCode, 403, 'the portal page is for patients');
  }

  const audited = await t.database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'portal.consent-attest' AND resource_id = ${id}`,
  );
  assert.equal(audited.rows[0]?.n, 1, 'the attestation is audited once');
});

test('a clinician countersigns as witness: the consent record takes the attestation; roles enforced', async () => {
  const patientId = await patientIdOf(patient);
  const list = await call(nurse, 'GET', `/api/v1/patients/${patientId}/consent-attestations`);
  assert.equal(list.statusCode, 200, list.body);
  const [waiting] = list.json<{ items: Consent['attestations'] }>().items;
  assert.ok(waiting !== undefined, 'the attestation is listed for the care team');
  assert.equal(waiting.countersignedAt, null);
  const foreign = await call(
    otherClinicNurse,
    'GET',
    `/api/v1/patients/${patientId}/consent-attestations`,
  );
  assert.equal(foreign.statusCode, 404, 'another clinic sees nothing');

  const url = `/api/v1/patients/${patientId}/consent-attestations/${waiting.id}/countersign`;
  assert.equal(
    (await call(coordinator, 'POST', url, {})).statusCode,
    403,
    'coordinators do not witness',
  );
  assert.equal((await call(patient, 'POST', url, {})).statusCode, 403, 'patients do not witness');
  assert.equal((await call(otherClinicNurse, 'POST', url, {})).statusCode, 404);
  const otherPatientId = await patientIdOf(otherPatient);
  const wrongPatient = `/api/v1/patients/${otherPatientId}/consent-attestations/${waiting.id}/countersign`;
  assert.equal((await call(nurse, 'POST', wrongPatient, {})).statusCode, 404);

  const signed = await call(nurse, 'POST', url, {});
  assert.equal(signed.statusCode, 201, signed.body);
  const record = signed.json<{
    id: string;
    textVersion: number;
    attestedAt: string;
    witnessUserId: string;
  }>();
  assert.equal(record.id, waiting.id, 'the consent record has the attestation id');
  assert.equal(record.attestedAt, waiting.attestedAt, "the patient's time is kept");
  assert.equal(record.textVersion, 1);
  assert.equal(record.witnessUserId, nurse.userId);
  assert.equal((await call(nurse, 'POST', url, {})).statusCode, 200, 'a retry adds nothing');

  const status = await call(prescriber, 'GET', `/api/v1/patients/${patientId}/consents`);
  assert.equal(status.statusCode, 200, status.body);
  assert.equal(status.json<{ current: boolean }>().current, true, 'consent is now current');
  const page = (await call(patient, 'GET', '/api/v1/portal/consent')).json<Consent>();
  assert.ok(page.attestations[0]?.countersignedAt !== null, 'the patient sees it countersigned');
});

test('a newer text: the old attestation cannot be countersigned; the patient attests again', async () => {
  const patientId = await patientIdOf(otherPatient);
  const before = (await call(otherPatient, 'GET', '/api/v1/portal/consent')).json<Consent>();
  const id = randomUUID();
  const attested = await call(otherPatient, 'POST', '/api/v1/portal/consent-attestations', {
    id,
    consentTextId: before.text.id,
    attestedName: LEGAL_NAME,
    confirmed: true,
  });
  assert.equal(attested.statusCode, 201, attested.body);
  const published = await call(prescriber, 'POST', '/api/v1/consent-texts', {
    id: randomUUID(),
    version: before.text.version,
    title: 'Consent, version 2',
    body: `${before.text.body}\n\nAdded: a pregnancy test is needed before each course.`,
    changeNote: 'Pregnancy test paragraph.',
  });
  assert.equal(published.statusCode, 201, published.body);
  const url = `/api/v1/patients/${patientId}/consent-attestations/${id}/countersign`;
  const stale = await call(nurse, 'POST', url, {});
  assert.equal(stale.statusCode, 409, stale.body);
  assert.equal(stale.json<{ code: string }>().code, 'consent.text-not-current');
  const after = (await call(otherPatient, 'GET', '/api/v1/portal/consent')).json<Consent>();
  assert.equal(after.text.version, before.text.version + 1);
  assert.equal(after.attestedCurrent, false, 'the new text needs a new attestation');
});
