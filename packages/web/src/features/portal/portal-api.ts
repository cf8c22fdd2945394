/** Typed calls of the patient portal (packages/server/src/portal and questionnaires). */
import {
  PortalConsent,
  PortalConsentAttestation,
  PortalInvitationAccepted,
  PortalOverview,
  QuestionnaireResponse,
  QuestionnaireResponseList,
  QuestionnairesDue,
  type PortalConsentAttest,
  type QuestionnaireResponseCreate,
} from '@ketaflow/contract';
import { api } from '../../api/client.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const portalOverview = (signal?: AbortSignal) =>
  api('/api/v1/portal/overview', { schema: PortalOverview, ...opts(signal) });

export const questionnairesDue = (signal?: AbortSignal) =>
  api('/api/v1/portal/questionnaires/due', { schema: QuestionnairesDue, ...opts(signal) });

export const ownResponses = (instrumentId: string, signal?: AbortSignal) =>
  api('/api/v1/portal/questionnaire-responses', {
    query: { instrumentId },
    schema: QuestionnaireResponseList,
    ...opts(signal),
  });

export const answerQuestionnaire = (body: QuestionnaireResponseCreate) =>
  api('/api/v1/portal/questionnaire-responses', {
    method: 'POST',
    body,
    schema: QuestionnaireResponse,
  });

export const acceptInvitation = (body: { token: string; password: string; displayName: string }) =>
  api('/api/v1/portal/invitations/accept', {
    method: 'POST',
    body,
    schema: PortalInvitationAccepted,
  });

export const ownConsent = (signal?: AbortSignal) =>
  api('/api/v1/portal/consent', { schema: PortalConsent, ...opts(signal) });

export const attestConsent = (body: PortalConsentAttest) =>
  api('/api/v1/portal/consent-attestations', {
    method: 'POST',
    body,
    schema: PortalConsentAttestation,
  });
