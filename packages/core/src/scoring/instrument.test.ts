import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseInstrument } from './instrument.ts';
import { findInstrument } from './registry.ts';

const file = (name: string): Record<string, unknown> & { data: Record<string, unknown> } =>
  JSON.parse(
    readFileSync(
      new URL(`../../knowledge/instruments/${name}@1.0.0.json`, import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown> & { data: Record<string, unknown> };

const rejects = (raw: unknown, field: string): void => {
  const r = parseInstrument(raw);
  assert.ok(!r.ok, 'expected a rejection');
  assert.equal(r.error.field, field, r.error.message);
};

test('every shipped instrument file parses', () => {
  for (const name of [
    'nrs-0-10',
    'peg',
    'pgic',
    'phq-9',
    'gad-7',
    'fiqr',
    'crps-severity-score',
    'promis-pain-interference-4a',
    'modified-aldrete',
    'rass',
    'moaa-s',
    'cadss-23',
  ]) {
    const r = parseInstrument(file(name));
    assert.ok(r.ok, r.ok ? '' : `${name}: ${r.error.message}`);
  }
});

test('the parser rejects inconsistent instrument files naming the field', () => {
  const gap = file('phq-9');
  gap.data.bands = [
    { code: 'phq9.low', label: 'low', min: 0, max: 4 },
    { code: 'phq9.high', label: 'high', min: 6, max: 27 },
  ];
  rejects(gap, 'data.bands');

  const range = file('phq-9');
  range.data.scoreRange = { min: 0, max: 30 };
  rejects(range, 'data.scoreRange');

  const flag = file('phq-9');
  flag.data.flags = [{ code: 'phq9.x', item: 'phq9-10', atLeast: 1, message: 'x' }];
  rejects(flag, 'data.flags[0].item');

  const typo = file('nrs-0-10');
  typo.data.band = [];
  rejects(typo, 'data.band');

  const options = file('pgic');
  (options.data.items as { options: unknown[] }[])[0]!.options.pop();
  rejects(options, 'data.items[0].options');

  const meanBands = file('peg');
  meanBands.data.bands = [{ code: 'peg.all', label: 'all', min: 0, max: 10 }];
  rejects(meanBands, 'data.bands');

  const completeness = file('fiqr');
  completeness.data.completeness = { rule: 'all-items' };
  rejects(completeness, 'data.completeness');
});

test('every file in knowledge/instruments parses and is served by the registry', () => {
  const dir = new URL('../../knowledge/instruments/', import.meta.url);
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  assert.ok(names.length >= 12);
  for (const name of names) {
    const r = parseInstrument(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
    assert.ok(r.ok, r.ok ? '' : `${name}: ${r.error.message}`);
    const served = findInstrument(r.value.ref.id, r.value.ref.version);
    assert.ok(served.ok, `${name} is not in scoring/registry.ts`);
  }
});
