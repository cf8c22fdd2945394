import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CDC_2022_MME_FACTORS, parseMmeFactorTable, resolveMmeDrug } from './factor-table.ts';

const path = new URL(
  '../../knowledge/mme-factors/cdc-2022-mme-factors@1.0.0.json',
  import.meta.url,
);
interface Raw {
  kind: string;
  data: { factors: Record<string, unknown>[]; excluded: Record<string, unknown>[] };
}
const raw = (): Raw => JSON.parse(readFileSync(path, 'utf8')) as Raw;

// Golden: CDC 2022 MME table and RxNorm codes as reproduced in clinical.md section 6 [M1, M4, V].
test('shipped CDC 2022 factors and RxNorm codes match the reference table exactly', () => {
  const byName = Object.fromEntries(
    CDC_2022_MME_FACTORS.factors.map((f) => [
      f.ingredient,
      [f.factor, f.rxnormIngredient, f.doseBasis],
    ]),
  );
  assert.deepEqual(byName, {
    codeine: [0.15, '2670', 'mg-per-day'],
    fentanyl: [2.4, '4337', 'patch-mcg-per-h'],
    hydrocodone: [1, '5489', 'mg-per-day'],
    hydromorphone: [5, '3423', 'mg-per-day'],
    methadone: [4.7, '6813', 'mg-per-day'],
    morphine: [1, '7052', 'mg-per-day'],
    oxycodone: [1.5, '7804', 'mg-per-day'],
    oxymorphone: [3, '7814', 'mg-per-day'],
    tapentadol: [0.4, null, 'mg-per-day'],
    tramadol: [0.2, null, 'mg-per-day'],
  });
  assert.deepEqual(
    CDC_2022_MME_FACTORS.thresholds.map((t) => t.atOrAboveMmePerDay),
    [50, 90],
  );
});

test('drugs resolve by RxCUI or by name in any case; buprenorphine resolves to its exclusion', () => {
  assert.equal(resolveMmeDrug(CDC_2022_MME_FACTORS, '7804').kind, 'factor');
  assert.equal(resolveMmeDrug(CDC_2022_MME_FACTORS, 'OXYCODONE').kind, 'factor');
  assert.equal(resolveMmeDrug(CDC_2022_MME_FACTORS, 'buprenorphine').kind, 'excluded');
  assert.equal(resolveMmeDrug(CDC_2022_MME_FACTORS, 'oxycodone hcl').kind, 'unknown');
});

test('the parser rejects a broken table naming the field', () => {
  const negative = raw();
  negative.data.factors[0]!.factor = -1;
  const r1 = parseMmeFactorTable(negative);
  assert.ok(!r1.ok);
  assert.equal(r1.error.field, 'data.factors[0].factor');

  const clash = raw();
  clash.data.excluded[0]!.names = ['morphine'];
  const r2 = parseMmeFactorTable(clash);
  assert.ok(!r2.ok);
  assert.match(r2.error.message, /morphine/);

  const badBasis = raw();
  badBasis.data.factors[1]!.doseBasis = 'mg';
  const r3 = parseMmeFactorTable(badBasis);
  assert.ok(!r3.ok);
  assert.equal(r3.error.field, 'data.factors[1].doseBasis');

  const wrongKind = { ...raw(), kind: 'instruments' };
  assert.ok(!parseMmeFactorTable(wrongKind).ok);
});
