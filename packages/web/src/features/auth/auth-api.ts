/** Typed calls to the sign-in and session API (routes of packages/server/src/auth). */
import {
  MfaEnrolment,
  SessionInfo,
  type LoginBody,
  type MfaCodeBody,
  type PasswordChangeBody,
  type SwitchClinicBody,
} from '@ketaflow/contract';
import { api } from '../../api/client.ts';

const base = '/api/v1/auth';

export const readSession = () => api(`${base}/session`, { schema: SessionInfo });

export const signIn = (body: LoginBody) =>
  api(`${base}/login`, { method: 'POST', body, schema: SessionInfo });

export const verifyMfa = (body: MfaCodeBody) =>
  api(`${base}/mfa/verify`, { method: 'POST', body, schema: SessionInfo });

export const startMfaEnrolment = () =>
  api(`${base}/mfa/enrol`, { method: 'POST', schema: MfaEnrolment });

export const confirmMfaEnrolment = (body: MfaCodeBody) =>
  api(`${base}/mfa/confirm`, { method: 'POST', body, schema: SessionInfo });

export const changePassword = (body: PasswordChangeBody) =>
  api(`${base}/password`, { method: 'POST', body, schema: SessionInfo });

export const switchClinic = (body: SwitchClinicBody) =>
  api(`${base}/clinic`, { method: 'POST', body, schema: SessionInfo });

export const signOut = () => api(`${base}/logout`, { method: 'POST' });
