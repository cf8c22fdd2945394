/**
 * DEA records on demand (21 CFR 1304.04, 1304.11, 1304.22(c); T-46, T-47): the entries of one lot
 * or one patient over a date range, and the initial/biennial inventory as of the opening or close
 * of business on a date (stated on the record, with the registrant and who took it). Each report is JSON the web renders and prints, or
 * the same columns as CSV, kept apart from every other record. Producing one is audited.
 */
import type { z } from 'zod';
import type {
  InventoryQuery,
  InventoryRecord as InventoryRecordSchema,
  LedgerReport,
  LotReportQuery,
  PatientReportQuery,
} from '@ketaflow/contract';
import {
  formatNumber,
  ledgerAsOf,
  ledgerMassMg,
  ledgerStrengthMgPerMl,
  ledgerVolumeMl,
  type LedgerEntry,
  type LedgerState,
} from '@ketaflow/core';
import { clinicRegistrant } from '../clinics/registrant.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError } from '../http/errors.ts';
import { currentBook } from './book.ts';
import { clinicZone, endOfClinicDay, startOfClinicDay } from './clinic-day.ts';
import { ENTRY_COLUMNS, entryRow, toCsv, type Cell, type ReportNames } from './report-rows.ts';
import {
  clinicName,
  disclosedPatients,
  solePatient,
  entryRows,
  locationRows,
  patientNames,
  userNames,
  type EntryFilter,
  type LedgerEntryRow,
} from './repository.ts';
import type { Tx } from '../db/client.ts';

type InventoryRecord = z.infer<typeof InventoryRecordSchema>;

/** What every ledger record states about the substance (the clinic keeps one drug). */
const SUBSTANCE = 'Ketamine hydrochloride injection (DEA Schedule III)';

export interface ReportOutput {
  readonly report: LedgerReport;
  readonly csv: string;
}

const output = (report: LedgerReport): ReportOutput => ({
  report,
  csv: toCsv(report.columns, report.rows),
});

function checkRange(from: string, to: string): void {
  if (from > to) {
    throw new DomainError(
      'ledger.report-range',
      400,
      'The range ends before it starts; put the earlier date in from.',
      'querystring.to',
    );
  }
}

async function namesFor(
  tx: Tx,
  ctx: ServiceContext,
  rows: readonly LedgerEntryRow[],
): Promise<ReportNames> {
  const people = rows.flatMap((r) => {
    const e = r.entry as unknown as LedgerEntry;
    return [
      r.userId,
      ...(e.type === 'waste' ? [e.witnessId] : []),
      ...(e.type === 'destroy' || e.type === 'correction' ? (e.witnessIds ?? []) : []),
    ];
  });
  const patientIds = rows.flatMap((r) => (r.patientId === null ? [] : [r.patientId]));
  return {
    users: await userNames(tx, people),
    locations: new Map((await locationRows(tx, ctx.scope)).map((l) => [l.id, l.name])),
    patients: await patientNames(tx, ctx.scope, patientIds),
  };
}

async function entryReport(
  ctx: ServiceContext,
  now: Date,
  title: string,
  statements: (tx: Tx, zone: string) => Promise<string[]>,
  filter: Omit<EntryFilter, 'fromInstant' | 'toInstant'>,
  range: { from: string; to: string },
  audited: { action: string; patientId?: string },
): Promise<ReportOutput> {
  ctx.scope.require('ledger.report');
  checkRange(range.from, range.to);
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const zone = await clinicZone(tx, ctx.scope.clinicId);
    const rows = await entryRows(tx, ctx.scope, {
      ...filter,
      fromInstant: startOfClinicDay(zone, range.from),
      toInstant: endOfClinicDay(zone, range.to),
    });
    const { state } = await currentBook(ctx.db, tx, ctx.scope.clinicId);
    const names = await namesFor(tx, ctx, rows);
    // The report names every patient on its rows: the read is attributed to each of them.
    const patientIds = disclosedPatients(rows);
    audit({
      action: audited.action,
      resourceType: 'ledger-report',
      patientId: audited.patientId ?? solePatient(patientIds),
      outcome: 'success',
      detail: { from: range.from, to: range.to, rows: rows.length, patientIds },
    });
    return output({
      title,
      statements: [
        `Clinic: ${await clinicName(tx, ctx.scope.clinicId)}`,
        `Substance: ${SUBSTANCE}`,
        `Entries with an event date from ${range.from} to ${range.to} (clinic time zone ${zone}); times in UTC`,
        ...(await statements(tx, zone)),
      ],
      generatedAt: now.toISOString(),
      columns: [...ENTRY_COLUMNS],
      rows: rows.map((r) => entryRow(r, state, names)),
    });
  });
}

