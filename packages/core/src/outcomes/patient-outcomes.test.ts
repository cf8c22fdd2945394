import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInstrument } from '../scoring/registry.ts';
import { defaultBoosterRule } from './booster-suggestion.ts';
import { defaultMonitoringPlan } from './monitoring-reminders.ts';
import {
  patientOutcomes,
  type OutcomeKnowledge,
  type PatientOutcomeInput,
} from './patient-outcomes.ts';
import { rules, unwrap } from './test-fixtures.ts';

// IMMPACT classes (Dworkin 2008, clinical.md 7.1), set here so the test does not depend on file edits.
const knowledge: OutcomeKnowledge = {
  rules: rules(),
  booster: unwrap(defaultBoosterRule()),
  monitoring: unwrap(defaultMonitoringPlan()),
  painInstrument: {
    ...unwrap(findInstrument('nrs-0-10')),
    painChangeClasses: [{ code: 'p30', label: '30', atLeastPercentReduction: 30 }],
  },
  pgicInstrument: {
    ...unwrap(findInstrument('pgic')),
    pgicChangeClasses: [{ code: 'much', label: 'much', answers: [1, 2] }],
  },
};

// A fictional patient: baseline 8, two infusions on 1 and 2 March, relief until pain returns on
// 20 and 21 April (>= 5.6 twice), assessed on 5 May.
const input: PatientOutcomeInput = {
  readings: [
    { date: '2026-02-27', nrs: 8, context: 'diary' },
    { date: '2026-03-01', nrs: 8, context: 'before-infusion' },
    { date: '2026-03-10', nrs: 3, context: 'diary' },
    { date: '2026-04-20', nrs: 6, context: 'diary' },
    { date: '2026-04-21', nrs: 7, context: 'diary' },
  ],
  sessions: [
    { sessionId: 's1', date: '2026-03-01', doseMg: 98, weightKg: 70, nrsBefore: 8, nrsAfter: 4 },
    { sessionId: 's2', date: '2026-03-02', doseMg: 98, weightKg: 70, nrsBefore: 6, nrsAfter: 5 },
  ],
  pgicAnswers: [{ date: '2026-03-10', answer: 2 }],
  checks: [],
  today: '2026-05-05',
};

test('the outcome page of one patient, with the booster rule firing 64 days after the last infusion', () => {
  const o = unwrap(patientOutcomes(input, knowledge));
  assert.equal(o.daysSinceLastInfusion, 64); // 2 March -> 5 May
  assert.equal(o.trajectory.baseline.status === 'known' ? o.trajectory.baseline.meanNrs : -1, 8);
  assert.deepEqual(
    o.rapidOnset.sessions.map((s) => s.status),
    ['response', 'no-response'],
  ); // 50 %, 16.7 %
  assert.deepEqual(o.durableRelief.relief, {
    status: 'returned',
    days: 49,
    returnedOn: '2026-04-20',
    reliefAchieved: true,
  });
  assert.equal(o.booster.suggest, true);
  assert.equal(o.exposure.totalMg, 196);
  assert.deepEqual(
    o.monitoring.reminders.map((r) => r.due),
    [false, false],
  ); // 2 sessions < 5 and < 10
  assert.deepEqual(o.responder.pgic.status === 'known' ? o.responder.pgic.reached : [], ['much']);
  // current pain window 29 Apr .. 5 May has no diary reading -> unknown, not non-responder
  assert.deepEqual(o.responder.pain, { status: 'unknown', reason: 'no-current-pain' });
});

test('refuses a future session and an empty course', () => {
  const future = patientOutcomes({ ...input, today: '2026-03-01' }, knowledge);
  assert.equal(future.ok ? '' : future.error.code, 'outcomes.session-in-future');
  const empty = patientOutcomes({ ...input, sessions: [] }, knowledge);
  assert.equal(empty.ok ? '' : empty.error.code, 'outcomes.no-sessions');
});
