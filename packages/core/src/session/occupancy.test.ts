import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { listProtocols } from '../dosing/registry.ts';
import { longestOccupancyMin, overlaps, plannedOccupancy, type Occupancy } from './occupancy.ts';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 25, 16, 0);
const rule = { source: { id: 'test-protocol', version: '1.0.0' }, minObservationMin: 60 };

test('a 240-min infusion with 60 min observation holds the chair for 300 min', () => {
  const r = plannedOccupancy(t0, 240, rule);
  assert.ok(r.ok, 'valid input');
  assert.deepEqual(r.value, { startMs: t0, endMs: t0 + 300 * MIN });
});

test('end-to-start contact is not an overlap; one minute into it is', () => {
  const first: Occupancy = { startMs: t0, endMs: t0 + 300 * MIN };
  assert.equal(overlaps(first, { startMs: t0 + 300 * MIN, endMs: t0 + 600 * MIN }), false);
  assert.equal(overlaps(first, { startMs: t0 + 299 * MIN, endMs: t0 + 600 * MIN }), true);
  assert.equal(overlaps(first, { startMs: t0 - 60 * MIN, endMs: t0 + MIN }), true);
});

test('malformed durations and times are errors naming the field', () => {
  const fractional = plannedOccupancy(t0, 2.5, rule);
  assert.ok(!fractional.ok, 'fractional minutes are refused');
  assert.equal(fractional.error.field, 'durationMin');
  const badRule = plannedOccupancy(t0, 30, { ...rule, minObservationMin: -1 });
  assert.ok(!badRule.ok, 'a negative observation is refused');
  assert.equal(badRule.error.field, 'rule.minObservationMin');
  const nan = plannedOccupancy(Number.NaN, 30, rule);
  assert.ok(!nan.ok, 'NaN is refused');
});

test('the longest occupancy of the shipped protocols covers each of them (neuropathic-pain-amr: 300 + 60 min)', () => {
  const protocols = listProtocols();
  const longest = longestOccupancyMin(protocols);
  assert.equal(longest, 360);
  for (const p of protocols) {
    assert.ok(p.sessionDurationMin + p.discharge.minObservationMin <= longest, p.ref.id);
  }
});

const interval = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 1_000 }))
  .map(([start, length]): Occupancy => ({ startMs: start * MIN, endMs: (start + length) * MIN }));

test('property: overlap of non-empty intervals is symmetric and means a shared minute (enumerated)', () => {
  fc.assert(
    fc.property(interval, interval, (a, b) => {
      let shared = false;
      for (let m = a.startMs; m < a.endMs && !shared; m += MIN) {
        shared = m >= b.startMs && m < b.endMs;
      }
      return overlaps(a, b) === overlaps(b, a) && overlaps(a, b) === shared;
    }),
  );
});
