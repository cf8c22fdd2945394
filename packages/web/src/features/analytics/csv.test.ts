/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { csvField, toCsv } from './csv.ts';

test('plain fields are written as they are; null and non-finite numbers are empty', () => {
  assert.equal(csvField('G90.5'), 'G90.5');
  assert.equal(csvField(0.125), '0.125');
  assert.equal(csvField(-3), '-3');
  assert.equal(csvField(null), '');
  assert.equal(csvField(Number.NaN), '');
});

test('commas, quotes and line breaks are quoted, inner quotes doubled (RFC 4180)', () => {
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
});

test('a table is a header line with units, then one CRLF-terminated line per row', () => {
  const text = toCsv({
    columns: ['Months', 'Mean change (MME/day)', 'Note'],
    rows: [
      [1, -12.5, null],
      [3, null, 'fewer, "some" missing'],
    ],
  });
  assert.equal(
    text,
    'Months,Mean change (MME/day),Note\r\n1,-12.5,\r\n3,,"fewer, ""some"" missing"\r\n',
  );
});

/** A small RFC 4180 reader, to check that whatever is written reads back unchanged. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

test('property: any table of strings reads back exactly as written', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 8 }),
      (rows) => {
        const columns = ['first (unit)', 'second, with comma'];
        assert.deepEqual(parseCsv(toCsv({ columns, rows })), [columns, ...rows], 'round trip');
      },
    ),
  );
});
