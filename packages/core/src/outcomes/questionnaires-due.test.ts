import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  defaultQuestionnaireSchedule,
  type QuestionnaireSchedule,
} from './questionnaire-schedule.ts';
import {
  questionnairesDue,
  type CourseCalendar,
  type ScheduleResponse,
} from './questionnaires-due.ts';

const loadDefault = (): QuestionnaireSchedule => {
  const parsed = defaultQuestionnaireSchedule();
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};
const schedule = loadDefault();

// Fictional fibromyalgia course: enrolled 1 March 2026, infusions on 3 and 4 March.
const fibromyalgia: CourseCalendar = {
  startDate: '2026-03-01',
  sessionDates: ['2026-03-04', '2026-03-03'],
  diagnosisCodes: ['M79.7'],
};

const run = (today: string, responses: readonly ScheduleResponse[] = [], course = fibromyalgia) => {
  const result = questionnairesDue(schedule, course, responses, today);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const statusOf = (
  today: string,
  itemId: string,
  dueOn: string,
  responses: readonly ScheduleResponse[] = [],
) =>
  run(today, responses).occurrences.find((o) => o.itemId === itemId && o.dueOn === dueOn)?.status;

test('the day after enrolment: five baseline items due, yesterday diary overdue, nothing session-bound yet', () => {
  const due = run('2026-03-02');
  assert.deepEqual(
    due.occurrences.map((o) => `${o.itemId} ${o.dueOn} ${o.status}`),
    [
      'nrs-daily-diary 2026-03-01 overdue',
      'nrs-daily-diary 2026-03-02 due',
      'baseline-fiqr 2026-03-03 due',
      'baseline-gad-7 2026-03-03 due',
      'baseline-nrs 2026-03-03 due',
      'baseline-peg 2026-03-03 due',
      'baseline-phq-9 2026-03-03 due',
    ],
  );
  assert.equal(due.schedule.id, 'default-chronic-pain-schedule');
  assert.deepEqual(due.warnings, []);
});

test('a recorded response marks its occurrence done', () => {
  const responses = [{ itemId: 'nrs-daily-diary', dueOn: '2026-03-01', completedOn: '2026-03-02' }];
  const done = run('2026-03-02', responses).occurrences[0];
  assert.equal(done?.status, 'done');
  assert.equal(done.completedOn, '2026-03-02');
});

test('baseline and in-session NRS are missed once their day has passed', () => {
  assert.equal(statusOf('2026-03-03', 'baseline-nrs', '2026-03-03'), 'due');
  assert.equal(statusOf('2026-03-05', 'baseline-nrs', '2026-03-03'), 'missed');
  assert.equal(statusOf('2026-03-03', 'nrs-before-infusion', '2026-03-03'), 'due');
  assert.equal(statusOf('2026-03-05', 'nrs-after-infusion', '2026-03-04'), 'missed');
  assert.equal(statusOf('2026-03-05', 'nrs-daily-diary', '2026-03-04'), 'overdue');
  assert.equal(statusOf('2026-03-05', 'nrs-daily-diary', '2026-03-03'), 'missed');
});

test('weekly PEG: due day 7 after the first infusion, window 1 day before, grace 2, expires after 6', () => {
  // first infusion 2026-03-03, so the first PEG is due 2026-03-10 and opens 2026-03-09
  assert.equal(statusOf('2026-03-08', 'peg-weekly', '2026-03-10'), undefined);
  assert.equal(statusOf('2026-03-09', 'peg-weekly', '2026-03-10'), 'due');
  assert.equal(statusOf('2026-03-12', 'peg-weekly', '2026-03-10'), 'due');
  assert.equal(statusOf('2026-03-13', 'peg-weekly', '2026-03-10'), 'overdue');
  assert.equal(statusOf('2026-03-16', 'peg-weekly', '2026-03-10'), 'overdue');
  assert.equal(statusOf('2026-03-17', 'peg-weekly', '2026-03-10'), 'missed');
});

test('follow-up ends 84 days after the last infusion (2026-05-27): counts per item', () => {
  const all = run('2026-12-31').occurrences;
  const count = (id: string) => all.filter((o) => o.itemId === id).length;
  assert.equal(count('nrs-daily-diary'), 31 + 30 + 27); // 1 Mar .. 27 May inclusive
  assert.equal(count('peg-weekly'), 12); // 7k <= 85 days from 3 Mar to 27 May
  assert.equal(count('phq-9-every-4-weeks'), 3); // 28k <= 85
  assert.equal(count('fiqr-every-4-weeks'), 3);
  assert.equal(count('nrs-before-infusion'), 2);
  assert.equal(count('crps-severity-score-every-4-weeks'), 0);
});

test('CRPS diagnosis (G90.511) brings the clinician CRPS severity score and not the FIQR', () => {
  const crps = { ...fibromyalgia, diagnosisCodes: ['G90.511'] };
  const items = run('2026-03-02', [], crps).occurrences;
  const css = items.find((o) => o.itemId === 'baseline-crps-severity-score');
  assert.equal(css?.respondent, 'clinician');
  assert.equal(
    items.some((o) => o.instrumentId === 'fiqr'),
    false,
  );
});

test('a response matching no occurrence is a warning, not silently dropped', () => {
  const due = run('2026-03-02', [
    { itemId: 'retired-item', dueOn: '2026-03-02', completedOn: '2026-03-02' },
  ]);
  assert.equal(due.warnings.length, 1);
  assert.equal(due.warnings[0]?.code, 'questionnaires.response-unmatched');
});

test('bad input is rejected with the field', () => {
  const bad = questionnairesDue(schedule, fibromyalgia, [], '2026-3-2');
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'today');
  const noSessions = questionnairesDue(
    schedule,
    { ...fibromyalgia, sessionDates: [] },
    [],
    '2026-03-02',
  );
  assert.equal(noSessions.ok ? '' : noSessions.error.code, 'questionnaires.no-sessions');
  const early = questionnairesDue(
    schedule,
    { ...fibromyalgia, sessionDates: ['2026-02-01'] },
    [],
    '2026-03-02',
  );
  assert.equal(early.ok ? '' : early.error.code, 'questionnaires.session-before-start');
  const badResponse = questionnairesDue(
    schedule,
    fibromyalgia,
    [{ itemId: 'baseline-nrs', dueOn: '2026-03-03', completedOn: '03/03/2026' }],
    '2026-03-03',
  );
  assert.equal(badResponse.ok ? '' : badResponse.error.field, 'responses[0].completedOn');
});

test('property: only opened or done occurrences are listed, and the list only grows as days pass (seed 7)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 120 }),
      fc.integer({ min: 0, max: 30 }),
      (offset, step) => {
        const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n)).toISOString().slice(0, 10);
        const earlier = run(day(offset)).occurrences;
        const later = run(day(offset + step)).occurrences;
        assert.ok(later.length >= earlier.length);
        for (const o of earlier) assert.ok(o.opensOn <= day(offset));
        const rank = { due: 0, overdue: 1, missed: 2, done: 3 } as const;
        for (const o of earlier) {
          const again = later.find((l) => l.itemId === o.itemId && l.dueOn === o.dueOn);
          assert.ok(again !== undefined && rank[again.status] >= rank[o.status]);
        }
      },
    ),
    { seed: 7, numRuns: 60 },
  );
});

test('every instrument the default schedule names is a shipped instrument with the same respondent', async () => {
  const { findInstrument } = await import('../scoring/registry.ts');
  for (const item of schedule.items) {
    const instrument = findInstrument(item.instrumentId);
    assert.equal(instrument.ok, true, item.instrumentId);
    assert.equal(instrument.value.respondent, item.respondent, item.id);
  }
});
