/** Typed calls to the controlled-substance ledger API (routes of packages/server/src/ledger). */
import {
  LedgerAvailability,
  LedgerEntryList,
  LedgerEntryRecorded,
  LedgerIncidentList,
  LedgerLocationList,
  LedgerReport,
  LedgerSessionAdministration,
  type INVENTORY_KIND_VALUES,
  type LedgerEntryRequest,
} from '@ketaflow/contract';
import { api, buildUrl } from '../../api/client.ts';

const base = '/api/v1/ledger';

/** Which DEA inventory: the initial one or a biennial one (21 CFR 1304.11(b), (c)). */
export type InventoryKind = (typeof INVENTORY_KIND_VALUES)[number];
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listLocations = (signal?: AbortSignal) =>
  api(`${base}/locations`, { schema: LedgerLocationList, ...withSignal(signal) });

export const getAvailability = (signal?: AbortSignal) =>
  api(`${base}/availability`, { schema: LedgerAvailability, ...withSignal(signal) });

export const listIncidents = (signal?: AbortSignal) =>
  api(`${base}/incidents`, { schema: LedgerIncidentList, ...withSignal(signal) });

/** Entries with an event on the clinic days from..to (the administrator's: ledger.report). */
export const listEntries = (range: { from: string; to: string }, signal?: AbortSignal) =>
  api(`${base}/entries`, { query: range, schema: LedgerEntryList, ...withSignal(signal) });

/** A session's charted dose, what the ledger records as administered and what may still be (µg). */
export const getSessionAdministration = (sessionId: string, signal?: AbortSignal) =>
  api(`${base}/sessions/${sessionId}/administration`, {
    schema: LedgerSessionAdministration,
    ...withSignal(signal),
  });

/** Idempotent by `body.id` (same id and body → the stored entry). */
export const recordEntry = (body: LedgerEntryRequest) =>
  api(`${base}/entries`, { method: 'POST', body, schema: LedgerEntryRecorded });

/** CSV download addresses of the reports (opened by the browser with the session cookie). */
export const inventoryCsvUrl = (date: string, basis: 'opening' | 'close', kind: InventoryKind) =>
  buildUrl(`${base}/reports/inventory`, { date, basis, kind, format: 'csv' });
export const lotCsvUrl = (q: { ndc: string; lot: string; from: string; to: string }) =>
  buildUrl(`${base}/reports/lot`, {
    ndc: q.ndc,
    lot: q.lot,
    from: q.from,
    to: q.to,
    format: 'csv',
  });
export const patientCsvUrl = (patientId: string, from: string, to: string) =>
  buildUrl(`${base}/reports/patients/${patientId}`, { from, to, format: 'csv' });

/** The same reports as JSON, for the printable page. */
export const getInventoryReport = (
  date: string,
  basis: 'opening' | 'close',
  kind: InventoryKind,
  signal?: AbortSignal,
) =>
  api(`${base}/reports/inventory`, {
    query: { date, basis, kind, format: 'json' },
    schema: LedgerReport,
    ...withSignal(signal),
  });
export const getLotReport = (
  q: { ndc: string; lot: string; from: string; to: string },
  signal?: AbortSignal,
) =>
  api(`${base}/reports/lot`, {
    // Only the report's own parameters: a caller's object may carry more (the page's report kind).
    query: { ndc: q.ndc, lot: q.lot, from: q.from, to: q.to, format: 'json' },
    schema: LedgerReport,
    ...withSignal(signal),
  });
export const getPatientReport = (
  patientId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
) =>
  api(`${base}/reports/patients/${patientId}`, {
    query: { from, to, format: 'json' },
    schema: LedgerReport,
    ...withSignal(signal),
  });
