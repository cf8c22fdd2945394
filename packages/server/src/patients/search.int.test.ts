/**
 * Search and list on real PostgreSQL: name prefixes (given, family, preferred; case-insensitive;
 * several words), exact date of birth and MRN, literal LIKE wildcards, paging with a stable total,
 * and the one audit event per search that carries ids and counts but never the query text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import { auditEvents } from '../audit/schema.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { contextFor, fictionalPatient, seedActor, seedClinic } from './fixtures.test-support.ts';
import { createPatient, searchPatients } from './service.ts';

let database: TestDatabase;

before(async () => {
  database = await createTestDatabase();
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

describe('search and list', () => {
  let searcher: Actor;
  const ids: Record<string, string> = {};

  before(async () => {
    // A clinic of its own, so the counts below are exact.
    const clinic = await seedClinic(database.db, 'Fictional Clinic S');
    searcher = await seedActor(database.db, clinic, 'coordinator');
    const people = [
      ['alba', { legalGivenName: 'Alba', legalFamilyName: 'Fennimore', dateOfBirth: '1980-02-29' }],
      ['albert', { legalGivenName: 'Albert', legalFamilyName: 'Quimby', preferredName: 'Bertie' }],
      ['ned', { legalGivenName: 'Ned', legalFamilyName: 'Albanese', dateOfBirth: '1980-02-29' }],
      ['percy', { legalGivenName: 'Percival', legalFamilyName: 'Under_score', mrn: 'S-100' }],
      ['nuñez', { legalGivenName: 'Íñigo', legalFamilyName: 'Núñez' }],
    ] as const;
    for (const [key, fields] of people) {
      ids[key] = (await register(ctx(searcher), fictionalPatient(fields))).id;
    }
  });

  const search = (
    query: { name?: string; dateOfBirth?: string; mrn?: string },
    page = 1,
    pageSize = 25,
  ) => searchPatients(ctx(searcher), { page, pageSize, ...query });

  const idsOf = (page: { items: { id: string }[] }) => page.items.map((p) => p.id);

  test('a name prefix matches given, family or preferred names, case-insensitively', async () => {
    assert.deepEqual(idsOf(await search({ name: 'alb' })), [ids.ned, ids.alba, ids.albert]);
    assert.deepEqual(idsOf(await search({ name: 'BERT' })), [ids.albert]);
    assert.deepEqual(idsOf(await search({ name: 'ínigo' })), []);
    assert.deepEqual(idsOf(await search({ name: 'íñi' })), [ids.nuñez]);
  });

  test('several words must each start one of the names', async () => {
    assert.deepEqual(idsOf(await search({ name: 'alb fen' })), [ids.alba]);
    assert.deepEqual(idsOf(await search({ name: 'alb zzz' })), []);
  });

  test('LIKE wildcards in the query match literally', async () => {
    assert.deepEqual(idsOf(await search({ name: '%' })), []);
    assert.deepEqual(idsOf(await search({ name: 'under_' })), [ids.percy]);
    assert.deepEqual(idsOf(await search({ name: 'unde_' })), []);
  });

  test('date of birth and MRN filter exactly and combine with the name', async () => {
    assert.deepEqual(idsOf(await search({ dateOfBirth: '1980-02-29' })), [ids.ned, ids.alba]);
    assert.deepEqual(idsOf(await search({ dateOfBirth: '1980-02-29', name: 'fen' })), [ids.alba]);
    assert.deepEqual(idsOf(await search({ mrn: 'S-100' })), [ids.percy]);
    assert.deepEqual(idsOf(await search({ mrn: 'S-10' })), []);
  });

  test('listing pages through the clinic by family name with a stable total', async () => {
    const first = await search({}, 1, 2);
    const second = await search({}, 2, 2);
    const third = await search({}, 3, 2);
    const beyond = await search({}, 9, 2);
    assert.deepEqual([first.total, second.total, third.total, beyond.total], [5, 5, 5, 5]);
    assert.deepEqual(
      [...idsOf(first), ...idsOf(second), ...idsOf(third)],
      [ids.ned, ids.alba, ids.nuñez, ids.albert, ids.percy],
    );
    assert.deepEqual(beyond.items, []);
  });

  test('a search is one audit event with the returned ids and counts, never the query text', async () => {
    const context = contextFor(database.db, searcher);
    const page = await searchPatients(context, {
      page: 1,
      pageSize: 25,
      name: 'alb',
      dateOfBirth: '1980-02-29',
    });
    const events = await eventsFor(context.audit.requestId ?? '');
    assert.equal(events.length, 1);
    assert.equal(events[0]?.action, 'patient.search');
    assert.deepEqual(events[0].detail, {
      filters: ['name', 'dateOfBirth'],
      page: 1,
      count: 2,
      total: 2,
      patientIds: idsOf(page),
    });
    // Ids and hashes are hex: by chance one can contain "1980", so they are masked before the check.
    const text = JSON.stringify(events[0])
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/[0-9a-f]{64}/g, '<hash>');
    assert.ok(
      !text.includes('alb') && !text.includes('1980'),
      `the audit event holds neither the name nor the date searched: ${text}`,
    );
  });
});
