/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartData } from '@ketaflow/contract';
import { alignChart } from './chart-series.ts';

const U = '00000000-0000-4000-8000-000000000001';
const entry = (occurredAt: string, kind: string, payload: Record<string, unknown>) => ({
  id: U,
  kind,
  occurredAt,
  recordedAt: occurredAt,
  recordedBy: U,
  payload,
});

const chart: ChartData = {
  sessionId: U,
  state: 'running',
  entries: [
    entry('2026-01-01T10:05:00.000Z', 'vitals', {
      vitals: { systolicBpMmHg: 130, heartRateBpm: 80, respiratoryRatePerMin: 8, etco2MmHg: 52 },
    }),
    entry('2026-01-01T10:10:00.000Z', 'pain', { painNrs: 5 }),
    entry('2026-01-01T10:12:00.000Z', 'rate-change', { rateMgPerH: 24 }),
    entry('2026-01-01T10:15:00.000Z', 'adverse-event', {
      type: 'nausea',
      rescue: [
        {
          medication: 'midazolam',
          dose: 0.5,
          doseUnit: 'mg',
          route: 'IV',
          givenAt: '2026-01-01T10:16:00.000Z',
        },
      ],
    }),
  ],
  transitions: [
    {
      event: 'start',
      from: 'double-checked',
      to: 'running',
      occurredAt: '2026-01-01T10:00:00.000Z',
    },
  ],
  activeAlarms: [],
  prompts: [],
  cumulative: { administeredMg: 0, currentRateMgPerH: 0, currentRateMlPerH: 0, runningMin: 0 },
  predicted: {
    model: { id: 'pk', version: '1' },
    points: [{ at: '2026-01-01T10:05:00.000Z', ngPerMl: 120 }],
    warnings: [],
  },
};

test('values land on one shared time axis, undefined where a series has no value', () => {
  const a = alignChart(chart);
  const t0 = Date.parse('2026-01-01T10:05:00.000Z') / 1000;
  const t1 = Date.parse('2026-01-01T10:10:00.000Z') / 1000;
  assert.deepEqual(a.times, [t0, t1]);
  assert.deepEqual(a.columns.systolicBpMmHg, [130, undefined], 'joined over, not a gap');
  assert.deepEqual(a.columns.painNrs, [undefined, 5]);
  assert.deepEqual(
    a.columns.predictedNgPerMl,
    [120, undefined],
    'prediction shares the vitals time',
  );
});

test('markers for start, rate change, adverse event and rescue, in time order', () => {
  const kinds = alignChart(chart).markers.map((m) => m.kind);
  assert.deepEqual(kinds, ['start', 'rate-change', 'adverse-event', 'rescue']);
});

test('respiratory rate and EtCO2 are plotted (rr-low is a stop rule)', () => {
  const a = alignChart(chart);
  assert.deepEqual(a.columns.respiratoryRatePerMin, [8, undefined]);
  assert.deepEqual(a.columns.etco2MmHg, [52, undefined]);
});

test('RASS and MOAA/S are separate series, each broken where the other scale was charted', () => {
  const a = alignChart({
    ...chart,
    entries: [
      entry('2026-01-01T10:00:00.000Z', 'sedation', { scale: 'rass', score: -3 }),
      entry('2026-01-01T10:05:00.000Z', 'pain', { painNrs: 2 }),
      entry('2026-01-01T10:10:00.000Z', 'sedation', { scale: 'moaas', score: 3 }),
      entry('2026-01-01T10:15:00.000Z', 'sedation', { scale: 'rass', score: -1 }),
    ],
    predicted: { ...chart.predicted, points: [] },
  });
  assert.deepEqual(a.columns.rass, [-3, undefined, null, -1], 'never a line from -3 to 3');
  assert.deepEqual(a.columns.moaas, [null, undefined, 3, null]);
});

test('a rescue marker names the drug, the dose with its unit and the route', () => {
  const rescue = alignChart(chart).markers.find((m) => m.kind === 'rescue');
  assert.equal(rescue?.label, 'Rescue: Midazolam 0.5 mg IV');
});
