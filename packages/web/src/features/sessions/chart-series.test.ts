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
      vitals: { systolicBpMmHg: 130, heartRateBpm: 80 },
    }),
    entry('2026-01-01T10:10:00.000Z', 'pain', { painNrs: 5 }),
    entry('2026-01-01T10:12:00.000Z', 'rate-change', { rateMgPerH: 24 }),
    entry('2026-01-01T10:15:00.000Z', 'adverse-event', {
      type: 'nausea',
      rescue: [{ medication: 'ondansetron', givenAt: '2026-01-01T10:16:00.000Z' }],
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

test('values land on one shared time axis, null where a series has no value', () => {
  const a = alignChart(chart);
  const t0 = Date.parse('2026-01-01T10:05:00.000Z') / 1000;
  const t1 = Date.parse('2026-01-01T10:10:00.000Z') / 1000;
  assert.deepEqual(a.times, [t0, t1]);
  assert.deepEqual(a.columns.systolicBpMmHg, [130, null]);
  assert.deepEqual(a.columns.painNrs, [null, 5]);
  assert.deepEqual(a.columns.predictedNgPerMl, [120, null], 'prediction shares the vitals time');
});

test('markers for start, rate change, adverse event and rescue, in time order', () => {
  const kinds = alignChart(chart).markers.map((m) => m.kind);
  assert.deepEqual(kinds, ['start', 'rate-change', 'adverse-event', 'rescue']);
});
