/** Session expiry: idle 30 min (NIST SP 800-63B §4.2.3), absolute 12 h, ended stays ended. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS } from './policy.ts';
import { sessionState } from './session-state.ts';

const start = new Date('2026-11-25T08:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const fresh = { lastSeenAt: start, expiresAt: at(ABSOLUTE_LIFETIME_MS), endedAt: null };

test('boundaries: idle at exactly 30 min, absolute at exactly 12 h', () => {
  assert.equal(IDLE_TIMEOUT_MS, 30 * 60_000);
  assert.equal(ABSOLUTE_LIFETIME_MS, 12 * 3_600_000);
  assert.equal(sessionState(fresh, at(IDLE_TIMEOUT_MS - 1)), 'active');
  assert.equal(sessionState(fresh, at(IDLE_TIMEOUT_MS)), 'idle-expired');
  const busy = { ...fresh, lastSeenAt: at(ABSOLUTE_LIFETIME_MS - 1) };
  assert.equal(sessionState(busy, at(ABSOLUTE_LIFETIME_MS - 1)), 'active');
  assert.equal(sessionState(busy, at(ABSOLUTE_LIFETIME_MS)), 'absolute-expired');
  assert.equal(sessionState({ ...fresh, endedAt: start }, start), 'ended');
});

test('active exactly when not ended, used within 30 min and inside 12 h', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: ABSOLUTE_LIFETIME_MS + 3_600_000 }),
      fc.integer({ min: 0, max: 2 * IDLE_TIMEOUT_MS }),
      fc.boolean(),
      (lastSeenOffset, idle, ended) => {
        const session = { ...fresh, lastSeenAt: at(lastSeenOffset), endedAt: ended ? start : null };
        const now = at(lastSeenOffset + idle);
        const expected = !ended && now < session.expiresAt && idle < IDLE_TIMEOUT_MS;
        assert.equal(sessionState(session, now) === 'active', expected);
      },
    ),
    { seed: 20261125, numRuns: 500 },
  );
});
