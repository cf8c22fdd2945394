/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { promptSources, promptText, shownPrompts } from './prompt-text.ts';

const at = '2026-11-26T10:00:00.000Z';
const prompt = (item: string, status: 'not-due' | 'due' | 'overdue', minutesPastDue = 0) => ({
  item,
  status,
  dueAt: at,
  overdueAt: at,
  minutesPastDue,
  sources: [
    { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
    { id: 'charting-prompts', version: '0.1.0' },
  ],
});

test('each assessment prompt reads with its label, not its key', () => {
  assert.equal(
    promptText(prompt('sedation', 'due', 2)),
    'Due: Sedation (RASS or MOAA/S), 2 min past due',
  );
  assert.equal(promptText(prompt('pain', 'overdue', 7)), 'Overdue: Pain NRS, 7 min past due');
  assert.equal(promptText(prompt('dissociation', 'due')), 'Due: Dissociation');
  assert.equal(promptText(prompt('vitals', 'overdue', 5)), 'Overdue: Vitals, 5 min past due');
});

test('an item this screen does not know is shown by its key', () => {
  assert.equal(promptText(prompt('capnography', 'due')), 'Due: capnography');
});

test('only due and overdue prompts are shown, overdue first', () => {
  const shown = shownPrompts([
    prompt('vitals', 'not-due'),
    prompt('sedation', 'due', 1),
    prompt('pain', 'overdue', 6),
    prompt('dissociation', 'overdue', 6),
  ]);
  assert.deepEqual(
    shown.map((p) => p.item),
    ['pain', 'dissociation', 'sedation'],
  );
});

test('the knowledge behind a prompt is named; an older server that sends none gives an empty text', () => {
  assert.equal(
    promptSources(prompt('pain', 'due')),
    'crps-outpatient-schwartzman@1.0.0, charting-prompts@0.1.0',
  );
  const { sources: _sources, ...old } = prompt('pain', 'due');
  assert.equal(promptSources(old), '');
});
