import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseEligibilityRuleSet } from './rule-set.ts';

interface Raw {
  data: { criteria: Record<string, unknown>[]; facts: Record<string, unknown>[] };
}
const raw = (): Raw =>
  JSON.parse(
    readFileSync(
      new URL(
        '../../knowledge/eligibility/ketamine-chronic-pain-cohen-2018@1.0.0.json',
        import.meta.url,
      ),
      'utf8',
    ),
  ) as Raw;

const rejects = (doc: unknown, field: string): void => {
  const r = parseEligibilityRuleSet(doc);
  assert.ok(!r.ok, 'expected a rejection');
  assert.equal(r.error.field, field, r.error.message);
};

test('the shipped rule set parses and every criterion is cited', () => {
  const r = parseEligibilityRuleSet(raw());
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.ok(r.value.criteria.every((c) => c.citations.length > 0));
  assert.deepEqual(
    r.value.groups.map((g) => g.effect),
    ['require', 'require', 'exclude', 'review', 'complete-before-infusion'],
  );
});

test('the parser rejects conditions that do not fit the fact vocabulary', () => {
  const undeclared = raw();
  undeclared.data.criteria[0]!.condition = { fact: 'pregnancyStatus', op: 'is', value: true };
  rejects(undeclared, 'data.criteria[0].condition.fact');

  const wrongOp = raw();
  wrongOp.data.criteria[0]!.condition = { fact: 'pregnant', op: 'at-least', value: 1 };
  rejects(wrongOp, 'data.criteria[0].condition.value');

  const badEnum = raw();
  badEnum.data.criteria[0]!.condition = {
    fact: 'hepaticDysfunction',
    op: 'is',
    value: 'very severe',
  };
  rejects(badEnum, 'data.criteria[0].condition.value');

  const badPrefix = raw();
  badPrefix.data.criteria[0]!.condition = {
    fact: 'diagnoses',
    op: 'has-code-prefix',
    value: ['g90.5'],
  };
  rejects(badPrefix, 'data.criteria[0].condition.value');

  const badSource = raw();
  badSource.data.criteria[0]!.sources = ['NOPE'];
  rejects(badSource, 'data.criteria[0].sources');

  const badGroup = raw();
  badGroup.data.criteria[0]!.group = 'inclusion';
  rejects(badGroup, 'data.criteria[0].group');
});
