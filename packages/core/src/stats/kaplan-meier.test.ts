import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kaplanMeier, survivalAt, type KaplanMeierStep, type TimeToEvent } from './kaplan-meier.ts';

// Gehan (1965) / Freireich (1963) leukaemia remission data, weeks; 21 controls, 21 on 6-MP.
const control: TimeToEvent[] = [
  1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23,
].map((t) => ({ timeDays: t, event: true }));
const sixMp: TimeToEvent[] = (
  [
    [6, 1],
    [6, 1],
    [6, 1],
    [6, 0],
    [7, 1],
    [9, 0],
    [10, 1],
    [10, 0],
    [11, 0],
    [13, 1],
    [16, 1],
    [17, 0],
    [19, 0],
    [20, 0],
    [22, 1],
    [23, 1],
    [25, 0],
    [32, 0],
    [32, 0],
    [34, 0],
    [35, 0],
  ] as const
).map(([t, e]) => ({ timeDays: t, event: e === 1 }));

// Golden: Stata `sts list, by(group)` on the Gehan data (Greenwood SE, log-log 95 % band),
// as printed in G. Rodríguez, "The Gehan Survival Data", Princeton WWS 509,
// http://data.princeton.edu/pop509/gehan.html — control rows t = 1 and t = 2. Tolerance 5e-5.
test('Gehan control group: S, Greenwood SE and log-log band match the published listing', () => {
  const r = kaplanMeier(control);
  assert.ok(r.ok);
  const expected = [
    [1, 21, 2, 0.9048, 0.0641, 0.67, 0.9753],
    [2, 19, 2, 0.8095, 0.0857, 0.5689, 0.9239],
  ];
  for (const [i, [t, n, d, s, se, lo, hi]] of expected.entries()) {
    const step: KaplanMeierStep = r.value.steps[i]!;
    assert.equal(step.timeDays, t);
    assert.equal(step.atRisk, n);
    assert.equal(step.events, d);
    assert.ok(Math.abs(step.survival - s!) < 5e-5);
    assert.ok(Math.abs(step.standardError! - se!) < 5e-5);
    assert.ok(Math.abs(step.lower! - lo!) < 5e-5);
    assert.ok(Math.abs(step.upper! - hi!) < 5e-5);
  }
  assert.equal(r.value.medianTimeDays, 8);
  assert.equal(r.value.steps.at(-1)!.survival, 0);
  assert.equal(r.value.steps.at(-1)!.standardError, null);
});

// Golden: 6-MP group product-limit estimates and median (23 weeks), Kleinbaum DG, Klein M.
// Survival Analysis: A Self-Learning Text, 3rd ed. (Springer 2012), chapter 2 table for the
// remission data. Tolerance 5e-5.
test('Gehan 6-MP group with censoring: product-limit estimates and median 23 weeks', () => {
  const r = kaplanMeier(sixMp);
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.steps.map((s) => [s.timeDays, s.atRisk, s.events]),
    [
      [6, 21, 3],
      [7, 17, 1],
      [10, 15, 1],
      [13, 12, 1],
      [16, 11, 1],
      [22, 7, 1],
      [23, 6, 1],
    ],
  );
  const published = [0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482];
  for (const [i, s] of published.entries())
    assert.ok(Math.abs(r.value.steps[i]!.survival - s) < 5e-5);
  assert.equal(r.value.medianTimeDays, 23);
  assert.equal(r.value.medianUpperDays, null);
  assert.equal(r.value.n, 21);
  assert.equal(r.value.events, 9);
  assert.equal(survivalAt(r.value, 5.9), 1);
  assert.ok(Math.abs(survivalAt(r.value, 12) - 0.7529) < 5e-5);
});

test('plain and log bands are built from the same Greenwood SE (control, t = 1)', () => {
  const plain = kaplanMeier(control, { band: 'plain' });
  const log = kaplanMeier(control, { band: 'log' });
  assert.ok(plain.ok && log.ok);
  const s = 19 / 21;
  const se = s * Math.sqrt(2 / (21 * 19));
  assert.ok(Math.abs(plain.value.steps[0]!.lower! - (s - 1.959963985 * se)) < 1e-9);
  assert.equal(plain.value.steps[0]!.upper, 1);
  assert.ok(Math.abs(log.value.steps[0]!.lower! - s * Math.exp((-1.959963985 * se) / s)) < 1e-9);
});

test('bad observations are rejected naming the field', () => {
  const empty = kaplanMeier([]);
  assert.ok(!empty.ok && empty.error.code === 'stats.no-observations');
  const neg = kaplanMeier([
    { timeDays: 3, event: true },
    { timeDays: -1, event: true },
  ]);
  assert.ok(!neg.ok && neg.error.field === 'observations[1].timeDays');
  const inf = kaplanMeier([{ timeDays: Number.POSITIVE_INFINITY, event: false }]);
  assert.ok(!inf.ok && inf.error.code === 'stats.invalid-time');
  const lvl = kaplanMeier(control, { confidenceLevel: 95 });
  assert.ok(!lvl.ok && lvl.error.field === 'options.confidenceLevel');
});

const observations = fc.array(
  fc.record({ timeDays: fc.integer({ min: 0, max: 60 }), event: fc.boolean() }),
  { minLength: 1, maxLength: 60 },
);

test('property: S is non-increasing in [0, 1], bands bracket S, nothing is NaN', () => {
  fc.assert(
    fc.property(
      observations,
      fc.constantFrom('log-log' as const, 'log' as const, 'plain' as const),
      (obs, band) => {
        const r = kaplanMeier(obs, { band });
        assert.ok(r.ok);
        let previous = 1;
        for (const s of r.value.steps) {
          assert.ok(s.survival <= previous + 1e-15 && s.survival >= 0);
          previous = s.survival;
          if (s.lower !== null && s.upper !== null) {
            assert.ok(s.lower <= s.survival + 1e-12 && s.survival <= s.upper + 1e-12);
            assert.ok(s.lower >= 0 && s.upper <= 1);
          }
          if (s.standardError !== null) assert.ok(Number.isFinite(s.standardError));
        }
      },
    ),
    { seed: 1958, numRuns: 1000 },
  );
});

test('property: without censoring, S(t) equals the share of times beyond t (independent count)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }),
      (times) => {
        const r = kaplanMeier(times.map((t) => ({ timeDays: t, event: true })));
        assert.ok(r.ok);
        for (const t of [0, 5, 10, 20, 30]) {
          const share = times.filter((x) => x > t).length / times.length;
          assert.ok(Math.abs(survivalAt(r.value, t) - share) < 1e-12);
        }
      },
    ),
    { seed: 1965, numRuns: 500 },
  );
});

test('median convention: the first time S(t) reaches 0.5 or below', () => {
  const r = kaplanMeier([1, 2, 3, 4].map((t) => ({ timeDays: t, event: true })));
  assert.ok(r.ok);
  assert.equal(r.value.steps[1]!.survival, 0.5);
  assert.equal(r.value.medianTimeDays, 2);
  const never = kaplanMeier([
    { timeDays: 1, event: true },
    { timeDays: 5, event: false },
    { timeDays: 6, event: false },
  ]);
  assert.ok(never.ok);
  assert.equal(never.value.medianTimeDays, null);
});
