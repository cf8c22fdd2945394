/**
 * Lockout: the 10th consecutive failure locks for 15 minutes (T-14a); an expired lock starts afresh.
 * Progressive delay: nothing before the 5th failure, then 1 s doubling to at most 16 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { afterFailure, failureDelayMs, isLocked, type LockoutState } from './lockout.ts';
import {
  FAILURE_DELAY_BASE_MS,
  FAILURE_DELAY_FROM,
  FAILURE_DELAY_MAX_MS,
  LOCKOUT_DURATION_MS,
  LOCKOUT_THRESHOLD,
} from './policy.ts';

const now = new Date('2026-11-25T08:00:00.000Z');
const clean: LockoutState = { failedLogins: 0, lockedUntil: null };

function fail(times: number, state: LockoutState = clean) {
  let current = { ...state, locked: false };
  for (let i = 0; i < times; i += 1) current = afterFailure(current, now);
  return current;
}

test('locked exactly from the 10th consecutive failure, for 15 minutes', () => {
  assert.equal(LOCKOUT_THRESHOLD, 10);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: LOCKOUT_THRESHOLD }), (failures) => {
      const state = fail(failures);
      assert.equal(state.failedLogins, failures);
      assert.equal(isLocked(state, now), failures >= LOCKOUT_THRESHOLD);
      assert.equal(state.locked, failures === LOCKOUT_THRESHOLD, 'the 10th failure starts it');
    }),
    { seed: 20261125, numRuns: 100 },
  );
  const locked = fail(LOCKOUT_THRESHOLD);
  assert.equal(locked.lockedUntil?.getTime(), now.getTime() + LOCKOUT_DURATION_MS);
  assert.equal(isLocked(locked, new Date(now.getTime() + LOCKOUT_DURATION_MS - 1)), true);
  assert.equal(isLocked(locked, new Date(now.getTime() + LOCKOUT_DURATION_MS)), false);
});

test('a failure after an expired lock starts a fresh count', () => {
  const expired = { failedLogins: 10, lockedUntil: new Date(now.getTime() - 1) };
  const next = afterFailure(expired, now);
  assert.deepEqual(next, { failedLogins: 1, lockedUntil: null, locked: false });
});

test('failed sign-ins are answered progressively slower from the 5th failure, up to a cap', () => {
  assert.equal(FAILURE_DELAY_FROM, 5);
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(failureDelayMs),
    [0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 16_000],
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000 }), (failures) => {
      const ms = failureDelayMs(failures);
      assert.equal(ms === 0, failures < FAILURE_DELAY_FROM, 'no delay before the 5th failure');
      assert.ok(ms <= FAILURE_DELAY_MAX_MS, 'never above the cap');
      assert.ok(failureDelayMs(failures + 1) >= ms, 'never shorter after one more failure');
      if (failures >= FAILURE_DELAY_FROM) {
        const doubled = Math.min(FAILURE_DELAY_MAX_MS, 2 * ms);
        assert.equal(failureDelayMs(failures + 1), doubled, 'doubles until the cap');
        assert.ok(ms >= FAILURE_DELAY_BASE_MS, 'at least the base once it starts');
      }
    }),
    { seed: 20261126, numRuns: 200 },
  );
});
