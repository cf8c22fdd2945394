import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defusedCell, toCsv } from './report-rows.ts';

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];

test('a minus followed by a formula is defused; only a plain number keeps its minus', () => {
  assert.equal(
    defusedCell('-1+HYPERLINK("http://x.example","click")'),
    `'-1+HYPERLINK("http://x.example","click")`,
  );
  assert.equal(defusedCell('-1 (drawn)'), "'-1 (drawn)");
  assert.equal(defusedCell('\t=cmd'), "'\t=cmd");
  assert.equal(defusedCell('+3'), "'+3");
  assert.equal(defusedCell(-1), '-1');
  assert.equal(defusedCell('-2.5'), '-2.5');
  assert.equal(defusedCell(3), '3');
  assert.equal(toCsv(['Containers'], [[3], [-1]]), 'Containers\r\n3\r\n-1\r\n');
});

test('property: no defused cell starts a formula unless it is a plain number, and a plain number is unchanged', () => {
  const risky = fc
    .tuple(fc.constantFrom(...FORMULA_START), fc.string())
    .map(([lead, rest]) => lead + rest);
  fc.assert(
    fc.property(fc.oneof(risky, fc.string()), (text) => {
      const out = defusedCell(text);
      const plain = /^-?[0-9]+(?:\.[0-9]+)?$/.test(text);
      if (plain) assert.equal(out, text);
      else assert.ok(!FORMULA_START.includes(out.charAt(0)), JSON.stringify(out));
      assert.equal(out.replace(/^'/, ''), text.startsWith("'") ? text.slice(1) : text);
    }),
    { seed: 11, numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
      assert.equal(defusedCell(n), String(n));
    }),
    { seed: 12, numRuns: 500 },
  );
});
