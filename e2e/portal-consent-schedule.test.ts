/**
 * Consent attestation and schedule editing in Debian Chromium (issue 5). A patient on a phone reads
 * the consent text in the portal, types their name, ticks the box and agrees (stored with the text
 * version, waiting for a clinician's countersignature); the page passes axe and never scrolls
 * sideways. A nurse countersigns it on the patient's consent page, and consent becomes current. A coordinator then opens the course's questionnaire schedule, changes the follow-up
 * with a reason, saves, and sees the change in the history; that page passes
 * axe too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { clinics } from '@ketaflow/server/clinics/schema';
import { courses } from '@ketaflow/server/courses/schema';
import { patients } from '@ketaflow/server/patients/schema';
import { portalConsentAttestations } from '@ketaflow/server/portal/schema';
import { courseQuestionnaireScheduleVersions } from '@ketaflow/server/questionnaires/schema';
import { generateSyntheticRegistry } from '@ketaflow/server/research/synthetic-registry';
import { createAccount } from '@ketaflow/server/users/accounts';
import { users } from '@ketaflow/server/users/schema';
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe.ts';
import { type E2e, startE2e, unexpectedErrors } from './harness.ts';

let e2e: E2e;
let page: Page;
const PHONE = { width: 390, height: 844 };
const PATIENT = 'consent.patient@example.test';
const COORDINATOR = 'schedule.coordinator@example.test';
const NURSE = 'consent.nurse@example.test';
const PASSWORD = 'consent schedule passphrase 2026';
let patientId = '';
let courseId = '';

before(async () => {
  e2e = await startE2e();
  page = e2e.page;
  page.setDefaultTimeout(10_000);
  const db = e2e.database.db;
  const [clinic] = await db.select().from(clinics).where(eq(clinics.name, e2e.clinicName));
  const [admin] = await db.select().from(users).where(eq(users.email, e2e.admin.email));
  if (clinic === undefined || admin === undefined) throw new Error('e2e clinic or admin missing');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
    new Date(),
  );
  await generateSyntheticRegistry(db, {
    clinicId: clinic.id,
    authorUserId: admin.id,
    patients: 1,
    seed: 11,
    today,
    identity: () => ({ given: 'Consuela', family: 'Fictional', mrn: 'E2E-CONSENT-1' }),
  });
  const [patient] = await db.select().from(patients).where(eq(patients.mrn, 'E2E-CONSENT-1'));
  if (patient === undefined) throw new Error('registry patient missing');
  patientId = patient.id;
  const [course] = await db.select().from(courses).where(eq(courses.patientId, patientId));
  if (course === undefined) throw new Error('registry course missing');
  courseId = course.id;
  await createAccount(db, {
    email: PATIENT,
    displayName: 'Consuela Fictional',
    role: 'patient',
    clinicId: clinic.id,
    patientId,
    password: PASSWORD,
    passwordMustChange: false,
  });
  for (const [email, role] of [
    [COORDINATOR, 'coordinator'],
    [NURSE, 'nurse'],
  ] as const) {
    await createAccount(db, {
      email,
      displayName: `Fictional ${role}`,
      role,
      clinicId: clinic.id,
      password: PASSWORD,
      passwordMustChange: false,
    });
  }
});
after(async () => {
  await e2e.close();
});

const signIn = async (email: string): Promise<void> => {
  await page.context().clearCookies();
  await page.goto(e2e.baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'detached' });
};

test('a patient reads the consent text and agrees on a phone', async () => {
  await page.setViewportSize(PHONE);
  await signIn(PATIENT);
  await page.getByRole('heading', { level: 1, name: 'Hello, Consuela' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Consent to treatment' }).waitFor();
  await page.getByRole('button', { name: 'I agree' }).click();
  await page.getByText('Type your full name.').first().waitFor();
  await page.getByLabel('Your full name').fill('Consuela Fictional');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree' }).click();
  await page.getByText('Your agreement is recorded').waitFor();
  await page
    .getByText('A clinician will countersign it at your next visit', { exact: false })
    .waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `the portal is ${String(width)} px wide on a phone`);
  await expectAccessible(page, 'portal with consent');
  const rows = await e2e.database.db
    .select()
    .from(portalConsentAttestations)
    .where(eq(portalConsentAttestations.patientId, patientId));
  assert.equal(rows.length, 1, 'one attestation stored');
  assert.equal(rows[0]?.textVersion, 1, 'with the text version read');
});

/** In-app navigation (the router follows popstate), as following a link does. */
const goTo = async (path: string): Promise<void> => {
  await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
};

test("a nurse countersigns the patient's portal attestation as witness", async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(NURSE);
  await goTo(`/patients/${patientId}/consent`);
  await page.getByRole('heading', { level: 2, name: 'Agreed in the patient portal' }).waitFor();
  await expectAccessible(page, 'consent page with a portal attestation');
  await page.getByRole('button', { name: 'Countersign as witness' }).click();
  await page.getByText(/^Consent is current/).waitFor();
  await page.getByText(/countersigned/).waitFor();
});

test('a coordinator edits the course questionnaire schedule', async () => {
  await signIn(COORDINATOR);
  await goTo(`/courses/${courseId}/questionnaires`);
  await page.getByRole('heading', { level: 1, name: 'Questionnaire schedule' }).waitFor();
  await page.getByText(/^The protocol default \(/).waitFor();
  await expectAccessible(page, 'questionnaire schedule');
  await page.getByLabel('Follow-up after the last infusion (days)').fill('56');
  await page.getByLabel('Reason for the change').fill('Eight weeks of follow-up for this patient.');
  await page.getByRole('button', { name: 'Save the schedule' }).click();
  await page.getByText('Schedule saved').waitFor();
  await page.getByText('Eight weeks of follow-up for this patient.').waitFor();
  const versions = await e2e.database.db
    .select()
    .from(courseQuestionnaireScheduleVersions)
    .where(eq(courseQuestionnaireScheduleVersions.courseId, courseId));
  assert.equal(versions.length, 1, 'one saved version in the history');
  assert.deepEqual(unexpectedErrors(e2e), [], 'the browser logged no errors');
});
