/**
 * The clinical JSON commands as a user runs them: JSON in, core's JSON out, and bad input as one line
 * naming the field with exit code 2. The numbers themselves are core's and are tested there; these
 * tests check the plumbing (parsing, refusal, output shape, knowledge refs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/ketaflow.js', import.meta.url));

function run(args: string[], input: unknown): { status: number | null; out: unknown; err: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input: typeof input === 'string' ? input : JSON.stringify(input),
    encoding: 'utf8',
    timeout: 60_000,
  });
  let out: unknown;
  try {
    out = JSON.parse(result.stdout);
  } catch {
    out = null;
  }
  return { status: result.status, out, err: result.stderr };
}

const schwartzman70kg = {
  protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
  patient: { weightKg: 70, heightCm: 170, sex: 'female' },
  concentration: { mgPerMl: 1, source: 'library' },
};

test('dose: 0.35 mg/kg/h for 70 kg is 24.5 mg/h (Schwartzman 2009), with inputs, limits and knowledge refs', () => {
  const { status, out } = run(['dose'], schwartzman70kg);
  assert.equal(status, 0);
  const result = out as {
    rate: { deliveredMgPerH: number };
    knowledge: { id: string }[];
    limitsApplied: unknown[];
    formula: string[];
  };
  assert.equal(result.rate.deliveredMgPerH, 24.5);
  assert.ok(
    result.knowledge.some((k) => k.id === 'crps-outpatient-schwartzman'),
    'protocol ref recorded',
  );
  assert.ok(result.limitsApplied.length > 0, 'limits listed');
  assert.ok(result.formula.length > 0, 'formula listed');
});

test('dose: a weight sent as a string is refused in one line naming the field', () => {
  const { status, err } = run(['dose'], {
    ...schwartzman70kg,
    patient: { ...schwartzman70kg.patient, weightKg: '70' },
  });
  assert.equal(status, 2);
  assert.match(err.trim(), /^ketaflow: patient\.weightKg: /);
  assert.equal(err.trim().split('\n').length, 1);
});

test('dose: unknown fields and malformed JSON are refused', () => {
  const extra = run(['dose'], { ...schwartzman70kg, isAdmin: true });
  assert.equal(extra.status, 2);
  assert.match(extra.err, /isAdmin: is not a known field/);
  const broken = run(['dose'], '{"protocol":');
  assert.equal(broken.status, 2);
  assert.match(broken.err, /input: not valid JSON/);
});

test('mme: per-medication and total MME/day with the factor table, from --input FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ketaflow-cli-'));
  try {
    const file = join(dir, 'mme.json');
    writeFileSync(
      file,
      JSON.stringify({ medications: [{ drug: 'oxycodone', doseMg: 10, timesPerDay: 3 }] }),
    );
    const { status, out } = run(['mme', '--input', file], '');
    assert.equal(status, 0);
    const result = out as { totalMmePerDay: number; factorTable: { id: string; version: string } };
    // CDC 2022: oxycodone factor 1.5 → 30 mg/day × 1.5 = 45 MME/day.
    assert.equal(result.totalMmePerDay, 45);
    assert.equal(result.factorTable.id, 'cdc-2022-mme-factors');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mme: buprenorphine is refused with the reason, naming the field', () => {
  const { status, err } = run(['mme'], {
    medications: [{ drug: 'buprenorphine', doseMg: 2, timesPerDay: 1 }],
  });
  assert.equal(status, 2);
  assert.match(err, /medications\[0\]\.drug: Buprenorphine/);
});

test('pk simulate: the documented output shape', () => {
  const { status, out } = run(['pk', 'simulate'], {
    model: { id: 'ketamine-hijazi-2003' },
    patient: { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' },
    boluses: [],
    infusions: [{ startMin: 0, durationMin: 240, rateMgPerH: 24.5 }],
    untilMin: 300,
    stepMin: 60,
  });
  assert.equal(status, 0);
  const result = out as {
    model: { id: string; version: string };
    timesMin: number[];
    plasmaNgPerMl: number[];
    metaboliteNgPerMl: unknown;
    warnings: unknown[];
  };
  assert.deepEqual(result.timesMin, [0, 60, 120, 180, 240, 300]);
  assert.equal(result.plasmaNgPerMl.length, 6);
  assert.equal(result.metaboliteNgPerMl, null);
  assert.equal(result.model.id, 'ketamine-hijazi-2003');
  assert.ok(Array.isArray(result.warnings), 'warnings listed');
});

test('screen and score: a missing fact stays unknown; an incomplete questionnaire is not scored as 0', () => {
  const screen = run(['screen'], { facts: {} });
  assert.equal(screen.status, 0);
  assert.notEqual((screen.out as { decision: string }).decision, 'eligible');
  const score = run(['score'], { instrument: 'phq-9', answers: { 'phq9-1': 1 } });
  assert.equal(score.status, 0);
  const scored = score.out as { status: string; missingItems: string[] };
  assert.equal(scored.status, 'incomplete');
  assert.equal(scored.missingItems.length, 8);
});
