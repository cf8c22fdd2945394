/** Typed calls to the session, charting and board API (routes of packages/server/src/sessions, board). */
import {
  BoardSnapshot,
  ChartData,
  ChartWriteResult,
  DoubleCheckResult,
  InfusionSession,
  SessionRecord,
  type ChartEntryRequest,
  type DoubleCheckEntryRequest,
  type TransitionRequest,
} from '@ketaflow/contract';
import { api } from '../../api/client.ts';

const base = '/api/v1';
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const getSession = (id: string, signal?: AbortSignal) =>
  api(`${base}/sessions/${id}`, { schema: InfusionSession, ...withSignal(signal) });

/** One state-machine event; `body.version` is the session version the user saw (409 when stale). */
export const transition = (id: string, body: TransitionRequest) =>
  api(`${base}/sessions/${id}/transitions`, { method: 'POST', body, schema: InfusionSession });

/** One blind double-check entry; the first entry's values are never returned. */
export const enterDoubleCheck = (id: string, body: DoubleCheckEntryRequest) =>
  api(`${base}/sessions/${id}/double-check`, { method: 'POST', body, schema: DoubleCheckResult });

/** Idempotent by `body.id`: a retry with the same id answers the stored entry, never a duplicate. */
export const writeChartEntry = (id: string, body: ChartEntryRequest) =>
  api(`${base}/sessions/${id}/chart`, { method: 'POST', body, schema: ChartWriteResult });

export const getChart = (id: string, signal?: AbortSignal) =>
  api(`${base}/sessions/${id}/chart`, { schema: ChartData, ...withSignal(signal) });

export const getBoard = (signal?: AbortSignal) =>
  api(`${base}/board`, { schema: BoardSnapshot, ...withSignal(signal) });

/** Transitions with the discharge score, completed double-check rounds, the session's ledger. */
export const getSessionRecord = (id: string, signal?: AbortSignal) =>
  api(`${base}/sessions/${id}/record`, { schema: SessionRecord, ...withSignal(signal) });
