/**
 * Recording one ledger entry: permission by entry type, idempotent retry, witnesses authenticated
 * at the moment of witnessing, references checked in the clinic, then — under the clinic's ledger
 * lock — core's `applyEntry` on the current balances (never negative: a refused entry changes
 * nothing), the chained insert and its audit event in one transaction. The audit event carries the
 * entry's sequence and hash, which anchors the ledger head in the audit trail (tail truncation of
 * the ledger is then visible to the verifier). Before that: no event in the future, a draw only for
 * a session that can take one (core draw-window.ts), a receipt's paperwork checked (core
 * receipt-checks.ts), an administration never above the session's charted dose (charted-dose.ts).
 * Every refusal is audited in its own transaction.
 */
import type { LedgerEntryRequest, LedgerEntryView, WitnessCredentials } from '@ketaflow/contract';
import {
  applyEntry,
  checkDeaNumber,
  checkDrawTime,
  checkExpiryOnReceipt,
  checkNdc,
  checkWithinChartedDose,
  type LedgerEntry,
  type LedgerState,
} from '@ketaflow/core';
import type { CoreError } from '@ketaflow/core/result';
import type { Permission } from '../access/permissions.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError } from '../http/errors.ts';
import { currentBook, rememberBook } from './book.ts';
import { ledgerEntryHash, type ChainedLedgerRow } from './chain.ts';
import { chartedAdministration, chartedDoseUg } from './charted-dose.ts';
import { clinicDateOf, clinicZone } from './clinic-day.ts';
import { hashableRequest, requestField, toCoreEntry, utcInstant } from './entry-request.ts';
import { isReplay, mappingDuplicateId, requestHash } from './idempotency.ts';
import {
  findEntry,
  findLocation,
  findLedgerSession,
  insertEntry,
  lockClinicLedger,
  type LedgerEntryRow,
} from './repository.ts';
import { authenticateWitness, type Witness } from './witness.ts';

const PERMISSION_OF: Readonly<Record<LedgerEntryRequest['type'], Permission>> = {
  draw: 'ledger.record',
  administer: 'ledger.record',
  waste: 'ledger.record',
  return: 'ledger.record',
  receive: 'ledger.manage',
  transfer: 'ledger.manage',
  destroy: 'ledger.manage',
  count: 'ledger.count',
  'resolve-discrepancy': 'ledger.manage',
  'dea-report': 'ledger.manage',
  correction: 'ledger.correct',
};

/**
 * How far ahead of the server's clock an entry's occurredAt may be: the clocks of the clinic's
 * tablets and workstations drift from the server's by seconds to a few minutes, and an entry
 * recorded "now" must not be refused for that. Operational, not clinical (the same five minutes
 * Kerberos allows between clocks by default); anything later is an event that has not happened.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Refusals audited where they happen (witness.ts), so not again by `auditRefusal`. */
const AUDITED_ELSEWHERE = new Set(['ledger.witness-not-authenticated', 'ledger.self-witness']);

/** Core errors that are the request's own fault; every other refusal conflicts with the books. */
const BAD_REQUEST = new Set([
  'ledger.invalid-field',
  'ledger.inexact-quantity',
  'ledger.self-witness',
  'ledger.same-witness',
  'ledger.not-serialisable',
  'ledger.expired-on-receipt',
  'ledger.correction-needs-witness',
]);

const coreRefusal = (error: CoreError): DomainError =>
  new DomainError(
    error.code,
    BAD_REQUEST.has(error.code) ? 400 : 409,
    error.message,
    requestField(error.field),
  );

