/**
 * Progressive delay through the HTTP API (T-14a): the app's failure delay is replaced by a recorder,
 * so the test checks which delays sign-in asks for without waiting on the wall clock. The answers stay
 * identical to any other failure.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../testing/harness.ts';
import { failureDelayMs } from './lockout.ts';
import { LOCKOUT_THRESHOLD } from './policy.ts';

let t: TestApp;
const requested: number[] = [];
before(async () => {
  t = await startTestApp();
  t.app.failureDelay.wait = (ms) => {
    requested.push(ms);
    return Promise.resolve();
  };
});
after(() => t.close());

let ip = 0;
const login = (email: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    // A fresh address per attempt keeps the per-IP rate limit out of the way.
    remoteAddress: `10.9.0.${String((ip += 1))}`,
    payload: { email, password },
  });

test('from the 5th consecutive wrong password each answer is held longer; a success resets it', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  requested.length = 0;
  const bodies = new Set<string>();
  for (let i = 1; i <= 7; i += 1) {
    const response = await login(nurse.email, `wrong password ${String(i)}`);
    assert.equal(response.statusCode, 401, response.body);
    bodies.add(response.json<{ code: string }>().code);
  }
  assert.deepEqual(requested, [5, 6, 7].map(failureDelayMs));
  assert.deepEqual([...bodies], ['auth.invalid-credentials']);

  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 200);
  requested.length = 0;
  for (let i = 1; i <= 4; i += 1) await login(nurse.email, `wrong again ${String(i)}`);
  assert.deepEqual(requested, [], 'the count started again after the successful sign-in');
});

test('a locked account answers as slowly as its last failure, like a wrong password', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  for (let i = 1; i <= LOCKOUT_THRESHOLD; i += 1) await login(nurse.email, `wrong ${String(i)}`);
  requested.length = 0;
  const locked = await login(nurse.email, TEST_PASSWORD);
  assert.equal(locked.statusCode, 401, locked.body);
  assert.deepEqual(requested, [failureDelayMs(LOCKOUT_THRESHOLD)]);
});

test('an unknown address and a disabled account are paced exactly like a real account (no enumeration by timing)', async () => {
  const delaysFor = async (email: string): Promise<number[]> => {
    requested.length = 0;
    for (let i = 1; i <= 7; i += 1) {
      const response = await login(email, `wrong password ${String(i)}`);
      assert.equal(response.statusCode, 401, response.body);
    }
    return [...requested];
  };
  const nurse = await signIn(t.app, { role: 'nurse' });
  const real = await delaysFor(nurse.email);
  assert.deepEqual(real, [5, 6, 7].map(failureDelayMs), 'the real account is paced from the 5th');
  assert.deepEqual(await delaysFor('nobody-at-all@example.test'), real, 'unknown address');
  assert.deepEqual(
    await delaysFor('NOBODY-AT-ALL-2@example.test'),
    real,
    'another unknown address starts its own count',
  );

  const admin = await signIn(t.app, { role: 'admin' });
  const disabled = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${disabled.userId}/disable`,
    headers: admin.headers(),
  });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(await delaysFor(disabled.email), real, 'disabled account');
});
