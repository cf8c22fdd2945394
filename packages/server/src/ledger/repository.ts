/**
 * Data access of the controlled-substance ledger. Every function takes the request's Scope (or
 * the clinic it was checked for) and filters by the clinic, so a foreign id looks missing. Writers
 * serialise per clinic on a transaction-scoped advisory lock: the chain head and the balances
 * they check against cannot move until they commit (T-48: no double-spend).
 */
import type { LedgerEntry, SessionStep } from '@ketaflow/core';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import { clinics } from '../clinics/schema.ts';
import type { Tx } from '../db/client.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';
import { infusionSessions, sessionTransitions } from '../sessions/schema.ts';
import { ledgerEntries, ledgerLocations } from './schema.ts';

/** First key of the two-key advisory lock ("ledg"); the second is the clinic's hash. */
const LEDGER_LOCK = 0x6c656467;

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type NewLedgerEntryRow = typeof ledgerEntries.$inferInsert;

/** Serialises ledger writers of one clinic until the transaction ends. */
export async function lockClinicLedger(tx: Tx, clinicId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK}, hashtext(${clinicId}))`);
}

export async function ledgerHead(
  tx: Tx,
  clinicId: string,
): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await tx
    .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.clinicId, clinicId))
    .orderBy(desc(ledgerEntries.seq))
    .limit(1);
  return head;
}

/** The hash of the clinic's entry `seq`, if there is one. */
export async function hashAt(tx: Tx, clinicId: string, seq: number): Promise<string | undefined> {
  const [row] = await tx
    .select({ hash: ledgerEntries.hash })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.seq, seq)));
  return row?.hash;
}

/** The clinic's entries after `afterSeq`, in chain order (the core entries as applied). */
export async function entriesAfter(
  tx: Tx,
  clinicId: string,
  afterSeq: number,
): Promise<{ seq: number; hash: string; entry: LedgerEntry }[]> {
  const rows = await tx
    .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, clinicId), sql`${ledgerEntries.seq} > ${afterSeq}`))
    .orderBy(asc(ledgerEntries.seq));
  // Written by this module from entries core accepted; core re-validates each one on replay.
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, entry: r.entry as unknown as LedgerEntry }));
}

export async function findEntry(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<LedgerEntryRow | undefined> {
  const [row] = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, scope.clinicId), eq(ledgerEntries.id, id)));
  return row;
}

export async function insertEntry(tx: Tx, row: NewLedgerEntryRow): Promise<LedgerEntryRow> {
  const [inserted] = await tx.insert(ledgerEntries).values(row).returning();
  if (inserted === undefined) throw new Error('ledger insert returned no row');
  return inserted;
}

export interface EntryFilter {
  readonly fromInstant?: Date;
  readonly toInstant?: Date;
  readonly ndc?: string;
  readonly lot?: string;
  readonly patientId?: string;
  readonly sessionId?: string;
}

/** Entries of the clinic matching the filter, by event time then sequence. */
export async function entryRows(
  tx: Tx,
  scope: Scope,
  filter: EntryFilter,
): Promise<LedgerEntryRow[]> {
  const conditions: SQL[] = [eq(ledgerEntries.clinicId, scope.clinicId)];
  if (filter.fromInstant !== undefined)
    conditions.push(gte(ledgerEntries.occurredAt, filter.fromInstant));
  if (filter.toInstant !== undefined)
    conditions.push(lt(ledgerEntries.occurredAt, filter.toInstant));
  if (filter.ndc !== undefined) conditions.push(eq(ledgerEntries.ndc, filter.ndc));
  if (filter.lot !== undefined) conditions.push(eq(ledgerEntries.lot, filter.lot));
  if (filter.patientId !== undefined)
    conditions.push(eq(ledgerEntries.patientId, filter.patientId));
  if (filter.sessionId !== undefined)
    conditions.push(eq(ledgerEntries.sessionId, filter.sessionId));
  return tx
    .select()
    .from(ledgerEntries)
    .where(and(...conditions))
    .orderBy(asc(ledgerEntries.occurredAt), asc(ledgerEntries.seq));
}

export type LocationRow = typeof ledgerLocations.$inferSelect;

export async function findLocation(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<LocationRow | undefined> {
  const [row] = await tx
    .select()
    .from(ledgerLocations)
    .where(and(eq(ledgerLocations.clinicId, scope.clinicId), eq(ledgerLocations.id, id)));
  return row;
}

export async function insertLocation(
  tx: Tx,
  scope: Scope,
  input: { id: string; name: string; requestHash: string; now: Date },
): Promise<LocationRow> {
  const [row] = await tx
    .insert(ledgerLocations)
    .values({
      id: input.id,
      clinicId: scope.clinicId,
      name: input.name,
      requestHash: input.requestHash,
      createdBy: scope.userId,
      createdAt: input.now,
    })
    .returning();
  if (row === undefined) throw new Error('location insert returned no row');
  return row;
}

export async function locationRows(tx: Tx, scope: Scope): Promise<LocationRow[]> {
  return tx
    .select()
    .from(ledgerLocations)
    .where(eq(ledgerLocations.clinicId, scope.clinicId))
    .orderBy(asc(ledgerLocations.name));
}

/** A session a ledger entry names: its patient, current state and state changes in order. */
export interface LedgerSession {
  readonly patientId: string;
  readonly state: string;
  readonly steps: readonly SessionStep[];
}

/** The session, when it is one of the scope's clinic (draws check its state, core draw-window). */
export async function findLedgerSession(
  tx: Tx,
  scope: Scope,
  sessionId: string,
): Promise<LedgerSession | undefined> {
  const [row] = await tx
    .select({ patientId: infusionSessions.patientId, state: infusionSessions.state })
    .from(infusionSessions)
    .where(and(eq(infusionSessions.clinicId, scope.clinicId), eq(infusionSessions.id, sessionId)));
  if (row === undefined) return undefined;
  const steps = await tx
    .select({
      from: sessionTransitions.fromState,
      to: sessionTransitions.toState,
      at: sessionTransitions.occurredAt,
    })
    .from(sessionTransitions)
    .where(
      and(
        eq(sessionTransitions.clinicId, scope.clinicId),
        eq(sessionTransitions.sessionId, sessionId),
      ),
    )
    .orderBy(asc(sessionTransitions.version));
  return { ...row, steps: steps.map((s) => ({ from: s.from, to: s.to, atMs: s.at.getTime() })) };
}

/** The distinct patients a set of entry rows discloses (audit attribution of ledger reads). */
export const disclosedPatients = (rows: readonly { patientId: string | null }[]): string[] => [
  ...new Set(rows.flatMap((r) => (r.patientId === null ? [] : [r.patientId]))),
];

/** The audit event's patient: the one patient disclosed, else none (all are in `patientIds`). */
export const solePatient = (patientIds: readonly string[]): string | null =>
  patientIds.length === 1 ? (patientIds[0] ?? null) : null;

/** Display names of users (recorders and witnesses), by id. */
export async function userNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Name and one-line address of the clinic's patients, by id (DEA dispenser records). */
export async function patientNames(
  tx: Tx,
  scope: Scope,
  ids: readonly string[],
): Promise<Map<string, { name: string; address: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: patients.id,
      given: patients.legalGivenName,
      family: patients.legalFamilyName,
      address: patients.address,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, scope.clinicId), inArray(patients.id, [...new Set(ids)])));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: `${r.family}, ${r.given}`,
        address:
          r.address === null
            ? 'no address on record'
            : [
                r.address.line1,
                r.address.line2,
                r.address.city,
                `${r.address.state} ${r.address.postalCode}`,
              ]
                .filter((part) => part !== undefined && part !== '')
                .join(', '),
      },
    ]),
  );
}

/** The clinic's name (report headers). */
export async function clinicName(tx: Tx, clinicId: string): Promise<string> {
  const [row] = await tx
    .select({ name: clinics.name })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  return row?.name ?? '';
}
