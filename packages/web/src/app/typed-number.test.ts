/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { typedNumber, typedSignedNumber } from './typed-number.ts';

const PLAIN = /^(0|[1-9][0-9]{0,8})(\.[0-9]{1,6})?$/;

test('plain decimals read as their value; spaces around them are dropped', () => {
  assert.equal(typedNumber('72.4'), 72.4);
  assert.equal(typedNumber(' 72.4 '), 72.4);
  assert.equal(typedNumber('0'), 0);
  assert.equal(typedNumber('0.5'), 0.5);
  assert.equal(typedNumber('5.0'), 5);
});

test('what Number() would coerce is refused (safety-security.md section d-1)', () => {
  const coerced = [
    '',
    '   ',
    '1e2',
    '0x46',
    '0b11',
    'Infinity',
    'NaN',
    '-0',
    '+5',
    '12.',
    '.5',
    '1,5',
    '1 000',
    '12abc',
    '5 mg',
    '1..0',
    '007',
    '５',
    '٥',
    '½',
    '−5',
  ];
  for (const text of coerced) {
    assert.ok(
      Number.isNaN(typedNumber(text)),
      `"${text}" must be refused, got ${String(typedNumber(text))}`,
    );
  }
});

test('property: any string reads as a number iff, trimmed, it is a plain decimal, and then as Number() reads it', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: 'grapheme' }), fc.stringMatching(PLAIN), fc.double().map(String)),
      (text) => {
        const value = typedNumber(text);
        if (PLAIN.test(text.trim())) return value === Number(text.trim());
        return Number.isNaN(value);
      },
    ),
    { numRuns: 20_000 },
  );
});

test('a signed scale (RASS) takes one ASCII sign before a plain number, and nothing looser', () => {
  assert.equal(typedSignedNumber('-1'), -1);
  assert.equal(typedSignedNumber('+4'), 4);
  assert.equal(typedSignedNumber('3'), 3);
  assert.equal(typedSignedNumber('0'), 0);
  for (const text of [
    '-0',
    '+0',
    '-',
    '+',
    '--1',
    '+-1',
    '- 1',
    '-\t1',
    '−1',
    '-1e0',
    '-.5',
    '-01',
    '',
  ]) {
    assert.ok(Number.isNaN(typedSignedNumber(text)), `"${text}" must be refused`);
  }
});

test('property: a signed reading is the plain reading with its sign, or NaN', () => {
  fc.assert(
    fc.property(fc.constantFrom('', '-', '+'), fc.string({ unit: 'grapheme' }), (sign, rest) => {
      const value = typedSignedNumber(sign + rest);
      const plain = typedNumber(rest);
      if (sign === '')
        return Object.is(value, typedNumber(rest)) || (Number.isNaN(value) && Number.isNaN(plain));
      if (Number.isNaN(plain) || plain === 0 || rest.trim() !== rest) return Number.isNaN(value);
      return value === (sign === '-' ? -plain : plain);
    }),
    { numRuns: 20_000 },
  );
});
