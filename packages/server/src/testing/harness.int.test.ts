/** The test harness signs users of every role in through the real API and leaves them ready. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '../access/permissions.ts';
import { createTestClinic, signIn, startTestApp, type TestApp } from './harness.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('signIn leaves every staff role ready in its clinic', async () => {
  const clinicId = await createTestClinic(t.app);
  for (const role of ROLES.filter((r) => r !== 'patient')) {
    const user = await signIn(t.app, { role, clinicId });
    const response = await t.app.inject({ url: '/api/v1/auth/session', headers: user.headers() });
    assert.equal(response.statusCode, 200, response.body);
    const info = response.json<{ next: string; activeClinic: { id: string; role: string } }>();
    assert.equal(info.next, 'ready');
    assert.equal(info.activeClinic.id, clinicId);
    assert.equal(info.activeClinic.role, role);
    assert.equal(user.mfaSecret !== null, role === 'admin' || role === 'prescriber');
  }
});

test('signIn creates a clinic when none is given, a different one each time', async () => {
  const a = await signIn(t.app, { role: 'nurse' });
  const b = await signIn(t.app, { role: 'nurse' });
  assert.notEqual(a.clinicId, b.clinicId);
  assert.notEqual(a.cookie, b.cookie);
});
