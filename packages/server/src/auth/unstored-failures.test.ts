/**
 * The in-memory count for addresses without an account row follows the account lockout arithmetic
 * (lockout.ts) failure for failure, and stays bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { afterFailure, isLocked, type LockoutState } from './lockout.ts';
import { LOCKOUT_DURATION_MS } from './policy.ts';
import { UnstoredFailures } from './unstored-failures.ts';

const start = new Date('2026-11-25T08:00:00.000Z').getTime();

test('counts like a stored account over any sequence of failure times', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: LOCKOUT_DURATION_MS }), { minLength: 1, maxLength: 40 }),
      (gaps) => {
        const tally = new UnstoredFailures();
        let account: LockoutState = { failedLogins: 0, lockedUntil: null };
        let at = start;
        for (const gap of gaps) {
          at += gap;
          const now = new Date(at);
          // What sign-in does for a stored account: a locked one keeps its count.
          if (!isLocked(account, now)) account = afterFailure(account, now);
          assert.equal(
            tally.record('someone@example.test', now),
            account.failedLogins,
            'same count',
          );
        }
      },
    ),
    { seed: 20261126, numRuns: 200 },
  );
});

test('forgets the least recently failed address past its capacity', () => {
  const tally = new UnstoredFailures(2);
  const now = new Date(start);
  tally.record('a@example.test', now);
  tally.record('b@example.test', now);
  tally.record('a@example.test', now); // a is now the most recent
  tally.record('c@example.test', now); // b is forgotten
  assert.equal(tally.size, 2, 'bounded');
  assert.equal(tally.record('a@example.test', now), 3, 'a kept its count');
  assert.equal(tally.record('b@example.test', now), 1, 'b started afresh');
});
