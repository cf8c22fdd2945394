/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clinicDayTime, recentClinicTime } from './clinic-clock.ts';

const LA = 'America/Los_Angeles';
const at = (iso: string): Date => new Date(iso);

test('a time later than the clinic clock now is last night, not later today', () => {
  // 00:05 PST on 26 Nov: 23:50 was ten minutes after 23:40 yesterday, never 23 h ahead.
  const now = at('2026-11-26T08:05:00.000Z');
  assert.deepEqual(recentClinicTime('23:50', now, LA), {
    ok: true,
    instant: '2026-11-26T07:50:00.000Z',
    day: 'yesterday',
  });
  assert.deepEqual(recentClinicTime('00:02', now, LA), {
    ok: true,
    instant: '2026-11-26T08:02:00.000Z',
    day: 'today',
  });
  assert.equal(clinicDayTime('2026-11-26T07:50:00.000Z', LA), '25 Nov 23:50 PST');
});

test('the clinic date counts, not the browser date', () => {
  // 07:30 UTC on the 26th is still 23:30 on the 25th in Los Angeles.
  const now = at('2026-11-26T07:30:00.000Z');
  const r = recentClinicTime('14:05', now, LA);
  assert.ok(r.ok);
  assert.equal(r.instant, '2026-11-25T22:05:00.000Z');
  assert.equal(r.day, 'today');
  assert.deepEqual(recentClinicTime(' 09:00 ', at('2026-11-26T09:00:30.000Z'), 'UTC'), {
    ok: true,
    instant: '2026-11-26T09:00:00.000Z',
    day: 'today',
  });
});

test('anything but a real 24-hour HH:MM is not a time, never guessed', () => {
  const now = at('2026-11-25T18:00:00.000Z');
  for (const bad of ['', '9:05', '24:00', '12:60', '1405', '14:05:00', '2pm', '１０:０５']) {
    assert.deepEqual(recentClinicTime(bad, now, LA), { ok: false, reason: 'not-a-time' }, bad);
  }
});

test('a time the clocks skipped this morning is refused, not moved to yesterday', () => {
  // 8 March 2026 in Los Angeles: 02:00 PST jumps to 03:00 PDT; now 03:10 PDT.
  const now = at('2026-03-08T10:10:00.000Z');
  assert.deepEqual(recentClinicTime('02:30', now, LA), { ok: false, reason: 'skipped' });
  assert.equal(
    (recentClinicTime('03:05', now, LA) as { instant: string }).instant,
    '2026-03-08T10:05:00.000Z',
  );
  assert.equal(
    (recentClinicTime('01:55', now, LA) as { instant: string }).instant,
    '2026-03-08T09:55:00.000Z',
  );
  // The next night at 02:00, 02:30 would be yesterday's, which the clocks skipped.
  assert.deepEqual(recentClinicTime('02:30', at('2026-03-09T09:00:00.000Z'), LA), {
    ok: false,
    reason: 'skipped',
  });
});

test('in the hour repeated when the clocks go back, the most recent reading is taken', () => {
  // 1 Nov 2026 in Los Angeles: 01:00–01:59 PDT, then 01:00–01:59 PST again.
  const firstPass = at('2026-11-01T08:45:00.000Z'); // 01:45 PDT
  const secondPass = at('2026-11-01T09:45:00.000Z'); // 01:45 PST
  const read = (text: string, now: Date): string | undefined => {
    const r = recentClinicTime(text, now, LA);
    return r.ok ? r.instant : undefined;
  };
  assert.equal(read('01:30', firstPass), '2026-11-01T08:30:00.000Z', 'only the PDT one has passed');
  assert.equal(read('01:30', secondPass), '2026-11-01T09:30:00.000Z', 'the PST one, 15 min ago');
  assert.equal(read('01:50', secondPass), '2026-11-01T08:50:00.000Z', 'PDT, 55 min ago');
  // Just after the next midnight, 01:30 is yesterday's second reading (PST), 23 h ago.
  assert.equal(read('01:30', at('2026-11-02T08:30:00.000Z')), '2026-11-01T09:30:00.000Z');
});

