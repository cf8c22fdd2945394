/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartData } from '@ketaflow/contract';
import { adverseEvents, alarmRows, rateTimeline, scoreRows, vitalsRows } from './summary-model.ts';

const user = '00000000-0000-4000-8000-0000000000aa';
let n = 0;
const entry = (
  kind: string,
  occurredAt: string,
  payload: Record<string, unknown>,
  id?: string,
) => ({
  id: id ?? `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  kind,
  occurredAt,
  recordedAt: occurredAt,
  recordedBy: user,
  payload,
});
const ALARM = '00000000-0000-4000-8000-00000000a1a1';

// Entries deliberately out of time order: the summary sorts them.
const chart: ChartData = {
  sessionId: '00000000-0000-4000-8000-0000000000bb',
  state: 'discharged',
  entries: [
    entry('rate-change', '2026-11-25T17:30:00.000Z', {
      rateMgPerH: 14,
      rateMlPerH: 14,
      reason: 'Pain 7',
      overrideReason: 'Prescriber agreed',
    }),
    entry('vitals', '2026-11-25T17:20:00.000Z', {
      vitals: { systolicBpMmHg: 186, heartRateBpm: 80 },
    }),
    entry('vitals', '2026-11-25T17:05:00.000Z', { vitals: { systolicBpMmHg: 124 } }),
    entry(
      'alarm',
      '2026-11-25T17:20:00.000Z',
      {
        ruleId: 'sbp-high',
        field: 'systolicBpMmHg',
        value: 186,
        comparison: '>',
        threshold: 180,
        action: 'Pause',
      },
      ALARM,
    ),
    entry('alarm-ack', '2026-11-25T17:22:00.000Z', {
      alarmId: ALARM,
      action: 'Paused, prescriber notified',
    }),
    entry('pain', '2026-11-25T17:10:00.000Z', { painNrs: 6 }),
    entry('sedation', '2026-11-25T17:09:00.000Z', { scale: 'rass', score: -1 }),
    entry('adverse-event', '2026-11-25T17:40:00.000Z', {
      type: 'nausea',
      severity: 'mild',
      action: 'Antiemetic',
      rescue: [
        {
          medication: 'Ondansetron',
          dose: 4,
          doseUnit: 'mg',
          route: 'IV',
          givenAt: '2026-11-25T17:41:00.000Z',
        },
      ],
    }),
  ],
  transitions: [
    {
      event: 'start',
      from: 'double-checked',
      to: 'running',
      occurredAt: '2026-11-25T17:00:00.000Z',
    },
  ],
  activeAlarms: [],
  prompts: [],
  cumulative: { administeredMg: 10, currentRateMgPerH: 14, currentRateMlPerH: 14, runningMin: 45 },
  predicted: { model: null, points: [], warnings: [] },
};

test('the rate timeline starts at the signed order rate, then each change with its reasons', () => {
  const rows = rateTimeline(chart, { rateMgPerH: 10.5, rateMlPerH: 10.5 });
  assert.deepEqual(
    rows.map((r) => [r.mgPerH, r.mlPerH]),
    [
      ['10.5', '10.5'],
      ['14', '14'],
    ],
    'order rate, then the change',
  );
  assert.match(rows[1]?.why ?? '', /Pain 7 \(override: Prescriber agreed\)/, 'reason and override');
  assert.deepEqual(
    rateTimeline({ ...chart, transitions: [], entries: [] }, { rateMgPerH: 1, rateMlPerH: 1 }),
    [],
    'not started',
  );
});

test('vitals and scores come out in time order', () => {
  assert.deepEqual(
    vitalsRows(chart).map((r) => r.values.systolicBpMmHg),
    [124, 186],
    'earliest first',
  );
  assert.deepEqual(
    scoreRows(chart).map((r) => r.text),
    ['Sedation RASS -1', 'Pain NRS 6'],
    'sedation before pain',
  );
});

test('each alarm is listed with its acknowledgement and the action taken', () => {
  const [alarm] = alarmRows(chart);
  assert.match(
    alarm?.text ?? '',
    /^Systolic BP 186 mmHg, > 180 mmHg \(rule sbp-high\)/,
    'the crossing',
  );
  assert.deepEqual(
    alarm?.acks,
    [{ at: '2026-11-25T17:22:00.000Z', action: 'Paused, prescriber notified' }],
    'ack',
  );
});

test('adverse events carry their rescue medication with dose and route', () => {
  const [ae] = adverseEvents(chart, 'America/Los_Angeles');
  assert.match(ae?.text ?? '', /nausea \(mild\): Antiemetic/, 'the event');
  assert.deepEqual(ae?.rescue, ['Ondansetron 4 mg IV at 2026-11-25 09:41 PST'], 'rescue');
});

test('the end of an event and the time a rescue was given are on the clinic clock, not UTC', () => {
  const ended = {
    ...chart,
    entries: [
      entry('adverse-event', '2026-11-25T17:40:00.000Z', {
        type: 'agitation',
        severity: 'moderate',
        action: 'Paused',
        endedAt: '2026-11-25T18:05:00.000Z',
        rescue: [
          {
            medication: 'midazolam',
            dose: 0.5,
            doseUnit: 'mg',
            route: 'IV',
            givenAt: '2026-11-25T17:45:00.000Z',
          },
        ],
      }),
    ],
  };
  const [ae] = adverseEvents(ended, 'America/Los_Angeles');
  assert.ok(ae !== undefined, 'one event');
  assert.doesNotMatch([ae.text, ...ae.rescue].join(' '), /T\d{2}:\d{2}/, 'no raw ISO timestamp');
  assert.equal(ae.text, 'agitation (moderate), ended 2026-11-25 10:05 PST: Paused');
  assert.deepEqual(ae.rescue, ['Midazolam 0.5 mg IV at 2026-11-25 09:45 PST']);
});
