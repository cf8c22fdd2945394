/**
 * The entries of the controlled-substance (DEA Schedule III) ledger and their field validation.
 * Quantities are exact integers: mass in micrograms, volume in microlitres, containers counted
 * whole, so every balance sums exactly. Each entry carries the fields 21 CFR 1304.22(c) asks for
 * (safety-security.md T-41); business rules across entries live in ledger-state.ts.
 */
import { err, ok, type Result } from '../result.ts';
import { parseIsoDate } from '../session/iso-date.ts';

/** Fields every entry carries. */
export interface EntryBase {
  /** Client-generated unique id (idempotent retries). */
  readonly id: string;
  /** Actual date and time of the event, ISO 8601 UTC (`2026-11-25T14:03:00Z`), 21 CFR 1304.21. */
  readonly occurredAt: string;
  /** The authenticated user who records the entry. */
  readonly userId: string;
}

/** Stock received into a storage location (containers sealed). */
export interface ReceiveEntry extends EntryBase {
  readonly type: 'receive';
  readonly ndc: string;
  readonly lot: string;
  /** Last day of use, YYYY-MM-DD. */
  readonly expiry: string;
  /** Strength, µg/mL (50 mg/mL = 50 000). */
  readonly strengthUgPerMl: number;
  /** Volume of one container, µL (10 mL = 10 000). */
  readonly containerVolumeUl: number;
  /** Number of containers received, ≥ 1. */
  readonly containers: number;
  readonly supplier: { readonly name: string; readonly deaNumber: string };
  readonly orderReference: string;
  readonly location: string;
}

/** One sealed container taken from stock for an infusion session. */
export interface DrawEntry extends EntryBase {
  readonly type: 'draw';
  /** Client-generated id of this physical container from now on. */
  readonly vialId: string;
  readonly ndc: string;
  readonly lot: string;
  readonly location: string;
  readonly sessionId: string;
  readonly patientId: string;
  /** Today's date at the clinic, to refuse expired stock. */
  readonly clinicDate: string;
}

/** Drug given to the patient from a drawn container (from the charted infusion). */
export interface AdministerEntry extends EntryBase {
  readonly type: 'administer';
  readonly vialId: string;
  readonly sessionId: string;
  readonly patientId: string;
  readonly amountUg: number;
}

/** Drug left in a drawn container and wasted, witnessed by a second user. */
export interface WasteEntry extends EntryBase {
  readonly type: 'waste';
  readonly vialId: string;
  readonly amountUg: number;
  /** A different user who authenticated at the time of witnessing. */
  readonly witnessId: string;
}

/** An untouched drawn container put back into stock. */
export interface ReturnEntry extends EntryBase {
  readonly type: 'return';
  readonly vialId: string;
}

export type TransferDestination =
  | { readonly kind: 'location'; readonly location: string }
  | { readonly kind: 'registrant'; readonly name: string; readonly deaNumber: string };

/** Sealed containers moved to another storage location or to another registrant. */
export interface TransferEntry extends EntryBase {
  readonly type: 'transfer';
  readonly ndc: string;
  readonly lot: string;
  readonly fromLocation: string;
  readonly destination: TransferDestination;
  readonly containers: number;
}

/** Sealed stock destroyed (21 CFR 1317.95; DEA Form 41: two witnesses). */
export interface DestroyEntry extends EntryBase {
  readonly type: 'destroy';
  readonly ndc: string;
  readonly lot: string;
  readonly location: string;
  readonly containers: number;
  readonly method: string;
  readonly witnessIds: readonly [string, string];
}

/** When a count is taken (safety-security.md T-45): at the end of a shift or of the clinic day. */
export const COUNT_KINDS = ['end-of-shift', 'end-of-day'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];

/** A blind count of sealed containers; the counter never saw the expected number. */
export interface CountEntry extends EntryBase {
  readonly type: 'count';
  readonly ndc: string;
  readonly lot: string;
  readonly location: string;
  readonly countedContainers: number;
  /** Absent only on counts recorded before counts stated their kind (their hashes still verify). */
  readonly kind?: CountKind;
  /** The counter's remark, if any. */
  readonly note?: string;
}

export const DISCREPANCY_CLASSIFICATIONS = [
  'count-error',
  'documentation-error',
  'minor-loss',
  'significant-loss',
  'theft',
] as const;
export type DiscrepancyClassification = (typeof DISCREPANCY_CLASSIFICATIONS)[number];

