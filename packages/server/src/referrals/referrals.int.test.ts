/**
 * The public referral form through the API: a person's request reaches the coordinator's queue; a
 * honeypot or a too-fast submission stores nothing; submissions are rate-limited per IP; the queue
 * is for the care team of the clinic only.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { REFERRAL_MIN_FILL_MS } from '@ketaflow/contract';
import { signIn, startTestApp } from '../testing/harness.ts';
import { REFERRAL_RATE_LIMIT } from './routes.ts';

const t = await startTestApp();
after(() => t.close());

const coordinator = await signIn(t.app, { role: 'coordinator' });
const clinicId = coordinator.clinicId;
const researcher = await signIn(t.app, { role: 'researcher', clinicId });
const otherCoordinator = await signIn(t.app, { role: 'coordinator' });
let address = 0;
const newAddress = (): string => `192.0.2.${String((address += 1))}`;

async function formToken(remoteAddress: string): Promise<string> {
  const form = await t.app.inject({
    method: 'GET',
    url: '/api/v1/public/referral-form',
    remoteAddress,
  });
  assert.equal(form.statusCode, 200, form.body);
  const entry = form
    .json<{ clinics: { clinicId: string; formToken: string }[] }>()
    .clinics.find((c) => c.clinicId === clinicId);
  assert.ok(entry !== undefined, 'the clinic is offered on the public form');
  return entry.formToken;
}

const submit = (remoteAddress: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/referrals', remoteAddress, payload });

const person = (token: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  clinicId,
  formToken: token,
  name: `Referral ${randomUUID().slice(0, 8)}`,
  email: 'someone@example.test',
  condition: 'crps',
  consentToContact: true,
  ...extra,
});

const queue = async (who = coordinator) => {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/v1/referrals',
    headers: who.headers(),
  });
  return response;
};
const names = async (): Promise<string[]> =>
  (await queue()).json<{ items: { name: string }[] }>().items.map((i) => i.name);

test('a request reaches the queue after the minimum fill time; the coordinator works it', async () => {
  const ip = newAddress();
  const token = await formToken(ip);
  const body = person(token);
  const tooFast = await submit(ip, body);
  assert.equal(tooFast.statusCode, 400);
  assert.equal(tooFast.json<{ code: string }>().code, 'referral.too-fast');
  t.advanceClock(REFERRAL_MIN_FILL_MS + 500);
  const sent = await submit(ip, body);
  assert.equal(sent.statusCode, 202, sent.body);
  assert.match(sent.json<{ message: string }>().message, /reached the clinic/);
  const retry = await submit(ip, body);
  assert.equal(retry.statusCode, 202, 'a retry is answered the same');
  const items = (await queue()).json<{ items: { id: string; name: string; version: number }[] }>()
    .items;
  assert.equal(items.filter((i) => i.name === body.name).length, 1, 'stored once');
  const entry = items.find((i) => i.name === body.name);
  assert.ok(entry !== undefined, 'the request is in the queue');
  const contacted = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/referrals/${entry.id}`,
    headers: coordinator.headers(),
    payload: { version: entry.version, status: 'contacted' },
  });
  assert.equal(contacted.statusCode, 200, contacted.body);
  const stale = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/referrals/${entry.id}`,
    headers: coordinator.headers(),
    payload: { version: entry.version, status: 'closed' },
  });
  assert.equal(stale.statusCode, 409);
});

test('a filled honeypot is answered like a success and stores nothing', async () => {
  const ip = newAddress();
  const token = await formToken(ip);
  t.advanceClock(REFERRAL_MIN_FILL_MS + 500);
  const body = person(token, { website: 'http://spam.example' });
  const response = await submit(ip, body);
  assert.equal(response.statusCode, 202, response.body);
  assert.ok(!(await names()).includes(body.name), 'the robot request is not in the queue');
});

test('forged tokens, missing consent and missing contact are refused naming the field', async () => {
  const ip = newAddress();
  const forged = await submit(ip, person('1234567890.forged.token'));
  assert.equal(forged.json<{ code: string }>().code, 'referral.form-expired');
  const token = await formToken(ip);
  t.advanceClock(REFERRAL_MIN_FILL_MS + 500);
  const noConsent = await submit(ip, person(token, { consentToContact: false }));
  assert.equal(noConsent.statusCode, 400);
  assert.equal(noConsent.json<{ field: string }>().field, 'body.consentToContact');
  const noContact = await submit(ip, { ...person(token), email: undefined });
  assert.equal(noContact.statusCode, 400);
  assert.equal(noContact.json<{ field: string }>().field, 'body.email');
});

test(`submissions are limited to ${String(REFERRAL_RATE_LIMIT.max)} per IP per hour (429)`, async () => {
  const ip = newAddress();
  const token = await formToken(ip);
  t.advanceClock(REFERRAL_MIN_FILL_MS + 500);
  const statuses: number[] = [];
  for (let i = 0; i <= REFERRAL_RATE_LIMIT.max; i += 1) {
    statuses.push((await submit(ip, person(token))).statusCode);
  }
  assert.deepEqual(
    statuses.slice(0, REFERRAL_RATE_LIMIT.max),
    Array(REFERRAL_RATE_LIMIT.max).fill(202),
  );
  assert.equal(statuses[REFERRAL_RATE_LIMIT.max], 429);
  const elsewhere = await submit(newAddress(), person(token));
  assert.equal(elsewhere.statusCode, 202, 'other addresses are not affected');
});

test('the queue is for the clinic care team only', async () => {
  assert.equal((await queue(researcher)).statusCode, 403);
  const foreign = await queue(otherCoordinator);
  assert.equal(foreign.statusCode, 200);
  assert.equal(foreign.json<{ items: unknown[] }>().items.length, 0, 'another clinic sees nothing');
});
