import { test } from 'node:test';
import assert from 'node:assert/strict';
import monitoringJson from '../../knowledge/monitoring/repeated-ketamine-monitoring@1.0.0.json' with { type: 'json' };
import { ketamineExposure } from './ketamine-exposure.ts';
import {
  defaultMonitoringPlan,
  monitoringReminders,
  parseMonitoringPlan,
} from './monitoring-reminders.ts';
import { unwrap } from './test-fixtures.ts';

const tenSessions = unwrap(
  ketamineExposure(
    Array.from({ length: 10 }, (_, i) => ({
      date: `2026-03-${String(10 + i)}`,
      doseMg: 98,
      weightKg: 70,
    })),
  ),
);

test('shipped plan: liver tests every 10 sessions, urinary symptoms every 5 (clinic choices)', () => {
  const plan = unwrap(defaultMonitoringPlan());
  const none = unwrap(monitoringReminders(tenSessions, [], plan));
  assert.deepEqual(
    none.reminders.map((r) => [r.check, r.due, r.sessionsSinceLastCheck]),
    [
      ['liver-function-tests', true, 10],
      ['urinary-symptoms', true, 10],
    ],
  );
  // LFTs drawn on the morning of the 6th session (2026-03-15): sessions 6..10 count since then.
  const checked = unwrap(
    monitoringReminders(
      tenSessions,
      [
        { check: 'liver-function-tests', date: '2026-03-15' },
        { check: 'urinary-symptoms', date: '2026-03-19' },
      ],
      plan,
    ),
  );
  assert.deepEqual(
    checked.reminders.map((r) => [r.check, r.due, r.sessionsSinceLastCheck, r.lastCheckedOn]),
    [
      ['liver-function-tests', false, 5, '2026-03-15'],
      ['urinary-symptoms', false, 1, '2026-03-19'],
    ],
  );
  assert.deepEqual(checked.plan, { id: 'repeated-ketamine-monitoring', version: '1.0.0' });
});

test('a plan with a zero interval is rejected with the field', () => {
  const bad = parseMonitoringPlan({
    ...monitoringJson,
    data: { reminders: [{ ...monitoringJson.data.reminders[0], everySessions: 0 }] },
  });
  assert.equal(bad.ok ? '' : bad.error.field, 'data.reminders[0].everySessions');
});