/** Classifications that remove the missing containers from stock (lost or stolen). */
export const LOSS_CLASSIFICATIONS: readonly DiscrepancyClassification[] = [
  'minor-loss',
  'significant-loss',
  'theft',
];
/** Classifications that require the DEA theft/loss reports (21 CFR 1301.76(b)). */
export const REPORTABLE_CLASSIFICATIONS: readonly DiscrepancyClassification[] = [
  'significant-loss',
  'theft',
];

/** The required resolution of a count discrepancy; a loss or theft removes the missing stock. */
export interface ResolveDiscrepancyEntry extends EntryBase {
  readonly type: 'resolve-discrepancy';
  readonly countEntryId: string;
  readonly classification: DiscrepancyClassification;
  readonly note: string;
}

/** The reports a theft or significant loss needs (21 CFR 1301.76(b)). */
export const DEA_REPORTS = ['written-notice', 'form-106'] as const;
export type DeaReport = (typeof DEA_REPORTS)[number];

/**
 * That a DEA report on a count discrepancy was filed: the written notice to the DEA Field Division
 * or the DEA Form 106. `occurredAt` is when it was filed and the recorder is who filed it; the
 * reference is the DEA's confirmation or the clinic's reference of the submission.
 */
export interface DeaReportEntry extends EntryBase {
  readonly type: 'dea-report';
  readonly countEntryId: string;
  readonly report: DeaReport;
  readonly reference: string;
}

/**
 * Reverses an earlier entry (never edits it), with a reason. Reversing a witnessed entry needs
 * the same witnessing as the entry had (a waste one witness, a destruction two), or one user
 * alone could undo what two or three attested.
 */
export interface CorrectionEntry extends EntryBase {
  readonly type: 'correction';
  readonly correctsEntryId: string;
  readonly reason: string;
  /** Users other than the recorder who authenticated when the reversal was recorded. */
  readonly witnessIds?: readonly string[];
}

export type LedgerEntry =
  | ReceiveEntry
  | DrawEntry
  | AdministerEntry
  | WasteEntry
  | ReturnEntry
  | TransferEntry
  | DestroyEntry
  | CountEntry
  | ResolveDiscrepancyEntry
  | DeaReportEntry
  | CorrectionEntry;
export type LedgerEntryType = LedgerEntry['type'];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'ledger.invalid-field', field, message });

function text(value: unknown, field: string): Result<true> {
  return typeof value === 'string' && value.trim() !== ''
    ? ok(true)
    : invalid(field, `${field} is required and must not be blank.`);
}

function count(value: unknown, field: string, min: number): Result<true> {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min
    ? ok(true)
    : invalid(field, `${field} must be a whole number of at least ${min}.`);
}

function all(checks: readonly (() => Result<true>)[]): Result<true> {
  for (const check of checks) {
    const r = check();
    if (!r.ok) return r;
  }
  return ok(true);
}

/** Mass of one container, µg; must be a whole number (µL × µg/mL / 1000). */
export function containerMassUg(
  strengthUgPerMl: number,
  containerVolumeUl: number,
): Result<number> {
  const product = strengthUgPerMl * containerVolumeUl;
  if (!Number.isSafeInteger(product) || product % 1000 !== 0) {
    return err({
      code: 'ledger.inexact-quantity',
      field: 'containerVolumeUl',
      message:
        'Strength × container volume must be a whole number of micrograms; check the strength and volume.',
    });
  }
  return ok(product / 1000);
}

/**
 * Checks the fields of one entry: required text present, counts and amounts whole and positive,
 * dates real, `occurredAt` a UTC instant. Errors are `ledger.invalid-field` naming the field.
 */
