/**
 * Which session steps a role is offered. Mirrors the server's EVENT_PERMISSION
 * (server/src/sessions/session-service.ts) over its permission map (server/src/access/
 * permissions.ts): a coordinator checks in and cancels; nurses and prescribers do the clinical steps
 * (pre-checks, double check, start/pause/resume/stop, recovery, discharge, transfer). This only hides
 * buttons that would be refused with 403; the server enforces every permission itself.
 */
import type { RoleName, TransitionRequest } from '@ketaflow/contract';

type Event = TransitionRequest['event'];

const CLINICAL: readonly RoleName[] = ['prescriber', 'nurse'];
const DESK: readonly RoleName[] = ['prescriber', 'nurse', 'coordinator'];

/** session.check-in and session.schedule (cancel) are desk steps; everything else is clinical. */
const EVENT_ROLES: Readonly<Record<Event, readonly RoleName[]>> = {
  'check-in': DESK,
  cancel: DESK,
  'complete-prechecks': CLINICAL,
  start: CLINICAL,
  pause: CLINICAL,
  resume: CLINICAL,
  stop: CLINICAL,
  'begin-recovery': CLINICAL,
  discharge: CLINICAL,
  transfer: CLINICAL,
};

/** Whether `role` may record `event` (an unknown event: no). */
export const mayRecord = (role: RoleName, event: string): boolean =>
  (EVENT_ROLES[event as Event] as readonly RoleName[] | undefined)?.includes(role) === true;

/** The blind double check of the pump settings (session.clinical). */
export const mayDoubleCheck = (role: RoleName): boolean => CLINICAL.includes(role);
