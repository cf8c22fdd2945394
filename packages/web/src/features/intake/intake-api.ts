/** Typed calls to the intake API (routes of packages/server/src/intake). */
import { Intake, type IntakeSave } from '@ketaflow/contract';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/problem.ts';

const url = (patientId: string) => `/api/v1/patients/${patientId}/intake`;

/** The current intake version, or null before the first save (the server answers 404 then). */
export async function getIntake(patientId: string, signal?: AbortSignal): Promise<Intake | null> {
  try {
    return await api(url(patientId), { schema: Intake, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.problem.code === 'intake.not-found') return null;
    throw error;
  }
}

/** A new version; `body.version` is the one edited (409 when someone saved in between). */
export const saveIntake = (patientId: string, body: IntakeSave) =>
  api(url(patientId), { method: 'PUT', body, schema: Intake });
