/**
 * The registry's use cases on real PostgreSQL, called directly with a fabricated actor: versions and
 * history, optimistic concurrency, MRN uniqueness, clinic and patient scoping, and the audit events
 * written (or, when a write fails, not written) in the same transaction.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import { auditEvents } from '../audit/schema.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { contextFor, fictionalPatient, seedActor, seedClinic } from './fixtures.test-support.ts';
import { patients, patientVersions } from './schema.ts';
import {
  createPatient,
  getPatient,
  patientHistory,
  REGISTRATION_REASON,
  searchPatients,
  updatePatient,
} from './service.ts';

let database: TestDatabase;
let nurse: Actor;
let otherClinicAdmin: Actor;
let researcher: Actor;

before(async () => {
  database = await createTestDatabase({ max: 12 });
  const clinic = await seedClinic(database.db, 'Fictional Clinic A');
  const otherClinic = await seedClinic(database.db, 'Fictional Clinic B');
  nurse = await seedActor(database.db, clinic, 'nurse');
  researcher = await seedActor(database.db, clinic, 'researcher');
  otherClinicAdmin = await seedActor(database.db, otherClinic, 'admin');
});
after(async () => {
  await database.drop();
});

/** Registers and returns the stored record (the service also says whether it was new). */
const register = async (...args: Parameters<typeof createPatient>) =>
  (await createPatient(...args)).patient;

const ctx = (actor: Actor) => contextFor(database.db, actor);

async function eventsFor(requestId: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.requestId, requestId))
    .orderBy(asc(auditEvents.seq));
}

async function countRows(patientId: string): Promise<{ versions: number; events: number }> {
  const versions = await database.db
    .select()
    .from(patientVersions)
    .where(eq(patientVersions.patientId, patientId));
  const events = await database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.patientId, patientId));
  return { versions: versions.length, events: events.length };
}

describe('create and read', () => {
  test('a registration is version 1 with its history entry and one audit event without PHI', async () => {
    const context = ctx(nurse);
    const input = fictionalPatient({
      preferredName: 'Zeb',
      phone: '+17145550123',
      address: { line1: '1 Imaginary Way', city: 'Irvine', state: 'CA', postalCode: '92618' },
    });
    const created = await register(context, input);
    assert.equal(created.version, 1);
    assert.equal(created.legalFamilyName, input.legalFamilyName);
    assert.equal(created.email, null);
    assert.equal(created.createdBy, nurse.userId);

    const history = await patientHistory(ctx(nurse), created.id, { page: 1, pageSize: 25 });
    assert.equal(history.total, 1);
    assert.equal(history.items[0]?.version, 1);
    assert.equal(history.items[0].reason, REGISTRATION_REASON);
    assert.equal(history.items[0].changedByName, 'Test nurse');
    assert.deepEqual(history.items[0].changedFields, [
      'mrn',
      'legalGivenName',
      'legalFamilyName',
      'preferredName',
      'dateOfBirth',
      'sexAtBirth',
      'phone',
      'address',
    ]);

    const events = await eventsFor(context.audit.requestId ?? '');
    assert.equal(events.length, 1);
    const event = events[0]!;
    assert.equal(event.action, 'patient.create');
    assert.equal(event.patientId, created.id);
    assert.equal(event.userId, nurse.userId);
    assert.equal(event.clinicId, nurse.clinicId);
    const detail = JSON.stringify(event.detail);
    for (const phi of ['Zebediah', 'Quuxington', 'Zeb"', '1971', '7145550123', 'Imaginary']) {
      assert.ok(!detail.includes(phi), `audit detail must not contain ${phi}`);
    }
  });

  test('every read is one audit event naming the patient', async () => {
    const created = await register(ctx(nurse), fictionalPatient());
    const context = ctx(nurse);
    const read = await getPatient(context, created.id);
    assert.deepEqual(read, created);
    const events = await eventsFor(context.audit.requestId ?? '');
    assert.deepEqual(
      events.map((e) => [e.action, e.patientId, e.outcome]),
      [['patient.read', created.id, 'success']],
    );
  });

  test('a taken MRN is a 409 naming body.mrn and writes nothing', async () => {
    const first = await register(ctx(nurse), fictionalPatient());
    const context = ctx(nurse);
    await assert.rejects(createPatient(context, fictionalPatient({ mrn: first.mrn })), {
      code: 'patient.mrn-taken',
      status: 409,
      field: 'body.mrn',
    });
    assert.equal((await eventsFor(context.audit.requestId ?? '')).length, 0);
    const sameMrn = await database.db.select().from(patients).where(eq(patients.mrn, first.mrn));
    assert.equal(sameMrn.length, 1);
  });

  test('the same MRN may exist in another clinic', async () => {
    const mine = await register(ctx(nurse), fictionalPatient());
    const theirs = await register(ctx(otherClinicAdmin), fictionalPatient({ mrn: mine.mrn }));
    assert.equal(theirs.mrn, mine.mrn);
  });

  test('a retry with the same client id and content returns the stored record, once', async () => {
    const input = fictionalPatient({ id: randomUUID() });
    const first = await createPatient(ctx(nurse), input);
    const retryContext = ctx(nurse);
    const retry = await createPatient(retryContext, input);
    assert.deepEqual([first.created, retry.created], [true, false]);
    assert.deepEqual(retry.patient, first.patient);
    assert.equal(first.patient.id, input.id);
    assert.deepEqual(await countRows(first.patient.id), { versions: 1, events: 2 });
    const events = await eventsFor(retryContext.audit.requestId ?? '');
    assert.deepEqual(
      events.map((e) => e.action),
      ['patient.create-replayed'],
    );
  });

  test('the same client id with other content, or of another clinic, is a 409 naming body.id', async () => {
    const input = fictionalPatient({ id: randomUUID() });
    await createPatient(ctx(nurse), input);
    await assert.rejects(createPatient(ctx(nurse), { ...input, legalGivenName: 'Other' }), {
      code: 'patient.id-taken',
      status: 409,
      field: 'body.id',
    });
    await assert.rejects(createPatient(ctx(otherClinicAdmin), { ...input, mrn: 'OTHER-1' }), {
      code: 'patient.id-taken',
    });
    const rows = await database.db
      .select()
      .from(patients)
      .where(eq(patients.id, input.id ?? ''));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.clinicId, nurse.clinicId);
  });

  test('a role without patient.write cannot register anyone', async () => {
    await assert.rejects(createPatient(ctx(researcher), fictionalPatient()), {
      code: 'auth.forbidden',
      status: 403,
    });
  });
});