// ---- property: the resolver agrees with a minute-by-minute walk back on the clinic clock ----

const ZONES = [
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Lord_Howe', // a 30-minute DST change
  'America/Havana', // changes at midnight
  'America/St_Johns',
  'Asia/Kolkata', // no DST
] as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** The wall clock's HH:MM at an instant, read straight from the platform's zone data. */
function reading(ms: number, zone: string): string {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f.format(new Date(ms));
}

/** The instants in 2026 where each zone's offset changes (found hour by hour, then to the minute). */
function transitions(zone: string): number[] {
  const offset = (ms: number): number => {
    const wall = reading(ms, zone).split(':').map(Number);
    // Offset modulo a day is enough to see a change between two nearby instants.
    return (
      (((wall[0] ?? 0) * 60 + (wall[1] ?? 0)) * MINUTE - (ms % (24 * HOUR)) + 48 * HOUR) %
      (24 * HOUR)
    );
  };
  const out: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let t = start; t < Date.UTC(2027, 0, 1); t += HOUR) {
    if (offset(t) === offset(t + HOUR)) continue;
    let [lo, hi] = [t, t + HOUR];
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

/** Brute force: the most recent whole minute at or before `now` whose reading is `time`. */
function walkBack(time: string, nowMs: number, zone: string): number | undefined {
  const from = Math.floor(nowMs / MINUTE) * MINUTE;
  for (let t = from; t > from - 50 * HOUR; t -= MINUTE) if (reading(t, zone) === time) return t;
  return undefined;
}

const near = ZONES.flatMap((zone) => transitions(zone).map((t) => ({ zone, t })));
const pad = (n: number): string => String(n).padStart(2, '0');

test('property: the most recent past reading of HH:MM, or refused only where the clocks skipped it', () => {
  assert.ok(near.length >= 8, 'DST changes found to test around');
  const scenario = fc.oneof(
    // Around a DST change (±30 h), typing a time read near the change or any time.
    fc
      .record({
        base: fc.constantFrom(...near),
        shift: fc.integer({ min: -30 * 60, max: 30 * 60 }),
        typedShift: fc.option(fc.integer({ min: -3 * 60, max: 3 * 60 }), { nil: undefined }),
        hh: fc.integer({ min: 0, max: 23 }),
        mm: fc.integer({ min: 0, max: 59 }),
        seconds: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ base, shift, typedShift, hh, mm, seconds }) => ({
        zone: base.zone,
        nowMs: base.t + shift * MINUTE + seconds * 1000,
        time:
          typedShift === undefined
            ? `${pad(hh)}:${pad(mm)}`
            : reading(base.t + typedShift * MINUTE, base.zone),
      })),
    // Any day of 2026.
    fc
      .record({
        zone: fc.constantFrom(...ZONES),
        nowMs: fc.integer({ min: Date.UTC(2026, 0, 2), max: Date.UTC(2026, 11, 31) }),
        hh: fc.integer({ min: 0, max: 23 }),
        mm: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ zone, nowMs, hh, mm }) => ({ zone, nowMs, time: `${pad(hh)}:${pad(mm)}` })),
  );
  fc.assert(
    fc.property(scenario, ({ zone, nowMs, time }) => {
      const r = recentClinicTime(time, new Date(nowMs), zone);
      const expected = walkBack(time, nowMs, zone);
      if (r.ok) {
        const ms = Date.parse(r.instant);
        assert.equal(ms, expected, 'the most recent past reading');
        assert.ok(ms <= nowMs, 'never in the future');
        assert.ok(nowMs - ms < 25 * HOUR, 'within a day (25 h across a repeated hour)');
        assert.equal(reading(ms, zone), time, 'reads back as typed');
        return;
      }
      assert.equal(r.reason, 'skipped');
      // Refused only when the clock skipped that time within the last two days.
      const changed = near.some((n) => n.zone === zone && n.t <= nowMs && n.t > nowMs - 48 * HOUR);
      assert.ok(changed, 'a refusal only near a DST change');
      assert.ok(
        expected === undefined || nowMs - expected >= 23 * HOUR,
        'no reading in the last day',
      );
    }),
    { numRuns: 400 },
  );
});
