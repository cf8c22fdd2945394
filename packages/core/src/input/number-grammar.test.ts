import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNumber, toEntryText, type NumberFieldSpec } from './number-grammar.ts';

const dose: NumberFieldSpec = {
  field: 'order.doseMgPerKgPerH',
  label: 'Dose',
  unit: 'mg/kg/h',
  maxDecimals: 2,
};

const rejectCode = (text: string, spec: NumberFieldSpec = dose): string => {
  const r = parseNumber(text, spec);
  assert.ok(!r.ok, `"${text}" must be rejected`);
  assert.equal(r.error.field, spec.field, 'the error names the field');
  assert.ok(r.error.message.startsWith(spec.label), 'the message starts with the field label');
  return r.error.code;
};

test('safety-security.md d-1: every listed malformed number is rejected with its own code', () => {
  const table: [string, string][] = [
    ['', 'number.empty'],
    ['   ', 'number.empty'],
    ['abc', 'number.not-a-number'],
    ['twenty', 'number.not-a-number'],
    ['12abc', 'number.trailing-text'],
    ['5 mg', 'number.trailing-text'],
    ['1..0', 'number.multiple-decimal-points'],
    ['0.5.1', 'number.multiple-decimal-points'],
    ['5.0.0', 'number.multiple-decimal-points'],
    ['.5', 'number.leading-decimal-point'],
    ['5.', 'number.trailing-decimal-point'],
    ['1,5', 'number.separator'],
    ['1 000', 'number.separator'],
    ["1'000", 'number.separator'],
    ['1e3', 'number.exponent-or-radix'],
    ['0x1A', 'number.exponent-or-radix'],
    ['0b11', 'number.exponent-or-radix'],
    ['Infinity', 'number.exponent-or-radix'],
    ['NaN', 'number.exponent-or-radix'],
    ['-0', 'number.sign'],
    ['+5', 'number.sign'],
    ['５', 'number.non-ascii-digit'],
    ['٥', 'number.non-ascii-digit'],
    ['½', 'number.non-ascii-digit'],
    ['−5', 'number.non-ascii-digit'],
    ['0.333', 'number.too-many-decimals'],
    ['05', 'number.leading-zero'],
    [' 5', 'number.whitespace'],
    ['1234567', 'number.too-many-digits'],
  ];
  for (const [text, code] of table) assert.equal(rejectCode(text), code, `"${text}"`);
});

test('messages say how to fix the input', () => {
  const msg = (t: string): string => {
    const r = parseNumber(t, dose);
    return r.ok ? '' : r.error.message;
  };
  assert.equal(msg('.5'), 'Dose needs a leading zero: 0.5.');
  assert.equal(
    msg('12abc'),
    'Dose has extra characters after 12. Enter the number only; the unit is mg/kg/h.',
  );
  assert.equal(msg('0.333'), 'Dose allows at most 2 decimals.');
  assert.match(msg('1,5'), /Use a dot for decimals and no thousands separators/);
  assert.match(msg('５'), /Use digits 0–9 only/);
  assert.match(msg('1e3'), /Only plain decimal digits are allowed/);
});

test('valid numbers parse to their value; "5.0" is 5 and "0" is accepted (range is the caller’s job)', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['0.35', 0.35],
    ['5.0', 5],
    ['24.5', 24.5],
    ['100', 100],
    ['999999', 999999],
  ];
  for (const [text, value] of cases) assert.deepEqual(parseNumber(text, dose), { ok: true, value });
  assert.equal(rejectCode('5.0', { ...dose, maxDecimals: 0 }), 'number.too-many-decimals');
});

const grammar = (spec: NumberFieldSpec): RegExp =>
  new RegExp(
    `^(0|[1-9][0-9]{0,${(spec.maxIntegerDigits ?? 6) - 1}})(\\.[0-9]{1,${spec.maxDecimals}})?$`,
  );

test('T-31 property: accepted iff the grammar matches, over arbitrary and number-like strings (fixed seed)', () => {
  const specs = fc.record({
    field: fc.constant('x.value'),
    label: fc.constant('Value'),
    unit: fc.constant('mg'),
    maxDecimals: fc.integer({ min: 1, max: 4 }),
    maxIntegerDigits: fc.integer({ min: 1, max: 7 }),
  });
  const numberish = fc.string({
    unit: fc.constantFrom(
      '0',
      '1',
      '5',
      '9',
      '.',
      '.',
      '-',
      '+',
      'e',
      ' ',
      ',',
      'x',
      '５',
      '٥',
      '½',
      '−',
    ),
    maxLength: 10,
  });
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), numberish, numberish);
  fc.assert(
    fc.property(anyText, specs, (text, spec) => {
      const r = parseNumber(text, spec);
      const matches = grammar(spec).test(text);
      if (r.ok !== matches) return false;
      return !r.ok || r.value === Number(text);
    }),
    { seed: 20261125, numRuns: 100_000 },
  );
});

test('round trip: parseNumber(toEntryText(x)) === x for every value with allowed decimals', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 999_999_99 }),
      fc.integer({ min: 0, max: 3 }),
      (n, decimals) => {
        const x = n / 10 ** decimals;
        const r = parseNumber(toEntryText(x, decimals), {
          ...dose,
          maxDecimals: Math.max(decimals, 1),
          maxIntegerDigits: 8,
        });
        return r.ok && r.value === x;
      },
    ),
    { seed: 20261125, numRuns: 20_000 },
  );
  assert.equal(toEntryText(5, 2), '5');
  assert.equal(toEntryText(0.5, 2), '0.5');
  assert.throws(() => toEntryText(Number.NaN, 1), RangeError);
});
