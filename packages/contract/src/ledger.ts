/**
 * The controlled-substance (DEA Schedule III) ledger API: storage locations, ledger entries (one
 * request shape per entry type, told apart by `type`), stock availability, incidents and reports.
 * Quantities are exact integers in the units core keeps: µg (mass), µL (volume), µg/mL
 * (strength), whole containers. Witnesses authenticate in the request itself (email, password and,
 * when they have a second factor, the current TOTP code), never by picking a name.
 */
import { COUNT_KINDS } from '@ketaflow/core/ledger/ledger-entry';
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
/** A whole number of micro-units (µg, µL, µg/mL), above 0. */
const Micro = z.number().int().min(1).max(1_000_000_000);
const Containers = z.number().int().min(1).max(100_000);

export const LedgerLocationCreate = z.strictObject({ id: Uuid, name: Text(60) });
export const LedgerLocation = z.object({ id: Uuid, name: z.string() });
export const LedgerLocationList = z.object({ items: z.array(LedgerLocation) });

/** A witness signing at the moment of witnessing. */
export const WitnessCredentials = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  /**
   * Required of a ledger witness, who must have an authenticator app (T-44; the server refuses one
   * without); a rate change's second clinician gives it only when they have one (T-37).
   */
  totpCode: z
    .string()
    .regex(/^[0-9]{6}$/, 'Six digits from the authenticator app.')
    .optional(),
});
export type WitnessCredentials = z.infer<typeof WitnessCredentials>;

const base = {
  /** Client-generated entry id: a retry with the same id and body returns the stored entry. */
  id: Uuid,
  /** Actual date and time of the event (21 CFR 1304.21), UTC. */
  occurredAt: IsoDateTime,
};

export const ReceiveRequest = z.strictObject({
  ...base,
  type: z.literal('receive'),
  locationId: Uuid,
  ndc: Text(20),
  lot: Text(40),
  /** Last day of use. */
  expiry: IsoDate,
  strengthUgPerMl: Micro,
  containerVolumeUl: Micro,
  containers: Containers,
  supplierName: Text(200),
  supplierDeaNumber: z
    .string()
    .regex(/^[A-Za-z][A-Za-z9][0-9]{7}$/, 'A DEA number like AB1234563.'),
  orderReference: Text(80),
});

export const DrawRequest = z.strictObject({
  ...base,
  type: z.literal('draw'),
  /** Client-generated id of the container from now on. */
  vialId: Uuid,
  locationId: Uuid,
  ndc: Text(20),
  lot: Text(40),
  /** The infusion session the container is drawn for (its patient is taken from it). */
  sessionId: Uuid,
});

export const AdministerRequest = z.strictObject({
  ...base,
  type: z.literal('administer'),
  vialId: Uuid,
  sessionId: Uuid,
  /**
   * Drug given from this container, µg (from the charted infusion's cumulative dose): the ledger's
   * total for the session may not exceed the chart (GET /ledger/sessions/{sessionId}/administration).
   */
  amountUg: Micro,
});

export const WasteRequest = z.strictObject({
  ...base,
  type: z.literal('waste'),
  vialId: Uuid,
  amountUg: Micro,
  witness: WitnessCredentials,
});

export const ReturnRequest = z.strictObject({
  ...base,
  type: z.literal('return'),
  vialId: Uuid,
});

export const TransferRequest = z.strictObject({
  ...base,
  type: z.literal('transfer'),
  ndc: Text(20),
  lot: Text(40),
  fromLocationId: Uuid,
  containers: Containers,
  /** Another storage location of the clinic, or another DEA registrant. */
  toLocationId: Uuid.optional(),
  toRegistrant: z
    .strictObject({
      name: Text(200),
      deaNumber: z.string().regex(/^[A-Za-z][A-Za-z9][0-9]{7}$/, 'A DEA number like AB1234563.'),
    })
    .optional(),
});

export const DestroyRequest = z.strictObject({
  ...base,
  type: z.literal('destroy'),
  ndc: Text(20),
  lot: Text(40),
  locationId: Uuid,
  containers: Containers,
  /** Manner of destruction (DEA Form 41). */
  method: Text(200),
  /** Two authorised employees other than the recorder (21 CFR 1317.95). */
  witnesses: z.tuple([WitnessCredentials, WitnessCredentials]),
});

/** When a count is taken: at the end of a shift or at the end of the clinic day (T-45). */
export const COUNT_KIND_VALUES = COUNT_KINDS;

/**
 * A blind count (ledger.count: nurses, prescribers, the administrator). Its answer says only
 * whether it matched the books (`discrepancy`); a mismatch opens an incident for the administrator.
 */
