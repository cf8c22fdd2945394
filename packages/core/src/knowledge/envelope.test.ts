import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvelope, checkKnowledgePath } from './envelope.ts';

const valid = {
  id: 'crps-outpatient',
  version: '1.0.0',
  kind: 'protocols',
  status: 'draft',
  title: 'CRPS outpatient',
  citations: [{ label: 'Schwartzman 2009', doi: '10.1016/j.pain.2009.08.015' }],
  units: { rateCapMgPerH: 'mg/h' },
  data: { rateCapMgPerH: 25 },
};

const codeOf = (raw: unknown): string | undefined => {
  const r = parseEnvelope(raw);
  return r.ok ? undefined : r.error.code;
};

test('a complete envelope parses and keeps its fields', () => {
  const r = parseEnvelope(valid);
  assert.ok(r.ok);
  assert.equal(r.value.id, 'crps-outpatient');
  assert.equal(r.value.citations[0]?.doi, '10.1016/j.pain.2009.08.015');
});

test('each missing or malformed envelope field is rejected with its own code and field', () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [{ ...valid, id: 'CRPS Outpatient' }, 'knowledge.invalid-id', 'id'],
    [{ ...valid, version: '1.0' }, 'knowledge.invalid-version', 'version'],
    [{ ...valid, version: '01.0.0' }, 'knowledge.invalid-version', 'version'],
    [{ ...valid, kind: 'Protocols' }, 'knowledge.invalid-kind', 'kind'],
    [{ ...valid, status: 'final' }, 'knowledge.invalid-status', 'status'],
    [{ ...valid, title: ' ' }, 'knowledge.invalid-title', 'title'],
    [{ ...valid, citations: [] }, 'knowledge.missing-citation', 'citations'],
    [
      { ...valid, citations: [{ label: 'x' }] },
      'knowledge.citation-without-locator',
      'citations[0]',
    ],
    [
      { ...valid, citations: [{ label: 'x', doi: 'https://doi.org/10.1/x' }] },
      'knowledge.invalid-citation',
      'citations[0].doi',
    ],
    [
      { ...valid, citations: [{ label: 'x', pmid: 'PMID 1' }] },
      'knowledge.invalid-citation',
      'citations[0].pmid',
    ],
    [
      { ...valid, citations: [{ label: 'x', url: 'ftp://a' }] },
      'knowledge.invalid-citation',
      'citations[0].url',
    ],
    [{ ...valid, units: { a: '' } }, 'knowledge.invalid-units', 'units.a'],
    [{ ...valid, notes: ['ok', 3] }, 'knowledge.invalid-notes', 'notes'],
    [{ ...valid, data: [] }, 'knowledge.invalid-data', 'data'],
    [{ ...valid, citation: [] }, 'knowledge.unknown-key', 'citation'],
  ];
  for (const [raw, code, field] of cases) {
    const r = parseEnvelope(raw);
    assert.ok(!r.ok, `${code} should reject`);
    assert.equal(r.error.code, code);
    assert.equal(r.error.field, field);
    assert.ok(r.error.message.length > 10);
  }
  assert.equal(codeOf(null), 'knowledge.not-an-object');
  assert.equal(codeOf([valid]), 'knowledge.not-an-object');
});

test('the path must be <kind folder>/<id>@<version>.json, folder = kind or its plural', () => {
  assert.equal(checkKnowledgePath('protocols/crps-outpatient@1.0.0.json', valid), undefined);
  assert.equal(
    checkKnowledgePath('pk-models/a@1.0.0.json', { kind: 'pk-model', id: 'a', version: '1.0.0' }),
    undefined,
  );
  assert.equal(
    checkKnowledgePath('protocols/crps-outpatient@1.0.1.json', valid)?.code,
    'knowledge.path-mismatch',
  );
  assert.equal(
    checkKnowledgePath('protocol/crps@1.0.0.json', valid)?.code,
    'knowledge.path-mismatch',
  );
  assert.equal(
    checkKnowledgePath('other/crps-outpatient@1.0.0.json', valid)?.code,
    'knowledge.path-mismatch',
  );
});
