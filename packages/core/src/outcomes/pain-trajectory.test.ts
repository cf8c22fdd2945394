import { test } from 'node:test';
import assert from 'node:assert/strict';
import { painTrajectory } from './pain-trajectory.ts';
import { rules, unwrap } from './test-fixtures.ts';

test('diary points against a baseline of 8: day offsets, points and percent change', () => {
  const trajectory = unwrap(
    painTrajectory(
      [
        { date: '2026-03-14', nrs: 4, context: 'diary' },
        { date: '2026-03-09', nrs: 8, context: 'diary' },
        { date: '2026-03-10', nrs: 8, context: 'before-infusion' },
        { date: '2026-03-10', nrs: 5, context: 'after-infusion' },
      ],
      '2026-03-10',
      rules(),
    ),
  );
  assert.equal(trajectory.baseline.status === 'known' ? trajectory.baseline.meanNrs : -1, 8);
  assert.deepEqual(
    trajectory.points.map((p) => [
      p.date,
      p.dayFromFirstInfusion,
      p.nrs,
      p.changeFromBaseline,
      p.percentChangeFromBaseline,
    ]),
    [
      ['2026-03-09', -1, 8, 0, 0],
      ['2026-03-14', 4, 4, -4, -50],
    ],
  );
  assert.deepEqual(trajectory.rules, { id: 'default-outcome-rules', version: '1.0.0' });
});

test('unknown baseline leaves changes null instead of inventing one', () => {
  const trajectory = unwrap(
    painTrajectory([{ date: '2026-03-14', nrs: 4, context: 'diary' }], '2026-03-10', rules()),
  );
  assert.equal(trajectory.points[0]?.changeFromBaseline, null);
  const bad = painTrajectory([], '2026-02-30', rules());
  assert.equal(bad.ok ? '' : bad.error.field, 'firstInfusionDate');
});