export const CountRequest = z.strictObject({
  ...base,
  type: z.literal('count'),
  kind: z.enum(COUNT_KIND_VALUES),
  ndc: Text(20),
  lot: Text(40),
  locationId: Uuid,
  /** Sealed containers found; the counter is never shown the expected number (blind count). */
  countedContainers: z.number().int().min(0).max(100_000),
  /** The counter's remark (e.g. where a container was found). */
  note: Text(2000).optional(),
});

export const DISCREPANCY_CLASSIFICATION_VALUES = [
  'count-error',
  'documentation-error',
  'minor-loss',
  'significant-loss',
  'theft',
] as const;

export const ResolveDiscrepancyRequest = z.strictObject({
  ...base,
  type: z.literal('resolve-discrepancy'),
  countEntryId: Uuid,
  classification: z.enum(DISCREPANCY_CLASSIFICATION_VALUES),
  note: Text(2000),
});

export const DEA_REPORT_VALUES = ['written-notice', 'form-106'] as const;

/**
 * That a DEA report on a count discrepancy was filed (21 CFR 1301.76(b)): the written notice of a
 * theft or significant loss, or the DEA Form 106. `occurredAt` is when it was filed; the
 * recorder is who filed it. Each report once per discrepancy (409 ledger.already-filed); a
 * discrepancy resolved as a count or documentation error or a minor loss takes none (409
 * ledger.not-reportable). A wrong record is reversed by a correction.
 */
export const DeaReportRequest = z.strictObject({
  ...base,
  type: z.literal('dea-report'),
  countEntryId: Uuid,
  report: z.enum(DEA_REPORT_VALUES),
  /** The DEA's confirmation number of the submission, or the clinic's reference of the letter. */
  reference: Text(80),
});

export const CorrectionRequest = z.strictObject({
  ...base,
  type: z.literal('correction'),
  correctsEntryId: Uuid,
  reason: Text(2000),
  /**
   * Reversing a witnessed entry needs as many witnesses as it had (a waste one, a destruction
   * two), other than the recorder, signing now. A count cannot be corrected at all.
   */
  witnesses: z.array(WitnessCredentials).max(2).optional(),
});

export const LedgerEntryRequest = z.discriminatedUnion('type', [
  ReceiveRequest,
  DrawRequest,
  AdministerRequest,
  WasteRequest,
  ReturnRequest,
  TransferRequest,
  DestroyRequest,
  CountRequest,
  ResolveDiscrepancyRequest,
  DeaReportRequest,
  CorrectionRequest,
]);
export type LedgerEntryRequest = z.infer<typeof LedgerEntryRequest>;

export const LEDGER_ENTRY_TYPE_VALUES = [
  'receive',
  'draw',
  'administer',
  'waste',
  'return',
  'transfer',
  'destroy',
  'count',
  'resolve-discrepancy',
  'dea-report',
  'correction',
] as const;

