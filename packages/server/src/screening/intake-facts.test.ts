import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateEligibility, KETAMINE_CHRONIC_PAIN_RULES } from '@ketaflow/core';
import { ELIGIBLE_SECTIONS } from '../intake/fixtures.test-support.ts';
import { intakeFacts } from './intake-facts.ts';

test('an empty intake gives every fact as unknown (null), never false', () => {
  const facts = intakeFacts({});
  assert.ok(Object.keys(facts).length > 0);
  for (const [name, value] of Object.entries(facts)) assert.equal(value, null, name);
});

test('every fact the mapping produces belongs to the rule set vocabulary', () => {
  const known = new Set(KETAMINE_CHRONIC_PAIN_RULES.facts.keys());
  for (const name of Object.keys(intakeFacts(ELIGIBLE_SECTIONS))) assert.ok(known.has(name), name);
});

test('only failed or not-tolerated treatments count as treatment resistance, once per class', () => {
  const facts = intakeFacts({
    priorTreatments: [
      { treatmentClass: 'gabapentinoid', name: 'Gabapentin', stoppedBecause: 'ineffective' },
      { treatmentClass: 'gabapentinoid', name: 'Pregabalin', stoppedBecause: 'not-tolerated' },
      { treatmentClass: 'snri', name: 'Duloxetine', stoppedBecause: 'still-taking' },
      { treatmentClass: 'opioid', name: 'Tramadol', stoppedBecause: 'partial-relief' },
    ],
  });
  assert.deepEqual(facts.priorTreatments, ['gabapentinoid']);
  assert.deepEqual(intakeFacts({ priorTreatments: [] }).priorTreatments, []);
});

test('pregnancy: unknown stays unknown; cannot-become-pregnant is not pregnant', () => {
  assert.equal(intakeFacts({ pregnancy: { status: 'unknown' } }).pregnant, null);
  assert.equal(intakeFacts({ pregnancy: { status: 'pregnant' } }).pregnant, true);
  assert.equal(intakeFacts({ pregnancy: { status: 'not-pregnant' } }).pregnant, false);
  assert.equal(intakeFacts({ pregnancy: { status: 'cannot-become-pregnant' } }).pregnant, false);
});

test('the fixture intake is eligible under the rule set; removing a section makes it needs-review', () => {
  const full = evaluateEligibility(intakeFacts(ELIGIBLE_SECTIONS), KETAMINE_CHRONIC_PAIN_RULES);
  assert.ok(full.ok);
  assert.equal(full.value.decision, 'eligible');
  const { comorbidities: _drop, ...rest } = ELIGIBLE_SECTIONS;
  const partial = evaluateEligibility(intakeFacts(rest), KETAMINE_CHRONIC_PAIN_RULES);
  assert.ok(partial.ok);
  assert.equal(partial.value.decision, 'needs-review');
  assert.ok(partial.value.trace.some((c) => c.status === 'unknown'));
});

test('a pregnant patient is not eligible (absolute contraindication)', () => {
  const result = evaluateEligibility(
    intakeFacts({ ...ELIGIBLE_SECTIONS, pregnancy: { status: 'pregnant' } }),
    KETAMINE_CHRONIC_PAIN_RULES,
  );
  assert.ok(result.ok);
  assert.equal(result.value.decision, 'not-eligible');
  assert.ok(result.value.decidedBy.includes('contraindication.pregnancy'));
});
