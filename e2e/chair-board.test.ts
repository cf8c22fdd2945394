/**
 * The live chair board with a full floor (issue 4 item 7: "stays usable with 30 chairs"), in Debian
 * Chromium on a 1920×1080 wall display: 30 chairs, each with a running infusion built through the
 * API fixtures, all on one screen without scrolling, each tile showing its state, rate and patient
 * initials only; accessible (axe); and a stop-rule alarm charted for one chair while the board is
 * open reaches that tile over the server-sent stream without a reload.
 *
 * The 2-second push target itself is checked in packages/server/src/board/board.int.test.ts; the
 * waits here only stop a hung run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import {
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
  type SessionFixture,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { expectAccessible } from './axe.ts';
import { type E2e, signInStaff, startE2e, unexpectedErrors } from './harness.ts';

const CHAIRS = 30;
const WALL_DISPLAY = { width: 1920, height: 1080 } as const;
/** crps-outpatient-schwartzman@1.0.0's stop rule sbp-high is "above 180 mmHg". */
const ALARMING_SYSTOLIC = 190;

let e2e: E2e;
let page: Page;
let team: Team;
const sessions: SessionFixture[] = [];

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
  for (let i = 0; i < CHAIRS; i += 1) {
    const fixture = await scheduledSession(e2e.app, team);
    await runningSession(e2e.app, team, fixture);
    sessions.push(fixture);
  }
});
after(async () => {
  await e2e.close();
});

const tiles = () => page.getByRole('list', { name: 'Chairs' }).getByRole('listitem');

test('thirty running chairs fit one wall display, each with its state, rate and initials', async () => {
  await page.setViewportSize(WALL_DISPLAY);
  await signInStaff(e2e, team.nurse.email);

  await page.goto(`${e2e.baseUrl}/board`);
  await page.getByRole('heading', { level: 1, name: 'Chair board' }).waitFor();
  await tiles()
    .nth(CHAIRS - 1)
    .waitFor();
  assert.equal(await tiles().count(), CHAIRS, 'one tile per chair of the clinic');
  assert.match(
    await page.getByRole('status').filter({ hasText: 'Live' }).innerText(),
    /Board as of \d{2}:\d{2}:\d{2} \S+\./,
    'the board says as of when it was computed, to the second on the clinic clock',
  );
  assert.equal(
    await tiles().filter({ hasText: 'running' }).count(),
    CHAIRS,
    'every tile shows its running infusion',
  );
  assert.equal(
    await tiles()
      .filter({ hasText: /\d mg\/h · [\d.]+ mL\/h/ })
      .count(),
    CHAIRS,
    'every tile shows the current rate in mg/h and mL/h',
  );
  // Minimum necessary: initials, never the patient's name.
  assert.equal(
    await page.getByText('Quuxington').count(),
    0,
    'no patient name on the board (initials only)',
  );

  const outside: string[] = [];
  for (let i = 0; i < CHAIRS; i += 1) {
    const box = await tiles().nth(i).boundingBox();
    assert.ok(box !== null, `tile ${String(i + 1)} is rendered`);
    if (box.x < 0 || box.y < 0) outside.push(`tile ${String(i + 1)} starts off screen`);
    if (box.x + box.width > WALL_DISPLAY.width || box.y + box.height > WALL_DISPLAY.height) {
      outside.push(
        `tile ${String(i + 1)} ends at ${String(Math.round(box.x + box.width))}×${String(Math.round(box.y + box.height))}`,
      );
    }
  }
  assert.deepEqual(outside, [], 'all 30 tiles are on one 1920×1080 screen without scrolling');
  await expectAccessible(page, 'chair board with 30 chairs');
});

test('an alarm charted for one chair reaches its tile on the open board', async () => {
  const target = sessions[17];
  assert.ok(target !== undefined, 'the fixture has an 18th session');
  assert.equal(
    await tiles().filter({ hasText: 'Alarm:' }).count(),
    0,
    'no alarm before the charted value',
  );
  const charted = await e2e.app.inject({
    method: 'POST',
    url: `/api/v1/sessions/${target.sessionId}/chart`,
    headers: team.nurse.headers(),
    payload: {
      id: randomUUID(),
      kind: 'vitals',
      occurredAt: new Date(Date.now() - 1_000).toISOString(),
      vitals: { ...NORMAL_VITALS, systolicBpMmHg: ALARMING_SYSTOLIC },
    },
  });
  assert.equal(charted.statusCode, 201, `chart write: ${charted.body}`);
  const alarmed = tiles().filter({ hasText: 'Alarm:' });
  await alarmed.first().waitFor();
  assert.equal(await alarmed.count(), 1, 'exactly the charted chair shows the alarm');
  assert.match(
    await alarmed.first().innerText(),
    new RegExp(
      `Alarm: Systolic BP ${String(ALARMING_SYSTOLIC)} mmHg, above 180 mmHg \\(rule sbp-high\\): pause`,
    ),
    'the alarmed tile is the one whose systolic was charted, with the unit and the rule it crossed',
  );
  assert.match(
    await alarmed.first().innerText(),
    new RegExp(`BP ${String(ALARMING_SYSTOLIC)}/\\d+ mmHg`),
    'its last vitals carry their unit',
  );
  await expectAccessible(page, 'chair board with an alarm');
  // Expected: the signed-out session probe (401) on the sign-in page.
  assert.deepEqual(unexpectedErrors(e2e), [], 'the browser logged no errors');
});

test("the ledger's draw form offers every chair's session by name and chooses none", async () => {
  await page.goto(`${e2e.baseUrl}/ledger`);
  await page.getByRole('heading', { level: 1, name: 'Controlled-substance ledger' }).waitFor();
  const draw = page.getByRole('form', { name: 'Draw for a session' });
  assert.deepEqual(
    await draw.getByLabel('Lot').locator('option').allTextContents(),
    ['No lot in stock'],
    'with no stock the lot list says so',
  );
  const session = draw.getByLabel('Session');
  assert.equal(await session.inputValue(), '', 'no session is chosen for the nurse');
  const labels = await session.locator('option').allTextContents();
  assert.equal(labels[0], 'Choose the session');
  const named = labels.slice(1);
  assert.equal(named.length, CHAIRS, 'one choice per occupied chair');
  for (const label of named) assert.match(label, /^Chair .+ · [A-Z.]+ · .+ · running$/);
  await expectAccessible(page, 'ledger with the floor in chairs');
});
