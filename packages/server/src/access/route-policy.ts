/**
 * The route × role policy (T-9): for every route of the OpenAPI document, the callers expected to get a
 * 2xx. Everyone else must not. `access/authorization-matrix.int.test.ts` calls every route as
 * anonymous, as each role and as a member of another clinic, fails on any unexpected 2xx, and fails
 * when a route has no entry here (so no route ships without a decision). Feature folders add their
 * routes' lines here and their request fixtures in testing/route-requests.ts.
 *
 * Keys are `METHOD /openapi/path/{param}`. An empty list means: no caller in the matrix scenario (a
 * ready session in its own clinic) succeeds; the route is exercised by its own tests.
 */
import { ROLES, type Role } from './permissions.ts';

export type Caller = Role | 'anonymous';

const SIGNED_IN: readonly Caller[] = ROLES;
const STAFF_CLINICAL: readonly Caller[] = ['admin', 'prescriber', 'nurse', 'coordinator'];
/** The care team of issue 4 (admins and researchers see no clinical records). */
const CLINICAL_TEAM: readonly Caller[] = ['prescriber', 'nurse', 'coordinator'];
/** Roles without a second factor at sign-in (others already enrolled one). */
const WITHOUT_MFA: readonly Caller[] = ['nurse', 'coordinator', 'researcher', 'patient'];

