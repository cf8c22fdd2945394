import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SESSION_STATES,
  allowedEvents,
  isFinalState,
  transition,
  type SessionEventType,
  type SessionState,
} from './session-state.ts';
import {
  context,
  dischargeAtMs,
  dischargeEvent,
  passingEvent,
  passingFacts,
} from './session-fixtures.test-support.ts';

/**
 * The legal transitions, written out from issue 4 Deliver 3 independently of the implementation
 * table: scheduled → checked-in → prechecks-done → double-checked → running ⇄ paused → stopped →
 * recovery → discharged | transferred; cancelled before running; transfer also straight from stopped.
 */
const LEGAL: readonly (readonly [SessionState, SessionEventType, SessionState])[] = [
  ['scheduled', 'check-in', 'checked-in'],
  ['checked-in', 'complete-prechecks', 'prechecks-done'],
  ['prechecks-done', 'record-double-check', 'double-checked'],
  ['double-checked', 'start', 'running'],
  ['running', 'pause', 'paused'],
  ['paused', 'resume', 'running'],
  ['running', 'stop', 'stopped'],
  ['paused', 'stop', 'stopped'],
  ['stopped', 'begin-recovery', 'recovery'],
  ['recovery', 'discharge', 'discharged'],
  ['recovery', 'transfer', 'transferred'],
  ['stopped', 'transfer', 'transferred'],
  ['scheduled', 'cancel', 'cancelled'],
  ['checked-in', 'cancel', 'cancelled'],
  ['prechecks-done', 'cancel', 'cancelled'],
  ['double-checked', 'cancel', 'cancelled'],
];

const EVENT_TYPES = Object.keys(passingEvent) as SessionEventType[];

test('the matrix covers 11 states × 11 events', () => {
  assert.equal(SESSION_STATES.length, 11);
  assert.equal(EVENT_TYPES.length, 11);
});

for (const from of SESSION_STATES) {
  for (const eventType of EVENT_TYPES) {
    const legal = LEGAL.find(([f, e]) => f === from && e === eventType);
    const title = legal
      ? `${from} --${eventType}--> ${legal[2]}`
      : `${from} --${eventType}--> refused as session.illegal-transition`;
    test(title, () => {
      const result = transition(from, passingEvent[eventType], context);
      if (legal) {
        assert.ok(result.ok, result.ok ? '' : result.error.message);
        assert.equal(result.value.to, legal[2]);
        assert.equal(result.value.from, from);
        assert.equal(result.value.event, eventType);
      } else {
        assert.ok(!result.ok);
        assert.equal(result.error.code, 'session.illegal-transition');
        assert.equal(result.error.field, 'event.type');
        assert.match(result.error.message, new RegExp(from));
      }
    });
  }
}

test('allowedEvents lists exactly the legal events of each state', () => {
  for (const state of SESSION_STATES) {
    const expected = LEGAL.filter(([f]) => f === state)
      .map(([, e]) => e)
      .sort();
    assert.deepEqual([...allowedEvents(state)].sort(), expected, state);
  }
});

test('discharged, transferred and cancelled are final; nothing else is', () => {
  const finals = SESSION_STATES.filter(isFinalState);
  assert.deepEqual(finals, ['discharged', 'transferred', 'cancelled']);
});

test('cancel is impossible once the infusion has run', () => {
  for (const state of ['running', 'paused', 'stopped', 'recovery'] as const) {
    const r = transition(state, { type: 'cancel' }, context);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'session.illegal-transition');
  }
});

test('illegality is decided before the guard: a failing payload in the wrong state is still 409', () => {
  const r = transition(
    'running',
    {
      type: 'record-double-check',
      first: { userId: 'a', concentrationMgPerMl: 1, rateMlPerH: 1 },
      second: { userId: 'a', concentrationMgPerMl: 1, rateMlPerH: 1 },
    },
    context,
  );
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'session.illegal-transition');
});

