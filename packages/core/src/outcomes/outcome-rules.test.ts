import { test } from 'node:test';
import assert from 'node:assert/strict';
import shipped from '../../knowledge/outcome-rules/default-outcome-rules@1.0.0.json' with { type: 'json' };
import { parseOutcomeRules } from './outcome-rules.ts';
import { rules } from './test-fixtures.ts';

test('the shipped default rules parse and say which file they come from', () => {
  const r = rules();
  assert.deepEqual(r.ref, { id: 'default-outcome-rules', version: '1.0.0' });
  assert.deepEqual(r.mmeMilestoneMonths, [1, 3, 6]);
  // IMMPACT moderately important change (Dworkin 2008, clinical.md 7.1) = 30 % => return share 0.7
  assert.equal(r.rapidOnsetMinimumReductionPercent, 30);
  assert.equal(r.durableReliefReturnShare, 0.7);
});

test('malformed rules are rejected with the field, never repaired', () => {
  const edit = (data: Record<string, unknown>) =>
    parseOutcomeRules({ ...shipped, data: { ...shipped.data, ...data } });
  const share = edit({
    durableRelief: { returnAtOrAboveShareOfBaseline: 1.5, confirmReadings: 2 },
  });
  assert.equal(
    share.ok ? '' : share.error.field,
    'data.durableRelief.returnAtOrAboveShareOfBaseline',
  );
  const months = edit({ mmeMilestoneMonths: [3, 1] });
  assert.equal(months.ok ? '' : months.error.field, 'data.mmeMilestoneMonths[1]');
  const window = edit({ baseline: { windowDays: 0, minimumReadings: 1 } });
  assert.equal(window.ok ? '' : window.error.field, 'data.baseline.windowDays');
  const kind = parseOutcomeRules({ ...shipped, kind: 'protocols' });
  assert.equal(kind.ok ? '' : kind.error.code, 'knowledge.wrong-kind');
});
