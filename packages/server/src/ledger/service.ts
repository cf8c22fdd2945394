/**
 * The ledger's read and set-up use cases: storage locations, what is in stock to draw (without
 * counts, so counts stay blind), the entry list of a date range, and count incidents with the DEA
 * theft/loss deadlines and pattern escalation from core. Each runs in one transaction with its
 * audit event. Recording entries (also the DEA reports filed on an incident) lives in
 * record-entry.ts, reports in reports.ts.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type {
  LedgerAvailability,
  LedgerEntryList,
  LedgerIncidentList,
  LedgerLocation,
  LedgerLocationCreate,
  LedgerLocationList,
} from '@ketaflow/contract';
import {
  discrepancyPattern,
  REPORTABLE_CLASSIFICATIONS,
  theftLossDeadlines,
  type BusinessCalendar,
} from '@ketaflow/core';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError } from '../http/errors.ts';
import { currentBook } from './book.ts';
import { clinicDateOf, clinicZone, endOfClinicDay, startOfClinicDay } from './clinic-day.ts';
import { isReplay, mappingDuplicateId, requestHash } from './idempotency.ts';
import { entryView } from './record-entry.ts';
import {
  disclosedPatients,
  solePatient,
  entryRows,
  findLocation,
  insertLocation,
  lockClinicLedger,
  locationRows,
  userNames,
} from './repository.ts';
import { verifyLedgerChain, type LedgerVerifyResult } from './verify.ts';

/**
 * The clinic's business calendar for DEA deadlines. Clinics have no calendar of their own yet:
 * Saturday and Sunday are non-working and no holidays are known (a known gap, see the report).
 */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  nonWorkingWeekdays: [0, 6],
  holidays: [],
};

const locationTaken = (): DomainError =>
  new DomainError(
    'ledger.location-name-taken',
    409,
    'Another storage location of this clinic has this name; choose another name.',
    'body.name',
  );

export async function createLocation(
  ctx: ServiceContext,
  input: z.infer<typeof LedgerLocationCreate>,
  now: Date,
): Promise<{ location: z.infer<typeof LedgerLocation>; created: boolean }> {
  ctx.scope.require('ledger.manage');
  const hash = requestHash('ledger.location', input);
  try {
    return await mappingDuplicateId(
      'ledger_locations',
      inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
        const existing = await findLocation(tx, ctx.scope, input.id);
        if (existing !== undefined && isReplay(existing, hash)) {
          return { location: { id: existing.id, name: existing.name }, created: false };
        }
        const row = await insertLocation(tx, ctx.scope, { ...input, requestHash: hash, now });
        audit({
          action: 'ledger.location-created',
          resourceType: 'ledger-location',
          resourceId: row.id,
          outcome: 'success',
        });
        return { location: { id: row.id, name: row.name }, created: true };
      }),
    );
  } catch (error) {
    const pgError = (error as { cause?: { code?: string; constraint?: string } }).cause ?? error;
    const { code, constraint } = pgError as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'ledger_locations_clinic_name') throw locationTaken();
    throw error;
  }
}

export function listLocations(ctx: ServiceContext): Promise<z.infer<typeof LedgerLocationList>> {
  ctx.scope.require('ledger.read');
  return ctx.db.transaction(async (tx) => ({
    items: (await locationRows(tx, ctx.scope)).map((r) => ({ id: r.id, name: r.name })),
  }));
}

/** Lots with sealed stock per location and the open containers; no numbers of sealed containers. */
export function availability(ctx: ServiceContext): Promise<z.infer<typeof LedgerAvailability>> {
  ctx.scope.require('ledger.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const { state } = await currentBook(ctx.db, tx, ctx.scope.clinicId);
    const lots = [...state.stock.values()]
      .filter((line) => line.sealedContainers > 0)
      .flatMap((line) => {
        const lot = [...state.lots.values()].find((l) => l.ndc === line.ndc && l.lot === line.lot);
        return lot === undefined
          ? []
          : [
              {
                locationId: line.location,
                ndc: line.ndc,
                lot: line.lot,
                expiry: lot.expiry,
                strengthUgPerMl: lot.strengthUgPerMl,
                containerVolumeUl: lot.containerVolumeUl,
              },
            ];
      });
    const openVials = [...state.vials.values()]
      .filter((v) => v.status === 'open')
      .map((v) => ({
        vialId: v.vialId,
        ndc: v.ndc,
        lot: v.lot,
        sessionId: v.sessionId,
        patientId: v.patientId,
        drawnUg: v.drawnUg,
        remainingUg: v.drawnUg - v.administeredUg - v.wastedUg,
      }));
    // Open containers name the session and patient they were drawn for.
    const patientIds = disclosedPatients(openVials);
    audit({
      action: 'ledger.availability-read',
      resourceType: 'ledger',
      patientId: solePatient(patientIds),
      outcome: 'success',
      detail: { lots: lots.length, openVials: openVials.length, patientIds },
    });
    return { lots, openVials };
  });
}

