/**
 * Browser-test harness: builds the web app when its bundle is missing or stale, starts the real
 * server in this process (buildApp with webRoot, on a fresh test database, listening on a free port),
 * seeds a fictional clinic and an admin with a one-time password through the server's services, and
 * opens Debian Chromium through playwright-core (never a downloaded browser). Console messages of
 * type error and uncaught page errors are collected for the test to check.
 */
import { createClinic } from '@ketaflow/server/clinics/service';
import { buildWeb, webIsStale, WEB_ROOT } from '@ketaflow/server/cli/web-build';
import { createTestDatabase, type TestDatabase } from '@ketaflow/server/db/test-database';
import { buildApp } from '@ketaflow/server/http/app';
import { createUser } from '@ketaflow/server/users/accounts';
import { TEST_PASSWORD } from '@ketaflow/server/testing/harness';
import { memberships } from '@ketaflow/server/users/schema';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** A console error or page error seen in the browser, with the address it came from. */
export interface BrowserError {
  readonly text: string;
  readonly url: string;
}

/** A browser error a test expects: a request it made to be refused. */
export type ExpectedError = (error: BrowserError) => boolean;

/** The request to a URL ending in `urlEnd` whose logged error mentions `text` (a status, say). */
export const refusal =
  (urlEnd: string, text: string): ExpectedError =>
  (error) =>
    error.url.endsWith(urlEnd) && error.text.includes(text);

/** The sign-in page asks whether a session exists; signed out, that answers 401 by design. */
const sessionProbe = refusal('/api/v1/auth/session', '401');

/** The errors the browser logged besides the signed-out session probe and those `expected`. */
export function unexpectedErrors(e2e: E2e, ...expected: ExpectedError[]): BrowserError[] {
  return e2e.errors.filter(
    (e) => !sessionProbe(e) && !expected.some((isExpected) => isExpected(e)),
  );
}

export interface E2e {
  readonly baseUrl: string;
  readonly page: Page;
  readonly admin: {
    readonly email: string;
    readonly oneTimePassword: string;
    readonly name: string;
  };
  /** The admin's clinic, and a second one where the same account is a nurse. */
  readonly clinicName: string;
  readonly secondClinicName: string;
  readonly errors: BrowserError[];
  readonly database: TestDatabase;
  /** The running server (for seeding through its services and moving its clock). */
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Signs a staff member of the test harness (known password, no second factor) in through the sign-in
 * page and waits for their start page, the patient list.
 */
export async function signInStaff(e2e: E2e, email: string): Promise<void> {
  const { page } = e2e;
  await page.goto(e2e.baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startE2e(): Promise<E2e> {
  if (webIsStale()) buildWeb();
  const database = await createTestDatabase();
  let app: FastifyInstance | null = null;
  let context: BrowserContext | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'ketaflow-chromium-'));
  const close = async (): Promise<void> => {
    await context?.close();
    await app?.close();
    await database.drop();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    app = await buildApp({ database, webRoot: WEB_ROOT });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const clinicName = 'Saddleback Valley Pain Clinic (fictional)';
    const secondClinicName = 'Laguna Canyon Pain Center (fictional)';
    const clinic = await createClinic(database.db, {
      name: clinicName,
      timeZone: 'America/Los_Angeles',
    });
    const name = 'Avery Testadmin';
    const { oneTimePassword, user } = await createUser(database.db, {
      email: 'avery.admin@example.test',
      displayName: name,
      role: 'admin',
      clinicId: clinic.id,
    });
    // A second site where the admin is a nurse, so sign-in asks for a clinic and the header offers
    // the switcher (no service adds a membership to an existing user yet, so it is inserted here).
    const otherClinic = await createClinic(database.db, {
      name: secondClinicName,
      timeZone: 'America/Los_Angeles',
    });
    await database.db
      .insert(memberships)
      .values({ userId: user.id, clinicId: otherClinic.id, role: 'nurse' });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'America/Los_Angeles',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: BrowserError[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push({ text: message.text(), url: message.location().url });
      }
    });
    page.on('pageerror', (error) => {
      errors.push({ text: `uncaught: ${error.message}`, url: page.url() });
    });
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      page,
      admin: { email: 'avery.admin@example.test', oneTimePassword, name },
      clinicName,
      secondClinicName,
      errors,
      database,
      app,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
