/**
 * Which DEA report the printable page shows, as the ledger page's address carries it
 * (`/ledger?report=inventory&date=…&basis=close`, `report=lot&ndc&lot&from&to`,
 * `report=patient&patient&from&to`), and its CSV twin. Values are passed through as typed: the
 * server checks dates and ids and names a bad one; only a missing value is caught here.
 */
import { buildUrl } from '../../api/client.ts';
import { patientName } from '../../app/format.ts';
import { inventoryCsvUrl, lotCsvUrl, patientCsvUrl } from './ledger-api.ts';

export type ReportRequest =
  | { readonly kind: 'inventory'; readonly date: string; readonly basis: 'opening' | 'close' }
  | {
      readonly kind: 'lot';
      readonly ndc: string;
      readonly lot: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'patient';
      readonly patientId: string;
      readonly from: string;
      readonly to: string;
    };

export type ParsedReport =
  | { readonly ok: true; readonly request: ReportRequest }
  | { readonly ok: false; readonly missing: readonly string[] };

/** The report an address asks for; null when it asks for none (the ledger page itself). */
export function parseReportRequest(search: string): ParsedReport | null {
  const q = new URLSearchParams(search);
  const kind = q.get('report');
  if (kind === null) return null;
  const get = (k: string): string => q.get(k)?.trim() ?? '';
  const need = (keys: readonly string[]): string[] => keys.filter((k) => get(k) === '');
  switch (kind) {
    case 'inventory': {
      const date = get('date');
      const basis = get('basis');
      // The record states which it is: an inventory as of no stated time is not one.
      if (date !== '' && (basis === 'opening' || basis === 'close')) {
        return { ok: true, request: { kind, date, basis } };
      }
      const badBasis = basis !== 'opening' && basis !== 'close';
      return { ok: false, missing: [...need(['date']), ...(badBasis ? ['basis'] : [])] };
    }
    case 'lot': {
      const missing = need(['ndc', 'lot', 'from', 'to']);
      return missing.length > 0
        ? { ok: false, missing }
        : {
            ok: true,
            request: { kind, ndc: get('ndc'), lot: get('lot'), from: get('from'), to: get('to') },
          };
    }
    case 'patient': {
      const missing = need(['patient', 'from', 'to']);
      return missing.length > 0
        ? { ok: false, missing }
        : {
            ok: true,
            request: { kind, patientId: get('patient'), from: get('from'), to: get('to') },
          };
    }
    default:
      return { ok: false, missing: ['report'] };
  }
}

/** The printable page's address for a report. */
export function reportPath(r: ReportRequest): string {
  switch (r.kind) {
    case 'inventory':
      return buildUrl('/ledger', { report: r.kind, date: r.date, basis: r.basis });
    case 'lot':
      return buildUrl('/ledger', {
        report: r.kind,
        ndc: r.ndc,
        lot: r.lot,
        from: r.from,
        to: r.to,
      });
    case 'patient':
      return buildUrl('/ledger', { report: r.kind, patient: r.patientId, from: r.from, to: r.to });
  }
}

/** The same report as a CSV download. */
export function reportCsvUrl(r: ReportRequest): string {
  switch (r.kind) {
    case 'inventory':
      return inventoryCsvUrl(r.date, r.basis);
    case 'lot':
      return lotCsvUrl(r);
    case 'patient':
      return patientCsvUrl(r.patientId, r.from, r.to);
  }
}

/** What the record covers, in words: the inventory's stated time, or the range of clinic days. */
export function reportCoverage(r: ReportRequest): string {
  if (r.kind === 'inventory') {
    return `As of the ${r.basis === 'opening' ? 'opening' : 'close'} of business on ${r.date}`;
  }
  return `Entries dated ${r.from} to ${r.to} (clinic days)`;
}

/** A patient found for the patient report, named as the clinic reads a record (never by id alone). */
export const patientChoice = (p: {
  readonly id: string;
  readonly legalFamilyName: string;
  readonly legalGivenName: string;
  readonly mrn: string;
  readonly dateOfBirth: string;
}): { value: string; label: string } => ({
  value: p.id,
  label: `${patientName(p)} · MRN ${p.mrn} · born ${p.dateOfBirth}`,
});
