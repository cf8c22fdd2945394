import { test } from 'node:test';
import assert from 'node:assert/strict';
import safeHarborJson from '../../knowledge/deidentification/safe-harbor@1.0.0.json' with { type: 'json' };
import restrictedJson from '../../knowledge/deidentification/restricted-zip3@1.0.0.json' with { type: 'json' };
import { day, unwrap } from '../outcomes/test-fixtures.ts';
import {
  defaultSafeHarborRules,
  parseSafeHarborRules,
  relativeDay,
  safeHarborAge,
  safeHarborZip3,
} from './safe-harbor.ts';

const rules = unwrap(defaultSafeHarborRules());

test('the rules list the 18 Safe Harbor identifiers (45 CFR 164.514(b)(2), clinical.md 8.4)', () => {
  assert.equal(rules.identifiers.length, 18);
  assert.equal(rules.identifiers[0]?.id, 'names');
  assert.equal(rules.identifiers[17]?.handling, 'pseudonym');
  const missing = parseSafeHarborRules(
    {
      ...safeHarborJson,
      data: { ...safeHarborJson.data, identifiers: safeHarborJson.data.identifiers.slice(1) },
    },
    restrictedJson,
  );
  assert.equal(missing.ok ? '' : missing.error.field, 'data.identifiers');
});

test('ages over 89 become the single category 90+; 89 stays 89', () => {
  assert.deepEqual(unwrap(safeHarborAge(day('1936-03-11'), day('2026-03-10'), rules)), {
    kind: 'years',
    years: 89,
  });
  assert.deepEqual(unwrap(safeHarborAge(day('1936-03-10'), day('2026-03-10'), rules)), {
    kind: 'top-category',
    fromYears: 90,
    label: '90+',
  });
  assert.deepEqual(unwrap(safeHarborAge(day('1920-01-01'), day('2026-03-10'), rules)), {
    kind: 'top-category',
    fromYears: 90,
    label: '90+',
  });
  assert.equal(safeHarborAge(day('2027-01-01'), day('2026-03-10'), rules).ok, false);
});

test('ZIP cut to 3 digits; the restricted ZIP3s (HHS list, draft) become 000', () => {
  assert.equal(unwrap(safeHarborZip3('02139', rules)), '021');
  assert.equal(unwrap(safeHarborZip3('02139-4307', rules)), '021');
  assert.equal(unwrap(safeHarborZip3('03601', rules)), '000'); // 036 is on the list
  assert.equal(unwrap(safeHarborZip3('89301', rules)), '000'); // 893
  assert.equal(unwrap(safeHarborZip3(null, rules)), null);
  for (const bad of ['2139', '02139 ', 'AB123', '021394307'])
    assert.equal(safeHarborZip3(bad, rules).ok, false, bad);
  assert.equal(rules.restrictedZip3.size, 17);
  assert.equal(rules.restrictedZip3Status, 'draft');
});

test('dates become days relative to the first infusion', () => {
  assert.equal(relativeDay(day('2026-03-09'), day('2026-03-10')), -1);
  assert.equal(relativeDay(day('2026-04-09'), day('2026-03-10')), 30);
});
