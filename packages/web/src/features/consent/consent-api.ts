/** Typed calls to the informed-consent API (routes of packages/server/src/consent). */
import { ConsentRecord, ConsentStatus, ConsentText } from '@ketaflow/contract';
import type { z } from 'zod';
import type { ConsentRecordCreate } from '@ketaflow/contract';
import { api } from '../../api/client.ts';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The clinic's current consent text (version, title, body). */
export const currentConsentText = (signal?: AbortSignal) =>
  api('/api/v1/consent-texts/current', { schema: ConsentText, ...withSignal(signal) });

/** Whether the patient's consent is current, and every record with its revocation. */
export const consentStatus = (patientId: string, signal?: AbortSignal) =>
  api(`/api/v1/patients/${patientId}/consents`, { schema: ConsentStatus, ...withSignal(signal) });

/** Idempotent by `body.id`: a retry answers the stored record. */
export const recordConsent = (patientId: string, body: z.infer<typeof ConsentRecordCreate>) =>
  api(`/api/v1/patients/${patientId}/consents`, { method: 'POST', body, schema: ConsentRecord });