/** Every entry of one lot over a date range, with the lot's description. */
export function lotReport(
  ctx: ServiceContext,
  query: z.infer<typeof LotReportQuery>,
  now: Date,
): Promise<ReportOutput> {
  return entryReport(
    ctx,
    now,
    `Lot record: NDC ${query.ndc}, lot ${query.lot}`,
    async (tx) => {
      const { state } = await currentBook(ctx.db, tx, ctx.scope.clinicId);
      const lot = [...state.lots.values()].find((l) => l.ndc === query.ndc && l.lot === query.lot);
      if (lot === undefined) {
        throw new DomainError(
          'lot.not-found',
          404,
          `No lot ${query.lot} of NDC ${query.ndc} is on this clinic's ledger; check the lot and NDC.`,
          'querystring.lot',
        );
      }
      return [
        `Strength ${formatNumber(ledgerStrengthMgPerMl(lot.strengthUgPerMl).value, 3)} mg/mL; ` +
          `container ${formatNumber(ledgerVolumeMl(lot.containerVolumeUl).value, 3)} mL ` +
          `(${formatNumber(ledgerMassMg(lot.containerUg).value, 3)} mg); expiry ${lot.expiry}`,
      ];
    },
    { ndc: query.ndc, lot: query.lot },
    query,
    { action: 'ledger.report-lot' },
  );
}

/** Every draw, administration and waste for one patient over a date range. */
export function patientReport(
  ctx: ServiceContext,
  patientId: string,
  query: z.infer<typeof PatientReportQuery>,
  now: Date,
): Promise<ReportOutput> {
  return entryReport(
    ctx,
    now,
    'Patient record of controlled-substance administration',
    async (tx) => {
      const patient = (await patientNames(tx, ctx.scope, [patientId])).get(patientId);
      if (patient === undefined) {
        throw new DomainError('patient.not-found', 404, 'No such patient.', 'params.patientId');
      }
      return [`Patient: ${patient.name}; address: ${patient.address}`];
    },
    { patientId },
    query,
    { action: 'ledger.report-patient', patientId },
  );
}

export const INVENTORY_COLUMNS = [
  'Location',
  'NDC',
  'Lot',
  'Expiry',
  'Strength (mg/mL)',
  'Container (mL)',
  'Sealed containers',
  'Opened containers',
  'Left in opened containers (mg)',
] as const;

function inventoryRows(state: LedgerState, locations: ReadonlyMap<string, string>): Cell[][] {
  const rows: Cell[][] = [];
  for (const line of state.stock.values()) {
    const lot = [...state.lots.values()].find((l) => l.ndc === line.ndc && l.lot === line.lot);
    const open = [...state.vials.values()].filter(
      (v) =>
        v.status === 'open' &&
        v.ndc === line.ndc &&
        v.lot === line.lot &&
        v.location === line.location,
    );
    if (lot === undefined || (line.sealedContainers === 0 && open.length === 0)) continue;
    const leftUg = open.reduce((sum, v) => sum + v.drawnUg - v.administeredUg - v.wastedUg, 0);
    rows.push([
      locations.get(line.location) ?? line.location,
      line.ndc,
      line.lot,
      lot.expiry,
      formatNumber(ledgerStrengthMgPerMl(lot.strengthUgPerMl).value, 3),
      formatNumber(ledgerVolumeMl(lot.containerVolumeUl).value, 3),
      line.sealedContainers,
      open.length,
      formatNumber(ledgerMassMg(leftUg).value, 3),
    ]);
  }
  return rows.sort(
    (a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[2]).localeCompare(String(b[2])),
  );
}

