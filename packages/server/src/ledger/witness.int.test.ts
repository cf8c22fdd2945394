/**
 * Witnessed waste (safety-security.md T-44): the witness authenticates in the request with their
 * own password and authenticator code, and a witness without an authenticator app is refused
 * (answered like any other refusal); the recorder cannot witness their own waste; every refusal is
 * audited and a wrong password counts toward the witness's lockout; a one-time code is accepted once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  draw,
  ledgerFixture,
  post,
  problemOf,
  receipt,
  witnessOf,
  type LedgerFixture,
} from './ledger.test-support.ts';

let f: LedgerFixture;
let owner: pg.Client;
before(async () => {
  f = await ledgerFixture();
  owner = new pg.Client({ connectionString: f.t.database.adminUrl });
  await owner.connect();
  const received = await post(f.t, f.admin, receipt(f.locationId, { containers: 10 }));
  assert.equal(received.statusCode, 201, received.body);
});
after(async () => {
  await owner.end();
  await f.close();
});

/** A fresh vial drawn by the nurse, with 100 mg administered (400 mg left). */
async function openVial(): Promise<string> {
  const body = draw(f);
  const drawn = await post(f.t, f.nurse, body);
  assert.equal(drawn.statusCode, 201, drawn.body);
  const given = await post(f.t, f.nurse, {
    type: 'administer',
    id: randomUUID(),
    occurredAt: '2026-11-25T16:00:00.000Z',
    vialId: body.vialId,
    sessionId: f.sessionId,
    amountUg: 100_000,
  });
  assert.equal(given.statusCode, 201, given.body);
  return body.vialId as string;
}

const waste = (vialId: string, witness: Record<string, string>): Record<string, unknown> => ({
  type: 'waste',
  id: randomUUID(),
  occurredAt: '2026-11-25T16:30:00.000Z',
  vialId,
  amountUg: 400_000,
  witness,
});

async function auditActions(since: number): Promise<{ action: string; outcome: string }[]> {
  const { rows } = await owner.query<{ action: string; outcome: string }>(
    'SELECT action, outcome FROM audit_events WHERE seq > $1 ORDER BY seq',
    [since],
  );
  return rows;
}

async function auditHead(): Promise<number> {
  const { rows } = await owner.query<{ seq: string | null }>(
    'SELECT max(seq) AS seq FROM audit_events',
  );
  return Number(rows[0]?.seq ?? 0);
}

/** The `reason` of each `ledger.witness-refused` audit entry after `since`. */
async function refusalReasons(since: number): Promise<string[]> {
  const { rows } = await owner.query<{ reason: string }>(
    `SELECT detail->>'reason' AS reason FROM audit_events
      WHERE seq > $1 AND action = 'ledger.witness-refused' ORDER BY seq`,
    [since],
  );
  return rows.map((r) => r.reason);
}

async function ledgerCount(): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM ledger_entries',
  );
  return rows[0]?.n ?? 0;
}

test('the recorder cannot witness their own waste: 400, nothing recorded, the attempt audited', async () => {
  const vialId = await openVial();
  const before = await auditHead();
  const entries = await ledgerCount();
  const response = await post(f.t, f.nurse, waste(vialId, await witnessOf(f.t, f.nurse)));
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(problemOf(response), { code: 'ledger.self-witness', field: 'body.witness' });
  assert.equal(await ledgerCount(), entries, 'no entry was written');
  assert.deepEqual(await auditActions(before), [
    { action: 'ledger.self-witness-refused', outcome: 'denied' },
  ]);
});

test('a wrong witness password is refused, audited, and counts toward the witness lockout', async () => {
  const vialId = await openVial();
  const before = await auditHead();
  const failuresBefore = await owner.query<{ n: number }>(
    'SELECT failed_logins AS n FROM users WHERE id = $1',
    [f.nurse2.userId],
  );
  const response = await post(
    f.t,
    f.nurse,
    waste(vialId, await witnessOf(f.t, f.nurse2, 'not the witness password')),
  );
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(problemOf(response), {
    code: 'ledger.witness-not-authenticated',
    field: 'body.witness',
  });
  assert.deepEqual(await auditActions(before), [
    { action: 'ledger.witness-refused', outcome: 'failure' },
  ]);
  const failuresAfter = await owner.query<{ n: number }>(
    'SELECT failed_logins AS n FROM users WHERE id = $1',
    [f.nurse2.userId],
  );
  assert.equal(failuresAfter.rows[0]?.n, (failuresBefore.rows[0]?.n ?? 0) + 1);
  // The right password then witnesses the waste.
  const ok = await post(f.t, f.nurse, waste(vialId, await witnessOf(f.t, f.nurse2)));
  assert.equal(ok.statusCode, 201, ok.body);
});

test('an unknown witness email is refused the same way', async () => {
  const vialId = await openVial();
  const response = await post(
    f.t,
    f.nurse,
    waste(vialId, { email: 'nobody@example.test', password: 'whatever it is' }),
  );
  assert.equal(response.statusCode, 400);
  assert.equal(problemOf(response).code, 'ledger.witness-not-authenticated');
});

