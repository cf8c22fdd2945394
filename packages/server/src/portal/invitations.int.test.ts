/**
 * Portal invitations through the API: staff invite, the patient sets a password (staff policy) and
 * signs in seeing only their own record; the link is single use and expires after 7 days.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestPatient, signIn, signInAs, startTestApp } from '../testing/harness.ts';
import { INVITATION_LIFETIME_MS } from './invitations.ts';

const t = await startTestApp();
after(() => t.close());

const admin = await signIn(t.app, { role: 'admin' });
const coordinator = await signIn(t.app, { role: 'coordinator', clinicId: admin.clinicId });
const researcher = await signIn(t.app, { role: 'researcher', clinicId: admin.clinicId });
const PASSWORD = 'a long enough portal passphrase 7';

const invite = async (patientId: string, email: string, who = coordinator) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/portal-invitations`,
    headers: who.headers(),
    payload: { id: randomUUID(), email },
  });

const accept = (token: string, password = PASSWORD) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/portal/invitations/accept',
    payload: { token, password, displayName: 'Portal Patient' },
  });

test('an invited patient sets a password, signs in and sees only their own overview', async () => {
  const patientId = await createTestPatient(t.app, admin);
  const email = `invited-${randomUUID()}@example.test`;
  const created = await invite(patientId, email);
  assert.equal(created.statusCode, 201, created.body);
  const { token, expiresAt } = created.json<{ token: string; expiresAt: string }>();
  assert.ok(token.length >= 40, 'the token carries at least 256 bits');
  assert.equal(
    new Date(expiresAt).getTime() - t.app.clock.now().getTime() <= INVITATION_LIFETIME_MS,
    true,
  );

  const weak = await accept(token, 'short');
  assert.equal(weak.statusCode, 400, 'the staff password policy applies');
  assert.equal(weak.json<{ field: string }>().field, 'body.password');

  const ok = await accept(token);
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json<{ email: string }>().email, email);

  const again = await accept(token);
  assert.equal(again.statusCode, 400);
  assert.equal(again.json<{ code: string }>().code, 'portal.invitation-used');

  const session = await signInAs(t.app, {
    email,
    password: PASSWORD,
    mfaSecret: null,
    clinicId: admin.clinicId,
  });
  const overview = await t.app.inject({
    method: 'GET',
    url: '/api/v1/portal/overview',
    headers: session.headers(),
  });
  assert.equal(overview.statusCode, 200, overview.body);
  assert.equal(overview.json<{ patientId: string }>().patientId, patientId);
  // No course yet, so no protocol flags: every section of the cited preparation text is shown.
  const preparation = overview.json<{
    preparation: { source: string; sections: { id: string }[] };
  }>().preparation;
  assert.equal(preparation.source, 'infusion-preparation@1.0.0');
  assert.deepEqual(
    preparation.sections.map((s) => s.id),
    ['fasting', 'escort', 'what-to-expect', 'medicines'],
  );

  const otherPatient = await createTestPatient(t.app, admin);
  for (const url of [
    `/api/v1/patients/${otherPatient}`,
    `/api/v1/patients/${otherPatient}/questionnaire-responses`,
    `/api/v1/patients/${patientId}/questionnaire-responses`,
  ]) {
    const probe = await t.app.inject({ method: 'GET', url, headers: session.headers() });
    assert.ok(
      probe.statusCode === 403 || probe.statusCode === 404,
      `${url} must be refused to a patient, got ${String(probe.statusCode)}`,
    );
  }
});

test('unknown tokens are refused; only the care team invites; foreign patients are 404', async () => {
  const unknown = await accept('x'.repeat(43));
  assert.equal(unknown.json<{ code: string }>().code, 'portal.invitation-unknown');
  const patientId = await createTestPatient(t.app, admin);
  assert.equal((await invite(patientId, 'r@example.test', researcher)).statusCode, 403);
  const foreign = await signIn(t.app, { role: 'coordinator' });
  assert.equal((await invite(patientId, 'f@example.test', foreign)).statusCode, 404);
});

// Last: moving the clock ends every session of this file.
test('an invitation expires after 7 days', async () => {
  const patientId = await createTestPatient(t.app, admin);
  const created = await invite(patientId, `late-${randomUUID()}@example.test`);
  const { token } = created.json<{ token: string }>();
  t.advanceClock(INVITATION_LIFETIME_MS + 1000);
  const late = await accept(token);
  assert.equal(late.statusCode, 400);
  assert.equal(late.json<{ code: string }>().code, 'portal.invitation-expired');
});
