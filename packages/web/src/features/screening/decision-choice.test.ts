/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DECISION_OPTIONS, decisionOf } from './decision-choice.ts';

test('the screening decision starts unchosen, never on "Eligible"', () => {
  assert.deepEqual(DECISION_OPTIONS[0], { value: '', label: 'Choose the decision' });
  assert.equal(decisionOf(''), '', 'the empty choice is no decision');
  assert.equal(decisionOf('something else'), '', 'an unknown value is no decision, not eligible');
  assert.equal(decisionOf('not-eligible'), 'not-eligible');
  assert.equal(decisionOf('eligible'), 'eligible');
});
