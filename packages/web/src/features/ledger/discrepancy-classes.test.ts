/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISCREPANCY_CLASSIFICATION_VALUES } from '@ketaflow/contract';
import {
  asClassification,
  classificationLabel,
  classificationOptions,
} from './discrepancy-classes.ts';

test('every classification the server takes is offered once, in its order, with a label', () => {
  const options = classificationOptions();
  assert.deepEqual(
    options.map((o) => o.value),
    [...DISCREPANCY_CLASSIFICATION_VALUES],
  );
  for (const o of options) assert.ok(o.label.length > 0);
  assert.match(classificationLabel('theft'), /DEA/);
});

test('only a real classification is taken from a select; nothing chosen stays nothing', () => {
  assert.equal(asClassification('theft'), 'theft');
  assert.equal(asClassification(''), '');
  assert.equal(asClassification('lost'), '');
  assert.equal(classificationLabel('lost'), 'lost');
});