describe('update', () => {
  test('a correction makes the next version with changed fields, reason, author and audit', async () => {
    const created = await register(ctx(nurse), fictionalPatient({ phone: '+17145550123' }));
    const context = ctx(nurse);
    const updated = await updatePatient(context, created.id, {
      version: 1,
      reason: 'Patient reported a new number',
      phone: '+19495550188',
      preferredName: 'Zed',
      mrn: created.mrn,
    });
    assert.equal(updated.version, 2);
    assert.equal(updated.phone, '+19495550188');
    assert.equal(updated.preferredName, 'Zed');
    assert.equal(updated.createdAt, created.createdAt);

    const history = await patientHistory(ctx(nurse), created.id, { page: 1, pageSize: 25 });
    assert.deepEqual(
      history.items.map((v) => [v.version, v.reason, v.changedFields]),
      [
        [2, 'Patient reported a new number', ['preferredName', 'phone']],
        [
          1,
          REGISTRATION_REASON,
          ['mrn', 'legalGivenName', 'legalFamilyName', 'dateOfBirth', 'sexAtBirth', 'phone'],
        ],
      ],
    );
    assert.equal(history.items[1]?.record.phone, '+17145550123');
    assert.equal(history.items[0]?.record.phone, '+19495550188');

    const events = await eventsFor(context.audit.requestId ?? '');
    assert.equal(events.length, 1);
    assert.equal(events[0]?.action, 'patient.update');
    assert.deepEqual(events[0].detail, { version: 2, changedFields: ['preferredName', 'phone'] });
  });

  test('null clears an optional field', async () => {
    const created = await register(ctx(nurse), fictionalPatient({ email: 'zq@example.org' }));
    const updated = await updatePatient(ctx(nurse), created.id, {
      version: 1,
      reason: 'Patient withdrew email consent',
      email: null,
    });
    assert.equal(updated.email, null);
  });

  test('a stale version is a 409 and leaves no version row and no audit event', async () => {
    const created = await register(ctx(nurse), fictionalPatient());
    await updatePatient(ctx(nurse), created.id, {
      version: 1,
      reason: 'First fix',
      preferredName: 'Zebby',
    });
    const before = await countRows(created.id);
    const context = ctx(nurse);
    await assert.rejects(
      updatePatient(context, created.id, { version: 1, reason: 'Late fix', preferredName: 'Z' }),
      { code: 'patient.version-conflict', status: 409, field: 'body.version' },
    );
    assert.deepEqual(await countRows(created.id), before);
    assert.equal((await eventsFor(context.audit.requestId ?? '')).length, 0);
  });

  test('an update to a taken MRN is a 409 and writes nothing', async () => {
    const a = await register(ctx(nurse), fictionalPatient());
    const b = await register(ctx(nurse), fictionalPatient());
    const before = await countRows(b.id);
    await assert.rejects(
      updatePatient(ctx(nurse), b.id, { version: 1, reason: 'Merge typo', mrn: a.mrn }),
      { code: 'patient.mrn-taken', field: 'body.mrn' },
    );
    assert.deepEqual(await countRows(b.id), before);
    assert.equal((await getPatient(ctx(nurse), b.id)).version, 1);
  });

  test('a correction that changes nothing is refused', async () => {
    const created = await register(ctx(nurse), fictionalPatient());
    await assert.rejects(
      updatePatient(ctx(nurse), created.id, {
        version: 1,
        reason: 'No-op',
        legalGivenName: created.legalGivenName,
      }),
      { code: 'patient.unchanged', status: 400 },
    );
  });

  test('of 8 concurrent corrections of one version exactly one succeeds, the rest get 409', async () => {
    const created = await register(ctx(nurse), fictionalPatient());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        updatePatient(ctx(nurse), created.id, {
          version: 1,
          reason: `Concurrent fix ${String(i)}`,
          genderIdentity: `Identity ${String(i)}`,
        }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 7);
    for (const o of lost) {
      assert.equal((o.reason as { code?: string }).code, 'patient.version-conflict');
    }
    const history = await patientHistory(ctx(nurse), created.id, { page: 1, pageSize: 25 });
    assert.deepEqual(
      history.items.map((v) => v.version),
      [2, 1],
    );
  });
});

