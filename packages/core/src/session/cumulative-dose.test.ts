import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  administeredDose,
  wouldExceedCap,
  type DoseCaps,
  type InfusionEvent,
} from './cumulative-dose.ts';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 14, 0);
const source = { id: 'test-protocol', version: '1.0.0' };

test('golden: Schwartzman 2009 regimen 0.35 mg/kg/h × 70 kg = 24.5 mg/h for 4 h = 98 mg (exact, tolerance 0)', () => {
  const r = administeredDose(
    [
      { type: 'start', atMs: t0, rateMgPerH: 24.5 },
      { type: 'stop', atMs: t0 + 4 * H },
    ],
    t0 + 5 * H,
  );
  assert.ok(r.ok);
  assert.equal(r.value.administeredUg, 98_000);
  assert.equal(r.value.status, 'stopped');
  assert.equal(r.value.runningMs, 4 * H);
});

test('pauses do not count; resume continues at the rate before the pause; rate changes apply from their time', () => {
  const events: InfusionEvent[] = [
    { type: 'start', atMs: t0, rateMgPerH: 20 },
    { type: 'pause', atMs: t0 + H },
    { type: 'resume', atMs: t0 + 2 * H },
    { type: 'rate-change', atMs: t0 + 2.5 * H, rateMgPerH: 10 },
  ];
  const r = administeredDose(events, t0 + 3 * H);
  // 20 mg/h × 1 h + 20 mg/h × 0.5 h + 10 mg/h × 0.5 h = 35 mg
  assert.ok(r.ok);
  assert.equal(r.value.administeredUg, 35_000);
  assert.equal(r.value.status, 'running');
  assert.equal(r.value.rateUgPerH, 10_000);
});

test('rounds up to the whole microgram: 1 mg/h for 1 ms is 1/3600 µg, charted as 1 µg', () => {
  const r = administeredDose([{ type: 'start', atMs: t0, rateMgPerH: 1 }], t0 + 1);
  assert.ok(r.ok);
  assert.equal(r.value.administeredUg, 1);
});

test('a back-dated rate change is refused, naming the event', () => {
  const r = administeredDose(
    [
      { type: 'start', atMs: t0, rateMgPerH: 20 },
      { type: 'rate-change', atMs: t0 - 1, rateMgPerH: 10 },
    ],
    t0 + H,
  );
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'charting.back-dated-event');
  assert.equal(r.error.field, 'events[1].atMs');
  const asOf = administeredDose([{ type: 'start', atMs: t0, rateMgPerH: 20 }], t0 - 1);
  assert.ok(!asOf.ok);
  assert.equal(asOf.error.field, 'asOfMs');
});

test('events out of order are refused: double start, resume while running, rate change while paused, anything after stop', () => {
  const start: InfusionEvent = { type: 'start', atMs: t0, rateMgPerH: 20 };
  const bad: InfusionEvent[][] = [
    [start, { type: 'start', atMs: t0 + 1, rateMgPerH: 20 }],
    [start, { type: 'resume', atMs: t0 + 1 }],
    [start, { type: 'pause', atMs: t0 + 1 }, { type: 'rate-change', atMs: t0 + 2, rateMgPerH: 5 }],
    [start, { type: 'stop', atMs: t0 + 1 }, { type: 'resume', atMs: t0 + 2 }],
    [{ type: 'stop', atMs: t0 }],
  ];
  for (const events of bad) {
    const r = administeredDose(events, t0 + H);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'charting.event-out-of-order');
  }
});

test('rates must be > 0 with at most 3 decimals (reject, never round)', () => {
  for (const rate of [0, -5, 24.5001, Number.NaN]) {
    const r = administeredDose([{ type: 'start', atMs: t0, rateMgPerH: rate }], t0 + H);
    assert.ok(!r.ok, String(rate));
    assert.equal(r.error.code, 'charting.invalid-amount');
  }
  // Float noise from mL/h × mg/mL (2.3 × 10 = 23.000000000000004) is accepted as 23 mg/h.
  const noisy = administeredDose([{ type: 'start', atMs: t0, rateMgPerH: 2.3 * 10 }], t0 + H);
  assert.ok(noisy.ok);
  assert.equal(noisy.value.administeredUg, 23_000);
});

const caps: DoseCaps = { sessionMaxMg: 100, dailyMaxMg: 150, source };

test('cap check: 25 mg/h for 4 h reaches exactly the 100 mg session cap (Schwartzman ≤ 100 mg per session) and is allowed', () => {
  const r = wouldExceedCap({
    events: [],
    next: { type: 'start', atMs: t0, rateMgPerH: 25 },
    plannedStopAtMs: t0 + 4 * H,
    earlierTodayUg: 0,
    caps,
  });
  assert.ok(r.ok);
  assert.equal(r.value.exceeds, false);
  assert.equal(r.value.projectedSessionUg, 100_000);
  assert.equal(r.value.capReachedAtMs, t0 + 4 * H);
});

test('cap check: a rate increase that would pass the session cap before the planned stop is flagged', () => {
  const events: InfusionEvent[] = [{ type: 'start', atMs: t0, rateMgPerH: 25 }];
  const r = wouldExceedCap({
    events,
    next: { type: 'rate-change', atMs: t0 + H, rateMgPerH: 30 },
    plannedStopAtMs: t0 + 4 * H,
    earlierTodayUg: 0,
    caps,
  });
  assert.ok(r.ok);
  assert.equal(r.value.exceeds, true);
  assert.equal(r.value.limitingCap, 'session');
  assert.equal(r.value.projectedSessionUg, 115_000);
  // 75 mg of room at 30 mg/h lasts 2.5 h from the change.
  assert.equal(r.value.capReachedAtMs, t0 + 3.5 * H);
});

