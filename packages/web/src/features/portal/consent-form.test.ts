/** The portal consent form model: valid drafts become the API body; bad ones name the field. */
/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consentRequest, paragraphsOf } from './consent-form.ts';

const ID = '7d1a4a55-0c8e-4a4b-9a53-1b1b0f1d2c3e';
const TEXT = '5b0f8a36-3c4b-4d6e-8f10-2a3b4c5d6e7f';

test('a typed name and the ticked box give the request body', () => {
  const request = consentRequest(ID, TEXT, {
    attestedName: 'Zebediah Quuxington',
    confirmed: true,
  });
  assert.deepEqual(request, {
    ok: true,
    body: { id: ID, consentTextId: TEXT, attestedName: 'Zebediah Quuxington', confirmed: true },
  });
});

test('an unticked box or an empty name is refused, naming the field', () => {
  const unticked = consentRequest(ID, TEXT, {
    attestedName: 'Zebediah Quuxington',
    confirmed: false,
  });
  assert.ok(!unticked.ok, 'refused');
  assert.deepEqual(Object.keys(unticked.fields), ['confirmed']);
  const empty = consentRequest(ID, TEXT, { attestedName: '', confirmed: true });
  assert.ok(!empty.ok, 'refused');
  assert.equal(empty.fields['attestedName'], 'Type your full name.');
});

test('a name with stray spaces or digits is refused, not repaired', () => {
  for (const attestedName of [' Zebediah Quuxington', 'Zebediah Quuxington ', 'Zeb3diah']) {
    const request = consentRequest(ID, TEXT, { attestedName, confirmed: true });
    assert.ok(!request.ok, `refused: "${attestedName}"`);
    assert.ok(
      request.fields['attestedName'] !== undefined,
      `names the field for "${attestedName}"`,
    );
  }
});

test('paragraphs split on blank lines, empty ones dropped', () => {
  assert.deepEqual(paragraphsOf('One.\n\nTwo,\nstill two.\n\n \n\nThree.'), [
    'One.',
    'Two,\nstill two.',
    'Three.',
  ]);
});
