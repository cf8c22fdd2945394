import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rapidOnset } from './rapid-onset.ts';
import { rules, unwrap } from './test-fixtures.ts';

test('per-session NRS before -> after against the 30 % threshold (IMMPACT, clinical.md 7.1)', () => {
  const result = unwrap(
    rapidOnset(
      [
        { sessionId: 'a', date: '2026-03-10', nrsBefore: 8, nrsAfter: 5 }, // 37.5 %
        { sessionId: 'b', date: '2026-03-11', nrsBefore: 10, nrsAfter: 7 }, // exactly 30 %
        { sessionId: 'c', date: '2026-03-12', nrsBefore: 10, nrsAfter: 8 }, // 20 %
        { sessionId: 'd', date: '2026-03-13', nrsBefore: 5, nrsAfter: 6 }, // worse
        { sessionId: 'e', date: '2026-03-14', nrsBefore: 6 }, // after missing
        { sessionId: 'f', date: '2026-03-15', nrsBefore: 0, nrsAfter: 0 },
      ],
      rules(),
    ),
  );
  assert.deepEqual(
    result.sessions.map((s) => [s.sessionId, s.changePoints, s.status]),
    [
      ['a', -3, 'response'],
      ['b', -3, 'response'],
      ['c', -2, 'no-response'],
      ['d', 1, 'no-response'],
      ['e', null, 'unknown'],
      ['f', 0, 'not-applicable'],
    ],
  );
  assert.equal(result.sessions[0]?.reductionPercent, 37.5);
  assert.equal(result.thresholdPercent, 30);
});

test('an NRS of 11 is rejected, not clamped', () => {
  const bad = rapidOnset(
    [{ sessionId: 'a', date: '2026-03-10', nrsBefore: 11, nrsAfter: 5 }],
    rules(),
  );
  assert.equal(bad.ok ? '' : bad.error.field, 'sessions[0].nrsBefore');
});

test('property: response iff (before - after) x 100 >= 30 x before, exact integer form (seed 11)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      (before, after) => {
        const [s] = unwrap(
          rapidOnset(
            [{ sessionId: 'x', date: '2026-01-01', nrsBefore: before, nrsAfter: after }],
            rules(),
          ),
        ).sessions;
        assert.equal(s?.status === 'response', (before - after) * 100 >= 30 * before);
      },
    ),
    { seed: 11, numRuns: 300 },
  );
});