test('cap check: what was given earlier today counts against the daily cap', () => {
  const r = wouldExceedCap({
    events: [],
    next: { type: 'start', atMs: t0, rateMgPerH: 20 },
    plannedStopAtMs: t0 + 4 * H,
    earlierTodayUg: 80_000,
    caps,
  });
  assert.ok(r.ok);
  assert.equal(r.value.exceeds, true);
  assert.equal(r.value.limitingCap, 'daily');
  assert.equal(r.value.projectedDayUg, 160_000);
});

/**
 * T-36 (safety-security.md), model-based: random sequences of pump commands and clock advances.
 * The caller checks every start, rate change and resume with wouldExceedCap and stops at the
 * planned stop. After every command: the charted total equals the exact integral of the reference
 * model (BigInt µg·ms/h) rounded up, so it never under-reports and over-reports by < 1 µg; the
 * session and daily caps hold; a back-dated event is refused.
 */
test('property T-36: never under-reports, never back-dates, caps hold under a checking caller (10,000 sequences, seed 36)', () => {
  const command = fc.oneof(
    fc.record({ kind: fc.constant('start' as const), rateUg: fc.integer({ min: 1, max: 60_000 }) }),
    fc.record({ kind: fc.constant('rate' as const), rateUg: fc.integer({ min: 1, max: 60_000 }) }),
    fc.record({ kind: fc.constant('pause' as const) }),
    fc.record({ kind: fc.constant('resume' as const) }),
    fc.record({ kind: fc.constant('stop' as const) }),
    fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 2 * H }) }),
    fc.record({ kind: fc.constant('backdate' as const), ms: fc.integer({ min: 1, max: H }) }),
  );
  fc.assert(
    fc.property(
      fc.array(command, { maxLength: 50 }),
      fc.integer({ min: 1, max: 8 * H }),
      fc.integer({ min: 0, max: 150_000 }),
      (commands, plannedDurationMs, earlierTodayUg) => {
        const events: InfusionEvent[] = [];
        let clock = t0;
        let plannedStop = Number.POSITIVE_INFINITY;
        // Reference model: status, rate and the exact integral as BigInt.
        let status: 'not-started' | 'running' | 'paused' | 'stopped' = 'not-started';
        let rate = 0n;
        let integral = 0n;
        let lastMs = t0;
        const advanceModel = (to: number): void => {
          if (status === 'running') integral += rate * BigInt(to - lastMs);
          lastMs = to;
        };
        const record = (event: InfusionEvent): void => {
          events.push(event);
          advanceModel(event.atMs);
        };
        const allowed = (next: InfusionEvent): boolean => {
          const check = wouldExceedCap({
            events,
            next,
            plannedStopAtMs: plannedStop,
            earlierTodayUg,
            caps,
          });
          assert.ok(check.ok, check.ok ? '' : check.error.message);
          return !check.value.exceeds;
        };
        for (const c of commands) {
          switch (c.kind) {
            case 'start':
              if (status !== 'not-started') break;
              plannedStop = clock + plannedDurationMs;
              if (allowed({ type: 'start', atMs: clock, rateMgPerH: c.rateUg / 1000 })) {
                record({ type: 'start', atMs: clock, rateMgPerH: c.rateUg / 1000 });
                status = 'running';
                rate = BigInt(c.rateUg);
              }
              break;
            case 'rate':
              if (status !== 'running') break;
              if (allowed({ type: 'rate-change', atMs: clock, rateMgPerH: c.rateUg / 1000 })) {
                record({ type: 'rate-change', atMs: clock, rateMgPerH: c.rateUg / 1000 });
                rate = BigInt(c.rateUg);
              }
              break;
            case 'pause':
              if (status !== 'running') break;
              record({ type: 'pause', atMs: clock });
              status = 'paused';
              break;
            case 'resume':
              if (status !== 'paused') break;
              if (allowed({ type: 'resume', atMs: clock })) {
                record({ type: 'resume', atMs: clock });
                status = 'running';
              }
              break;
            case 'stop':
              if (status !== 'running' && status !== 'paused') break;
              record({ type: 'stop', atMs: clock });
              status = 'stopped';
              break;
            case 'advance': {
              const to = clock + c.ms;
              if ((status === 'running' || status === 'paused') && to >= plannedStop) {
                clock = plannedStop;
                record({ type: 'stop', atMs: clock });
                status = 'stopped';
              } else {
                clock = to;
              }
              break;
            }
            case 'backdate': {
              const last = events.at(-1);
              if (last === undefined) break;
              const r = administeredDose(
                [...events, { type: 'stop', atMs: last.atMs - c.ms }],
                clock,
              );
              assert.equal(r.ok ? 'accepted' : r.error.code, 'charting.back-dated-event');
              break;
            }
          }
          advanceModel(clock);
          const now = administeredDose(events, clock);
          assert.ok(now.ok, now.ok ? '' : now.error.message);
          const charted = BigInt(now.value.administeredUg) * BigInt(H);
          assert.ok(charted >= integral, 'never under-reports');
          assert.ok(charted < integral + BigInt(H), 'over-reports by less than 1 µg');
          assert.ok(now.value.administeredUg <= 100_000, 'session cap holds');
          assert.ok(earlierTodayUg + now.value.administeredUg <= 150_000, 'daily cap holds');
        }
      },
    ),
    { seed: 36, numRuns: 10_000 },
  );
});
