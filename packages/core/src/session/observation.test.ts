import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InfusionEvent } from './cumulative-dose.ts';
import { evaluateObservation, infusionEndedAtMs } from './observation.ts';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 25, 15, 0);
const source = { id: 'test-protocol', version: '1.0.0' };
/** The shipped protocols' rule: at least 60 min after the infusion ends (SCIRP [P13], clinical.md 3.1). */
const rule = { source, minObservationMin: 60 };

test('the infusion ends at the stop, or at a pause that was never resumed', () => {
  const resumed: InfusionEvent[] = [
    { type: 'start', atMs: t0, rateMgPerH: 20 },
    { type: 'pause', atMs: t0 + 10 * MIN },
    { type: 'resume', atMs: t0 + 20 * MIN },
    { type: 'stop', atMs: t0 + 30 * MIN },
  ];
  assert.deepEqual(infusionEndedAtMs(resumed), { ok: true, value: t0 + 30 * MIN });
  const pausedThenStopped: InfusionEvent[] = [
    { type: 'start', atMs: t0, rateMgPerH: 20 },
    { type: 'pause', atMs: t0 + 10 * MIN },
    { type: 'stop', atMs: t0 + 30 * MIN },
  ];
  assert.deepEqual(infusionEndedAtMs(pausedThenStopped), { ok: true, value: t0 + 10 * MIN });
});

test('an infusion that is running, paused or never started has not ended', () => {
  for (const events of [
    [],
    [{ type: 'start', atMs: t0, rateMgPerH: 20 }],
    [
      { type: 'start', atMs: t0, rateMgPerH: 20 },
      { type: 'pause', atMs: t0 + MIN },
    ],
  ] satisfies InfusionEvent[][]) {
    const r = infusionEndedAtMs(events);
    assert.ok(!r.ok, `${JSON.stringify(events)} must not count as ended`);
    assert.equal(r.error.code, 'session.infusion-not-ended');
  }
});

test('events out of order are refused by the cumulative-dose fold, naming the event', () => {
  const r = infusionEndedAtMs([
    { type: 'start', atMs: t0, rateMgPerH: 20 },
    { type: 'stop', atMs: t0 - 1 },
  ]);
  assert.ok(!r.ok, 'a stop before the start is refused');
  assert.equal(r.error.code, 'charting.back-dated-event');
});

test('60 min rule: refused at 59 min 59.999 s, met at exactly 60 min, with the earliest time', () => {
  const events: InfusionEvent[] = [
    { type: 'start', atMs: t0, rateMgPerH: 24.5 },
    { type: 'stop', atMs: t0 + 240 * MIN },
  ];
  const early = evaluateObservation(events, t0 + 300 * MIN - 1, rule);
  assert.ok(early.ok, 'evaluates');
  assert.equal(early.value.met, false);
  assert.equal(early.value.observedMin, 59);
  assert.equal(early.value.earliestDischargeAtMs, t0 + 300 * MIN);
  assert.deepEqual(early.value.source, source);
  const onTime = evaluateObservation(events, t0 + 300 * MIN, rule);
  assert.ok(onTime.ok, 'evaluates');
  assert.equal(onTime.value.met, true);
  assert.equal(onTime.value.observedMin, 60);
});

test('a malformed rule or time is an error, not a silent pass', () => {
  const events: InfusionEvent[] = [
    { type: 'start', atMs: t0, rateMgPerH: 20 },
    { type: 'stop', atMs: t0 + MIN },
  ];
  const fractional = evaluateObservation(events, t0 + 90 * MIN, { source, minObservationMin: 0.5 });
  assert.ok(!fractional.ok, 'fractional minutes are refused');
  assert.equal(fractional.error.field, 'rule.minObservationMin');
  const nan = evaluateObservation(events, Number.NaN, rule);
  assert.ok(!nan.ok, 'NaN time is refused');
  assert.equal(nan.error.field, 'atMs');
});

/** Random legal pump histories that end stopped: start, then pause/resume/rate changes, then stop. */
const stoppedInfusion = fc
  .tuple(
    fc.integer({ min: 0, max: 2 ** 40 }),
    fc.array(fc.tuple(fc.constantFrom('toggle', 'rate-change'), fc.integer({ min: 0, max: 600 })), {
      maxLength: 12,
    }),
    fc.integer({ min: 0, max: 600 }),
  )
  .map(([startMs, steps, stopGapMin]) => {
    const events: InfusionEvent[] = [{ type: 'start', atMs: startMs, rateMgPerH: 20 }];
    let atMs = startMs;
    let running = true;
    for (const [kind, gapMin] of steps) {
      atMs += gapMin * MIN;
      if (kind === 'toggle') {
        events.push({ type: running ? 'pause' : 'resume', atMs });
        running = !running;
      } else if (running) {
        events.push({ type: 'rate-change', atMs, rateMgPerH: 10 });
      }
    }
    events.push({ type: 'stop', atMs: atMs + stopGapMin * MIN });
    return events;
  });

test('property: the end is the first pause or stop after the last start or resume (reference scan)', () => {
  fc.assert(
    fc.property(stoppedInfusion, (events) => {
      const lastOn = events.findLastIndex((e) => e.type === 'start' || e.type === 'resume');
      const reference = events
        .slice(lastOn + 1)
        .find((e) => e.type === 'pause' || e.type === 'stop');
      const ended = infusionEndedAtMs(events);
      return ended.ok && reference !== undefined && ended.value === reference.atMs;
    }),
  );
});

test('property: met exactly when the minimum has passed; observed minutes never overstated and monotone', () => {
  fc.assert(
    fc.property(
      stoppedInfusion,
      fc.integer({ min: 0, max: 1_440 }),
      fc.integer({ min: 0, max: 48 * 60 * MIN }),
      fc.integer({ min: 0, max: 60 * MIN }),
      (events, minObservationMin, afterEndMs, laterMs) => {
        const ended = infusionEndedAtMs(events);
        if (!ended.ok) return false;
        const r = { source, minObservationMin };
        const at = evaluateObservation(events, ended.value + afterEndMs, r);
        const later = evaluateObservation(events, ended.value + afterEndMs + laterMs, r);
        if (!at.ok || !later.ok) return false;
        return (
          at.value.met === afterEndMs >= minObservationMin * MIN &&
          at.value.observedMin * MIN <= afterEndMs &&
          at.value.earliestDischargeAtMs === ended.value + minObservationMin * MIN &&
          later.value.observedMin >= at.value.observedMin &&
          (!at.value.met || later.value.met)
        );
      },
    ),
  );
});
