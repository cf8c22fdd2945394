/**
 * When a container may be drawn for an infusion session, from the session state machine
 * (session-state.ts): from check-in until the infusion stops, while the patient is in the clinic
 * and the drug can still be given. A session that has ended (stopped, in recovery, discharged,
 * transferred, cancelled) takes a late-documented draw only when the draw's own time falls in
 * that window (21 CFR 1304.21: the record states the actual time of the event); a draw for a
 * session never checked in is refused, since a no-show would leave a drawn container.
 */
import { err, ok, type Result } from '../result.ts';
import type { SessionState } from '../session/session-state.ts';

/** States in which the drug for the session is prepared or given. */
export const DRAWABLE_SESSION_STATES: readonly SessionState[] = [
  'checked-in',
  'prechecks-done',
  'double-checked',
  'running',
  'paused',
];

/** One recorded state change of the session, epoch ms. */
export interface SessionStep {
  readonly from: string;
  readonly to: string;
  readonly atMs: number;
}

const drawable = (state: string): boolean =>
  (DRAWABLE_SESSION_STATES as readonly string[]).includes(state);

/**
 * Whether a draw at `drawAtMs` fits the session now in `state` with the recorded `steps`.
 * Errors: `ledger.session-not-drawable` (field `sessionId`) when the session never reached a
 * drawable state, `ledger.draw-outside-session` (field `occurredAt`) when it ended before the draw.
 */
export function checkDrawTime(
  state: string,
  steps: readonly SessionStep[],
  drawAtMs: number,
): Result<true> {
  if (drawable(state)) return ok(true);
  const start = steps.find((s) => s.to === 'checked-in')?.atMs;
  const end = steps.find((s) => drawable(s.from) && !drawable(s.to))?.atMs;
  if (start === undefined || end === undefined) {
    return err({
      code: 'ledger.session-not-drawable',
      field: 'sessionId',
      message: `The session is ${state} and was never checked in for an infusion; nothing can be drawn for it.`,
    });
  }
  if (drawAtMs < start || drawAtMs >= end) {
    return err({
      code: 'ledger.draw-outside-session',
      field: 'occurredAt',
      message:
        `The session is ${state}: a draw for it must have happened between check-in ` +
        `(${new Date(start).toISOString()}) and the end of its infusion (${new Date(end).toISOString()}).`,
    });
  }
  return ok(true);
}