/** A stored entry: the core entry as applied, with its place in the clinic's chain. */
export const LedgerEntryView = z.object({
  id: Uuid,
  seq: z.number().int(),
  type: z.enum(LEDGER_ENTRY_TYPE_VALUES),
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
  userId: Uuid,
  patientId: Uuid.nullable(),
  sessionId: Uuid.nullable(),
  ndc: z.string().nullable(),
  lot: z.string().nullable(),
  /** The core ledger entry (fields as in @ketaflow/core LedgerEntry). */
  entry: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type LedgerEntryView = z.infer<typeof LedgerEntryView>;

export const LedgerEntryRecorded = z.object({
  entry: LedgerEntryView,
  /** Counts only: whether the count differs from the books (an incident is open); never the expected number. */
  discrepancy: z.boolean().optional(),
});

export const LedgerEntryQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const LedgerEntryList = z.object({ items: z.array(LedgerEntryView) });

/** What a nurse needs to draw: lots in stock at each location (no counts: counts are blind). */
export const LedgerAvailability = z.object({
  lots: z.array(
    z.object({
      locationId: Uuid,
      ndc: z.string(),
      lot: z.string(),
      expiry: IsoDate,
      strengthUgPerMl: z.number().int(),
      containerVolumeUl: z.number().int(),
    }),
  ),
  openVials: z.array(
    z.object({
      vialId: Uuid,
      ndc: z.string(),
      lot: z.string(),
      sessionId: Uuid,
      patientId: Uuid,
      drawnUg: z.number().int(),
      remainingUg: z.number().int(),
    }),
  ),
});

export const LedgerSessionParams = z.strictObject({ sessionId: Uuid });

/**
 * An infusion session's chart against the ledger, µg: the chart's cumulative administered dose
 * now, what the ledger already records as administered from the session's containers, and what
 * may still be recorded (chartedUg − recordedUg, never below 0). An administer entry whose amount
 * is above `administrableUg` is refused (409 ledger.above-charted-dose naming body.amountUg).
 */
export const LedgerSessionAdministration = z.object({
  sessionId: Uuid,
  /** The server's clock when the chart was totalled. */
  asOf: IsoDateTime,
  chartedUg: z.number().int(),
  recordedUg: z.number().int(),
  administrableUg: z.number().int(),
});

export const TheftLossDeadlinesView = z.object({
  discoveredOn: IsoDate,
  writtenNoticeDueOn: IsoDate,
  form106DueOn: IsoDate,
  source: z.object({ id: z.string(), version: z.string() }),
});

export const LedgerIncident = z.object({
  countEntryId: Uuid,
  countedAt: IsoDateTime,
  ndc: z.string(),
  lot: z.string(),
  locationId: Uuid,
  /** null: a count recorded before counts stated their kind. */
  countKind: z.enum(COUNT_KIND_VALUES).nullable(),
  /** Who counted (the administrator talks to them before resolving). */
  countedBy: z.object({ userId: Uuid, name: z.string() }),
  expectedContainers: z.number().int(),
  countedContainers: z.number().int(),
  status: z.enum(['open', 'resolved']),
  resolution: z
    .object({
      entryId: Uuid,
      classification: z.enum(DISCREPANCY_CLASSIFICATION_VALUES),
      note: z.string(),
    })
    .nullable(),
  /** Theft or significant loss: the DEA reporting deadlines (21 CFR 1301.76(b)). */
  deadlines: TheftLossDeadlinesView.nullable(),
  /** DEA reports filed on it (dea-report entries not reversed), in the order recorded. */
  filings: z.array(
    z.object({
      entryId: Uuid,
      report: z.enum(DEA_REPORT_VALUES),
      filedAt: IsoDateTime,
      reference: z.string(),
      filedBy: z.object({ userId: Uuid, name: z.string() }),
    }),
  ),
});
export const LedgerIncidentList = z.object({
  items: z.array(LedgerIncident),
  /** Several discrepancies in the window count as a possible significant loss. */
  pattern: z.object({
    escalate: z.boolean(),
    discrepanciesInWindow: z.number().int(),
    source: z.object({ id: z.string(), version: z.string() }),
  }),
});

export const ReportFormat = z.enum(['json', 'csv']).default('json');

export const LotReportQuery = z.strictObject({
  ndc: Text(20),
  lot: Text(40),
  from: IsoDate,
  to: IsoDate,
  format: ReportFormat,
});
export const PatientReportParams = z.strictObject({ patientId: Uuid });
export const PatientReportQuery = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  format: ReportFormat,
});
export const INVENTORY_KIND_VALUES = ['initial', 'biennial'] as const;

export const InventoryQuery = z.strictObject({
  /** The clinic date of the inventory. */
  date: IsoDate,
  /** Taken at the opening or the close of business on that date (21 CFR 1304.11(a)). */
  basis: z.enum(['opening', 'close']),
  /**
   * Which DEA inventory this is: the initial one (21 CFR 1304.11(b)) or a biennial one
   * (1304.11(c)). Without it the report is a stock statement, marked as neither.
   */
  kind: z.enum(INVENTORY_KIND_VALUES).optional(),
  format: ReportFormat,
});

/** What an inventory record states about itself (21 CFR 1304.04(h), 1304.11). */
export const InventoryRecord = z.object({
  /** null: a stock statement, not marked as an initial or biennial inventory. */
  kind: z.enum(INVENTORY_KIND_VALUES).nullable(),
  basis: z.enum(['opening', 'close']),
  date: IsoDate,
  /** The signed-in user who took the inventory (produced this record). */
  takenBy: z.object({ userId: Uuid, name: z.string() }),
  /** The registrant: the clinic. Address and DEA number are null when the clinic record has none. */
  registrant: z.object({
    name: z.string(),
    address: z.string().nullable(),
    deaNumber: z.string().nullable(),
  }),
});

/** A report as JSON the web renders (and prints); the CSV has the same columns. */
export const LedgerReport = z.object({
  title: z.string(),
  /** Statements the record must carry (e.g. "as of close of business on …"). */
  statements: z.array(z.string()),
  generatedAt: IsoDateTime,
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  /** Inventory reports only: the record's own particulars, for the web to show and print. */
  inventory: InventoryRecord.optional(),
});
export type LedgerReport = z.infer<typeof LedgerReport>;

export const LedgerVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** First broken link, when not ok. */
  seq: z.number().int().optional(),
  problem: z.string().optional(),
  message: z.string().optional(),
});
