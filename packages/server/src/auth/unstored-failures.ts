/**
 * Failed sign-ins for addresses that have no stored count — unknown emails and disabled accounts —
 * counted in memory so that their answers slow down exactly like a real account's (T-14a): a
 * difference in timing would otherwise tell an attacker which addresses exist. The same lockout
 * arithmetic as an account (lockout.ts), so a "locked" unknown address stops counting up as a locked
 * account does. Bounded: past `capacity` addresses the least recently failed one is forgotten. Per
 * server process; the per-IP rate limit still bounds an attacker who spreads over several processes.
 */
import { afterFailure, isLocked, type LockoutState } from './lockout.ts';

const DEFAULT_CAPACITY = 10_000;

export class UnstoredFailures {
  private readonly states = new Map<string, LockoutState>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Records one more failure of `address` at `now`; returns the consecutive count to pace it by. */
  record(address: string, now: Date): number {
    const previous = this.states.get(address) ?? { failedLogins: 0, lockedUntil: null };
    // Like a locked account, a locked address answers at its last pace without counting further.
    const next = isLocked(previous, now) ? previous : afterFailure(previous, now);
    this.states.delete(address); // re-inserted last: Map order is recency order
    this.states.set(address, { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil });
    if (this.states.size > this.capacity) {
      const oldest = this.states.keys().next();
      if (oldest.done !== true) this.states.delete(oldest.value);
    }
    return next.failedLogins;
  }

  /** How many addresses are remembered (for tests). */
  get size(): number {
    return this.states.size;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    unstoredFailures: UnstoredFailures;
  }
}
