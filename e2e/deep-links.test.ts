/**
 * Deep links: a clinician who opens a screen's address directly (a bookmark, a link in a message,
 * a reload) gets that screen, not an empty page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signInTeam, type Team } from '../packages/server/src/intake/fixtures.test-support.ts';
import {
  scheduledSession,
  type SessionFixture,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { signInStaff, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let page: Page;
let team: Team;
let fixture: SessionFixture;

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(20_000);
  team = await signInTeam(e2e.app);
  fixture = await scheduledSession(e2e.app, team);
});
after(async () => {
  await e2e.close();
});

test('course, schedule, order, session and patient screens open from their address', async () => {
  await signInStaff(e2e, team.nurse.email);
  const screens: [string, RegExp][] = [
    [`/courses/${fixture.courseId}`, /Treatment course/],
    [`/courses/${fixture.courseId}/questionnaires`, /questionnaire/i],
    [`/sessions/${fixture.sessionId}`, /Session|Infusion/i],
    [`/patients/${fixture.patientId}`, /.+/],
  ];
  for (const [path, title] of screens) {
    await page.goto(`${e2e.baseUrl}${path}`);
    const heading = page.getByRole('heading', { level: 1, name: title });
    await heading.waitFor();
    assert.ok(await heading.isVisible(), `${path} shows its screen`);
  }
});