export function validateEntry(entry: LedgerEntry): Result<LedgerEntry> {
  const base = all([
    () => text(entry.id, 'id'),
    () => text(entry.userId, 'userId'),
    () =>
      INSTANT.test(entry.occurredAt)
        ? ok(true)
        : invalid('occurredAt', 'occurredAt must be a UTC time like 2026-11-25T14:03:00Z.'),
    () => {
      const date = parseIsoDate(entry.occurredAt.slice(0, 10), 'occurredAt');
      return date.ok ? ok(true) : invalid('occurredAt', date.error.message);
    },
  ]);
  if (!base.ok) return base;
  const date = (value: string, field: string) => (): Result<true> => {
    const d = parseIsoDate(value, field);
    return d.ok ? ok(true) : invalid(field, d.error.message);
  };
  let checked: Result<true>;
  switch (entry.type) {
    case 'receive':
      checked = all([
        () => text(entry.ndc, 'ndc'),
        () => text(entry.lot, 'lot'),
        date(entry.expiry, 'expiry'),
        () => count(entry.strengthUgPerMl, 'strengthUgPerMl', 1),
        () => count(entry.containerVolumeUl, 'containerVolumeUl', 1),
        () => count(entry.containers, 'containers', 1),
        () => text(entry.supplier.name, 'supplier.name'),
        () => text(entry.supplier.deaNumber, 'supplier.deaNumber'),
        () => text(entry.orderReference, 'orderReference'),
        () => text(entry.location, 'location'),
      ]);
      break;
    case 'draw':
      checked = all([
        () => text(entry.vialId, 'vialId'),
        () => text(entry.ndc, 'ndc'),
        () => text(entry.lot, 'lot'),
        () => text(entry.location, 'location'),
        () => text(entry.sessionId, 'sessionId'),
        () => text(entry.patientId, 'patientId'),
        date(entry.clinicDate, 'clinicDate'),
      ]);
      break;
    case 'administer':
      checked = all([
        () => text(entry.vialId, 'vialId'),
        () => text(entry.sessionId, 'sessionId'),
        () => text(entry.patientId, 'patientId'),
        () => count(entry.amountUg, 'amountUg', 1),
      ]);
      break;
    case 'waste':
      checked = all([
        () => text(entry.vialId, 'vialId'),
        () => count(entry.amountUg, 'amountUg', 1),
        () => text(entry.witnessId, 'witnessId'),
      ]);
      break;
    case 'return':
      checked = text(entry.vialId, 'vialId');
      break;
    case 'transfer':
      checked = all([
        () => text(entry.ndc, 'ndc'),
        () => text(entry.lot, 'lot'),
        () => text(entry.fromLocation, 'fromLocation'),
        () => count(entry.containers, 'containers', 1),
        () =>
          entry.destination.kind === 'location'
            ? text(entry.destination.location, 'destination.location')
            : all([
                () =>
                  text(
                    entry.destination.kind === 'registrant' ? entry.destination.name : '',
                    'destination.name',
                  ),
                () =>
                  text(
                    entry.destination.kind === 'registrant' ? entry.destination.deaNumber : '',
                    'destination.deaNumber',
                  ),
              ]),
      ]);
      break;
    case 'destroy':
      checked = all([
        () => text(entry.ndc, 'ndc'),
        () => text(entry.lot, 'lot'),
        () => text(entry.location, 'location'),
        () => count(entry.containers, 'containers', 1),
        () => text(entry.method, 'method'),
        () => text(entry.witnessIds[0], 'witnessIds[0]'),
        () => text(entry.witnessIds[1], 'witnessIds[1]'),
      ]);
      break;
    case 'count':
      checked = all([
        () => text(entry.ndc, 'ndc'),
        () => text(entry.lot, 'lot'),
        () => text(entry.location, 'location'),
        () => count(entry.countedContainers, 'countedContainers', 0),
        () =>
          entry.kind === undefined || (COUNT_KINDS as readonly string[]).includes(entry.kind)
            ? ok(true)
            : invalid('kind', `kind must be one of ${COUNT_KINDS.join(', ')}.`),
        () => (entry.note === undefined ? ok(true) : text(entry.note, 'note')),
      ]);
      break;
    case 'resolve-discrepancy':
      checked = all([
        () => text(entry.countEntryId, 'countEntryId'),
        () =>
          (DISCREPANCY_CLASSIFICATIONS as readonly string[]).includes(entry.classification)
            ? ok(true)
            : invalid(
                'classification',
                `classification must be one of ${DISCREPANCY_CLASSIFICATIONS.join(', ')}.`,
              ),
        () => text(entry.note, 'note'),
      ]);
      break;
    case 'dea-report':
      checked = all([
        () => text(entry.countEntryId, 'countEntryId'),
        () =>
          (DEA_REPORTS as readonly string[]).includes(entry.report)
            ? ok(true)
            : invalid('report', `report must be one of ${DEA_REPORTS.join(', ')}.`),
        () => text(entry.reference, 'reference'),
      ]);
      break;
    case 'correction':
      checked = all([
        () => text(entry.correctsEntryId, 'correctsEntryId'),
        () => text(entry.reason, 'reason'),
        ...(entry.witnessIds ?? []).map((w, i) => () => text(w, `witnessIds[${String(i)}]`)),
      ]);
      break;
  }
  return checked.ok ? ok(entry) : checked;
}