describe('scoping', () => {
  test('a patient of another clinic answers exactly like a missing one', async () => {
    const created = await register(ctx(nurse), fictionalPatient());
    await assert.rejects(getPatient(ctx(otherClinicAdmin), created.id), {
      code: 'patient.not-found',
      status: 404,
    });
    await assert.rejects(getPatient(ctx(otherClinicAdmin), randomUUID()), {
      code: 'patient.not-found',
      status: 404,
    });
    await assert.rejects(
      updatePatient(ctx(otherClinicAdmin), created.id, {
        version: 1,
        reason: 'x',
        preferredName: 'Y',
      }),
      { code: 'patient.not-found' },
    );
    await assert.rejects(
      patientHistory(ctx(otherClinicAdmin), created.id, { page: 1, pageSize: 5 }),
      {
        code: 'patient.not-found',
      },
    );
    const search = await searchPatients(ctx(otherClinicAdmin), {
      page: 1,
      pageSize: 100,
      mrn: created.mrn,
    });
    assert.ok(search.items.every((p) => p.id !== created.id));
  });

  test('a patient account reads its own record and nothing else', async () => {
    const own = await register(ctx(nurse), fictionalPatient());
    const other = await register(ctx(nurse), fictionalPatient());
    const patientActor = await seedActor(database.db, nurse.clinicId, 'patient', own.id);
    assert.equal((await getPatient(ctx(patientActor), own.id)).id, own.id);
    assert.equal(
      (await patientHistory(ctx(patientActor), own.id, { page: 1, pageSize: 5 })).total,
      1,
    );
    await assert.rejects(getPatient(ctx(patientActor), other.id), { code: 'patient.not-found' });
    await assert.rejects(searchPatients(ctx(patientActor), { page: 1, pageSize: 25 }), {
      code: 'auth.forbidden',
    });
    await assert.rejects(
      updatePatient(ctx(patientActor), own.id, { version: 1, reason: 'x', preferredName: 'Y' }),
      { code: 'auth.forbidden' },
    );
  });
});

describe('audit fails closed (safety-security.md T-22)', () => {
  test('without INSERT on the audit table a write leaves no patient and a read is refused', async () => {
    const existing = await register(ctx(nurse), fictionalPatient());
    const superuser = new pg.Client({ connectionString: database.adminUrl });
    await superuser.connect();
    const input = fictionalPatient();
    try {
      await superuser.query('REVOKE INSERT ON audit_events FROM ketaflow_app');
      await assert.rejects(
        createPatient(ctx(nurse), input),
        (error: { cause?: { code?: string } }) => {
          assert.equal(error.cause?.code, '42501');
          return true;
        },
      );
      await assert.rejects(getPatient(ctx(nurse), existing.id));
    } finally {
      await superuser.query('GRANT INSERT ON audit_events TO ketaflow_app');
      await superuser.end();
    }
    const rows = await database.db.select().from(patients).where(eq(patients.mrn, input.mrn));
    assert.equal(rows.length, 0);
  });
});