test('guard: pre-infusion checks not met blocks with the failed checks listed', () => {
  const r = transition(
    'checked-in',
    {
      type: 'complete-prechecks',
      facts: {
        ...passingFacts,
        escortConfirmed: null,
        baselineVitals: { ...passingFacts.baselineVitals, systolicBpMmHg: 181 },
      },
    },
    context,
  );
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'session.prechecks-not-met');
  assert.deepEqual(
    r.error.failedChecks?.map((c) => [c.check, c.status]),
    [
      ['escort', 'unknown'],
      ['baseline.systolicBpMmHg', 'unmet'],
    ],
  );
  assert.equal(r.error.field, 'facts.escort');
});

test('guard: passing pre-checks are returned as evidence with the protocol reference', () => {
  const r = transition('checked-in', passingEvent['complete-prechecks'], context);
  assert.ok(r.ok);
  const evidence = r.value.evidence;
  assert.ok(evidence?.kind === 'pre-infusion-checks', 'pre-check evidence is attached');
  assert.deepEqual(evidence.evaluation.source, { id: 'test-protocol', version: '1.0.0' });
  assert.ok(
    evidence.evaluation.trace.every((c) => c.status === 'met'),
    'every check met',
  );
});

test('guard: a double check by the same user, or disagreeing by more than 1 %, blocks', () => {
  const same = transition(
    'prechecks-done',
    {
      type: 'record-double-check',
      first: { userId: 'nurse-a', concentrationMgPerMl: 1, rateMlPerH: 24.5 },
      second: { userId: 'nurse-a', concentrationMgPerMl: 1, rateMlPerH: 24.5 },
    },
    context,
  );
  assert.ok(!same.ok);
  assert.equal(same.error.code, 'double-check.same-user');
  const off = transition(
    'prechecks-done',
    {
      type: 'record-double-check',
      first: { userId: 'nurse-a', concentrationMgPerMl: 1, rateMlPerH: 24.5 },
      second: { userId: 'nurse-b', concentrationMgPerMl: 1, rateMlPerH: 2.45 },
    },
    context,
  );
  assert.ok(!off.ok);
  assert.equal(off.error.code, 'double-check.disagreement');
  assert.equal(off.error.comparison?.fields.find((f) => f.field === 'rateMlPerH')?.agrees, false);
});

test('guard: discharge below the protocol threshold is refused with the shortfall', () => {
  const r = transition('recovery', dischargeEvent(8), context);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'session.discharge-criteria-not-met');
  assert.equal(r.error.shortfalls?.length, 1);
  const strict = transition('recovery', dischargeEvent(9), {
    ...context,
    discharge: { ...context.discharge, minimumTotal: 10 },
  });
  assert.ok(!strict.ok);
  const ok9 = transition('recovery', dischargeEvent(9), context);
  assert.ok(ok9.ok, 'Aldrete 9 after 60 min of observation is allowed');
});

test('guard: discharge before the minimum observation is refused naming the rule and its source', () => {
  const early = { ...dischargeEvent(10), atMs: dischargeAtMs - 1 } as const;
  const r = transition('recovery', early, context);
  assert.ok(!r.ok, 'one millisecond short of 60 min must be refused');
  assert.equal(r.error.code, 'session.discharge-observation-incomplete');
  assert.equal(r.error.field, 'event');
  assert.match(r.error.message, /discharge\.minObservationMin of test-protocol@1\.0\.0/);
  const observation = r.error.observation;
  assert.ok(observation !== undefined, 'the refusal carries the observation evidence');
  assert.equal(observation.observedMin, 59);
  assert.equal(observation.earliestDischargeAtMs, dischargeAtMs);
  const longer = transition('recovery', dischargeEvent(10), {
    ...context,
    discharge: { ...context.discharge, minObservationMin: 61 },
  });
  assert.ok(!longer.ok, 'a protocol asking 61 min refuses at 60');
  const done = transition('recovery', dischargeEvent(10), context);
  assert.ok(done.ok, 'exactly 60 min is enough');
  assert.equal(done.value.evidence?.kind, 'discharge');
});

test('a complete session walks the happy path to discharge', () => {
  const path: SessionEventType[] = [
    'check-in',
    'complete-prechecks',
    'record-double-check',
    'start',
    'pause',
    'resume',
    'stop',
    'begin-recovery',
    'discharge',
  ];
  let state: SessionState = 'scheduled';
  for (const type of path) {
    const r = transition(state, passingEvent[type], context);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    state = r.value.to;
  }
  assert.equal(state, 'discharged');
});
