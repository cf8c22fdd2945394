import { test } from 'node:test';
import assert from 'node:assert/strict';
import shipped from '../../knowledge/outcome-rules/booster-suggestion@1.0.0.json' with { type: 'json' };
import { defaultBoosterRule, parseBoosterRule, suggestBooster } from './booster-suggestion.ts';
import { unwrap } from './test-fixtures.ts';
import type { DurableRelief } from './durable-relief.ts';

const rule = unwrap(defaultBoosterRule()); // relief required, at least 28 days (clinic choice)
const returned: DurableRelief = {
  status: 'returned',
  days: 30,
  returnedOn: '2026-04-11' as never,
  reliefAchieved: true,
};

test('fires only when relief was achieved, has ended and 28 days have passed', () => {
  const s = suggestBooster(returned, 35, rule);
  assert.equal(s.suggest, true);
  assert.deepEqual(
    s.criteria.map((c) => c.state),
    ['met', 'met', 'met'],
  );
  assert.deepEqual(s.rule, { id: 'booster-suggestion', version: '1.0.0' });
});

test('does not fire before the minimum interval, while relief lasts, or for a non-responder', () => {
  assert.equal(suggestBooster(returned, 27, rule).suggest, false);
  assert.equal(suggestBooster(returned, 28, rule).suggest, true);
  const lasting: DurableRelief = {
    status: 'censored',
    days: 40,
    censoredOn: '2026-04-21' as never,
    reliefAchieved: true,
  };
  assert.equal(suggestBooster(lasting, 40, rule).suggest, false);
  const never: DurableRelief = { ...returned, reliefAchieved: false };
  const s = suggestBooster(never, 40, rule);
  assert.equal(s.suggest, false);
  assert.equal(s.criteria.find((c) => c.id === 'relief-achieved')?.state, 'unmet');
});

test('missing data is unknown and never fires', () => {
  const s = suggestBooster({ status: 'unknown', reason: 'no-baseline' }, null, rule);
  assert.equal(s.suggest, false);
  assert.deepEqual(
    s.criteria.map((c) => c.state),
    ['unknown', 'unknown', 'unknown'],
  );
});

test('a rule with a negative interval is rejected', () => {
  const bad = parseBoosterRule({
    ...shipped,
    data: { ...shipped.data, minimumDaysSinceLastInfusion: -1 },
  });
  assert.equal(bad.ok ? '' : bad.error.field, 'data.minimumDaysSinceLastInfusion');
});
