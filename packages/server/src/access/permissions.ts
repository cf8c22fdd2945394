/**
 * The permission map: which role may do what. Default deny — a permission not listed for a role is
 * refused. Checked in the data layer (scope.ts), never hand-rolled in route handlers. Feature folders
 * add their permissions here, so the whole policy reads in one place.
 */
import { ROLES } from '../users/schema.ts';

export type Role = (typeof ROLES)[number];
export { ROLES };

const STAFF_CLINICAL = ['admin', 'prescriber', 'nurse', 'coordinator'] as const;

export const PERMISSIONS = {
  /** Read demographics of any patient of the clinic. */
  'patient.read': STAFF_CLINICAL,
  /** A patient account reads its own record (actor.patientId) and nothing else. */
  'patient.read-own': ['patient'],
  /** Create and update patient demographics. */
  'patient.write': STAFF_CLINICAL,
  /** Browse the audit trail. */
  'audit.read': ['admin'],
  /** Create users, change roles, disable users, end their sessions. */
  'user.manage': ['admin'],
  // The controlled-substance ledger (issue 4, DEA Schedule III): nurses and prescribers record what
  // happens at the chair and count at the end of their shift; the admin keeps the stock, balances
  // and reports; others see nothing of it.
  /** Draw a container for a session, record administration and witnessed waste, return. */
  'ledger.record': ['prescriber', 'nurse'],
  /** Witness a waste or a destruction (authenticating at that moment). */
  'ledger.witness': ['admin', 'prescriber', 'nurse'],
  /** See storage locations, lots in stock (no counts) and open containers. */
  'ledger.read': ['admin', 'prescriber', 'nurse'],
  /**
   * Blind end-of-shift and end-of-day counts (T-45). A counter learns whether the count matched,
   * never the expected number: balances are 'ledger.report' alone.
   */
  'ledger.count': ['admin', 'prescriber', 'nurse'],
  /** Receive stock, transfer, destroy, resolve discrepancies, storage locations. */
  'ledger.manage': ['admin'],
  /** Reverse an entry with a reason (a correcting entry; nothing is edited). */
  'ledger.correct': ['admin'],
  /** Balances, incidents, reports per lot and patient, inventories, chain verification. */
  'ledger.report': ['admin'],
  // Outcomes, opioid use, analytics and research (issue 5).
  /** Read a patient's opioid medication list and MME over time. */
  'medication.read': ['prescriber', 'nurse'],
  /** Add, change or stop an opioid on a patient's medication list. */
  'medication.write': ['prescriber', 'nurse'],
  /** Read a patient's outcome page (pain trajectory, responder status, exposure, booster). */
  'outcomes.read': ['prescriber'],
  /** Clinic analytics over cohorts (aggregates only). */
  'analytics.read': ['prescriber', 'researcher'],
  /** Read and record a patient's research consent. */
  'research-consent.read': ['prescriber', 'nurse', 'coordinator'],
  'research-consent.record': ['prescriber', 'nurse', 'coordinator'],
  /** Download the de-identified research export (consenting patients only). */
  'research.export': ['researcher'],
  // Intake, screening, consent, courses and orders (issue 4): clinical staff only; researchers,
  // patients and admins see none of it.
  /** Read intake versions and weights. */
  'intake.read': ['prescriber', 'nurse', 'coordinator'],
  /** Write the clinical sections of the intake. */
  'intake.write-clinical': ['prescriber', 'nurse'],
  /** Write the administrative (referral) section of the intake. */
  'intake.write-administrative': ['prescriber', 'nurse', 'coordinator'],
  /** Record a weight (and height) measurement. */
  'weight.record': ['prescriber', 'nurse'],
  /** See the eligibility evaluation and signed screening decisions. */
  'screening.read': ['prescriber', 'nurse', 'coordinator'],
  /** Sign a screening decision. */
  'screening.sign': ['prescriber'],
  /** Read consent records and whether consent is current. */
  'consent.read': ['prescriber', 'nurse', 'coordinator'],
  /** Record or revoke a patient's consent. */
  'consent.record': ['prescriber', 'nurse'],
  /** Read the clinic's consent text (no PHI). */
  'consent-text.read': ['admin', 'prescriber', 'nurse', 'coordinator'],
  /** Publish a new version of the clinic's consent text. */
  'consent-text.publish': ['admin', 'prescriber'],
  /** Read courses and signed orders (and preview nothing). */
  'course.read': ['prescriber', 'nurse', 'coordinator'],
  /** Create a treatment course. */
  'course.create': ['prescriber'],
  /** Compute (preview) and sign orders. */
  'order.sign': ['prescriber'],
  // Patient portal, questionnaires, care alerts and referrals (issue 5).
  /** A patient answers their own questionnaires and diary and reads their own portal pages. */
  'questionnaire.answer-own': ['patient'],
  /** Read a patient's questionnaire responses, diary and what is due. */
  'questionnaire.read': ['prescriber', 'nurse', 'coordinator'],
  /** Edit a course's questionnaire schedule. */
  'questionnaire-schedule.edit': ['prescriber', 'coordinator'],
  /** See the clinic's urgent care-team alerts (PHQ-9 item 9). */
  'alert.read': ['prescriber', 'nurse'],
  /** Acknowledge an urgent alert. */
  'alert.acknowledge': ['prescriber', 'nurse'],
  /** Invite a patient to the portal. */
  'portal.invite': ['prescriber', 'nurse', 'coordinator'],
  /** See the referral queue. */
  'referral.read': ['prescriber', 'nurse', 'coordinator'],
  /** Work the referral queue (mark contacted or closed). */
  'referral.work': ['nurse', 'coordinator'],
  // Chairs, infusion sessions, charting and the chair board (issue 4): a coordinator schedules and
  // checks in but cannot chart; nurses and prescribers do the clinical steps; researchers see nothing.
  /** Read the clinic's chairs (no PHI). */
  'chair.read': ['admin', 'prescriber', 'nurse', 'coordinator'],
  /** Add a chair. */
  'chair.manage': ['admin'],
  /** Read sessions, their charts and summaries. */
  'session.read': ['prescriber', 'nurse', 'coordinator'],
  /** Schedule a session in a chair and cancel one before it runs. */
  'session.schedule': ['prescriber', 'nurse', 'coordinator'],
  /** Check a patient in. */
  'session.check-in': ['prescriber', 'nurse', 'coordinator'],
  /** Pre-infusion checks, double check, start/pause/resume/stop, recovery, discharge, transfer. */
  'session.clinical': ['prescriber', 'nurse'],
  /** Chart vitals, scores, notes, rate changes, adverse events; acknowledge alarms. */
  'chart.write': ['prescriber', 'nurse'],
  /** Watch the live chair board (patient initials only). */
  'board.read': ['prescriber', 'nurse', 'coordinator'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
