import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CDC_2022_MME_FACTORS } from '../mme/factor-table.ts';
import { durableRelief } from '../outcomes/durable-relief.ts';
import { ketamineExposure } from '../outcomes/ketamine-exposure.ts';
import { mmeChangeFromBaseline } from '../outcomes/mme-over-time.ts';
import { parseNrsReadings } from '../outcomes/pain-readings.ts';
import { rapidOnset } from '../outcomes/rapid-onset.ts';
import { responderStatus } from '../outcomes/responder-status.ts';
import { day, rules, unwrap } from '../outcomes/test-fixtures.ts';
import type { Instrument } from '../scoring/instrument.ts';
import { findInstrument } from '../scoring/registry.ts';
import { cohortRowFor } from './cohort-row.ts';

// IMMPACT classes (Dworkin 2008, clinical.md 7.1) set explicitly so the test does not depend on file edits.
const nrs: Instrument = {
  ...unwrap(findInstrument('nrs-0-10')),
  painChangeClasses: [{ code: 'p30', label: '30', atLeastPercentReduction: 30 }],
};
const pgic: Instrument = {
  ...unwrap(findInstrument('pgic')),
  pgicChangeClasses: [{ code: 'much', label: 'much', answers: [1, 2] }],
};

test('one fictional CRPS course flows from the outcome functions into a cohort row', () => {
  const r = rules();
  const readings = unwrap(
    parseNrsReadings([
      { date: '2026-03-09', nrs: 8, context: 'diary' },
      { date: '2026-03-10', nrs: 8, context: 'before-infusion' }, // baseline 8, return level 5.6
      { date: '2026-03-12', nrs: 3, context: 'diary' },
      { date: '2026-03-13', nrs: 3, context: 'diary' },
      { date: '2026-03-14', nrs: 3, context: 'diary' }, // current pain on 03-14 = 3 -> 62.5 % reduction
    ]),
  );
  const exposure = unwrap(
    ketamineExposure([
      { date: '2026-03-10', doseMg: 98, weightKg: 70 },
      { date: '2026-03-11', doseMg: 98, weightKg: 70 },
    ]),
  );
  const responder = unwrap(
    responderStatus(
      {
        readings,
        firstInfusion: day('2026-03-10'),
        asOf: day('2026-03-14'),
        pgicAnswers: [{ date: '2026-03-14', answer: 4 }],
      },
      r,
      nrs,
      pgic,
    ),
  );
  const relief = unwrap(durableRelief(readings, day('2026-03-11'), 8, day('2026-03-14'), r));
  const mme = unwrap(
    mmeChangeFromBaseline(
      [
        {
          id: 'o',
          drug: 'oxycodone',
          doseMg: 10,
          timesPerDay: 2,
          startDate: '2025-01-01',
          stopDate: '2026-03-31',
        },
      ],
      '2026-03-10',
      '2026-05-01',
      [1, 3],
      CDC_2022_MME_FACTORS,
    ),
  );
  const onset = unwrap(
    rapidOnset(
      [
        { sessionId: 's1', date: '2026-03-10', nrsBefore: 8, nrsAfter: 4 },
        { sessionId: 's2', date: '2026-03-11', nrsBefore: 6 },
      ],
      r,
    ),
  );
  const row = unwrap(
    cohortRowFor({
      patientId: 'p1',
      conditionCode: 'G90.511',
      protocol: { id: 'crps-outpatient', version: '1.0.0' },
      sex: 'female',
      ageYears: 52,
      exposure,
      responder,
      relief,
      mme,
      rapidOnset: onset,
      adverseEvents: 1,
    }),
  );
  assert.equal(row.sessions, 2);
  assert.ok(Math.abs(row.sessionDoseMgPerKg - 1.4) < 1e-12);
  assert.ok(Math.abs(row.courseDoseMgPerKg - 2.8) < 1e-12);
  assert.deepEqual(row.painClasses, ['p30']);
  assert.deepEqual(row.pgicClasses, []); // "no change" reaches no PGIC class
  assert.deepEqual(row.durableRelief, { days: 3, event: false }); // relief lasting, censored on 03-14
  assert.equal(row.baselineMmePerDay, 30); // oxycodone 10 mg BID = 30 MME/day (CDC example)
  // 1 month (2026-04-10): stopped on 03-31 -> 0, change -30; 3 months not reached by 2026-05-01
  assert.deepEqual(row.mmeChanges, [{ months: 1, changeMmePerDay: -30 }]);
  assert.deepEqual([row.rapidOnsetResponses, row.rapidOnsetAssessed], [1, 1]);
});