/** An occurredAt later than the server's clock (plus the skew allowance) is refused. */
function checkNotFuture(request: LedgerEntryRequest, now: Date): void {
  if (Date.parse(request.occurredAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new DomainError(
      'ledger.occurred-in-future',
      400,
      `occurredAt ${request.occurredAt} is in the future; record an event once it has happened, with the time it happened.`,
      'body.occurredAt',
    );
  }
}

/** What a receipt or a transfer copies from paperwork: NDC, DEA numbers, expiry (core checks). */
function checkPaperwork(entry: LedgerEntry, receivedOn: string): void {
  const checks: (() => ReturnType<typeof checkNdc>)[] = [];
  if (entry.type === 'receive') {
    checks.push(
      () => checkNdc(entry.ndc, 'ndc'),
      () => checkDeaNumber(entry.supplier.deaNumber, 'supplier.deaNumber'),
      () => checkExpiryOnReceipt(entry.expiry, receivedOn),
    );
  }
  if (entry.type === 'transfer' && entry.destination.kind === 'registrant') {
    const { deaNumber } = entry.destination;
    checks.push(() => checkDeaNumber(deaNumber, 'destination.deaNumber'));
  }
  for (const check of checks) {
    const r = check();
    if (!r.ok) throw coreRefusal(r.error);
  }
}

export interface RecordOutcome {
  readonly entry: LedgerEntryView;
  readonly created: boolean;
  /** For counts: whether the count differs from the books. */
  readonly discrepancy?: boolean;
}

export function entryView(row: LedgerEntryRow): LedgerEntryView {
  return {
    id: row.id,
    seq: row.seq,
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    userId: row.userId,
    patientId: row.patientId,
    sessionId: row.sessionId,
    ndc: row.ndc,
    lot: row.lot,
    entry: row.entry,
    hash: row.hash,
  };
}

const unknownRef = (what: string, field: string): DomainError =>
  new DomainError(
    `ledger.unknown-${what}`,
    400,
    `No such ${what} in this clinic; choose one from the list.`,
    field,
  );

/**
 * Storage locations and sessions named by the request must be the clinic's own; a draw's session
 * must be able to take it. The session's patient is put in `refs` (also for auditing a refusal).
 */
async function checkReferences(
  ctx: ServiceContext,
  request: LedgerEntryRequest,
  refs: { patientId?: string },
): Promise<void> {
  const locations: [string | undefined, string][] = [];
  switch (request.type) {
    case 'receive':
    case 'draw':
    case 'destroy':
    case 'count':
      locations.push([request.locationId, 'body.locationId']);
      break;
    case 'transfer':
      if ((request.toLocationId === undefined) === (request.toRegistrant === undefined)) {
        throw new DomainError(
          'ledger.transfer-destination',
          400,
          'Give exactly one destination: toLocationId (a storage location) or toRegistrant.',
          'body.toLocationId',
        );
      }
      locations.push([request.fromLocationId, 'body.fromLocationId']);
      locations.push([request.toLocationId, 'body.toLocationId']);
      break;
    case 'administer':
    case 'waste':
    case 'return':
    case 'resolve-discrepancy':
    case 'dea-report':
    case 'correction':
      break;
  }
  return ctx.db.transaction(async (tx) => {
    for (const [id, field] of locations) {
      if (id !== undefined && (await findLocation(tx, ctx.scope, id)) === undefined) {
        throw unknownRef('location', field);
      }
    }
    if (request.type === 'draw' || request.type === 'administer') {
      const session = await findLedgerSession(tx, ctx.scope, request.sessionId);
      if (session === undefined) throw unknownRef('session', 'body.sessionId');
      refs.patientId = session.patientId;
      if (request.type === 'draw') {
        const fits = checkDrawTime(
          session.state,
          session.steps,
          Date.parse(utcInstant(request.occurredAt)),
        );
        if (!fits.ok) throw coreRefusal(fits.error);
      }
    }
  });
}

/**
 * The report columns copied from the entry (or, for vial entries, from its vial). Exported for the
 * ledger report benchmark's bulk seeding, which must write the very rows this module would.
 */
export function reportColumns(
  entry: LedgerEntry,
  after: LedgerState,
  corrected: LedgerEntryRow | undefined,
): Pick<ChainedLedgerRow, 'ndc' | 'lot' | 'patientId' | 'sessionId'> {
  switch (entry.type) {
    case 'receive':
    case 'transfer':
    case 'destroy':
    case 'count':
      return { ndc: entry.ndc, lot: entry.lot, patientId: null, sessionId: null };
    case 'draw':
      return {
        ndc: entry.ndc,
        lot: entry.lot,
        patientId: entry.patientId,
        sessionId: entry.sessionId,
      };
    case 'administer':
    case 'waste':
    case 'return': {
      const vial = after.vials.get(entry.vialId);
      return {
        ndc: vial?.ndc ?? null,
        lot: vial?.lot ?? null,
        patientId: vial?.patientId ?? null,
        sessionId: vial?.sessionId ?? null,
      };
    }
    case 'resolve-discrepancy':
    case 'dea-report': {
      const d = after.discrepancies.get(entry.countEntryId);
      return { ndc: d?.ndc ?? null, lot: d?.lot ?? null, patientId: null, sessionId: null };
    }
    case 'correction':
      return {
        ndc: corrected?.ndc ?? null,
        lot: corrected?.lot ?? null,
        patientId: corrected?.patientId ?? null,
        sessionId: corrected?.sessionId ?? null,
      };
  }
}

function replayed(row: LedgerEntryRow, state: LedgerState | undefined): RecordOutcome {
  return {
    entry: entryView(row),
    created: false,
    ...(row.type === 'count' && state !== undefined
      ? { discrepancy: state.discrepancies.has(row.id) }
      : {}),
  };
}

/** The witnesses of a reversal, in request order (core decides how many it needs). */
async function correctionWitnesses(
  call: Parameters<typeof authenticateWitness>[0],
  credentials: readonly WitnessCredentials[],
): Promise<Witness[]> {
  const witnesses: Witness[] = [];
  for (const [i, c] of credentials.entries()) {
    witnesses.push(await authenticateWitness(call, c, `body.witnesses.${String(i)}`));
  }
  return witnesses;
}

/**
 * Audits a refused entry in its own transaction (the refused one rolls back): the action, the
 * code and field, and the patient when the entry named a session.
 */
async function auditRefusal(
  ctx: ServiceContext,
  request: LedgerEntryRequest,
  error: DomainError,
  patientId: string | undefined,
): Promise<void> {
  await inTransaction(ctx.db, ctx.audit, (_tx, audit) => {
    audit({
      action: `ledger.${request.type}-refused`,
      resourceType: 'ledger-entry',
      resourceId: request.id,
      patientId: patientId ?? null,
      outcome: 'failure',
      detail: { code: error.code, field: error.field ?? null },
    });
    return Promise.resolve();
  });
}

/** Records one entry (see the module comment); `now` is the server's clock. Refusals are audited. */
export async function recordEntry(
  ctx: ServiceContext,
  request: LedgerEntryRequest,
  now: Date,
): Promise<RecordOutcome> {
  ctx.scope.require(PERMISSION_OF[request.type]);
  const refs: { patientId?: string } = {};
  try {
    return await recordPermitted(ctx, request, now, refs);
  } catch (error) {
    if (error instanceof DomainError && !AUDITED_ELSEWHERE.has(error.code)) {
      await auditRefusal(ctx, request, error, refs.patientId);
    }
    throw error;
  }
}

async function recordPermitted(
  ctx: ServiceContext,
  request: LedgerEntryRequest,
  now: Date,
  refs: { patientId?: string },
): Promise<RecordOutcome> {
  const hash = requestHash(`ledger.${request.type}`, hashableRequest(request));

  // A retry is answered before witnesses sign again (their one-time codes are spent).
  const earlier = await ctx.db.transaction((tx) => findEntry(tx, ctx.scope, request.id));
  if (earlier !== undefined && isReplay(earlier, hash)) {
    return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      await lockClinicLedger(tx, ctx.scope.clinicId);
      const { state } = await currentBook(ctx.db, tx, ctx.scope.clinicId);
      audit({
        action: `ledger.${request.type}-replayed`,
        resourceType: 'ledger-entry',
        resourceId: earlier.id,
        patientId: earlier.patientId,
        outcome: 'success',
        detail: { seq: earlier.seq },
      });
      return replayed(earlier, state);
    });
  }

  checkNotFuture(request, now);
  await checkReferences(ctx, request, refs);
  const witnessCall = { db: ctx.db, scope: ctx.scope, audit: ctx.audit, now };
  const witnesses =
    request.type === 'waste'
      ? [await authenticateWitness(witnessCall, request.witness, 'body.witness')]
      : request.type === 'destroy'
        ? [
            await authenticateWitness(witnessCall, request.witnesses[0], 'body.witnesses.0'),
            await authenticateWitness(witnessCall, request.witnesses[1], 'body.witnesses.1'),
          ]
        : request.type === 'correction'
          ? await correctionWitnesses(witnessCall, request.witnesses ?? [])
          : [];

  return mappingDuplicateId(
    'ledger_entries',
    inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<RecordOutcome> => {
      const clinicId = ctx.scope.clinicId;
      await lockClinicLedger(tx, clinicId);
      const book = await currentBook(ctx.db, tx, clinicId);
      const raced = await findEntry(tx, ctx.scope, request.id);
      if (raced !== undefined && isReplay(raced, hash)) return replayed(raced, book.state);

      const timeZone = await clinicZone(tx, clinicId);
      const entry = toCoreEntry(request, {
        userId: ctx.scope.userId,
        ...(refs.patientId === undefined ? {} : { patientId: refs.patientId }),
        clinicDate: clinicDateOf(timeZone, now),
        witnessIds: witnesses.map((w) => w.userId),
      });
      checkPaperwork(entry, clinicDateOf(timeZone, new Date(entry.occurredAt)));
      const next = applyEntry(book.state, entry);
      if (!next.ok) throw coreRefusal(next.error);
      if (entry.type === 'administer') {
        // Under the ledger lock: the ledger's total for the session and the chart at this instant.
        const charted = await chartedDoseUg(tx, ctx.scope, entry.sessionId, now);
        if (charted === undefined) throw unknownRef('session', 'body.sessionId');
        const s = chartedAdministration(charted.chartedUg, book.state, entry.sessionId);
        const within = checkWithinChartedDose(s, entry.amountUg);
        if (!within.ok) throw coreRefusal(within.error);
      }
      const corrected =
        entry.type === 'correction'
          ? await findEntry(tx, ctx.scope, entry.correctsEntryId)
          : undefined;
      const chained: ChainedLedgerRow = {
        seq: book.seq + 1,
        clinicId,
        id: entry.id,
        type: entry.type,
        occurredAt: new Date(entry.occurredAt),
        // Millisecond precision: the stored timestamp reads back identical, so the hash verifies.
        recordedAt: new Date(now.getTime()),
        userId: entry.userId,
        ...reportColumns(entry, next.value, corrected),
        requestHash: hash,
        entry,
      };
      const rowHash = ledgerEntryHash(book.hash, chained);
      const row = await insertEntry(tx, {
        ...chained,
        entry: entry as unknown as Record<string, unknown>,
        prevHash: book.hash,
        hash: rowHash,
      });
      audit({
        action: `ledger.${entry.type}`,
        resourceType: 'ledger-entry',
        resourceId: entry.id,
        patientId: row.patientId,
        outcome: 'success',
        detail: {
          seq: row.seq,
          hash: rowHash,
          ...(witnesses.length === 0
            ? {}
            : {
                witnesses: witnesses.map((w) => ({
                  userId: w.userId,
                  role: w.role,
                  secondFactor: w.secondFactor,
                })),
              }),
        },
      });
      rememberBook(ctx.db, clinicId, { seq: row.seq, hash: rowHash, state: next.value });
      return {
        entry: entryView(row),
        created: true,
        ...(entry.type === 'count' ? { discrepancy: next.value.discrepancies.has(entry.id) } : {}),
      };
    }),
  );
}
