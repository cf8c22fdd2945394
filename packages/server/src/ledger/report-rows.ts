/**
 * One printable/CSV row per ledger entry, with the fields a DEA dispenser record carries
 * (21 CFR 1304.22(c)): date and time of the event, what happened, location, NDC and lot, quantity
 * in containers, mg and mL, the patient's name and address, who recorded it, the witnesses,
 * supplier or destination with DEA number, and the reference, method or reason. Quantities are
 * converted and formatted by core (ISMP display rules). Reversed entries stay, marked as reversed.
 */
import {
  formatNumber,
  ledgerMassMg,
  ledgerVolumeOfMassMl,
  lotKey,
  type CountKind,
  type LedgerEntry,
  type LedgerState,
  type Lot,
} from '@ketaflow/core';
import type { LedgerEntryRow } from './repository.ts';

export const ENTRY_COLUMNS = [
  'Date and time (UTC)',
  'Seq',
  'Entry',
  'Status',
  'Location',
  'NDC',
  'Lot',
  'Containers',
  'Quantity (mg)',
  'Quantity (mL)',
  'Patient',
  'Patient address',
  'Session',
  'Recorded by',
  'Witnesses',
  'Supplier or destination',
  'DEA number',
  'Reference, method, note or reason',
] as const;

export type Cell = string | number | null;

/** How a filed DEA report reads on a record. */
const DEA_REPORT_TEXT: Readonly<Record<'written-notice' | 'form-106', string>> = {
  'written-notice': 'DEA written notice of theft or loss',
  'form-106': 'DEA Form 106',
};

/** Names the rows refer to, looked up once per report. */
export interface ReportNames {
  readonly users: ReadonlyMap<string, string>;
  readonly locations: ReadonlyMap<string, string>;
  readonly patients: ReadonlyMap<string, { readonly name: string; readonly address: string }>;
}

const mg = (ug: number): string => formatNumber(ledgerMassMg(ug).value, 3);
const ml = (ug: number, lot: Lot | undefined): string | null =>
  lot === undefined ? null : formatNumber(ledgerVolumeOfMassMl(ug, lot.strengthUgPerMl).value, 3);

interface Effect {
  location: string | null;
  /** Containers into (positive) or out of (negative) the location: a plain number, never "+3". */
  containers: number | string | null;
  massUg: number | null;
  party: string | null;
  dea: string | null;
  reference: string | null;
  witnesses: readonly string[];
}

/** How a count reads on a record: when it was taken and the counter's note. */
const COUNT_KIND_TEXT: Readonly<Record<CountKind, string>> = {
  'end-of-shift': 'End-of-shift count',
  'end-of-day': 'End-of-day count',
};

function countReference(entry: Extract<LedgerEntry, { type: 'count' }>): string | null {
  const parts = [
    entry.kind === undefined ? null : COUNT_KIND_TEXT[entry.kind],
    entry.note ?? null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? null : parts.join(': ');
}

function effectOf(entry: LedgerEntry, lot: Lot | undefined, state: LedgerState): Effect {
  const none: Effect = {
    location: null,
    containers: null,
    massUg: null,
    party: null,
    dea: null,
    reference: null,
    witnesses: [],
  };
  const containerUg = lot?.containerUg ?? 0;
  switch (entry.type) {
    case 'receive':
      return {
        ...none,
        location: entry.location,
        containers: entry.containers,
        massUg: entry.containers * containerUg,
        party: entry.supplier.name,
        dea: entry.supplier.deaNumber,
        reference: `Order ${entry.orderReference}; expiry ${entry.expiry}`,
      };
    case 'draw':
      return {
        ...none,
        location: entry.location,
        containers: -1,
        massUg: containerUg,
        reference: `Container ${entry.vialId}`,
      };
    case 'administer':
      return { ...none, massUg: entry.amountUg, reference: `Container ${entry.vialId}` };
    case 'waste':
      return {
        ...none,
        massUg: entry.amountUg,
        reference: `Container ${entry.vialId}`,
        witnesses: [entry.witnessId],
      };
    case 'return': {
      const vial = state.vials.get(entry.vialId);
      return {
        ...none,
        location: vial?.location ?? null,
        containers: 1,
        massUg: vial?.drawnUg ?? null,
        reference: `Container ${entry.vialId}`,
      };
    }
    case 'transfer':
      return {
        ...none,
        location: entry.fromLocation,
        containers: -entry.containers,
        massUg: entry.containers * containerUg,
        party:
          entry.destination.kind === 'location'
            ? `To location ${entry.destination.location}`
            : entry.destination.name,
        dea: entry.destination.kind === 'registrant' ? entry.destination.deaNumber : null,
      };
    case 'destroy':
      return {
        ...none,
        location: entry.location,
        containers: -entry.containers,
        massUg: entry.containers * containerUg,
        reference: `Destroyed: ${entry.method}`,
        witnesses: entry.witnessIds,
      };
    case 'count':
      return {
        ...none,
        location: entry.location,
        containers: `${String(entry.countedContainers)} counted`,
        reference: countReference(entry),
      };
    case 'resolve-discrepancy':
      return {
        ...none,
        reference: `Count ${entry.countEntryId}: ${entry.classification}. ${entry.note}`,
      };
    case 'dea-report':
      return {
        ...none,
        reference: `Count ${entry.countEntryId}: ${DEA_REPORT_TEXT[entry.report]} filed, reference ${entry.reference}`,
      };
    case 'correction':
      return {
        ...none,
        reference: `Reverses ${entry.correctsEntryId}: ${entry.reason}`,
        witnesses: entry.witnessIds ?? [],
      };
  }
}

/** The row of one stored entry; `state` is the clinic's current ledger state. */
export function entryRow(row: LedgerEntryRow, state: LedgerState, names: ReportNames): Cell[] {
  const entry = row.entry as unknown as LedgerEntry;
  const lot =
    row.ndc !== null && row.lot !== null ? state.lots.get(lotKey(row.ndc, row.lot)) : undefined;
  const e = effectOf(entry, lot, state);
  const location = e.location === null ? null : (names.locations.get(e.location) ?? e.location);
  const patient = row.patientId === null ? undefined : names.patients.get(row.patientId);
  const party =
    e.party !== null && e.party.startsWith('To location ')
      ? `To ${names.locations.get(e.party.slice('To location '.length)) ?? e.party}`
      : e.party;
  return [
    row.occurredAt.toISOString(),
    row.seq,
    row.type,
    state.corrected.has(row.id) ? 'reversed' : 'standing',
    location,
    row.ndc,
    row.lot,
    e.containers,
    e.massUg === null ? null : mg(e.massUg),
    e.massUg === null ? null : ml(e.massUg, lot),
    patient?.name ?? null,
    patient?.address ?? null,
    row.sessionId,
    names.users.get(row.userId) ?? row.userId,
    e.witnesses.map((w) => names.users.get(w) ?? w).join('; ') || null,
    party,
    e.dea,
    e.reference,
  ];
}

/** A cell that is a number and nothing else (the only text that may start with a minus). */
const PLAIN_NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;
/**
 * Leading characters a spreadsheet reads as the start of a formula: =, +, -, @, and tab or
 * carriage return (which some strip before looking).
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of one cell with a formula defused: prefixed with ' unless a plain number. */
export function defusedCell(value: Cell): string {
  const text = value === null ? '' : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV: every cell quoted when it holds a comma, quote or line break. */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cell = (value: Cell): string => {
    const safe = defusedCell(value);
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
