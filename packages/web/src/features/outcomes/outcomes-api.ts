/** Typed calls to the outcome and opioid API (routes of packages/server/src/outcomes, medications). */
import { MedicationList, MmeSeries } from '@ketaflow/contract';
import { api } from '../../api/client.ts';
import { OutcomesAnswer } from './outcomes-view.ts';

const base = '/api/v1';
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Outcomes as of the clinic's today (prescribers only; the server answers 403 otherwise). */
export const getOutcomes = (patientId: string, signal?: AbortSignal) =>
  api(`${base}/patients/${patientId}/outcomes`, {
    schema: OutcomesAnswer,
    ...withSignal(signal),
  });

export const getMedications = (patientId: string, signal?: AbortSignal) =>
  api(`${base}/patients/${patientId}/medications`, {
    schema: MedicationList,
    ...withSignal(signal),
  });

/** Daily MME from `from` to `to`; with `baselineDate` (first infusion) also the 1/3/6-month change. */
export const getMme = (
  patientId: string,
  query: { readonly from: string; readonly to: string; readonly baselineDate?: string | undefined },
  signal?: AbortSignal,
) =>
  api(`${base}/patients/${patientId}/mme`, {
    query: { from: query.from, to: query.to, baselineDate: query.baselineDate },
    schema: MmeSeries,
    ...withSignal(signal),
  });
