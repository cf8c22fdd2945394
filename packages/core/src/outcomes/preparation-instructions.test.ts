/** The shipped preparation text parses, and sections follow the protocol's pre-check flags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultPreparationInstructions,
  parsePreparationInstructions,
  preparationSections,
} from './preparation-instructions.ts';

const shipped = defaultPreparationInstructions();

test('the shipped file parses with its id@version and four sections', () => {
  assert.ok(shipped.ok, shipped.ok ? '' : shipped.error.message);
  assert.deepEqual(shipped.value.ref, { id: 'infusion-preparation', version: '1.0.0' });
  assert.deepEqual(
    shipped.value.sections.map((s) => s.id),
    ['fasting', 'escort', 'what-to-expect', 'medicines'],
  );
});

test('sections follow the flags; no protocol known shows everything', () => {
  assert.ok(shipped.ok, 'shipped file parses');
  const ids = (flags: Parameters<typeof preparationSections>[1]) =>
    preparationSections(shipped.value, flags).map((s) => s.id);
  assert.deepEqual(ids({ fastingRequired: false, escortRequired: false }), [
    'what-to-expect',
    'medicines',
  ]);
  assert.deepEqual(ids({ fastingRequired: false, escortRequired: true }), [
    'escort',
    'what-to-expect',
    'medicines',
  ]);
  assert.equal(ids(null).length, 4);
});

test('a malformed section is refused naming the field', () => {
  const bad = parsePreparationInstructions({
    id: 'x',
    version: '1.0.0',
    kind: 'patient-instructions',
    status: 'draft',
    data: { sections: [{ id: 'a', heading: 'A', text: 'T', appliesWhen: 'sometimes' }] },
  });
  assert.ok(!bad.ok, 'refused');
  assert.equal(bad.error.field, 'data.sections[0].appliesWhen');
});
