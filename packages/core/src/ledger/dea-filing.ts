/**
 * The record that a DEA report on a count discrepancy was filed (21 CFR 1301.76(b); T-45): the
 * written notice of a theft or significant loss and the DEA Form 106. Filing is an event the
 * ledger keeps like any other (append-only; a wrong record is reversed by a correction): when it
 * was filed, by whom, and its reference. Each report is filed once per discrepancy. A discrepancy
 * resolved as something the DEA need not hear of (a count or documentation error, a minor loss)
 * takes no report; an open one may, since the notice is due one business day after discovery,
 * often before the investigation has concluded.
 */
import { err, ok, type Result } from '../result.ts';
import type { DeaReport, DeaReportEntry, DiscrepancyClassification } from './ledger-entry.ts';

/** A filed DEA report: by whom (the recorder), when (the entry's occurredAt) and its reference. */
export interface DeaFiling {
  readonly entryId: string;
  readonly report: DeaReport;
  readonly reference: string;
  readonly userId: string;
  readonly filedAt: string;
}

const REPORT_NAME: Readonly<Record<DeaReport, string>> = {
  'written-notice': 'The written notice to the DEA',
  'form-106': 'The DEA Form 106',
};

/**
 * The discrepancy's filings with `entry` added. Errors (field `countEntryId` or `report`):
 * `ledger.not-reportable` when it was resolved with a classification outside `reportable`,
 * `ledger.already-filed` when this report is already on record for it.
 */
export function fileDeaReport(
  discrepancy: {
    readonly countEntryId: string;
    readonly resolution?: { readonly classification: DiscrepancyClassification };
    readonly filings?: readonly DeaFiling[];
  },
  entry: DeaReportEntry,
  reportable: readonly DiscrepancyClassification[],
): Result<readonly DeaFiling[]> {
  const classification = discrepancy.resolution?.classification;
  if (classification !== undefined && !reportable.includes(classification)) {
    return err({
      code: 'ledger.not-reportable',
      field: 'countEntryId',
      message:
        `The discrepancy of count ${discrepancy.countEntryId} was resolved as ${classification}; ` +
        `only ${reportable.join(' or ')} is reported to the DEA.`,
    });
  }
  const filings = discrepancy.filings ?? [];
  const earlier = filings.find((f) => f.report === entry.report);
  if (earlier !== undefined) {
    return err({
      code: 'ledger.already-filed',
      field: 'report',
      message:
        `${REPORT_NAME[entry.report]} for count ${discrepancy.countEntryId} is already on record ` +
        `(filed ${earlier.filedAt}, reference ${earlier.reference}); if that record is wrong, correct it.`,
    });
  }
  return ok([
    ...filings,
    {
      entryId: entry.id,
      report: entry.report,
      reference: entry.reference,
      userId: entry.userId,
      filedAt: entry.occurredAt,
    },
  ]);
}
