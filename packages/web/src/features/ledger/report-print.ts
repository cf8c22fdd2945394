/**
 * What a printed DEA report states around the server's rows: what it is (for an inventory: initial
 * or biennial), the clinic, what it covers
 * (report-request.ts), when the server produced it (on the clinic's clock) and who printed it. The
 * server's own statements (substance, basis, time zone) are printed as they come.
 */
import type { LedgerReport } from '@ketaflow/contract';
import { formatInstant } from '../../app/format.ts';
import { INVENTORY_KIND_LABELS, reportCoverage, type ReportRequest } from './report-request.ts';

export interface PrintContext {
  readonly clinicName: string;
  readonly timeZone: string;
  readonly user: { readonly displayName: string; readonly email: string };
}

/** The labelled facts printed under the report's title, in order. */
export function reportFacts(
  request: ReportRequest,
  report: Pick<LedgerReport, 'title' | 'generatedAt'>,
  ctx: PrintContext,
): [label: string, value: string][] {
  return [
    ['Report', report.title],
    ...(request.kind === 'inventory'
      ? [['Inventory', INVENTORY_KIND_LABELS[request.inventoryKind]] as [string, string]]
      : []),
    ['Clinic', ctx.clinicName],
    ['Covers', reportCoverage(request)],
    ['Generated', formatInstant(report.generatedAt, ctx.timeZone)],
    ['Printed by', `${ctx.user.displayName} (${ctx.user.email})`],
  ];
}

/** One cell as printed: a missing value is blank, numbers as the server formatted them. */
export const cellText = (cell: string | number | null): string =>
  cell === null ? '' : String(cell);
