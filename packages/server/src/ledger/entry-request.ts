/**
 * From an API request to the core ledger entry it records, and back from core's field names to the
 * request's (`location` → `body.locationId`), so an error names what the user typed. The recorder
 * is always the signed-in user; a draw's patient comes from its session; witnesses are the users
 * who have just authenticated.
 */
import type { LedgerEntryRequest } from '@ketaflow/contract';
import type { LedgerEntry } from '@ketaflow/core';

/** Facts the server resolved before building the entry. */
export interface ResolvedFacts {
  readonly userId: string;
  /** Patient of the session (draws and administrations). */
  readonly patientId?: string;
  /** Today's date at the clinic (draws refuse expired lots). */
  readonly clinicDate: string;
  /** Authenticated witness ids, in request order. */
  readonly witnessIds: readonly string[];
}

/** `2026-11-25T14:03:00Z` from any ISO instant with an offset (what core's grammar accepts). */
export const utcInstant = (iso: string): string => new Date(iso).toISOString();

export function toCoreEntry(request: LedgerEntryRequest, facts: ResolvedFacts): LedgerEntry {
  const common = {
    id: request.id,
    occurredAt: utcInstant(request.occurredAt),
    userId: facts.userId,
  };
  const patientId = facts.patientId ?? '';
  switch (request.type) {
    case 'receive':
      return {
        ...common,
        type: 'receive',
        ndc: request.ndc,
        lot: request.lot,
        expiry: request.expiry,
        strengthUgPerMl: request.strengthUgPerMl,
        containerVolumeUl: request.containerVolumeUl,
        containers: request.containers,
        supplier: { name: request.supplierName, deaNumber: request.supplierDeaNumber },
        orderReference: request.orderReference,
        location: request.locationId,
      };
    case 'draw':
      return {
        ...common,
        type: 'draw',
        vialId: request.vialId,
        ndc: request.ndc,
        lot: request.lot,
        location: request.locationId,
        sessionId: request.sessionId,
        patientId,
        clinicDate: facts.clinicDate,
      };
    case 'administer':
      return {
        ...common,
        type: 'administer',
        vialId: request.vialId,
        sessionId: request.sessionId,
        patientId,
        amountUg: request.amountUg,
      };
    case 'waste':
      return {
        ...common,
        type: 'waste',
        vialId: request.vialId,
        amountUg: request.amountUg,
        witnessId: facts.witnessIds[0] ?? '',
      };
    case 'return':
      return { ...common, type: 'return', vialId: request.vialId };
    case 'transfer':
      return {
        ...common,
        type: 'transfer',
        ndc: request.ndc,
        lot: request.lot,
        fromLocation: request.fromLocationId,
        containers: request.containers,
        destination:
          request.toRegistrant !== undefined
            ? {
                kind: 'registrant',
                name: request.toRegistrant.name,
                deaNumber: request.toRegistrant.deaNumber,
              }
            : { kind: 'location', location: request.toLocationId ?? '' },
      };
    case 'destroy':
      return {
        ...common,
        type: 'destroy',
        ndc: request.ndc,
        lot: request.lot,
        location: request.locationId,
        containers: request.containers,
        method: request.method,
        witnessIds: [facts.witnessIds[0] ?? '', facts.witnessIds[1] ?? ''],
      };
    case 'count':
      return {
        ...common,
        type: 'count',
        ndc: request.ndc,
        lot: request.lot,
        location: request.locationId,
        countedContainers: request.countedContainers,
        kind: request.kind,
        ...(request.note === undefined ? {} : { note: request.note }),
      };
    case 'resolve-discrepancy':
      return {
        ...common,
        type: 'resolve-discrepancy',
        countEntryId: request.countEntryId,
        classification: request.classification,
        note: request.note,
      };
    case 'dea-report':
      return {
        ...common,
        type: 'dea-report',
        countEntryId: request.countEntryId,
        report: request.report,
        reference: request.reference,
      };
    case 'correction':
      return {
        ...common,
        type: 'correction',
        correctsEntryId: request.correctsEntryId,
        reason: request.reason,
        ...(facts.witnessIds.length === 0 ? {} : { witnessIds: facts.witnessIds }),
      };
  }
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  location: 'locationId',
  fromLocation: 'fromLocationId',
  'destination.location': 'toLocationId',
  'destination.name': 'toRegistrant.name',
  'destination.deaNumber': 'toRegistrant.deaNumber',
  'supplier.name': 'supplierName',
  'supplier.deaNumber': 'supplierDeaNumber',
  witnessId: 'witness',
  witnessIds: 'witnesses',
  'witnessIds[0]': 'witnesses.0',
  'witnessIds[1]': 'witnesses.1',
  patientId: 'sessionId',
  clinicDate: 'occurredAt',
  userId: 'id',
};

/** `body.<request field>` for a core entry field. */
export const requestField = (coreField: string | undefined): string | undefined =>
  coreField === undefined ? undefined : `body.${FIELD_NAMES[coreField] ?? coreField}`;

/** The request without secrets, as hashed for idempotent retries (never a password or a code). */
export function hashableRequest(request: LedgerEntryRequest): unknown {
  if (request.type === 'waste') return { ...request, witness: { email: request.witness.email } };
  if (request.type === 'destroy') {
    return { ...request, witnesses: request.witnesses.map((w) => ({ email: w.email })) };
  }
  if (request.type === 'correction' && request.witnesses !== undefined) {
    return { ...request, witnesses: request.witnesses.map((w) => ({ email: w.email })) };
  }
  return request;
}