test('a witness with an authenticator needs its current code, and a code works only once', async () => {
  const vialId = await openVial();
  const withoutCode = {
    email: f.prescriber.email,
    password: (await witnessOf(f.t, f.prescriber)).password ?? '',
  };
  const refused = await post(f.t, f.nurse, waste(vialId, withoutCode));
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal(problemOf(refused).code, 'ledger.witness-not-authenticated');

  const credentials = await witnessOf(f.t, f.prescriber);
  // The prescriber's sign-in used the current time step: witness from the next one.
  f.t.advanceClock(30_000);
  const fresh = await witnessOf(f.t, f.prescriber);
  assert.notEqual(fresh.totpCode, credentials.totpCode, 'the next time step has another code');
  const accepted = await post(f.t, f.nurse, waste(vialId, fresh));
  assert.equal(accepted.statusCode, 201, accepted.body);

  const second = await openVial();
  const replayed = await post(f.t, f.nurse, waste(second, fresh));
  assert.equal(replayed.statusCode, 400, 'a used code is not accepted again');
});

test('a coordinator of the clinic is not an allowed witness', async () => {
  const { signIn } = await import('../testing/harness.ts');
  const coordinator = await signIn(f.t.app, {
    role: 'coordinator',
    clinicId: f.admin.clinicId,
    withMfa: true,
  });
  const vialId = await openVial();
  const before = await auditHead();
  const response = await post(f.t, f.nurse, waste(vialId, await witnessOf(f.t, coordinator)));
  assert.equal(response.statusCode, 400);
  assert.equal(problemOf(response).code, 'ledger.witness-not-authenticated');
  assert.deepEqual(await refusalReasons(before), ['not-an-allowed-witness']);
});

test('the witnessed waste is audited with the witness and whether a second factor was checked', async () => {
  const vialId = await openVial();
  const response = await post(f.t, f.nurse, waste(vialId, await witnessOf(f.t, f.nurse2)));
  assert.equal(response.statusCode, 201, response.body);
  const id = response.json<{ entry: { id: string } }>().entry.id;
  const { rows } = await owner.query<{ detail: { witnesses: unknown[] } }>(
    "SELECT detail FROM audit_events WHERE action = 'ledger.waste' AND resource_id = $1",
    [id],
  );
  assert.deepEqual(rows[0]?.detail.witnesses, [
    { userId: f.nurse2.userId, role: 'nurse', secondFactor: true },
  ]);
});

test('a witness without an authenticator app is refused after the password, audited, nothing written', async () => {
  const { signIn } = await import('../testing/harness.ts');
  // A nurse may sign in without a second factor, but may not witness a ledger entry without one.
  const noFactor = await signIn(f.t.app, { role: 'nurse', clinicId: f.admin.clinicId });
  assert.equal(noFactor.mfaSecret, null);
  const vialId = await openVial();
  const failures = async (): Promise<number | undefined> =>
    (
      await owner.query<{ n: number }>('SELECT failed_logins AS n FROM users WHERE id = $1', [
        noFactor.userId,
      ])
    ).rows[0]?.n;
  const failuresBefore = await failures();
  const entries = await ledgerCount();
  const before = await auditHead();
  const response = await post(f.t, f.nurse, waste(vialId, await witnessOf(f.t, noFactor)));
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(problemOf(response), {
    code: 'ledger.witness-not-authenticated',
    field: 'body.witness',
  });
  assert.match(response.json<{ detail: string }>().detail, /authenticator code \(required/);
  assert.equal(await ledgerCount(), entries, 'the waste was not written');
  assert.deepEqual(await auditActions(before), [
    { action: 'ledger.witness-refused', outcome: 'failure' },
  ]);
  assert.deepEqual(await refusalReasons(before), ['no-second-factor']);
  assert.equal(await failures(), failuresBefore, 'a right password is not a failed guess');

  // A made-up code changes nothing; a wrong password is refused as a wrong password, and the two
  // answers are the same, so the form does not tell who has an authenticator.
  const guessed = await post(
    f.t,
    f.nurse,
    waste(vialId, { ...(await witnessOf(f.t, noFactor)), totpCode: '123456' }),
  );
  const wrongPassword = await post(
    f.t,
    f.nurse,
    waste(vialId, await witnessOf(f.t, noFactor, 'not the witness password')),
  );
  // Everything but the request id.
  const answer = (r: typeof response) => {
    const { requestId: _id, ...body } = r.json<Record<string, unknown>>();
    return { status: r.statusCode, body };
  };
  assert.deepEqual(answer(guessed), answer(response));
  assert.deepEqual(answer(wrongPassword), answer(response));
  assert.deepEqual(await refusalReasons(before), [
    'no-second-factor',
    'no-second-factor',
    'wrong-password',
  ]);
  assert.equal(await ledgerCount(), entries, 'still nothing written');
});
