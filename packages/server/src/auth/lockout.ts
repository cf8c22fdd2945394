/**
 * Account lockout arithmetic: consecutive failures (passwords and one-time codes alike) lock the
 * account for a while after the threshold, and failed passwords are answered ever more slowly before
 * that. Pure; the repository stores the result and the caller waits.
 */
import {
  FAILURE_DELAY_BASE_MS,
  FAILURE_DELAY_FROM,
  FAILURE_DELAY_MAX_MS,
  LOCKOUT_DURATION_MS,
  LOCKOUT_THRESHOLD,
} from './policy.ts';

export interface LockoutState {
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && now.getTime() < state.lockedUntil.getTime();
}

/** The state after one more failure; `locked` is true when this failure started a lockout. */
export function afterFailure(
  state: LockoutState,
  now: Date,
): LockoutState & { readonly locked: boolean } {
  // A lockout that has run out starts a fresh count.
  const expired = state.lockedUntil !== null && !isLocked(state, now);
  const failedLogins = (expired ? 0 : state.failedLogins) + 1;
  if (failedLogins >= LOCKOUT_THRESHOLD) {
    return {
      failedLogins,
      lockedUntil: new Date(now.getTime() + LOCKOUT_DURATION_MS),
      locked: true,
    };
  }
  return { failedLogins, lockedUntil: expired ? null : state.lockedUntil, locked: false };
}

/** How long to hold the answer to a failed sign-in after `consecutiveFailures` failures (T-14a). */
export function failureDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURE_DELAY_FROM) return 0;
  const doublings = Math.min(consecutiveFailures - FAILURE_DELAY_FROM, 30);
  return Math.min(FAILURE_DELAY_MAX_MS, FAILURE_DELAY_BASE_MS * 2 ** doublings);
}
