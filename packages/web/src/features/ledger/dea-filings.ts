/**
 * DEA reports filed on a count discrepancy (21 CFR 1301.76(b); the `dea-report` ledger entry): how a
 * filing reads on the incident list, which reports an incident may still take (core's rule: none
 * once it was resolved as something the DEA need not hear of; an open one may, as the written
 * notice is often due before the investigation ends), and the entry a filing form sends. The time
 * filed is typed on the clinic's wall clock and sent as the instant it names; a date or time that
 * is not real is sent as it cannot be parsed (empty), so the server names the field — never guessed.
 */
import { DEA_REPORT_VALUES, type LedgerIncident } from '@ketaflow/contract';
import { REPORTABLE_CLASSIFICATIONS } from '@ketaflow/core';
import type { z } from 'zod';
import { formatInstant } from '../../app/format.ts';
import { clinicInstant } from './clinic-time-input.ts';
import type { EntryBody } from './pending-entry.ts';

type Incident = z.infer<typeof LedgerIncident>;
export type DeaReport = (typeof DEA_REPORT_VALUES)[number];
export type Filing = Incident['filings'][number];

export const DEA_REPORT_LABELS: Readonly<Record<DeaReport, string>> = {
  'written-notice': 'Written notice of theft or significant loss (to the DEA)',
  'form-106': 'DEA Form 106',
};

/** A select's value as a report, or '' while none is chosen (never a guess). */
export const asDeaReport = (value: string): DeaReport | '' =>
  DEA_REPORT_VALUES.find((r) => r === value) ?? '';

/** "DEA Form 106 filed 2026-11-25 09:05 PST · reference 106-XYZ · by Kim Keeper". */
export const filingText = (f: Filing, timeZone: string): string =>
  `${DEA_REPORT_LABELS[f.report]} filed ${formatInstant(f.filedAt, timeZone)} · ` +
  `reference ${f.reference} · by ${f.filedBy.name}`;

/** The reports the incident may still take, in the contract's order (none when not reportable). */
export function reportsToFile(incident: Pick<Incident, 'resolution' | 'filings'>): DeaReport[] {
  const classification = incident.resolution?.classification;
  const reportable =
    classification === undefined || REPORTABLE_CLASSIFICATIONS.includes(classification);
  if (!reportable) return [];
  return DEA_REPORT_VALUES.filter((r) => !incident.filings.some((f) => f.report === r));
}

export interface FilingInput {
  readonly report: DeaReport | '';
  readonly reference: string;
  readonly date: string;
  readonly time: string;
}

/** The dea-report entry of a filing form; what is missing or unreal is left for the server to name. */
export function deaReportBody(
  countEntryId: string,
  input: FilingInput & { readonly report: DeaReport },
  timeZone: string,
): EntryBody {
  return {
    type: 'dea-report',
    countEntryId,
    report: input.report,
    reference: input.reference,
    occurredAt: clinicInstant(input.date, input.time, timeZone) ?? '',
  };
}
