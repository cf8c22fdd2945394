/**
 * Course questionnaire schedules through the API (issue 5): the shipped default until edited, edits
 * by coordinators and prescribers with optimistic concurrency (409 on a stale version), retries that
 * do not add a version, bad input refused naming the field, the history with change notes, audit
 * rows, roles and clinics that may not read or edit, and due dates computed from the edited schedule.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { signInTeam } from '../intake/fixtures.test-support.ts';
import { signIn, startTestApp, type SignedIn } from '../testing/harness.ts';
import { bookedCourse } from './booking.test-support.ts';

const t = await startTestApp();
after(() => t.close());

const team = await signInTeam(t.app);
const { patientId, courseId } = await bookedCourse(t.app, team, 3);
const url = `/api/v1/courses/${courseId}/questionnaire-schedule`;

const get = (who: SignedIn, path = url) =>
  t.app.inject({ method: 'GET', url: path, headers: who.headers() });
const put = (who: SignedIn, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url, headers: who.headers(), payload });

interface View {
  version: number;
  edited: boolean;
  basedOn: string;
  items: { id: string; respondent: string; stopsAfter?: string }[];
  changeNote: string | null;
}
interface Due {
  today: string;
  schedules: { courseId: string; schedule: string }[];
  occurrences: { itemId: string; status: string }[];
}

const diary = { type: 'daily', graceDays: 0, expiresAfterDays: 1 };
const weekly = {
  type: 'interval',
  everyDays: 7,
  windowBeforeDays: 1,
  graceDays: 2,
  expiresAfterDays: 6,
};
const edit = (version: number, extra: Record<string, unknown> = {}) => ({
  version,
  followUpDaysAfterLastSession: 56,
  items: [
    { id: 'baseline-nrs', instrumentId: 'nrs-0-10', trigger: { type: 'baseline' } },
    { id: 'nrs-daily-diary', instrumentId: 'nrs-0-10', trigger: diary, ...extra },
    { id: 'pgic-weekly', instrumentId: 'pgic', trigger: weekly },
  ],
  changeNote: 'Shorter follow-up; no PEG for this patient.',
});

const dueNow = async (): Promise<Due> => {
  const due = await get(team.nurse, `/api/v1/patients/${patientId}/questionnaires/due`);
  assert.equal(due.statusCode, 200, due.body);
  return due.json<Due>();
};

test('the default schedule until edited: version 0 from the shipped knowledge file', async () => {
  const response = await get(team.coordinator);
  assert.equal(response.statusCode, 200, response.body);
  const view = response.json<View>();
  assert.equal(view.version, 0);
  assert.equal(view.edited, false);
  assert.equal(view.basedOn, 'default-chronic-pain-schedule@1.0.0');
  const ids = view.items.map((i) => i.id);
  assert.ok(ids.includes('nrs-daily-diary') && ids.includes('phq-9-every-4-weeks'), ids.join());
  assert.equal(
    view.items.find((i) => i.id === 'baseline-crps-severity-score')?.respondent,
    'clinician',
    'respondent from the knowledge file',
  );
  const due = await dueNow();
  assert.deepEqual(due.schedules, [{ courseId, schedule: 'default-chronic-pain-schedule@1.0.0' }]);
  assert.ok(
    due.occurrences.some((o) => o.itemId === 'baseline-peg'),
    'the default asks for a baseline PEG',
  );
  // The fixture intake's diagnosis is G90.521 (CRPS I): the CRPS severity score applies (prefix
  // G90.5 in the default schedule), the fibromyalgia FIQR (M79.7) does not.
  const dueIds = due.occurrences.map((o) => o.itemId);
  assert.ok(dueIds.includes('baseline-crps-severity-score'), dueIds.join());
  assert.ok(!dueIds.includes('baseline-fiqr'), dueIds.join());
});

test('roles and clinics: patients, researchers, admins and other clinics are refused', async () => {
  const patient = await signIn(t.app, { role: 'patient', clinicId: team.clinicId, patientId });
  const otherClinic = await signIn(t.app, { role: 'coordinator' });
  for (const [who, status] of [
    [patient, 403],
    [team.researcher, 403],
    [team.admin, 403],
    [otherClinic, 404],
  ] as const) {
    assert.equal((await get(who)).statusCode, status, `read as ${who.role}`);
    assert.equal((await put(who, edit(0))).statusCode, status, `edit as ${who.role}`);
  }
  assert.equal((await put(team.nurse, edit(0))).statusCode, 403, 'nurses read but do not edit');
  assert.equal((await get(team.nurse)).statusCode, 200, 'nurses read');
});

test('bad edits are refused naming the field, and nothing is saved', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...edit(0), colour: 'red' }, 'body'],
    [
      { ...edit(0), items: [{ id: 'x', instrumentId: 'no-such-instrument', trigger: diary }] },
      'body.items[0].instrumentId',
    ],
    [
      {
        ...edit(0),
        items: [
          {
            id: 'pgic',
            instrumentId: 'pgic',
            trigger: { ...weekly, windowBeforeDays: 7 },
          },
        ],
      },
      'body.items[0].trigger.windowBeforeDays',
    ],
    [
      {
        ...edit(0),
        items: [
          { id: 'a', instrumentId: 'pgic', trigger: weekly },
          { id: 'a', instrumentId: 'peg', trigger: weekly },
        ],
      },
      'body.items[1].id',
    ],
    [edit(0, { startsOn: '2026-12-10', stopsAfter: '2026-12-01' }), 'body.items[1].stopsAfter'],
  ];
  for (const [payload, field] of cases) {
    const response = await put(team.coordinator, payload);
    assert.equal(response.statusCode, 400, response.body);
    const problem = response.json<{ field?: string }>();
    if (field !== 'body') assert.equal(problem.field, field, response.body);
  }
  assert.equal((await get(team.coordinator)).json<View>().version, 0, 'nothing saved');
});

test('edits: 409 when stale, retries add no version, history and audit kept, due from the edit', async () => {
  const first = await put(team.coordinator, edit(0));
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json<View>().version, 1);
  assert.equal(first.json<View>().edited, true);
  const retry = await put(team.coordinator, edit(0));
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal(retry.json<View>().version, 1, 'a retry returns the saved version');
  const stale = await put(team.prescriber, { ...edit(0), changeNote: 'Another edit' });
  assert.equal(stale.statusCode, 409, stale.body);
  assert.equal(stale.json<{ code: string }>().code, 'questionnaire-schedule.version-conflict');

  let due = await dueNow();
  assert.equal(
    due.schedules[0]?.schedule,
    'default-chronic-pain-schedule@1.0.0 (clinic edit 1)',
    'the due list names the edit',
  );
  const items = new Set(due.occurrences.map((o) => o.itemId));
  assert.ok(items.has('nrs-daily-diary'), 'the diary is due today');
  assert.ok(!items.has('baseline-peg'), 'the removed baseline PEG is no longer asked');

  // Stop the diary yesterday (clinic date): today's diary is no longer asked.
  const yesterday = new Date(Date.parse(`${due.today}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  const second = await put(team.prescriber, {
    ...edit(1, { stopsAfter: yesterday }),
    changeNote: 'Diary stopped: patient asked.',
  });
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(
    second.json<View>().items.find((i) => i.id === 'nrs-daily-diary')?.stopsAfter,
    yesterday,
  );
  due = await dueNow();
  assert.ok(
    !due.occurrences.some((o) => o.itemId === 'nrs-daily-diary'),
    'no diary after its stop date',
  );
  assert.ok(
    due.occurrences.some((o) => o.itemId === 'baseline-nrs'),
    'the other items stay',
  );

  const history = await get(team.nurse, `${url}/history`);
  assert.equal(history.statusCode, 200, history.body);
  assert.deepEqual(
    history.json<{ items: View[] }>().items.map((v) => [v.version, v.changeNote]),
    [
      [2, 'Diary stopped: patient asked.'],
      [1, 'Shorter follow-up; no PEG for this patient.'],
    ],
  );
  const audited = await t.database.db.execute<{ action: string; n: number }>(
    sql`SELECT action, count(*)::int AS n FROM audit_events
        WHERE resource_id = ${courseId} AND action LIKE 'questionnaire-schedule.%'
        GROUP BY action ORDER BY action`,
  );
  const counts = Object.fromEntries(audited.rows.map((r) => [r.action, r.n]));
  assert.equal(counts['questionnaire-schedule.update'], 2, JSON.stringify(counts));
  assert.ok((counts['questionnaire-schedule.history-read'] ?? 0) >= 1, JSON.stringify(counts));
});
