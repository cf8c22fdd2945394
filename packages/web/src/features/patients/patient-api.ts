/** Typed calls to the patient registry API (routes of packages/server/src/patients). */
import {
  Patient,
  PatientHistoryPage,
  PatientPage,
  type PatientCreate,
  type PatientUpdate,
} from '@ketaflow/contract';
import { api } from '../../api/client.ts';

const base = '/api/v1/patients';

export interface PatientSearch {
  readonly name?: string;
  readonly dateOfBirth?: string;
  readonly mrn?: string;
  readonly page: number;
  readonly pageSize: number;
}

export const searchPatients = (query: PatientSearch, signal?: AbortSignal) =>
  api(base, { query: { ...query }, schema: PatientPage, ...(signal ? { signal } : {}) });

export const getPatient = (id: string, signal?: AbortSignal) =>
  api(`${base}/${id}`, { schema: Patient, ...(signal ? { signal } : {}) });

export const createPatient = (body: PatientCreate) =>
  api(base, { method: 'POST', body, schema: Patient });

export const updatePatient = (id: string, body: PatientUpdate) =>
  api(`${base}/${id}`, { method: 'PATCH', body, schema: Patient });

export const patientHistory = (id: string, page: number, signal?: AbortSignal) =>
  api(`${base}/${id}/history`, {
    query: { page, pageSize: 50 },
    schema: PatientHistoryPage,
    ...(signal ? { signal } : {}),
  });
