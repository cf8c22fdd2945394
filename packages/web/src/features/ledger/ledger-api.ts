/** Typed calls to the controlled-substance ledger API (routes of packages/server/src/ledger). */
import {
  LedgerAvailability,
  LedgerEntryRecorded,
  LedgerIncidentList,
  LedgerLocationList,
  type LedgerEntryRequest,
} from '@ketaflow/contract';
import { api, buildUrl } from '../../api/client.ts';

const base = '/api/v1/ledger';
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listLocations = (signal?: AbortSignal) =>
  api(`${base}/locations`, { schema: LedgerLocationList, ...withSignal(signal) });

export const getAvailability = (signal?: AbortSignal) =>
  api(`${base}/availability`, { schema: LedgerAvailability, ...withSignal(signal) });

export const listIncidents = (signal?: AbortSignal) =>
  api(`${base}/incidents`, { schema: LedgerIncidentList, ...withSignal(signal) });

/** Idempotent by `body.id` (same id and body → the stored entry). */
export const recordEntry = (body: LedgerEntryRequest) =>
  api(`${base}/entries`, { method: 'POST', body, schema: LedgerEntryRecorded });

/** CSV download addresses of the reports (opened by the browser with the session cookie). */
export const inventoryCsvUrl = (date: string, basis: 'opening' | 'close') =>
  buildUrl(`${base}/reports/inventory`, { date, basis, format: 'csv' });
export const lotCsvUrl = (q: { ndc: string; lot: string; from: string; to: string }) =>
  buildUrl(`${base}/reports/lot`, { ...q, format: 'csv' });
export const patientCsvUrl = (patientId: string, from: string, to: string) =>
  buildUrl(`${base}/reports/patients/${patientId}`, { from, to, format: 'csv' });
