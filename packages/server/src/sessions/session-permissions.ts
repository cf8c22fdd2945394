/**
 * Who may record which step of a session: each transition event's permission, the blind double
 * check's, and what of them a session offers to the requester. The services require these; the
 * session view carries the offers so that the web app never shows a button that can only answer 403
 * (and never keeps its own copy of the permission map).
 */
import { allowedEvents, type SessionState } from '@ketaflow/core';
import type { TransitionRequest } from '@ketaflow/contract';
import type { Permission } from '../access/permissions.ts';
import type { Scope } from '../access/scope.ts';

type SessionEvent = TransitionRequest['event'];

/** Check-in and cancelling are desk steps; everything after check-in is clinical. */
export const EVENT_PERMISSION: Readonly<Record<SessionEvent, Permission>> = {
  'check-in': 'session.check-in',
  cancel: 'session.schedule',
  'complete-prechecks': 'session.clinical',
  start: 'session.clinical',
  pause: 'session.clinical',
  resume: 'session.clinical',
  stop: 'session.clinical',
  'begin-recovery': 'session.clinical',
  discharge: 'session.clinical',
  transfer: 'session.clinical',
};

/** Entering the pump settings in the independent double check. */
export const DOUBLE_CHECK_PERMISSION: Permission = 'session.clinical';

/** Transition requests only: core's `record-double-check` is the double check's own endpoint. */
const isSessionEvent = (event: string): event is SessionEvent => event in EVENT_PERMISSION;

export interface SessionOffers {
  /** The events the state allows and the requester's role may record. */
  readonly offeredEvents: string[];
  /** Whether the requester may enter the double check now. */
  readonly offersDoubleCheck: boolean;
}

export function sessionOffers(state: SessionState, scope: Scope): SessionOffers {
  const allowed = allowedEvents(state);
  return {
    offeredEvents: allowed.filter(
      (event) => isSessionEvent(event) && scope.can(EVENT_PERMISSION[event]),
    ),
    offersDoubleCheck:
      allowed.includes('record-double-check') && scope.can(DOUBLE_CHECK_PERMISSION),
  };
}
