import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { itemsOfEntry, lastChartedAt, type ChartedEntry } from './charted-items.ts';
import { chartingDue, CHARTING_ITEMS, type ChartingSchedule } from './charting-due.ts';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 26, 9, 0);
const VITALS = {
  systolicBpMmHg: 120,
  diastolicBpMmHg: 75,
  heartRateBpm: 72,
  spo2Percent: 98,
  respiratoryRatePerMin: 14,
};
// Intervals here are test values, not a protocol's: the shipped ones come from the knowledge files.
const schedule: ChartingSchedule = {
  phaseStartedAtMs: t0,
  intervals: CHARTING_ITEMS.map((item) => ({ item, intervalMin: 15 })),
  overdueGraceMin: 5,
  sources: [{ id: 'test-protocol', version: '1.0.0' }],
};
const entry = (kind: string, atMin: number, payload: Record<string, unknown>): ChartedEntry => ({
  kind,
  atMs: t0 + atMin * MIN,
  payload,
});

test('either sedation scale satisfies sedation; pain NRS, dissociation and vitals their own item', () => {
  assert.deepEqual(itemsOfEntry(entry('sedation', 0, { scale: 'rass', score: -1 })), ['sedation']);
  assert.deepEqual(itemsOfEntry(entry('sedation', 0, { scale: 'moaas', score: 5 })), ['sedation']);
  assert.deepEqual(itemsOfEntry(entry('pain', 0, { painNrs: 4 })), ['pain']);
  assert.deepEqual(itemsOfEntry(entry('dissociation', 0, { present: false })), ['dissociation']);
  assert.deepEqual(itemsOfEntry(entry('vitals', 0, { vitals: VITALS })), ['vitals']);
});

test('a vitals set carrying scores satisfies the vitals and each score it carries', () => {
  assert.deepEqual(
    itemsOfEntry(entry('vitals', 0, { vitals: { ...VITALS, moaas: 4, painNrs: 3 } })),
    ['vitals', 'sedation', 'pain'],
  );
  assert.deepEqual(itemsOfEntry(entry('vitals', 0, { vitals: { ...VITALS, rass: 0 } })), [
    'vitals',
    'sedation',
  ]);
});

test('notes, rate changes, alarms and malformed score payloads satisfy nothing', () => {
  for (const e of [
    entry('note', 0, { text: 'Resting.' }),
    entry('rate-change', 0, { rateMgPerH: 10 }),
    entry('alarm', 0, { ruleId: 'sbp-high' }),
    entry('sedation', 0, { scale: 'gcs', score: 15 }),
    entry('sedation', 0, { scale: 'rass' }),
    entry('pain', 0, { painNrs: '4' }),
    entry('dissociation', 0, {}),
  ]) {
    assert.deepEqual(itemsOfEntry(e), [], e.kind);
  }
});

test('vitals charted without scores leave sedation, pain and dissociation due; scores clear them', () => {
  const at20 = t0 + 20 * MIN;
  const vitalsOnly = [entry('vitals', 16, { vitals: VITALS })];
  const before = chartingDue(schedule, lastChartedAt(vitalsOnly, at20), at20);
  assert.ok(before.ok);
  assert.deepEqual(
    before.value.map((p) => [p.item, p.status]),
    [
      ['vitals', 'not-due'],
      ['sedation', 'overdue'],
      ['pain', 'overdue'],
      ['dissociation', 'overdue'],
    ],
  );
  const scored = [
    ...vitalsOnly,
    entry('sedation', 18, { scale: 'moaas', score: 5 }),
    entry('pain', 18, { painNrs: 2 }),
    entry('dissociation', 18, { present: true, description: 'Floating' }),
  ];
  const after = chartingDue(schedule, lastChartedAt(scored, at20), at20);
  assert.ok(after.ok);
  assert.ok(after.value.every((p) => p.status === 'not-due'));
  assert.deepEqual(after.value[1]?.sources, schedule.sources, 'each prompt names its knowledge');
});

test('an entry dated after now is not counted', () => {
  const last = lastChartedAt([entry('pain', 10, { painNrs: 1 })], t0 + 5 * MIN);
  assert.equal(last.pain, undefined);
});

const arbEntry = fc.record({
  kind: fc.constantFrom('vitals', 'sedation', 'pain', 'dissociation', 'note'),
  atMin: fc.integer({ min: -30, max: 120 }),
  scale: fc.constantFrom('rass', 'moaas'),
  score: fc.integer({ min: -5, max: 10 }),
  withScores: fc.boolean(),
});
type RawEntry = typeof arbEntry extends fc.Arbitrary<infer T> ? T : never;
const toEntry = (a: RawEntry): ChartedEntry => {
  switch (a.kind) {
    case 'vitals':
      return entry('vitals', a.atMin, {
        vitals: a.withScores ? { ...VITALS, [a.scale]: a.score, painNrs: 3 } : VITALS,
      });
    case 'sedation':
      return entry('sedation', a.atMin, { scale: a.scale, score: a.score });
    case 'pain':
      return entry('pain', a.atMin, { painNrs: a.score });
    case 'dissociation':
      return entry('dissociation', a.atMin, { present: a.withScores });
    case 'note':
      return entry('note', a.atMin, { text: 'n' });
  }
};

test('property: the last time of each item is the latest entry satisfying it at or before now', () => {
  fc.assert(
    fc.property(
      fc.array(arbEntry, { maxLength: 30 }),
      fc.integer({ min: 0, max: 150 }),
      (raw, nowMin) => {
        const entries = raw.map(toEntry);
        const nowMs = t0 + nowMin * MIN;
        const last = lastChartedAt(entries, nowMs);
        for (const item of CHARTING_ITEMS) {
          const times = entries
            .filter((e) => e.atMs <= nowMs && itemsOfEntry(e).includes(item))
            .map((e) => e.atMs);
          assert.equal(last[item], times.length === 0 ? undefined : Math.max(...times), item);
        }
      },
    ),
    { seed: 20261126, numRuns: 500 },
  );
});

test('property: charting more never makes a prompt due earlier', () => {
  fc.assert(
    fc.property(
      fc.array(arbEntry, { maxLength: 20 }),
      arbEntry,
      fc.integer({ min: 0, max: 150 }),
      (raw, extra, nowMin) => {
        const nowMs = t0 + nowMin * MIN;
        const entries = raw.map(toEntry);
        const before = chartingDue(schedule, lastChartedAt(entries, nowMs), nowMs);
        const after = chartingDue(
          schedule,
          lastChartedAt([...entries, toEntry(extra)], nowMs),
          nowMs,
        );
        assert.ok(before.ok && after.ok);
        for (const [i, p] of after.value.entries()) {
          assert.ok(p.dueAtMs >= (before.value[i]?.dueAtMs ?? Infinity), p.item);
        }
      },
    ),
    { seed: 20261126, numRuns: 500 },
  );
});
