/**
 * Whether a stored session is still alive at a given instant: not ended, used within the idle timeout
 * and inside its absolute lifetime. Pure, so expiry is tested with explicit instants.
 */
import { IDLE_TIMEOUT_MS } from './policy.ts';

export interface SessionTimes {
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
}

export type SessionState = 'active' | 'ended' | 'idle-expired' | 'absolute-expired';

export function sessionState(session: SessionTimes, now: Date): SessionState {
  if (session.endedAt !== null) return 'ended';
  if (now.getTime() >= session.expiresAt.getTime()) return 'absolute-expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return 'idle-expired';
  return 'active';
}
