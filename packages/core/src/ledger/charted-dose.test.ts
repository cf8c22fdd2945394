import { test } from 'node:test';
import assert from 'node:assert/strict';
import { administrableUg, checkWithinChartedDose, sessionAdministeredUg } from './charted-dose.ts';
import type { BookView, Vial } from './ledger-book.ts';

const vial = (vialId: string, sessionId: string, administeredUg: number): Vial => ({
  vialId,
  ndc: '00000-0000-01',
  lot: 'LOT-A',
  location: 'safe',
  sessionId,
  patientId: 'p',
  drawnUg: 500_000,
  administeredUg,
  wastedUg: 0,
  drawnAtMs: 0,
  status: 'open',
});

const book = (vials: Vial[]): BookView => ({
  lots: new Map(),
  stock: new Map(),
  vials: new Map(vials.map((v) => [v.vialId, v])),
  discrepancies: new Map(),
});

test('the ledger total of a session sums every container drawn for it, and only those', () => {
  const b = book([vial('a', 's1', 120_000), vial('b', 's1', 30_001), vial('c', 's2', 7)]);
  assert.equal(sessionAdministeredUg(b, 's1'), 150_001);
  assert.equal(sessionAdministeredUg(b, 's2'), 7);
  assert.equal(sessionAdministeredUg(b, 'none'), 0);
});

test('up to exactly the charted dose may be recorded; one microgram more is refused', () => {
  const s = { chartedUg: 10_000, recordedUg: 4_000 };
  assert.equal(administrableUg(s), 6_000);
  assert.equal(checkWithinChartedDose(s, 6_000).ok, true);
  const r = checkWithinChartedDose(s, 6_001);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'ledger.above-charted-dose');
  assert.equal(r.error.field, 'amountUg');
  assert.match(r.error.message, /chart shows 10 mg given/);
  assert.match(r.error.message, /already has 4 mg recorded/);
  assert.match(r.error.message, /at most 6 mg more/);
});

test('nothing charted: nothing can be recorded as administered', () => {
  const s = { chartedUg: 0, recordedUg: 0 };
  assert.equal(administrableUg(s), 0);
  assert.equal(checkWithinChartedDose(s, 1).ok, false);
  assert.equal(administrableUg({ chartedUg: 5, recordedUg: 9 }), 0);
});
