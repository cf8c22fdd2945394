/**
 * Which DEA report the printable page shows, as the ledger page's address carries it
 * (`/ledger?report=inventory&date=…&basis=close&kind=biennial`, `report=lot&ndc&lot&from&to`,
 * `report=patient&patient&from&to`), and its CSV twin. Values are passed through as typed: the
 * server checks dates and ids and names a bad one; only a missing value is caught here.
 */
import { buildUrl } from '../../api/client.ts';
import { patientName } from '../../app/format.ts';
import { INVENTORY_KIND_VALUES } from '@ketaflow/contract';
import { inventoryCsvUrl, lotCsvUrl, patientCsvUrl, type InventoryKind } from './ledger-api.ts';

export type ReportRequest =
  | {
      readonly kind: 'inventory';
      readonly date: string;
      readonly basis: 'opening' | 'close';
      /** Initial or biennial: a DEA inventory is one or the other (address parameter `kind`). */
      readonly inventoryKind: InventoryKind;
    }
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
      const inventoryKind = INVENTORY_KIND_VALUES.find((k) => k === get('kind'));
      // The record states which it is and when: an inventory as of no stated time, or neither
      // initial nor biennial, is not one the DEA record can hold.
      if (
        date !== '' &&
        (basis === 'opening' || basis === 'close') &&
        inventoryKind !== undefined
      ) {
        return { ok: true, request: { kind, date, basis, inventoryKind } };
      }
      const badBasis = basis !== 'opening' && basis !== 'close';
      return {
        ok: false,
        missing: [
          ...need(['date']),
          ...(badBasis ? ['basis'] : []),
          ...(inventoryKind === undefined ? ['kind'] : []),
        ],
      };
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
      return buildUrl('/ledger', {
        report: r.kind,
        date: r.date,
        basis: r.basis,
        kind: r.inventoryKind,
      });
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
      return inventoryCsvUrl(r.date, r.basis, r.inventoryKind);
    case 'lot':
      return lotCsvUrl(r);
    case 'patient':
      return patientCsvUrl(r.patientId, r.from, r.to);
  }
}

/** Which inventory a record is, as printed (21 CFR 1304.11(b) initial, (c) biennial). */
export const INVENTORY_KIND_LABELS: Readonly<Record<InventoryKind, string>> = {
  initial: 'Initial inventory (21 CFR 1304.11(b))',
  biennial: 'Biennial inventory (21 CFR 1304.11(c))',
};

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
