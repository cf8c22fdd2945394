import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { checkKnowledgePath, parseEnvelope } from '../knowledge/envelope.ts';
import { parsePkModel } from './parse-model.ts';
import { parseReliefModel } from '../pd/pd-model.ts';
import { PK_MODEL_FILES } from './model-catalog.ts';
import { PD_MODEL_FILES } from '../pd/pd-model.ts';

const knowledgeDir = new URL('../../knowledge/', import.meta.url).pathname;

/** Dotted paths of every numeric leaf in data (array indices dropped). */
function numericPaths(v: unknown, prefix = ''): string[] {
  if (typeof v === 'number') return [prefix];
  if (Array.isArray(v)) return v.flatMap((x) => numericPaths(x, prefix));
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).flatMap(([k, x]) => numericPaths(x, prefix ? `${prefix}.${k}` : k));
  return [];
}

for (const folder of ['pk-models', 'pd-models'] as const) {
  const files = readdirSync(`${knowledgeDir}${folder}`).filter((f) => f.endsWith('.json'));
  test(`${folder}: every file has a valid envelope, path, typed data and a unit for every number`, () => {
    assert.ok(files.length > 0);
    for (const file of files) {
      const json: unknown = JSON.parse(readFileSync(`${knowledgeDir}${folder}/${file}`, 'utf8'));
      const envelope = parseEnvelope(json);
      assert.ok(envelope.ok, `${file}: ${envelope.ok ? '' : envelope.error.message}`);
      assert.equal(checkKnowledgePath(`${folder}/${file}`, envelope.value), undefined);
      const typed = folder === 'pk-models' ? parsePkModel(json) : parseReliefModel(json);
      assert.ok(typed.ok, `${file}: ${typed.ok ? '' : typed.error.message}`);
      for (const path of numericPaths(envelope.value.data)) {
        const declared = Object.keys(envelope.value.units).some(
          (u) => path === u || path.startsWith(`${u}.`),
        );
        assert.ok(declared, `${file}: data.${path} has no declared unit`);
      }
    }
  });
}

test('the catalogues ship every file in the folders', () => {
  assert.equal(
    PK_MODEL_FILES.length,
    readdirSync(`${knowledgeDir}pk-models`).filter((f) => f.endsWith('.json')).length,
  );
  assert.equal(
    PD_MODEL_FILES.length,
    readdirSync(`${knowledgeDir}pd-models`).filter((f) => f.endsWith('.json')).length,
  );
});

test('every PK model states ke0 basis and a validated population; paediatric models are flagged', () => {
  for (const file of PK_MODEL_FILES) {
    const m = parsePkModel(file);
    assert.ok(m.ok);
    const d = m.value.data;
    if (d.effectSite) assert.ok(['published', 'assumed'].includes(d.effectSite.basis));
    assert.ok(d.validatedPopulation.description.length > 0);
    if (m.value.ref.id === 'ketamine-herd-2007' || m.value.ref.id === 's-ketamine-flint-2017')
      assert.equal(d.adultUse, false);
  }
});

test('the PK parser rejects bad files and names the field', () => {
  const good = PK_MODEL_FILES[0] as { data: Record<string, unknown> };
  const cases: [unknown, string][] = [
    [{ ...good, kind: 'protocol' }, 'kind'],
    [{ ...good, data: { ...good.data, drug: 'propofol' } }, 'data.drug'],
    [
      {
        ...good,
        data: { ...good.data, structure: { form: 'micro-per-kg', v1LPerKg: -1, k10PerMin: 1 } },
      },
      'data.structure.v1LPerKg',
    ],
    [
      {
        ...good,
        data: {
          ...good.data,
          structure: { form: 'micro-per-kg', v1LPerKg: 1, k10PerMin: 1, k12PerMin: 1 },
        },
      },
      'data.structure.k21PerMin',
    ],
    [
      { ...good, data: { ...good.data, iiv: [{ parameter: 'cl', cvPercent: 0, basis: 'x' }] } },
      'data.iiv.0.cvPercent',
    ],
    [
      { ...good, data: { ...good.data, correlations: [{ a: 'cl', b: 'v1', r: 1 }] } },
      'data.correlations.0.r',
    ],
    [
      {
        ...good,
        data: {
          ...good.data,
          validatedPopulation: { description: 'x', ageYears: { min: 1 }, weightKg: null },
        },
      },
      'data.validatedPopulation.ageYears',
    ],
  ];
  for (const [json, field] of cases) {
    const r = parsePkModel(json);
    assert.ok(!r.ok, field);
    assert.equal(r.error.field, field);
    assert.equal(r.error.code, 'pk.model-invalid');
  }
});