/** Entries whose event falls on the clinic days `from`..`to` (inclusive). */
export function listEntries(
  ctx: ServiceContext,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<z.infer<typeof LedgerEntryList>> {
  ctx.scope.require('ledger.report');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const zone = await clinicZone(tx, ctx.scope.clinicId);
    const rows = await entryRows(tx, ctx.scope, {
      ...(range.from === undefined ? {} : { fromInstant: startOfClinicDay(zone, range.from) }),
      ...(range.to === undefined ? {} : { toInstant: endOfClinicDay(zone, range.to) }),
    });
    const patientIds = disclosedPatients(rows);
    audit({
      action: 'ledger.entries-read',
      resourceType: 'ledger',
      patientId: solePatient(patientIds),
      outcome: 'success',
      detail: { from: range.from ?? null, to: range.to ?? null, count: rows.length, patientIds },
    });
    return { items: rows.map(entryView) };
  });
}

/**
 * Count discrepancies (open first), their resolution, DEA deadlines, the DEA reports filed on them
 * and the pattern check.
 */
export function incidents(
  ctx: ServiceContext,
  now: Date,
): Promise<z.infer<typeof LedgerIncidentList>> {
  ctx.scope.require('ledger.report');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await lockClinicLedger(tx, ctx.scope.clinicId);
    const { state } = await currentBook(ctx.db, tx, ctx.scope.clinicId);
    const zone = await clinicZone(tx, ctx.scope.clinicId);
    const counts = new Map(
      state.entries.flatMap((e) => (e.type === 'count' ? [[e.id, e] as const] : [])),
    );
    const discrepancies = [...state.discrepancies.values()].filter(
      (d) => !state.corrected.has(d.countEntryId),
    );
    const names = await userNames(tx, [
      ...discrepancies.flatMap((d) => (d.filings ?? []).map((f) => f.userId)),
      ...discrepancies.flatMap((d) => counts.get(d.countEntryId)?.userId ?? []),
    ]);
    const items = discrepancies
      .map((d) => {
        const count = counts.get(d.countEntryId);
        if (count === undefined) throw new Error(`discrepancy without its count ${d.countEntryId}`);
        const countedAt = count.occurredAt;
        const reportable =
          d.resolution !== undefined &&
          REPORTABLE_CLASSIFICATIONS.includes(d.resolution.classification);
        // Discovery is the count that found the loss: its clinic date starts the DEA clock.
        const deadlines = reportable
          ? theftLossDeadlines(clinicDateOf(zone, new Date(countedAt)), DEFAULT_BUSINESS_CALENDAR)
          : null;
        if (deadlines !== null && !deadlines.ok) {
          throw new Error(`DEA deadlines could not be computed: ${deadlines.error.message}`);
        }
        return {
          countEntryId: d.countEntryId,
          countedAt: new Date(countedAt).toISOString(),
          ndc: d.ndc,
          lot: d.lot,
          locationId: d.location,
          countKind: count.kind ?? null,
          countedBy: { userId: count.userId, name: names.get(count.userId) ?? '' },
          expectedContainers: d.expectedContainers,
          countedContainers: d.countedContainers,
          status: d.resolution === undefined ? ('open' as const) : ('resolved' as const),
          resolution:
            d.resolution === undefined
              ? null
              : {
                  entryId: d.resolution.entryId,
                  classification: d.resolution.classification,
                  note: d.resolution.note,
                },
          deadlines: deadlines === null ? null : deadlines.value,
          filings: (d.filings ?? []).map((f) => ({
            entryId: f.entryId,
            report: f.report,
            filedAt: new Date(f.filedAt).toISOString(),
            reference: f.reference,
            filedBy: { userId: f.userId, name: names.get(f.userId) ?? '' },
          })),
        };
      })
      .sort((a, b) =>
        a.status === b.status
          ? b.countedAt.localeCompare(a.countedAt)
          : a.status === 'open'
            ? -1
            : 1,
      );
    const pattern = discrepancyPattern(state, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    if (!pattern.ok) throw new Error(`discrepancy pattern: ${pattern.error.message}`);
    audit({
      action: 'ledger.incidents-read',
      resourceType: 'ledger',
      outcome: 'success',
      detail: { count: items.length, open: items.filter((i) => i.status === 'open').length },
    });
    return {
      items,
      pattern: {
        escalate: pattern.value.escalate,
        discrepanciesInWindow: pattern.value.inWindow.length,
        source: pattern.value.source,
      },
    };
  });
}

/** Verifies the clinic's ledger chain against itself and its audit-trail anchors. */
export async function verifyClinicLedger(
  ctx: ServiceContext,
  pool: pg.Pool,
): Promise<LedgerVerifyResult> {
  ctx.scope.require('ledger.report');
  const client = await pool.connect();
  let result: LedgerVerifyResult;
  try {
    result = await verifyLedgerChain(client, ctx.scope.clinicId);
  } finally {
    client.release();
  }
  await inTransaction(ctx.db, ctx.audit, (_tx, audit) => {
    audit({
      action: 'ledger.verified',
      resourceType: 'ledger',
      outcome: result.ok ? 'success' : 'failure',
      detail: result.ok
        ? { entries: result.entries }
        : { entries: result.entries, seq: result.seq, problem: result.problem },
    });
    return Promise.resolve();
  });
  return result;
}