/** How an inventory names itself (21 CFR 1304.11(b) initial, (c) biennial). */
const INVENTORY_KIND_TEXT = {
  initial: 'Initial inventory (21 CFR 1304.11(b))',
  biennial: 'Biennial inventory (21 CFR 1304.11(c))',
} as const;

/**
 * The registrant an inventory names: the clinic, with the address and DEA registration number of
 * its record (`ketaflow clinic update`). Either is null while the record has none, and the record
 * says it is not on file, so a printed copy shows what must be added by hand instead of silently
 * leaving it out.
 */
function registrantOf(tx: Tx, clinicId: string): Promise<InventoryRecord['registrant']> {
  return clinicRegistrant(tx, clinicId);
}

/**
 * The inventory as of the opening (start of the clinic day) or the close of business (end of the
 * clinic day) on `date`: core's fold of the entries whose event came before that instant and that
 * no correction reverses, whenever the correction was dated (ledger-as-of.ts). With a
 * `kind` it is the initial or biennial DEA inventory; it names the registrant and who took it.
 */
export function inventoryReport(
  ctx: ServiceContext,
  query: z.infer<typeof InventoryQuery>,
  now: Date,
): Promise<ReportOutput> {
  ctx.scope.require('ledger.report');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const zone = await clinicZone(tx, ctx.scope.clinicId);
    const cutoff =
      query.basis === 'opening'
        ? startOfClinicDay(zone, query.date)
        : endOfClinicDay(zone, query.date);
    // Every entry, not only those before the cutoff: a correction dated after it still reverses
    // an entry dated before it (core's ledgerAsOf).
    const rows = (await entryRows(tx, ctx.scope, {})).sort((a, b) => a.seq - b.seq);
    const folded = ledgerAsOf(
      rows.map((row) => row.entry as unknown as LedgerEntry),
      cutoff.getTime(),
    );
    if (!folded.ok) {
      throw new DomainError(
        'ledger.inventory-inconsistent',
        409,
        `Entry ${String(rows[folded.error.index]?.seq)} cannot be placed before ${query.date} (${folded.error.message}); ` +
          'it was back-dated before an entry it depends on. Take the inventory as of a later time.',
        'querystring.date',
      );
    }
    const state = folded.value;
    const locations = new Map((await locationRows(tx, ctx.scope)).map((l) => [l.id, l.name]));
    const record: InventoryRecord = {
      kind: query.kind ?? null,
      basis: query.basis,
      date: query.date,
      takenBy: {
        userId: ctx.scope.userId,
        name: (await userNames(tx, [ctx.scope.userId])).get(ctx.scope.userId) ?? '',
      },
      registrant: await registrantOf(tx, ctx.scope.clinicId),
    };
    audit({
      action: 'ledger.report-inventory',
      resourceType: 'ledger-report',
      outcome: 'success',
      detail: {
        date: query.date,
        basis: query.basis,
        kind: record.kind,
        entries: state.entries.length,
      },
    });
    const basis = query.basis === 'opening' ? 'opening' : 'close';
    const notOnFile = 'not on the clinic record; add it by hand';
    return output({
      title:
        `${record.kind === null ? 'Controlled-substance inventory' : INVENTORY_KIND_TEXT[record.kind]} ` +
        `as of the ${basis} of business on ${query.date}`,
      statements: [
        record.kind === null
          ? 'Not marked as an initial or biennial inventory (ask for kind=initial or kind=biennial for that record)'
          : INVENTORY_KIND_TEXT[record.kind],
        `Registrant: ${record.registrant.name}`,
        `Registrant address: ${record.registrant.address ?? notOnFile}`,
        `DEA registration number: ${record.registrant.deaNumber ?? notOnFile}`,
        `Substance: ${SUBSTANCE}`,
        `Taken as of the ${basis} of business on ${query.date} ` +
          `(clinic time zone ${zone}; entries with an event before ${cutoff.toISOString()})`,
        'Corrected entries are left out at every date: a correction records that its entry was made in error',
        `Taken by: ${record.takenBy.name}`,
        'Opened containers: the amount left is the exact balance of the ledger (an estimated count is permitted for Schedule III, 21 CFR 1304.11)',
      ],
      generatedAt: now.toISOString(),
      columns: [...INVENTORY_COLUMNS],
      rows: inventoryRows(state, locations),
      inventory: record,
    });
  });
}
