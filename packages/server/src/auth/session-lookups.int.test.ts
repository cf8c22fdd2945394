/**
 * Coalesced session lookups (session-lookups.ts): concurrent lookups share statements and each gets
 * exactly what a lookup of its own gives; a lookup made after a logout never gets the answer of a
 * statement already in flight before it; a failing statement fails every lookup of its batch and the
 * next batch runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { seedActor, seedClinic } from '../patients/fixtures.test-support.ts';
import { endSession, findSession, insertSession } from './repository.ts';
import { lookUpSession } from './session-lookups.ts';

let database: TestDatabase;

/** Counts the session lookup statements the pool is sent while `run` runs. */
async function countingLookups<T>(
  run: () => Promise<T>,
): Promise<{ result: T; statements: number }> {
  const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  let statements = 0;
  pool.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { name?: string } | undefined;
    if (config?.name === 'auth.find-session') statements += 1;
    return original.apply(this, args);
  };
  try {
    return { result: await run(), statements };
  } finally {
    pool.query = original;
  }
}

async function newSession(userId: string, clinicId: string): Promise<string> {
  const tokenHash = randomUUID().replace(/-/g, '').repeat(2);
  const now = new Date();
  await insertSession(database.db, {
    tokenHash,
    userId,
    csrfToken: `csrf-${randomUUID()}`,
    activeClinicId: clinicId,
    now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  return tokenHash;
}

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.drop();
});

test('concurrent lookups share statements and each gets its own session', async () => {
  const clinicId = await seedClinic(database.db, 'Session Lookups Clinic A');
  const nurse = await seedActor(database.db, clinicId, 'nurse');
  const prescriber = await seedActor(database.db, clinicId, 'prescriber');
  const tokens = [
    await newSession(nurse.userId, clinicId),
    await newSession(prescriber.userId, clinicId),
    await newSession(nurse.userId, clinicId),
  ];
  const unknown = 'e'.repeat(64);
  const asked = Array.from({ length: 40 }, (_, i) => (i % 7 === 6 ? unknown : tokens[i % 3]!));
  const { result, statements } = await countingLookups(() =>
    Promise.all(asked.map((tokenHash) => lookUpSession(database.db, tokenHash))),
  );
  assert.ok(
    statements >= 1 && statements < asked.length,
    `40 lookups in ${String(statements)} statements`,
  );
  for (const [i, tokenHash] of asked.entries()) {
    assert.deepStrictEqual(
      result[i],
      await findSession(database.db, tokenHash),
      `lookup ${String(i)} gets what a lookup of its own gets`,
    );
  }
  assert.equal(result[6], null, 'an unknown token finds nothing');
  assert.equal(result[1]?.userId, prescriber.userId, 'each token its own user');
});

test('a lookup made after a logout sees it, though a lookup made before is still in flight', async () => {
  const clinicId = await seedClinic(database.db, 'Session Lookups Clinic B');
  const nurse = await seedActor(database.db, clinicId, 'nurse');
  const tokenHash = await newSession(nurse.userId, clinicId);
  const before = lookUpSession(database.db, tokenHash);
  await endSession(database.db, tokenHash, 'logout', new Date());
  const afterLogout = await lookUpSession(database.db, tokenHash);
  assert.equal((await before)?.endedAt, null, 'the earlier lookup read the live session');
  assert.ok(afterLogout?.endedAt instanceof Date, 'the later lookup reads the ended session');
});

test('a failing statement fails its batch only', async () => {
  const clinicId = await seedClinic(database.db, 'Session Lookups Clinic C');
  const nurse = await seedActor(database.db, clinicId, 'nurse');
  const tokenHash = await newSession(nurse.userId, clinicId);
  const pool = database.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  let failures = 1;
  pool.query = function (this: unknown, ...args: unknown[]) {
    if (failures > 0 && (args[0] as { name?: string } | undefined)?.name === 'auth.find-session') {
      failures -= 1;
      return Promise.reject(new Error('connection lost'));
    }
    return original.apply(this, args);
  };
  try {
    const failed = lookUpSession(database.db, tokenHash);
    const next = lookUpSession(database.db, tokenHash);
    await assert.rejects(
      failed,
      (error: Error) => /connection lost/.test(String(error.cause)),
      'the lookup of the failing statement fails',
    );
    assert.equal((await next)?.tokenHash, tokenHash, 'the next batch is looked up afresh');
  } finally {
    pool.query = original;
  }
});
