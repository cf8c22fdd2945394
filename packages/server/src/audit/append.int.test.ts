/**
 * The audit append statement (events as one array per column, written once as text) stores each
 * event exactly as given, in order, with nulls, awkward text and nested details intact, chained and
 * with the head advanced, for one event and for several events of different requests.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { and, asc, eq, gt } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { appendAuditEvents, appendAuditEventsOf, type AuditContext } from './append.ts';
import { eventHash, GENESIS_HASH } from './chain.ts';
import { auditChainHeads, auditEvents } from './schema.ts';
import { verifyAuditChain } from './verify.ts';

let database: TestDatabase;
let superuser: pg.Client;

const nurse: AuditContext = {
  userId: '00000000-0000-4000-8000-000000000001',
  role: 'nurse',
  clinicId: '00000000-0000-4000-8000-0000000000c1',
  sourceIp: '127.0.0.1',
  requestId: 'req-one',
};
const anonymous: AuditContext = {
  userId: null,
  role: null,
  clinicId: null,
  sourceIp: null,
  requestId: null,
};

before(async () => {
  database = await createTestDatabase();
  superuser = new pg.Client({ connectionString: database.adminUrl });
  await superuser.connect();
});
after(async () => {
  await superuser.end();
  await database.drop();
});

async function chainZero() {
  const [head] = await database.db
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.chain, 0));
  assert.ok(head !== undefined, 'chain 0 has a head');
  return head;
}

test('several events of different requests are stored as given, in order, and chained', async () => {
  const before = await chainZero();
  const awkward = 'quote " backslash \\ comma , brace { } Ünïcode ✓ NULL';
  await database.db.transaction((tx) =>
    appendAuditEventsOf(tx, [
      {
        context: nurse,
        event: {
          action: 'patient.create',
          resourceType: 'patient',
          resourceId: '00000000-0000-4000-8000-0000000000a1',
          patientId: '00000000-0000-4000-8000-0000000000a1',
          outcome: 'success',
          detail: { version: 1, fields: ['mrn', awkward], nested: { n: null, b: true } },
        },
      },
      {
        context: anonymous,
        event: { action: 'auth.login-failed', resourceType: 'user', outcome: 'failure' },
      },
      {
        context: { ...nurse, requestId: 'req-two' },
        event: {
          action: awkward,
          resourceType: 'session',
          resourceId: 'NULL',
          outcome: 'denied',
          clinicId: null,
          detail: { reason: awkward },
        },
      },
    ]),
  );
  const rows = await database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chain, 0), gt(auditEvents.seq, before.seq)))
    .orderBy(asc(auditEvents.seq));
  assert.equal(rows.length, 3, 'three events');
  const [a, b, c] = rows;
  assert.ok(a !== undefined && b !== undefined && c !== undefined, 'all three read back');
  assert.deepStrictEqual(
    rows.map((r) => r.seq),
    [before.seq + 1, before.seq + 2, before.seq + 3],
    'consecutive seq after the head',
  );
  assert.equal(a.prevHash, before.hash, 'the first event links to the old head');
  assert.equal(b.prevHash, a.hash, 'the second links to the first');
  assert.equal(c.prevHash, b.hash, 'the third links to the second');
  for (const row of rows) {
    const { chain: _chain, prevHash, hash, ...event } = row;
    assert.equal(hash, eventHash(prevHash, event), `event ${String(row.seq)} hash verifies`);
  }
  assert.equal(a.occurredAt.getTime(), c.occurredAt.getTime(), 'one instant for the batch');
  assert.deepStrictEqual(
    { ...a, seq: 0, occurredAt: null, prevHash: '', hash: '' },
    {
      seq: 0,
      occurredAt: null,
      chain: 0,
      userId: nurse.userId,
      role: 'nurse',
      clinicId: nurse.clinicId,
      patientId: '00000000-0000-4000-8000-0000000000a1',
      action: 'patient.create',
      resourceType: 'patient',
      resourceId: '00000000-0000-4000-8000-0000000000a1',
      outcome: 'success',
      sourceIp: '127.0.0.1',
      requestId: 'req-one',
      detail: { version: 1, fields: ['mrn', awkward], nested: { n: null, b: true } },
      prevHash: '',
      hash: '',
    },
    'the first event is stored as given',
  );
  assert.deepStrictEqual(
    [b.userId, b.role, b.clinicId, b.patientId, b.resourceId, b.sourceIp, b.requestId, b.detail],
    [null, null, null, null, null, null, null, {}],
    'absent values are NULL and an absent detail is {}',
  );
  assert.deepStrictEqual(
    [c.action, c.resourceId, c.clinicId, c.requestId, c.outcome, c.detail],
    [awkward, 'NULL', null, 'req-two', 'denied', { reason: awkward }],
    'awkward text is kept verbatim, the text NULL is not SQL NULL, a clinic override applies',
  );
  const head = await chainZero();
  assert.deepStrictEqual(head, { chain: 0, seq: c.seq, hash: c.hash }, 'the head is advanced');
});

test('one event per transaction continues the chain and the whole trail verifies', async () => {
  for (let i = 0; i < 3; i += 1) {
    await database.db.transaction((tx) =>
      appendAuditEvents(tx, nurse, [
        { action: 'patient.read', resourceType: 'patient', outcome: 'success', detail: { i } },
      ]),
    );
  }
  const head = await chainZero();
  assert.notEqual(head.hash, GENESIS_HASH, 'chain 0 has events');
  const result = await verifyAuditChain(superuser);
  assert.equal(result.ok, true, `the trail verifies: ${JSON.stringify(result)}`);
});

test('nothing to append writes nothing', async () => {
  const before = await chainZero();
  await database.db.transaction((tx) => appendAuditEvents(tx, nurse, []));
  assert.deepStrictEqual(await chainZero(), before, 'the head is unchanged');
});