export const ROUTE_POLICY: Readonly<Record<string, readonly Caller[]>> = {
  // auth: sign-in is public; the rest act on the caller's own session.
  'POST /api/v1/auth/login': ['anonymous', ...SIGNED_IN],
  'GET /api/v1/auth/session': SIGNED_IN,
  'POST /api/v1/auth/logout': SIGNED_IN,
  'POST /api/v1/auth/mfa/enrol': WITHOUT_MFA,
  'POST /api/v1/auth/mfa/confirm': WITHOUT_MFA,
  // A ready session has used the current code already; verification has its own tests.
  'POST /api/v1/auth/mfa/verify': [],
  'POST /api/v1/auth/password': SIGNED_IN,
  'POST /api/v1/auth/clinic': SIGNED_IN,

  // users: admins manage the members of their active clinic.
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PUT /api/v1/users/{userId}/role': ['admin'],
  'POST /api/v1/users/{userId}/disable': ['admin'],
  'POST /api/v1/users/{userId}/enable': ['admin'],
  'POST /api/v1/users/{userId}/end-sessions': ['admin'],
  'POST /api/v1/users/{userId}/unlock': ['admin'],
  'POST /api/v1/users/{userId}/reset-password': ['admin'],
  'POST /api/v1/users/{userId}/reset-mfa': ['admin'],

  // patients: clinical staff (patient accounts see only their own record, not the fixture's).
  'POST /api/v1/patients': STAFF_CLINICAL,
  'GET /api/v1/patients': STAFF_CLINICAL,
  'GET /api/v1/patients/{id}': STAFF_CLINICAL,
  'PATCH /api/v1/patients/{id}': STAFF_CLINICAL,
  'GET /api/v1/patients/{id}/history': STAFF_CLINICAL,

  // audit: admins browse the trail.
  'GET /api/v1/audit': ['admin'],

  // controlled-substance ledger (issue 4): the admin keeps stock and reports; nurses and
  // prescribers draw, administer, waste and count (entries' fixture is a receipt, hence admin only).
  'POST /api/v1/ledger/locations': ['admin'],
  'GET /api/v1/ledger/locations': ['admin', 'prescriber', 'nurse'],
  'POST /api/v1/ledger/entries': ['admin'],
  'GET /api/v1/ledger/entries': ['admin'],
  'GET /api/v1/ledger/availability': ['admin', 'prescriber', 'nurse'],
  'GET /api/v1/ledger/sessions/{sessionId}/administration': ['prescriber', 'nurse'],
  'GET /api/v1/ledger/incidents': ['admin'],
  'GET /api/v1/ledger/reports/lot': ['admin'],
  'GET /api/v1/ledger/reports/patients/{patientId}': ['admin'],
  'GET /api/v1/ledger/reports/inventory': ['admin'],
  'GET /api/v1/ledger/verify': ['admin'],

  // analytics: aggregates for prescribers and researchers.
  'GET /api/v1/analytics/cohort-bands': ['prescriber', 'researcher'],
  'POST /api/v1/analytics/cohorts/summary': ['prescriber', 'researcher'],
  'POST /api/v1/analytics/cohorts/compare': ['prescriber', 'researcher'],

  // medications: the opioid list and MME over time, for prescribers and nurses.
  'POST /api/v1/patients/{patientId}/medications': ['prescriber', 'nurse'],
  'PUT /api/v1/patients/{patientId}/medications/{medicationId}': ['prescriber', 'nurse'],
  'GET /api/v1/patients/{patientId}/medications': ['prescriber', 'nurse'],
  'GET /api/v1/patients/{patientId}/mme': ['prescriber', 'nurse'],

  // research: consent recorded by clinical staff; the de-identified export for researchers only.
  'POST /api/v1/patients/{patientId}/research-consent': ['prescriber', 'nurse', 'coordinator'],
  'GET /api/v1/patients/{patientId}/research-consent': ['prescriber', 'nurse', 'coordinator'],
  'GET /api/v1/research/export': ['researcher'],
  // outcomes: the per-patient outcome page for prescribers.
  'GET /api/v1/patients/{patientId}/outcomes': ['prescriber'],

  // intake, screening, consent, courses and orders (issue 4): clinical staff; prescribers sign.
  'GET /api/v1/patients/{patientId}/intake': CLINICAL_TEAM,
  'PUT /api/v1/patients/{patientId}/intake': CLINICAL_TEAM,
  'GET /api/v1/patients/{patientId}/intake/history': CLINICAL_TEAM,
  'POST /api/v1/patients/{patientId}/weights': ['prescriber', 'nurse'],
  'GET /api/v1/patients/{patientId}/weights': CLINICAL_TEAM,
  'GET /api/v1/patients/{patientId}/screening': CLINICAL_TEAM,
  'POST /api/v1/patients/{patientId}/screening/decisions': ['prescriber'],
  'GET /api/v1/patients/{patientId}/screening/decisions': CLINICAL_TEAM,
  'GET /api/v1/consent-texts/current': STAFF_CLINICAL,
  'POST /api/v1/consent-texts': ['admin', 'prescriber'],
  'GET /api/v1/patients/{patientId}/consents': CLINICAL_TEAM,
  'POST /api/v1/patients/{patientId}/consents': ['prescriber', 'nurse'],
  'POST /api/v1/consents/{consentId}/revoke': ['prescriber', 'nurse'],
  'GET /api/v1/protocols': CLINICAL_TEAM,
  'POST /api/v1/patients/{patientId}/courses': ['prescriber'],
  'GET /api/v1/patients/{patientId}/courses': CLINICAL_TEAM,
  'GET /api/v1/courses/{courseId}': CLINICAL_TEAM,
  'POST /api/v1/courses/{courseId}/orders/preview': ['prescriber'],
  'POST /api/v1/courses/{courseId}/orders': ['prescriber'],
  'GET /api/v1/courses/{courseId}/orders': CLINICAL_TEAM,
  'GET /api/v1/orders/{orderId}': CLINICAL_TEAM,
  // portal, questionnaires, alerts, referrals (issue 5). Patient routes act on actor.patientId.
  'POST /api/v1/portal/questionnaire-responses': ['patient'],
  'GET /api/v1/portal/questionnaire-responses': ['patient'],
  'GET /api/v1/portal/questionnaires/due': ['patient'],
  'GET /api/v1/patients/{patientId}/questionnaire-responses': CLINICAL_TEAM,
  'GET /api/v1/patients/{patientId}/questionnaires/due': CLINICAL_TEAM,
  'GET /api/v1/courses/{courseId}/questionnaire-schedule': CLINICAL_TEAM,
  'PUT /api/v1/courses/{courseId}/questionnaire-schedule': ['prescriber', 'coordinator'],
  'GET /api/v1/courses/{courseId}/questionnaire-schedule/history': CLINICAL_TEAM,
  'GET /api/v1/alerts': ['prescriber', 'nurse'],
  'POST /api/v1/patients/{patientId}/portal-invitations': CLINICAL_TEAM,
  // Public: the fixture hands every caller a fresh valid link.
  'POST /api/v1/portal/invitations/accept': ['anonymous', ...SIGNED_IN],
  'GET /api/v1/portal/overview': ['patient'],
  'GET /api/v1/portal/consent': ['patient'],
  'POST /api/v1/portal/consent-attestations': ['patient'],
  'GET /api/v1/patients/{patientId}/consent-attestations': CLINICAL_TEAM,
  // Needs a patient's attestation; countersigning is covered by portal/consent-attestation.int.test.ts.
  'POST /api/v1/patients/{patientId}/consent-attestations/{attestationId}/countersign': [],
  // Public form: anyone may load it and send a request.
  'GET /api/v1/public/referral-form': ['anonymous', ...SIGNED_IN],
  'POST /api/v1/public/referrals': ['anonymous', ...SIGNED_IN],
  'GET /api/v1/referrals': CLINICAL_TEAM,
  // No referral exists in the matrix clinics; working the queue is tested in referrals/.
  'PATCH /api/v1/referrals/{referralId}': [],
  // Needs an open alert; acknowledging is covered by questionnaires/crisis-alert.int.test.ts.
  'POST /api/v1/alerts/{alertId}/acknowledge': [],

  // chairs, infusion sessions, charting, chair board (issue 4): coordinators schedule, check in and
  // watch the board but never chart; nurses and prescribers do the clinical steps; researchers nothing.
  'POST /api/v1/chairs': ['admin'],
  'GET /api/v1/chairs': STAFF_CLINICAL,
  'POST /api/v1/sessions': ['prescriber', 'nurse', 'coordinator'],
  'GET /api/v1/sessions/{id}': ['prescriber', 'nurse', 'coordinator'],
  'POST /api/v1/sessions/{id}/transitions': ['prescriber', 'nurse', 'coordinator'],
  'POST /api/v1/sessions/{id}/double-check': ['prescriber', 'nurse'],
  'POST /api/v1/sessions/{id}/chart': ['prescriber', 'nurse'],
  'GET /api/v1/sessions/{id}/chart': ['prescriber', 'nurse', 'coordinator'],
  'GET /api/v1/sessions/{id}/record': ['prescriber', 'nurse', 'coordinator'],
  'GET /api/v1/board': ['prescriber', 'nurse', 'coordinator'],
};
